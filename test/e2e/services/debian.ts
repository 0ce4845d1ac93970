/**
 * Debian packages the tests need (redis-server for queue mode, chromium for the editor test),
 * installed when absent and we are root (CI is); the packages' own service starts are refused by
 * the machine's policy-rc.d, so nothing is left running. Without root, the error says what to
 * install.
 */
import { execFileSync } from 'node:child_process';

import type { Log } from '../runtime';

function commandPath(command: string): string | undefined {
	try {
		return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

function aptGet(args: string[]): void {
	execFileSync('apt-get', ['-y', '-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 10 * 60 * 1000 });
}

/** The path of `command`, installing Debian's `pkg` first when it is missing. */
export function ensureDebianCommand(command: string, pkg: string, why: string, log: Log = () => {}): string {
	const found = commandPath(command);
	if (found) return found;
	if (process.getuid?.() !== 0) throw new Error(`${command} is not installed: \`sudo apt-get install -y ${pkg}\` (${why})`);
	log(`installing ${pkg} from Debian packages`);
	try {
		aptGet(['install', pkg]);
	} catch {
		aptGet(['update']);
		aptGet(['install', pkg]);
	}
	const installed = commandPath(command);
	if (!installed) throw new Error(`apt-get installed ${pkg} but ${command} is not on PATH`);
	return installed;
}
