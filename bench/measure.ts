/**
 * What the benchmarks share: a closed-loop load of signed Twilio requests (REQUESTS at CONCURRENCY),
 * the baseline workflows, the 10,000-row directory, and a burst of callers.
 */
import twilio from 'twilio';

import type { Room } from '../test/e2e/realWorld';
import type { RealWorld } from '../test/e2e/realWorld';
import type { WorkflowJson } from '../test/helpers/workflowHost';

export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

export interface Load {
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	errors: number;
}

export async function load(makeRequest: (i: number) => Promise<number>): Promise<Load> {
	const latencies: number[] = [];
	let errors = 0;
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < REQUESTS) {
				const i = next++;
				const t0 = performance.now();
				const status = await makeRequest(i).catch(() => 0);
				latencies.push(performance.now() - t0);
				if (status !== 200) errors++;
			}
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
	return { rps: REQUESTS / seconds, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}

export function baseline(name: string, webhookPath: string, responseBody: string): WorkflowJson {
	return {
		name,
		nodes: [
			{ id: 'w', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'responseNode', options: {} } },
			{
				id: 'r',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.5,
				position: [200, 0],
				parameters: { respondWith: 'text', responseBody, options: { responseHeaders: { entries: [{ name: 'content-type', value: 'text/xml' }] } } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none' },
	} as unknown as WorkflowJson;
}

export async function post(url: string, params: Record<string, string>, authToken: string): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params) },
		body: new URLSearchParams(params).toString(),
	});
	await response.arrayBuffer();
	return response.status;
}

export async function fillDirectory(world: RealWorld, rows: number) {
	const tables = await world.n8n.api<{ data: Array<{ id: string; name: string }> }>('GET', '/data-tables');
	const directory = tables.data.find((table) => table.name === 'dial-in directory')!;
	for (let start = 0; start < rows; start += 1000) {
		const data = Array.from({ length: Math.min(1000, rows - start) }, (_, i) => {
			const n = start + i;
			return { caller_pin: String(700000 + n), bridge_pin: String(90000000000 + n), room_id: `filler-${n}`, conference_name: `ds-filler-${n}`, phone_numbers: '' };
		});
		await world.n8n.api('POST', `/data-tables/${directory.id}/rows`, { data, returnType: 'count' });
	}
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
}

export interface Burst {
	callers: number;
	inConference: number;
	listed: number;
	gone: number;
	exact: boolean;
}

/** With the bridge in: N callers at once, then all hang up at once; seconds from each instant. */
export async function burst(world: RealWorld, room: Room, size: number, batch: number): Promise<Burst> {
	const listed = () => world.ds.state.phoneParticipantsOf(room.id);
	const started = performance.now();
	const callers = Array.from({ length: size }, (_, n) => world.call({ from: `+1666${String(batch).padStart(2, '0')}${String(n).padStart(5, '0')}`, keys: `${room.callerPin}#` }));
	await Promise.all(callers.map((caller) => caller.joined(1, 120_000)));
	const inConference = (performance.now() - started) / 1000;
	await waitUntil(() => callers.every((caller) => listed().has(caller.call.sid)), 120_000);
	const allListed = (performance.now() - started) / 1000;
	const hangUp = performance.now();
	await Promise.all(callers.map((caller) => caller.hangUp()));
	await waitUntil(() => callers.every((caller) => !listed().has(caller.call.sid)), 120_000);
	const gone = (performance.now() - hangUp) / 1000;
	await world.quiet(1000);
	return { callers: size, inConference, listed: allListed, gone, exact: world.ds.anomalies.length === 0 && listed().size === 0 };
}

export type Steps = Record<'baseline' | 'incoming' | 'baselineExpression' | 'pin', Load>;

/**
 * The voice steps under load, each after its baseline: the incoming call against Webhook → Respond
 * with fixed TwiML, the PIN step against the same with one expression (DESIGN D11).
 */
export async function measureSteps(world: RealWorld, room: Room): Promise<Steps> {
	for (const workflow of [
		baseline('Baseline', 'baseline', '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Welcome</Say></Response>'),
		baseline('Baseline with one expression', 'baseline-expression', '=<?xml version="1.0" encoding="UTF-8"?><Response><Say>{{ $json.body.CallSid }}</Say></Response>'),
	]) {
		await world.publish(await world.importTemplate(workflow));
	}
	const base = world.n8n.webhookBase;
	const token = world.twilio.authToken;
	const call = (i: number) => ({ CallSid: `CA${String(i).padStart(32, '0')}`, From: '+15550001111', To: '+15557654321', AccountSid: world.twilio.accountSid, CallStatus: 'in-progress', Direction: 'inbound' });
	// Warm-up (and wait for the just-published webhooks to answer), not measured.
	for (const url of [`${base}/baseline`, `${base}/voice`, `${base}/baseline-expression`]) {
		for (let tries = 0; tries < 50 && (await post(url, call(0), token).catch(() => 0)) !== 200; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
		for (let i = 0; i < 20; i++) await post(url, call(i), token);
	}
	// One after the other, never overlapping: each step has the machine to itself.
	const baselineLoad = await load((i) => post(`${base}/baseline`, call(i), token));
	const incoming = await load((i) => post(`${base}/voice`, call(i), token));
	const baselineExpression = await load((i) => post(`${base}/baseline-expression`, call(i), token));
	const pin = await load((i) => post(`${base}/voice?step=pin&attempt=1`, { ...call(i), Digits: room.callerPin }, token));
	return { baseline: baselineLoad, incoming, baselineExpression, pin };
}
