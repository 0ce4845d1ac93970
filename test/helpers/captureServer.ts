/**
 * One local HTTP server that records every request (method, path with its query, JSON body) and
 * answers as told: for comparing the requests our call control sends with an official SDK's, both
 * sent to it (test/core/voice/providers/<provider>/rest.test.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
	return {
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
	};
}
