/**
 * Queue mode (PostgreSQL 17, Redis, a main, a webhook processor and two workers): the phone bridge
 * scenarios S1–S7 exactly as on one process (test/e2e/scenarios/phoneBridge.ts). Twilio and Digital
 * Samba reach n8n only through the webhook processor: the URLs they call are the ones the package
 * wrote, and those come from n8n's webhook URL, not the editor's (the main's).
 */
import { RealWorld } from '../realWorld';
import { ensureRuntime } from '../runtime';
import { phoneBridgeScenarios } from '../scenarios/phoneBridge';

phoneBridgeScenarios(() => RealWorld.start(ensureRuntime(), { queue: { workers: 2 } }));
