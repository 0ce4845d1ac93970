/**
 * The README's quick start as a user runs it: `npm start` (optionally `-- --queue`) until it prints
 * how to call, `npm run call -- --pin <PIN>` against it, then Ctrl-C. The scripts run as their npm
 * scripts run them (ts-node), on free ports, with their own sandbox file.
 */
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { freePorts } from '../services/serviceProcess';

const ROOT = path.resolve(__dirname, '../../..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

/** How a provider's call IDs look, and whether its callers' names reach Digital Samba. */
export interface CallShape {
	callId: string;
	withName: boolean;
}

const TWILIO_CALL: CallShape = { callId: 'CA[0-9a-f]{32}', withName: true };

export function sandboxScenario(args: string[], expectations: (printed: string) => void, shape = TWILIO_CALL): void {
	let sandbox: ChildProcess | undefined;
	let printed = '';
	const folder = mkdtempSync(path.join(tmpdir(), 'sandbox-test-'));
	const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_FILE: path.join(folder, 'sandbox.json') };

	afterAll(async () => {
		if (sandbox && sandbox.exitCode === null && sandbox.signalCode === null) {
			const exited = new Promise((resolve) => sandbox!.once('exit', resolve));
			sandbox.kill('SIGINT');
			await exited;
		}
		rmSync(folder, { recursive: true, force: true });
	}, 60_000);

	it(`npm start ${args.join(' ')} serves a call placed with npm run call, and Ctrl-C stops it cleanly`, async () => {
		env.SANDBOX_PORT = String(await freePorts(8));
		sandbox = spawn(process.execPath, [...TS_NODE, 'scripts/sandbox.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		sandbox.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
		sandbox.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
		const started = Date.now();
		while (!printed.includes('Stop:')) {
			if (sandbox.exitCode !== null) throw new Error(`the sandbox exited: ${printed.slice(-2000)}`);
			if (Date.now() - started > 5 * 60_000) throw new Error(`the sandbox did not start: ${printed.slice(-2000)}`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expectations(printed);
		const pin = /Caller PIN:\s+(\d+)/.exec(printed)![1];

		const provider = args.includes('--provider') ? ['--provider', args[args.indexOf('--provider') + 1]] : [];
		const { stdout } = await promisify(execFile)(process.execPath, [...TS_NODE, 'scripts/call.ts', '--pin', pin, '--name', 'Ada', '--number', '+15550001111', ...provider], { cwd: ROOT, env });
		expect(stdout).toContain('hears    "Welcome. Please enter your meeting PIN, followed by the pound key."');
		expect(stdout).toMatch(/joins {4}conference ds-[0-9a-f-]{36}/);
		const name = shape.withName ? '"name":"Ada",' : '';
		expect(stdout).toMatch(new RegExp(`POST /api/v1/rooms/[0-9a-f-]{36}/phone-participants/joined \\[\\{"call_id":"${shape.callId}",${name}"caller_number":"\\+15550001111"\\}\\] → 200`));
		expect(stdout).toMatch(new RegExp(`POST /api/v1/rooms/[0-9a-f-]{36}/phone-participants/left \\["${shape.callId}"\\] → 200`));

		const exited = new Promise<number | null>((resolve) => sandbox!.once('exit', (code) => resolve(code)));
		sandbox.kill('SIGINT');
		expect(await exited).toBe(0);
		expect(existsSync(env.SANDBOX_FILE!)).toBe(false);
		// Nothing it started still answers: the editor's port refuses.
		await expect(fetch(`http://127.0.0.1:${env.SANDBOX_PORT}/healthz`)).rejects.toThrow();
	}, 10 * 60_000);
}
