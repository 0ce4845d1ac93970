/**
 * Prepares the real n8n once, before any end-to-end file runs (Jest runs those files in parallel
 * workers; each would otherwise find an empty cache and build into the same folder), and Debian's
 * Chromium for the editor test: installing it while other files run loaded the machine enough to
 * push the hostile-input test's event-loop probe past its limit. Runs only when an e2e test is
 * selected.
 */
import { ensureChromium } from './editor/browser';
import { ensureRuntime } from './runtime';

export default function globalSetup(): void {
	const started = Date.now();
	const log = (line: string) => process.stdout.write(`[e2e runtime] ${line}\n`);
	ensureRuntime(log);
	try {
		ensureChromium(log);
	} catch (error) {
		// The editor test says so itself; the other files do not need a browser.
		log(String(error));
	}
	log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}
