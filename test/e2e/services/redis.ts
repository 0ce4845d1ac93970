/**
 * Redis for n8n's queue mode: Debian's `redis-server`, started on loopback with no persistence in a
 * temporary folder. When it is missing and we are root (CI is), it is installed from Debian's
 * packages; the package's own service start is refused by the machine's policy-rc.d, so nothing is
 * left running. Without root, the error says what to install.
 */
import { execFileSync } from 'node:child_process';

import type { Log } from '../runtime';
import { freePorts, ServiceProcess } from './serviceProcess';

function redisServer(): string | undefined {
	try {
		return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

function aptGet(args: string[]): void {
	execFileSync('apt-get', ['-y', '-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 10 * 60 * 1000 });
}

/** The `redis-server` binary, installed from Debian's packages when absent and we may. */
export function ensureRedis(log: Log = () => {}): string {
	const found = redisServer();
	if (found) return found;
	if (process.getuid?.() !== 0) throw new Error('redis-server is not installed: `sudo apt-get install -y redis-server` (queue mode needs Redis)');
	log('installing redis-server from Debian packages');
	try {
		aptGet(['install', 'redis-server']);
	} catch {
		aptGet(['update']);
		aptGet(['install', 'redis-server']);
	}
	const installed = redisServer();
	if (!installed) throw new Error('apt-get installed redis-server but it is not on PATH');
	return installed;
}

export class RedisServer {
	private constructor(
		/** The server process and its temporary folder. */
		readonly service: ServiceProcess,
		readonly port: number,
	) {}

	get n8nEnv(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	static async start(binary: string): Promise<RedisServer> {
		const service = ServiceProcess.folder('n8n-redis');
		const port = await freePorts(1);
		const settings = ['--port', String(port), '--bind', '127.0.0.1', '--dir', service.folder, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'];
		await service.start(binary, settings, /Ready to accept connections/, { cwd: service.folder });
		return new RedisServer(service, port);
	}

	async stop(): Promise<void> {
		await this.service.stop('SIGTERM');
	}
}
