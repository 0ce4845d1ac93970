/**
 * Bursts of callers on queue mode (test/e2e/scenarios/burst.ts): the callbacks of one burst run on
 * two workers at once, and every claim is n8n's own update on PostgreSQL.
 */
import { RealWorld } from '../realWorld';
import { ensureRuntime } from '../runtime';
import { burstScenario } from '../scenarios/burst';

burstScenario('burst queue', () => RealWorld.start(ensureRuntime(), { queue: { workers: 2 } }));
