/** Bursts of callers on one n8n process (SQLite): test/e2e/scenarios/burst.ts. */
import { RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';
import { burstScenario } from './scenarios/burst';

burstScenario('burst e2e', () => RealWorld.start(ensureRuntime()));
