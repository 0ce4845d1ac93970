/**
 * Prepares the real n8n once, before any end-to-end file runs (Jest runs those files in parallel
 * workers; each would otherwise find an empty cache and build into the same folder). Runs only
 * when an e2e test is selected.
 */
import { ensureRuntime } from './runtime';

export default function globalSetup(): void {
	const started = Date.now();
	ensureRuntime((line) => process.stdout.write(`[e2e runtime] ${line}\n`));
	process.stdout.write(`[e2e runtime] ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
