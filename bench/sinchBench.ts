/**
 * The Sinch steps of `npm run bench` (alone: `npm run bench -- --provider sinch`): Sinch's
 * incoming call (ICE → runMenu) and PIN step (PIE → connectConf, 10,000-row directory) through a
 * real n8n with the Sinch templates, next to a baseline Webhook → Respond with fixed SVAML in the
 * same run. Callbacks are signed by the official SDK's helper, as Sinch signs them. Writes the
 * Sinch section of bench/results.md; asserts nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

import { generateAuthorizationHeader } from '@sinch/sdk-client';

import type { Runtime } from '../test/e2e/runtime';
import { RealWorld } from '../test/e2e/realWorld';
import type { SinchSimulator } from '../test/simulators/sinch/server';
import type { Load } from './measure';
import { baseline, CONCURRENCY, fillDirectory, load, REQUESTS } from './measure';

const RECOMMENDED = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', DB_SQLITE_POOL_SIZE: '4' };
const START = '<!-- sinch: written by npm run bench (or npm run bench -- --provider sinch) -->';
const END = '<!-- end of sinch -->';

async function postCallback(sinch: SinchSimulator, url: string, body: object): Promise<number> {
	const text = JSON.stringify(body);
	const timestamp = new Date().toISOString();
	const contentType = 'application/json; charset=utf-8';
	const authorization = generateAuthorizationHeader('POST', text, contentType, `x-timestamp:${timestamp}`, new URL(url).pathname, sinch.applicationKey, sinch.applicationSecret);
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-timestamp': timestamp, authorization }, body: text });
	await response.arrayBuffer();
	return response.status;
}

export interface SinchSteps {
	baseline: Load;
	incoming: Load;
	pin: Load;
}

export async function sinchSteps(runtime: Runtime, say: (line: string) => void): Promise<SinchSteps> {
	say('\n== Sinch (recommended settings) ==');
	const world = await RealWorld.start(runtime, { env: RECOMMENDED, provider: 'sinch' });
	try {
		const room = await world.install();
		await fillDirectory(world, 10_000);
		await world.publish(await world.importTemplate(baseline('Baseline SVAML', 'baseline-svaml', '{"action":{"name":"hangup"}}')));
		const sinch = (world.phones as unknown as { simulator: SinchSimulator }).simulator;
		const base = world.n8n.webhookBase;
		const ice = (i: number) => ({ event: 'ice', callid: `bench-${i}`, cli: '15550001111', to: { type: 'number', endpoint: '+15557654321' }, originationType: 'PSTN' });
		// A caller's PIN, with the cookies the ICE answer set (Sinch sends them back with the PIE).
		const pie = (i: number) => ({
			event: 'pie',
			callid: `bench-${i}`,
			menuResult: { menuId: 'main', type: 'sequence', value: room.callerPin, inputMethod: 'dtmf' },
			cookies: [
				{ key: 'cli', value: '+15550001111' },
				{ key: 'attempt', value: '1' },
			],
		});
		for (const url of [`${base}/baseline-svaml`, `${base}/voice`]) {
			for (let tries = 0; tries < 50 && (await postCallback(sinch, url, ice(0)).catch(() => 0)) !== 200; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
			for (let i = 0; i < 20; i++) await postCallback(sinch, url, ice(i));
		}
		const steps: SinchSteps = {
			baseline: await load((i) => postCallback(sinch, `${base}/baseline-svaml`, ice(i))),
			incoming: await load((i) => postCallback(sinch, `${base}/voice`, ice(i))),
			pin: await load((i) => postCallback(sinch, `${base}/voice`, pie(i))),
		};
		for (const [step, result] of Object.entries(steps)) say(`sinch ${step}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}`);
		return steps;
	} finally {
		await world.stop();
	}
}

export function sinchSection(steps: SinchSteps): string {
	const row = (label: string, result: Load) => `| ${label} | ${result.rps.toFixed(1)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.p99.toFixed(1)} | ${result.errors} |`;
	return [
		START,
		'## Sinch',
		'',
		`The Sinch templates (workflows/sinch/) in n8n 2.40.7 on Node 24, SQLite, recommended settings, ${cpus().length} cores; ${REQUESTS} signed callbacks per step at concurrency ${CONCURRENCY}; written on ${new Date().toISOString().slice(0, 10)}. Each PIN step also records the caller and, after answering, plans the sync.`,
		'',
		'| step | req/s | p50 ms | p95 ms | p99 ms | errors |',
		'| --- | ---: | ---: | ---: | ---: | ---: |',
		row('baseline: Webhook → Respond (fixed SVAML)', steps.baseline),
		row('incoming call (ICE → runMenu)', steps.incoming),
		row('PIN step (PIE → connectConf), 10,000-row directory', steps.pin),
		END,
	].join('\n');
}

/** Replaces (or adds) the Sinch section of results.md. */
export function writeSinchSection(file: string, section: string): void {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	const next = start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, next);
}
