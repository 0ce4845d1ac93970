/**
 * A server the tests start themselves (PostgreSQL, Redis): one child process, on loopback, in a
 * temporary folder that goes away with it. Owned from the first start: a failure while starting
 * stops the process and removes the folder, so nothing is left running or on disk.
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class ServiceProcess {
	readonly log: string[] = [];
	private child?: ChildProcess;

	private constructor(
		readonly name: string,
		/** The temporary folder the service keeps its data in; removed when it stops. */
		readonly folder: string,
	) {}

	/** A folder under the system's temp dir; readable by other users (a server may run as one). */
	static folder(name: string): ServiceProcess {
		const folder = mkdtempSync(path.join(tmpdir(), `${name}-`));
		chmodSync(folder, 0o755);
		return new ServiceProcess(name, folder);
	}

	/** Starts the server and waits until it prints `ready`; on any failure everything is undone. */
	async start(file: string, args: string[], ready: RegExp, options: SpawnOptions = {}, withinMs = 60_000): Promise<void> {
		try {
			this.child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
			// A binary that cannot be run (missing, not executable) is reported here, not thrown later.
			this.child.once('error', (error) => this.log.push(`\n${error.message}\n`));
			const keep = (chunk: Buffer) => this.log.push(chunk.toString('utf8'));
			this.child.stdout?.on('data', keep);
			this.child.stderr?.on('data', keep);
			const started = Date.now();
			while (!ready.test(this.log.join(''))) {
				if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`${this.name} exited: ${this.output()}`);
				if (Date.now() - started > withinMs) throw new Error(`${this.name} did not become ready: ${this.output()}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	/** The server's process ID while it runs. */
	get pid(): number | undefined {
		return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
	}

	output(): string {
		return this.log.join('').slice(-2000);
	}

	/** Stops the server with `signal` (its clean shutdown), SIGKILL after 15 s; then removes the folder. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		await endProcess(this.child, signal);
		rmSync(this.folder, { recursive: true, force: true });
	}
}

/**
 * Ends a child process with `signal` (its clean shutdown) and waits for it to exit; SIGKILL if it
 * is still there after `graceMs`. Nothing to do when it already ended.
 */
export async function endProcess(child: ChildProcess | undefined, signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** `count` consecutive free TCP ports on loopback; returns the first. */
export async function freePorts(count: number): Promise<number> {
	for (;;) {
		const base = 20000 + Math.floor(Math.random() * 20000);
		const free = await Promise.all(
			Array.from({ length: count }, (_, i) =>
				new Promise<boolean>((resolve) => {
					const server = createServer().once('error', () => resolve(false));
					server.listen(base + i, '127.0.0.1', () => server.close(() => resolve(true)));
				}),
			),
		);
		if (free.every(Boolean)) return base;
	}
}
