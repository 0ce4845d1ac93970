/**
 * What every simulator's HTTP side shares: a server on a free loopback port, its base URL, and
 * the callbacks it has sent and not yet seen answered (`track`, `settle`), so a test can wait for
 * quiet and a close never cuts a callback off.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LocalServer {
	private readonly pending = new Set<Promise<unknown>>();

	private constructor(private readonly server: Server) {}

	static async start(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<LocalServer> {
		const server = createServer((request, response) => void handle(request, response));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return new LocalServer(server);
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	track<T>(promise: Promise<T>): Promise<T> {
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
		return promise;
	}

	/** Waits until every callback sent so far has been answered. */
	async settle(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}

	async close(): Promise<void> {
		await this.settle();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/** A simulator served over HTTP: subclasses answer requests in `handle`. */
export abstract class HttpSimulator {
	private http!: LocalServer;

	protected abstract handle(request: IncomingMessage, response: ServerResponse): Promise<void>;

	/** Starts serving; the simulators' own `start` calls it. */
	protected async listen(): Promise<void> {
		this.http = await LocalServer.start((request, response) => this.handle(request, response));
	}

	/** Where the simulated API is reached (what the provider credential's base URL is set to). */
	get baseUrl(): string {
		return this.http.baseUrl;
	}

	async close(): Promise<void> {
		await this.http.close();
	}

	/** Waits until every callback sent so far has been answered. */
	async settle(): Promise<void> {
		await this.http.settle();
	}

	track<T>(promise: Promise<T>): Promise<T> {
		return this.http.track(promise);
	}

	/** A request's body as text. */
	protected async bodyOf(request: IncomingMessage): Promise<string> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	}

	/** A JSON answer, or an empty one (204 and alike) when there is no body. */
	protected reply(response: ServerResponse, status: number, body?: unknown): void {
		response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
		response.end(body === undefined ? undefined : JSON.stringify(body));
	}
}
