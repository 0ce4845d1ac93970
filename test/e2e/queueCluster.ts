/**
 * n8n's queue mode as a self-hoster runs it (DESIGN D10): PostgreSQL and Redis, one main (editor,
 * public API, trigger activation), one webhook processor (`n8n webhook`, where Twilio and Digital
 * Samba send their requests) and workers (`n8n worker`) that run the executions. Every process
 * loads the package from one shared user folder and shares one encryption key.
 *
 * `WEBHOOK_URL` names the webhook processor and `N8N_EDITOR_BASE_URL` the main: the URLs the
 * package writes (the number's voice URL, Digital Samba's webhook) must come from the first.
 */
import { randomBytes } from 'node:crypto';

import { N8nInstance } from './n8nInstance';
import type { Runtime } from './runtime';
import type { PostgresServer } from './services/postgres';
import { PostgresServer as Postgres, ensurePostgres } from './services/postgres';
import type { RedisServer } from './services/redis';
import { RedisServer as Redis, ensureRedis } from './services/redis';
import { freePorts } from './services/serviceProcess';

export interface QueueOptions {
	workers?: number;
	/** Executions each worker runs at once (`n8n worker --concurrency`; n8n's default is 10). */
	concurrency?: number;
	env?: Record<string, string>;
	/** The main's port; the webhook processor takes port + 2, the workers the ports after (free ones when absent). */
	port?: number;
}

export class QueueCluster {
	postgres?: PostgresServer;
	redis?: RedisServer;
	main!: N8nInstance;
	webhook!: N8nInstance;
	readonly workers: N8nInstance[] = [];

	/** Everything started here is stopped again if any of it fails to start. */
	static async start(runtime: Runtime, options: QueueOptions = {}): Promise<QueueCluster> {
		const cluster = new QueueCluster();
		try {
			cluster.postgres = await Postgres.start(ensurePostgres());
			cluster.redis = await Redis.start(ensureRedis());
			const workers = options.workers ?? 2;
			const base = options.port ?? (await freePorts(4 + 2 * workers));
			const mainUrl = `http://127.0.0.1:${base}/`;
			const webhookUrl = `http://127.0.0.1:${base + 2}/`;
			const env = {
				EXECUTIONS_MODE: 'queue',
				N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
				N8N_EDITOR_BASE_URL: mainUrl,
				...cluster.postgres.n8nEnv,
				...cluster.redis.n8nEnv,
				...options.env,
			};
			// The usual layout: production webhooks only on webhook processors, so a URL that names the main fails.
			cluster.main = new N8nInstance(runtime, { port: base, env: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }, webhookUrl });
			cluster.main.installPackage();
			// The main migrates the database; the others start once it is ready.
			await cluster.main.start();
			const shared = { env, webhookUrl, userFolder: cluster.main.userFolder };
			cluster.webhook = new N8nInstance(runtime, { ...shared, port: base + 2, role: 'webhook' });
			for (let i = 0; i < workers; i++) {
				const concurrency: Record<string, string> = options.concurrency ? { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(options.concurrency) } : {};
				cluster.workers.push(new N8nInstance(runtime, { ...shared, env: { ...env, ...concurrency }, port: base + 4 + 2 * i, role: 'worker' }));
			}
			await Promise.all([cluster.webhook.start(), ...cluster.workers.map((worker) => worker.start())]);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/** Every n8n process, main first. */
	get processes(): N8nInstance[] {
		return [this.main, this.webhook, ...this.workers].filter(Boolean);
	}

	async stop(): Promise<void> {
		// Workers and the webhook processor before the main (it owns the shared user folder), then the services.
		await Promise.all([this.webhook, ...this.workers].filter(Boolean).map((process) => process.stop()));
		await this.main?.stop();
		await this.redis?.stop();
		await this.postgres?.stop();
	}
}
