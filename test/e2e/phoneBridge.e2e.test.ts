/**
 * End to end on one n8n process (SQLite): the phone bridge scenarios S1–S7
 * (test/e2e/scenarios/phoneBridge.ts). The same steps run on queue mode in test/e2e/queue/.
 */
import { RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';
import { phoneBridgeScenarios } from './scenarios/phoneBridge';

phoneBridgeScenarios(() => RealWorld.start(ensureRuntime((line) => process.stdout.write(`[e2e] ${line}\n`))));
