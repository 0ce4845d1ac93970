/**
 * The steps of `npm run bench` for the providers other than Twilio (alone: `npm run bench --
 * --provider sinch|vonage|plivo`): each provider's incoming call and PIN step (10,000-row directory)
 * through a real n8n with that provider's templates, next to a baseline Webhook → Respond with
 * fixed markup in the same run. Requests are signed as the provider signs them (Sinch: the
 * official SDK's helper; Vonage: an HS256 JWT by jsonwebtoken; Plivo: V3, checked by the plivo
 * package's validator). Writes each provider's section of bench/results.md; asserts nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

import { generateAuthorizationHeader } from '@sinch/sdk-client';

import { providers } from '../nodes/core/voice/providers';
import type { Runtime } from '../test/e2e/runtime';
import { RealWorld } from '../test/e2e/realWorld';
import type { SinchSimulator } from '../test/simulators/sinch/server';
import type { PlivoSimulator } from '../test/simulators/plivo/server';
import { plivoHeaders } from '../test/simulators/plivo/sign';
import type { VonageSimulator } from '../test/simulators/vonage/server';
import { webhookToken } from '../test/simulators/vonage/sign';
import type { Load } from './measure';
import { baseline, CONCURRENCY, fillDirectory, load, REQUESTS } from './measure';

const RECOMMENDED = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', DB_SQLITE_POOL_SIZE: '4' };

/** A request as the provider sends it: where (under the webhook base), what, and how it is signed. */
interface Signed {
	path: string;
	body: Record<string, unknown>;
}

interface ProviderBench {
	id: string;
	name: string;
	/** The markup the baseline answers with, and what it is. */
	baselineMarkup: string;
	markupName: string;
	incomingLabel: string;
	pinLabel: string;
	incoming(i: number): Signed;
	pin(i: number, callerPin: string): Signed;
	/** The body as sent: JSON unless the provider posts forms. */
	encode?(body: Signed['body']): string;
	headers(simulator: unknown, url: string, text: string, body: Signed['body']): Record<string, string>;
}

const sinch: ProviderBench = {
	id: 'sinch',
	name: 'Sinch',
	baselineMarkup: '{"action":{"name":"hangup"}}',
	markupName: 'SVAML',
	incomingLabel: 'incoming call (ICE → runMenu)',
	pinLabel: 'PIN step (PIE → connectConf), 10,000-row directory',
	incoming: (i) => ({ path: 'voice', body: { event: 'ice', callid: `bench-${i}`, cli: '15550001111', to: { type: 'number', endpoint: '+15557654321' }, originationType: 'PSTN' } }),
	// A caller's PIN, with the cookies the ICE answer set (Sinch sends them back with the PIE).
	pin: (i, callerPin) => ({
		path: 'voice',
		body: {
			event: 'pie',
			callid: `bench-${i}`,
			menuResult: { menuId: 'main', type: 'sequence', value: callerPin, inputMethod: 'dtmf' },
			cookies: [
				{ key: 'cli', value: '+15550001111' },
				{ key: 'attempt', value: '1' },
			],
		},
	}),
	headers(simulator, url, text) {
		const { applicationKey, applicationSecret } = simulator as SinchSimulator;
		const timestamp = new Date().toISOString();
		const contentType = 'application/json; charset=utf-8';
		const authorization = generateAuthorizationHeader('POST', text, contentType, `x-timestamp:${timestamp}`, new URL(url).pathname, applicationKey, applicationSecret);
		return { 'content-type': contentType, 'x-timestamp': timestamp, authorization };
	},
};

/** Vonage call UUIDs, one per request. */
const vonageCall = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const vonage: ProviderBench = {
	id: 'vonage',
	name: 'Vonage',
	baselineMarkup: '[{"action":"talk","text":"Goodbye"}]',
	markupName: 'NCCO',
	incomingLabel: 'incoming call (answer URL → input)',
	pinLabel: 'PIN step (input result → conversation), 10,000-row directory',
	incoming: (i) => ({ path: 'voice', body: { from: '15550001111', to: '15557654321', uuid: vonageCall(i), conversation_uuid: `CON-${vonageCall(i)}` } }),
	pin: (i, callerPin) => ({
		path: 'voice?step=pin&attempt=1',
		body: { from: '15550001111', to: '15557654321', uuid: vonageCall(i), conversation_uuid: `CON-${vonageCall(i)}`, dtmf: { digits: callerPin, timed_out: false }, speech: { results: [] } },
	}),
	headers: (simulator, _url, text) => ({ 'content-type': 'application/json', authorization: `Bearer ${webhookToken(simulator as VonageSimulator, text)}` }),
};

/** Plivo call UUIDs, one per request. */
const plivoCall = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
const plivoFields = (i: number) => ({ CallUUID: plivoCall(i), From: '15550001111', To: '15557654321', Direction: 'inbound', BillRate: '0.0085' });

const plivo: ProviderBench = {
	id: 'plivo',
	name: 'Plivo',
	baselineMarkup: '<Response><Speak>Goodbye</Speak></Response>',
	markupName: 'Plivo XML',
	incomingLabel: 'incoming call (answer URL → GetInput)',
	pinLabel: 'PIN step (GetInput action → Conference), 10,000-row directory',
	incoming: (i) => ({ path: 'voice', body: { ...plivoFields(i), CallStatus: 'ringing' } }),
	pin: (i, callerPin) => ({ path: 'voice?step=pin&attempt=1', body: { ...plivoFields(i), CallStatus: 'in-progress', Digits: callerPin, InputType: 'dtmf' } }),
	encode: (body) => new URLSearchParams(body as Record<string, string>).toString(),
	headers: (simulator, url, _text, body) => plivoHeaders(url, body as Record<string, string>, (simulator as PlivoSimulator).authToken),
};

export const PROVIDER_BENCHES = [sinch, vonage, plivo];

async function post(bench: ProviderBench, simulator: unknown, url: string, body: Signed['body']): Promise<number> {
	const text = bench.encode ? bench.encode(body) : JSON.stringify(body);
	const response = await fetch(url, { method: 'POST', headers: bench.headers(simulator, url, text, body), body: text });
	await response.arrayBuffer();
	return response.status;
}

export interface ProviderSteps {
	baseline: Load;
	incoming: Load;
	pin: Load;
}

export async function providerSteps(bench: ProviderBench, runtime: Runtime, say: (line: string) => void): Promise<ProviderSteps> {
	say(`\n== ${bench.name} (recommended settings) ==`);
	const world = await RealWorld.start(runtime, { env: RECOMMENDED, provider: bench.id });
	try {
		const room = await world.install();
		await fillDirectory(world, 10_000);
		const baselinePath = `baseline-${bench.id}`;
		await world.publish(await world.importTemplate(baseline(`Baseline ${bench.markupName}`, baselinePath, bench.baselineMarkup)));
		const simulator = (world.phones as unknown as { simulator: unknown }).simulator;
		const base = world.n8n.webhookBase;
		const at = (signed: Signed, path = signed.path) => ({ url: `${base}/${path}`, body: signed.body });
		for (const path of [baselinePath, 'voice']) {
			const first = at(bench.incoming(0), path);
			for (let tries = 0; tries < 50 && (await post(bench, simulator, first.url, first.body).catch(() => 0)) !== 200; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
			for (let i = 0; i < 20; i++) {
				const warm = at(bench.incoming(i), path);
				await post(bench, simulator, warm.url, warm.body);
			}
		}
		const send = (signed: { url: string; body: Signed['body'] }) => post(bench, simulator, signed.url, signed.body);
		const steps: ProviderSteps = {
			baseline: await load((i) => send(at(bench.incoming(i), baselinePath))),
			incoming: await load((i) => send(at(bench.incoming(i)))),
			pin: await load((i) => send(at(bench.pin(i, room.callerPin)))),
		};
		for (const [step, result] of Object.entries(steps)) say(`${bench.id} ${step}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}`);
		return steps;
	} finally {
		await world.stop();
	}
}

const markers = (bench: ProviderBench) => ({
	start: `<!-- ${bench.id}: written by npm run bench (or npm run bench -- --provider ${bench.id}) -->`,
	end: `<!-- end of ${bench.id} -->`,
});

/** What a PIN step does besides answering: the sync follows the answer, or the provider's join callback. */
function afterPin(bench: ProviderBench): string {
	const joinCallbacks = Object.values(providers).find((provider) => provider.id === bench.id)?.capabilities.conferenceEvents;
	return joinCallbacks
		? `Each PIN step also records the caller; the sync runs on ${bench.name}'s join callback, in an execution of its own (not measured here).`
		: 'Each PIN step also records the caller and, after answering, plans the sync.';
}

export function providerSection(bench: ProviderBench, steps: ProviderSteps): string {
	const row = (label: string, result: Load) => `| ${label} | ${result.rps.toFixed(1)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.errors} |`;
	const { start, end } = markers(bench);
	return [
		start,
		`## ${bench.name}`,
		'',
		`The ${bench.name} templates (workflows/${bench.id}/) in n8n 2.40.7 on Node 24, SQLite, recommended settings, ${cpus().length} cores; ${REQUESTS} signed requests per step at concurrency ${CONCURRENCY}; written on ${new Date().toISOString().slice(0, 10)}. ${afterPin(bench)}`,
		'',
		'| step | req/s | p50 ms | p95 ms | p99 ms | errors |',
		'| --- | ---: | ---: | ---: | ---: | ---: |',
		row(`baseline: Webhook → Respond (fixed ${bench.markupName})`, steps.baseline),
		row(bench.incomingLabel, steps.incoming),
		row(bench.pinLabel, steps.pin),
		end,
	].join('\n');
}

/** Replaces (or adds) the provider's section of results.md. */
export function writeProviderSection(file: string, bench: ProviderBench, section: string): void {
	const { start: START, end: END } = markers(bench);
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	const next = start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, next);
}

