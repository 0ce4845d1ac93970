/**
 * Prepares what queue mode runs on, once, before its files start: the n8n runtime (as the e2e
 * layer), PostgreSQL 17's binaries and redis-server (test/e2e/services/).
 */
import { ensureRuntime } from '../runtime';
import { ensurePostgres } from '../services/postgres';
import { ensureRedis } from '../services/redis';

export default function globalSetup(): void {
	const started = Date.now();
	const log = (line: string) => process.stdout.write(`[queue runtime] ${line}\n`);
	ensureRuntime(log);
	ensurePostgres(log);
	ensureRedis(log);
	process.stdout.write(`[queue runtime] ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
