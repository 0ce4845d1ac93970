/**
 * A real n8n process: the packed package installed as n8n's own installer does, SQLite, an owner
 * and an API key made without the UI, and the public API to import, publish and inspect. In queue
 * mode (test/e2e/queueCluster.ts) the same class runs the main, a webhook processor (`n8n webhook`)
 * or a worker (`n8n worker`), all on one shared user folder.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Runtime } from './runtime';
import { endProcess } from './services/serviceProcess';

const ROOT = path.resolve(__dirname, '../..');
const OWNER = { email: 'owner@example.com', firstName: 'Sandbox', lastName: 'Owner', password: 'Sandbox-Passw0rd' };

/** What the process runs as: `start` is the main (editor, API, triggers); the rest are queue mode's. */
export type Role = 'start' | 'webhook' | 'worker';

export interface InstanceOptions {
	/** The HTTP port (a worker's health server); the task runner broker takes the next one. */
	port: number;
	env?: Record<string, string>;
	userFolder?: string;
	role?: Role;
	/** Where n8n says its webhooks are (`WEBHOOK_URL`): this process unless a webhook processor takes them. */
	webhookUrl?: string;
}

export class N8nInstance {
	readonly userFolder: string;
	/** A temporary folder this instance made, removed when it stops; a given one is kept. */
	private readonly ownsUserFolder: boolean;
	readonly port: number;
	apiKey = '';
	private cookie = '';
	private process?: ChildProcess;
	readonly log: string[] = [];

	constructor(
		private readonly runtime: Runtime,
		private readonly options: InstanceOptions,
	) {
		this.port = options.port;
		this.ownsUserFolder = options.userFolder === undefined;
		this.userFolder = options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'n8n-e2e-'));
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get role(): Role {
		return this.options.role ?? 'start';
	}

	/** The production webhook base URL n8n writes (its `WEBHOOK_URL`), where Twilio and Digital Samba call. */
	get webhookBase(): string {
		return `${(this.options.webhookUrl ?? `${this.baseUrl}/`).replace(/\/$/, '')}/webhook`;
	}

	private env(): NodeJS.ProcessEnv {
		// A worker's HTTP server is its health server (queue mode's readiness check).
		const worker = this.role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {};
		return {
			PATH: `${path.dirname(this.runtime.node)}:${process.env.PATH}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			WEBHOOK_URL: this.options.webhookUrl ?? `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			...worker,
			...this.options.env,
		};
	}

	/** `npm pack`, then install the tarball as n8n's installer does: scripts off, no peers, no dev. */
	installPackage(): string {
		const packDir = mkdtempSync(path.join(tmpdir(), 'n8n-pack-'));
		try {
			execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: ROOT, stdio: 'ignore' });
			const tarball = path.join(packDir, readdirSync(packDir).find((file) => file.endsWith('.tgz'))!);
			const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
			mkdirSync(nodesDir, { recursive: true });
			writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
			execFileSync('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--omit=dev', '--no-audit', '--no-fund', tarball], { cwd: nodesDir, stdio: 'ignore' });
			return nodesDir;
		} finally {
			rmSync(packDir, { recursive: true, force: true });
		}
	}

	/** Starts n8n and waits until it is ready; if it never gets there, the process is gone too. */
	async start(readyWithinMs = 120_000): Promise<void> {
		this.process = spawn(this.runtime.node, [this.runtime.n8n, this.role], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
		const keep = (chunk: Buffer) => this.log.push(chunk.toString('utf8'));
		this.process.stdout?.on('data', keep);
		this.process.stderr?.on('data', keep);
		try {
			await this.untilReady(readyWithinMs);
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	private async untilReady(withinMs: number): Promise<void> {
		const started = Date.now();
		for (;;) {
			if (!this.running) throw new Error(`n8n exited: ${this.log.join('').slice(-2000)}`);
			try {
				const health = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (health.ok) return;
			} catch {
				// not listening yet
			}
			if (Date.now() - started > withinMs) throw new Error(`n8n did not become ready: ${this.log.join('').slice(-2000)}`);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}

	get running(): boolean {
		return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
	}

	/** Owner, login and an API key with every scope, through the REST endpoints the UI uses. */
	async setUpOwner(): Promise<void> {
		const json = async (response: Response) => {
			if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
			return (await response.json()) as { data: Record<string, unknown> };
		};
		await json(await fetch(`${this.baseUrl}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) }));
		const login = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		this.cookie = cookie;
		const scopes = (await json(await fetch(`${this.baseUrl}/rest/api-keys/scopes`, { headers: { cookie } }))).data as unknown as string[];
		const key = await json(
			await fetch(`${this.baseUrl}/rest/api-keys`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({ label: 'e2e', scopes, expiresAt: null }),
			}),
		);
		this.apiKey = String(key.data.rawApiKey);
	}

	get owner() {
		return OWNER;
	}

	async api<T = Record<string, unknown>>(method: string, apiPath: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/api/v1${apiPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as T;
	}

	/**
	 * Runs a workflow from its Manual Trigger as the editor's "Execute workflow" button does (the
	 * internal REST endpoint, with the owner's session), then waits for the execution to finish.
	 */
	async runManually(workflowId: string, triggerName: string): Promise<Record<string, unknown>> {
		const started = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: JSON.stringify({ triggerToStartFrom: { name: triggerName } }),
		});
		const text = await started.text();
		if (!started.ok) throw new Error(`running ${workflowId}: ${started.status} ${text}`);
		const executionId = String((JSON.parse(text) as { data: { executionId: string } }).data.executionId);
		for (let tries = 0; tries < 300; tries++) {
			const execution = await this.api<{ finished: boolean; status: string; data?: Record<string, unknown> }>('GET', `/executions/${executionId}?includeData=true`).catch(() => undefined);
			if (execution && ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) {
				if (execution.status !== 'success') throw new Error(`execution ${executionId} ended ${execution.status}: ${JSON.stringify(execution.data).slice(0, 2000)}`);
				return execution as unknown as Record<string, unknown>;
			}
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error(`execution ${executionId} did not finish`);
	}

	/** Resident memory of the n8n process, in MiB (Linux). */
	residentMemoryMiB(): number {
		const status = readFileSync(`/proc/${this.process?.pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
	}

	/** Ends the process at once, as a crash or the OOM killer would (queue mode's failure test). */
	async kill(): Promise<void> {
		await endProcess(this.process, 'SIGKILL');
	}

	async stop(): Promise<void> {
		await endProcess(this.process, 'SIGTERM');
		if (this.ownsUserFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
