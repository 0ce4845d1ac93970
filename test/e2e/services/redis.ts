/**
 * Redis for n8n's queue mode: Debian's `redis-server`, started on loopback with no persistence in a
 * temporary folder, installed when missing (./debian.ts).
 */
import type { Log } from '../runtime';
import { ensureDebianCommand } from './debian';
import { freePorts, ServiceProcess } from './serviceProcess';

/** The `redis-server` binary, installed from Debian's packages when absent and we may. */
export function ensureRedis(log: Log = () => {}): string {
	return ensureDebianCommand('redis-server', 'redis-server', 'queue mode needs Redis', log);
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
