/**
 * The first run cannot lie: the runtime bootstrap repairs a cache that only looks ready, even when
 * npm told it to run no scripts (as `npm test` does), and a failed n8n start is a red test that
 * ends, with nothing it started left running.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { N8nInstance } from './n8nInstance';
import { RealWorld } from './realWorld';
import { CACHE_DIR, N8N_VERSION, ensureRuntime, n8nPaths, nodePaths, readProof, sqliteBinding } from './runtime';

/** Servers, sockets and child processes this Jest worker holds open. */
function openHandles(): string[] {
	return process.getActiveResourcesInfo().filter((kind) => /TCPServerWrap|TCPWrap|ProcessWrap/.test(kind)).sort();
}

describe('the runtime bootstrap', () => {
	let scratch: string;

	beforeAll(() => {
		ensureRuntime();
		// A copy of the real cache made of hard links (seconds, no extra disk): breaking the copy's
		// sqlite3 binding leaves the shared cache, used by the other e2e files meanwhile, intact.
		scratch = mkdtempSync(path.join(tmpdir(), 'n8n-runtime-broken-'));
		for (const home of [nodePaths().home, n8nPaths().home]) execFileSync('cp', ['-al', home, path.join(scratch, path.basename(home))]);
	}, 10 * 60 * 1000);

	afterAll(() => {
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	});

	it('repairs a cache whose marker says ready but whose sqlite3 binding is gone, under npm_config_ignore_scripts=true', async () => {
		unlinkSync(sqliteBinding(scratch));
		expect(readProof(n8nPaths(scratch).home)).toBeDefined();
		const before = process.env.npm_config_ignore_scripts;
		process.env.npm_config_ignore_scripts = 'true';
		const log: string[] = [];
		let runtime;
		try {
			runtime = ensureRuntime((line) => log.push(line), scratch);
		} finally {
			if (before === undefined) delete process.env.npm_config_ignore_scripts;
			else process.env.npm_config_ignore_scripts = before;
		}
		expect(log.join('\n')).toContain('failed its check');
		expect(existsSync(sqliteBinding(scratch))).toBe(true);
		expect(readProof(n8nPaths(scratch).home)).toEqual(expect.objectContaining({ n8n: N8N_VERSION, node: expect.stringMatching(/^v24\./), sqlite3: expect.stringMatching(/^3\./) }));

		// And the repaired runtime runs a real n8n on SQLite.
		const n8n = new N8nInstance(runtime, { port: 20000 + Math.floor(Math.random() * 20000) });
		try {
			await n8n.start();
			expect(n8n.running).toBe(true);
		} finally {
			await n8n.stop();
		}
	}, 10 * 60 * 1000);

	it('uses the shared cache as it is when its proof passes', () => {
		const log: string[] = [];
		ensureRuntime((line) => log.push(line), CACHE_DIR);
		expect(log.filter((line) => /installing|building/.test(line))).toEqual([]);
	}, 120_000);
});

describe('a failed n8n start', () => {
	it('rejects and closes what it had started: both simulators and the n8n process', async () => {
		// n8n refuses to start when its settings file holds another encryption key than the one it
		// is given: it exits during start-up, after the simulators are already listening.
		const userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-e2e-bad-key-'));
		mkdirSync(path.join(userFolder, '.n8n'));
		writeFileSync(path.join(userFolder, '.n8n', 'config'), JSON.stringify({ encryptionKey: 'the-key-n8n-was-set-up-with' }));
		const before = openHandles();
		let outcome: RealWorld | Error;
		try {
			outcome = await RealWorld.start(ensureRuntime(), { userFolder, env: { N8N_ENCRYPTION_KEY: 'another-key' } });
		} catch (error) {
			outcome = error as Error;
		}
		if (!(outcome instanceof Error)) await outcome.stop();
		rmSync(userFolder, { recursive: true, force: true });
		expect(outcome).toBeInstanceOf(Error);
		expect((outcome as Error).message).toMatch(/n8n exited[\s\S]*encryption key/i);
		// Sockets closed by the simulators take a tick to leave the list.
		await new Promise((resolve) => setTimeout(resolve, 200));
		// Nothing new is left open (a handle from the test before may close meanwhile).
		const count = (handles: string[]) => Object.fromEntries(['TCPServerWrap', 'TCPWrap', 'ProcessWrap'].map((kind) => [kind, handles.filter((handle) => handle === kind).length]));
		const after = count(openHandles());
		for (const [kind, was] of Object.entries(count(before))) expect([kind, after[kind] <= was]).toEqual([kind, true]);
	}, 180_000);
});
