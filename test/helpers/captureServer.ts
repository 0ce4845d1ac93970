/**
 * One local HTTP server that records every request (method, path with its query, JSON body) and
 * answers as told: for comparing the requests our call control sends with an official SDK's, both
 * sent to it (test/core/voice/providers/<provider>/rest.test.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { HttpRequestSpec, JsonRecord } from '../../nodes/core/http';

export interface Captured {
	method: string;
	path: string;
	body: unknown;
}

export interface CaptureServer {
	readonly origin: string;
	/** The requests since the last take, in order. */
	take(): Captured[];
	start(): Promise<void>;
	stop(): Promise<void>;
	/** Our request description sent here (or to its own base URL), as the nodes' transport sends it: JSON bodies. */
	send(spec: HttpRequestSpec): Promise<JsonRecord>;
	/**
	 * Runs the official client's operation, then ours, and expects the same requests in the same
	 * order: method, path with its query sorted (a bare `?` is none), body (none and `{}` alike).
	 */
	expectSameRequests(official: () => Promise<unknown>, mine: () => Promise<unknown>): Promise<void>;
}

export function captureServer(answer: (request: Captured) => { status: number; body?: unknown }): CaptureServer {
	const captured: Captured[] = [];
	let origin = '';
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const received = { method: request.method ?? '', path: request.url ?? '', body: text ? (JSON.parse(text) as unknown) : undefined };
			captured.push(received);
			const { status, body } = answer(received);
			response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
			response.end(body === undefined ? undefined : JSON.stringify(body));
		});
	});
	const normalized = (requests: Captured[]) =>
		requests.map(({ method, path, body }) => {
			const url = new URL(path, origin);
			url.searchParams.sort();
			return { method, path: url.pathname + url.search, body: body ?? {} };
		});
	const capture: CaptureServer = {
		get origin() {
			return origin;
		},
		take: () => captured.splice(0),
		async start() {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		},
		async stop() {
			await new Promise((resolve) => server.close(resolve));
		},
		async send(spec) {
			const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : '';
			const response = await fetch(`${spec.baseUrl ?? origin}${spec.path}${query}`, {
				method: spec.method,
				headers: spec.json === undefined ? {} : { 'content-type': 'application/json' },
				body: spec.json === undefined ? undefined : JSON.stringify(spec.json),
			});
			const text = await response.text();
			return text ? (JSON.parse(text) as JsonRecord) : {};
		},
		async expectSameRequests(official, mine) {
			captured.splice(0);
			await official();
			const theirs = normalized(captured.splice(0));
			await mine();
			const ours = normalized(captured.splice(0));
			expect(ours).toEqual(theirs);
			expect(ours.length).toBeGreaterThan(0);
		},
	};
	return capture;
}
