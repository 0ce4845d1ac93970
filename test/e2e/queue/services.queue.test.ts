/**
 * Queue mode's services as the tests start them (test/e2e/services/): PostgreSQL 17 and Redis on
 * loopback, their data in temporary folders; PostgreSQL as `nobody` when we are root (it refuses
 * root); nothing left running or on disk once stopped, and a start that fails undoes itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';

import { ensurePostgres, PostgresServer } from '../services/postgres';
import { ensureRedis, RedisServer } from '../services/redis';
import { ServiceProcess } from '../services/serviceProcess';

/** Sends one line to a loopback port and returns the first reply. */
function ask(port: number, line: string | Buffer): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => socket.write(line));
		socket.once('data', (data) => {
			resolve(data.toString('utf8'));
			socket.destroy();
		});
		socket.once('error', reject);
	});
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

it('PostgreSQL 17 runs on loopback (as nobody under root) and leaves nothing behind', async () => {
	const native = ensurePostgres();
	expect(execFileSync(`${native}/bin/postgres`, ['--version'], { encoding: 'utf8' })).toMatch(/PostgreSQL\) 17\./);
	const server = await PostgresServer.start(native);
	const pid = server.service.pid!;
	const folder = server.service.folder;
	try {
		expect(server.n8nEnv).toEqual(expect.objectContaining({ DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(server.port) }));
		// PostgreSQL's SSLRequest packet gets its one-byte answer: a server that speaks PostgreSQL is listening.
		const startup = Buffer.alloc(8);
		startup.writeInt32BE(8, 0);
		startup.writeInt32BE(80877103, 4); // SSLRequest: answered with one byte, 'N' or 'S'
		expect(['N', 'S']).toContain(await ask(server.port, startup));
		if (process.getuid?.() === 0) expect(uidOf(pid)).toBe(65534);
		expect(statSync(folder).isDirectory()).toBe(true);
	} finally {
		await server.stop();
	}
	expect(alive(pid)).toBe(false);
	expect(existsSync(folder)).toBe(false);
}, 120_000);

it('Redis answers PING on loopback and leaves nothing behind', async () => {
	const server = await RedisServer.start(ensureRedis());
	const pid = server.service.pid!;
	const folder = server.service.folder;
	try {
		expect(await ask(server.port, 'PING\r\n')).toBe('+PONG\r\n');
		expect(server.n8nEnv).toEqual({ QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(server.port) });
	} finally {
		await server.stop();
	}
	expect(alive(pid)).toBe(false);
	expect(existsSync(folder)).toBe(false);
}, 60_000);

it('a server that exits while starting rejects and leaves no folder', async () => {
	const service = ServiceProcess.folder('n8n-broken');
	await expect(service.start(ensureRedis(), ['--port', 'not-a-port'], /Ready to accept connections/)).rejects.toThrow(/exited/);
	expect(service.pid).toBeUndefined();
	expect(existsSync(service.folder)).toBe(false);
}, 60_000);
