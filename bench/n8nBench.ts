/**
 * npm run bench: the phone bridge measured through a real n8n 2.40.7 on this machine, under n8n's
 * default settings and under the settings the README recommends, each step side by side with a
 * baseline in the same run. Prints numbers and writes bench/results.md; it asserts nothing.
 *   - incoming call (Webhook → Telephony Request → Respond) vs Webhook → Respond with fixed TwiML
 *   - PIN step with a 10,000-row directory vs the same baseline with one expression
 *   - 100 callers waiting, then the bridge joins: time until Digital Samba has them all, requests
 *   - mute sync: Digital Samba webhook → Twilio participant muted
 *   - bursts: N callers (20, 50, 100) enter the PIN at the same instant with the bridge in: time
 *     until Digital Samba lists them all; then all hang up at once: time until it lists none
 *   - memory n8n gains by loading the package
 *   - Sinch, Vonage and Plivo: their incoming-call and PIN steps, with their templates (bench/providerBench.ts)
 * npm run bench -- --queue: the same steps on n8n's queue mode instead (bench/queueBench.ts).
 * npm run bench -- --provider sinch (or vonage, plivo): only that provider's steps.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';

import { N8nInstance } from '../test/e2e/n8nInstance';
import type { Room } from '../test/e2e/realWorld';
import { RealWorld } from '../test/e2e/realWorld';
import { ensureRuntime } from '../test/e2e/runtime';
import type { PhoneCall } from '../test/simulators/twilio/callDriver';
import type { Burst, Load } from './measure';
import { queueBench, queueSection } from './queueBench';
import { PROVIDER_BENCHES, providerSection, providerSteps, writeProviderSection } from './providerBench';
import { burst, CONCURRENCY, fillDirectory, measureSteps, REQUESTS, waitUntil } from './measure';

const WAITING_CALLERS = 100;
const say = (line = '') => process.stdout.write(`${line}\n`);

const SETTINGS: Record<string, Record<string, string>> = {
	default: {},
	recommended: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', DB_SQLITE_POOL_SIZE: '4' },
};

async function bridgeFlush(world: RealWorld, room: Room) {
	const callers: PhoneCall[] = [];
	for (let n = 0; n < WAITING_CALLERS; n++) callers.push(world.call({ from: `+1555${String(n).padStart(7, '0')}`, keys: `${room.callerPin}#` }));
	await Promise.all(callers.map((caller) => caller.joined(1, 120_000)));
	await world.quiet(1000);
	const before = world.ds.requests.length;
	const bridge = world.bridge(room);
	await bridge.joined(1, 30_000);
	const joinedAt = performance.now();
	const announced = () =>
		new Set(world.ds.requests.slice(before).filter((request) => request.path.endsWith('/joined') && request.status === 200).flatMap((request) => (request.body as Array<{ call_id: string }>).map((call) => call.call_id))).size;
	await waitUntil(() => announced() >= WAITING_CALLERS, 60_000);
	const seconds = (performance.now() - joinedAt) / 1000;
	const requests = world.ds.requests.slice(before).filter((request) => request.path.endsWith('/joined')).length;
	return { seconds, requests, callers, bridge };
}

async function muteSync(world: RealWorld, room: Room, caller: PhoneCall) {
	const samples: number[] = [];
	for (let i = 0; i < 10; i++) {
		const muted = i % 2 === 0;
		const started = performance.now();
		await world.ds.deliver(muted ? 'phone_participant_muted' : 'phone_participant_unmuted', { roomId: room.id, callId: caller.call.sid });
		await waitUntil(() => world.twilio.conferenceNamed(room.conference)?.participants.get(caller.call.sid)?.muted === muted, 10_000);
		samples.push(performance.now() - started);
	}
	samples.sort((a, b) => a - b);
	return samples[Math.floor(samples.length / 2)];
}

const BURSTS = [20, 50, 100];

async function memoryGain(runtime: ReturnType<typeof ensureRuntime>) {
	const measure = async (withPackage: boolean) => {
		const instance = new N8nInstance(runtime, { port: 26000 + (withPackage ? 10 : 0) });
		if (withPackage) instance.installPackage();
		await instance.start();
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const mib = instance.residentMemoryMiB();
		await instance.stop();
		return mib;
	};
	// Resident memory wanders by ±15 MiB between starts: take the median of three of each, alternating.
	const without: number[] = [];
	const withPackage: number[] = [];
	for (let i = 0; i < 3; i++) {
		without.push(await measure(false));
		withPackage.push(await measure(true));
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
	return { without: median(without), withPackage: median(withPackage) };
}

async function round(runtime: ReturnType<typeof ensureRuntime>, name: string) {
	say(`\n== ${name} settings ==`);
	const world = await RealWorld.start(runtime, { env: SETTINGS[name] });
	try {
		const room = await world.install();
		await fillDirectory(world, 10_000);
		const results = await measureSteps(world, room);
		for (const [step, result] of Object.entries(results)) say(`${step}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}`);
		const flush = await bridgeFlush(world, room);
		say(`bridge joins with ${WAITING_CALLERS} waiting: all announced after ${flush.seconds.toFixed(2)} s in ${flush.requests} request(s)`);
		const mute = await muteSync(world, room, flush.callers[0]);
		say(`mute sync (median of 10): ${mute.toFixed(1)} ms`);
		await Promise.all(flush.callers.map((caller) => caller.hangUp()));
		await world.quiet(1000);
		const bursts: Burst[] = [];
		for (const [batch, size] of BURSTS.entries()) {
			const result = await burst(world, room, size, batch);
			say(`burst of ${size}: in the conference after ${result.inConference.toFixed(2)} s, all listed after ${result.listed.toFixed(2)} s; all hang up: none listed after ${result.gone.toFixed(2)} s; exact: ${result.exact}`);
			bursts.push(result);
		}
		return { results, flush: { seconds: flush.seconds, requests: flush.requests }, mute, bursts };
	} finally {
		await world.stop();
	}
}

async function main() {
	const runtime = ensureRuntime(say);
	if (process.argv.includes('--queue')) return await queueBench(runtime, say);
	const file = path.resolve(__dirname, 'results.md');
	const providerAt = process.argv.indexOf('--provider');
	if (providerAt >= 0) {
		const bench = PROVIDER_BENCHES.find((candidate) => candidate.id === process.argv[providerAt + 1]);
		if (!bench) throw new Error(`--provider: one of ${PROVIDER_BENCHES.map((candidate) => candidate.id).join(', ')}`);
		const section = providerSection(bench, await providerSteps(bench, runtime, say));
		writeProviderSection(file, bench, section);
		say(`\n${section}`);
		return;
	}
	const rounds: Record<string, Awaited<ReturnType<typeof round>>> = {};
	for (const name of Object.keys(SETTINGS)) rounds[name] = await round(runtime, name);
	const sections: string[] = [];
	for (const bench of PROVIDER_BENCHES) sections.push(providerSection(bench, await providerSteps(bench, runtime, say)));
	const memory = await memoryGain(runtime);
	say(`\nmemory: n8n alone ${memory.without.toFixed(0)} MiB, with the package ${memory.withPackage.toFixed(0)} MiB`);

	const ratio = (a: number, b: number) => (a / b).toFixed(2);
	const lines = [
		'# Benchmark results',
		'',
		`n8n 2.40.7 on Node 24, SQLite, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); ${REQUESTS} requests per step at concurrency ${CONCURRENCY}; written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.`,
		'Recommended settings: `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`, `DB_SQLITE_POOL_SIZE=4`.',
		'',
		'| settings | step | req/s | p50 ms | p95 ms | p99 ms | vs baseline: throughput | vs baseline: p99 |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const [name, data] of Object.entries(rounds)) {
		const row = (label: string, result: Load, base: Load) =>
			`| ${name} | ${label} | ${result.rps.toFixed(1)} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.p99.toFixed(1)} | ${ratio(result.rps, base.rps)}× | ${ratio(result.p99, base.p99)}× |`;
		lines.push(row('baseline: Webhook → Respond (fixed TwiML)', data.results.baseline, data.results.baseline));
		lines.push(row('incoming call: Webhook → Telephony Request → Respond', data.results.incoming, data.results.baseline));
		lines.push(row('baseline with one expression', data.results.baselineExpression, data.results.baselineExpression));
		lines.push(row('PIN step, 10,000-row directory', data.results.pin, data.results.baselineExpression));
	}
	lines.push('', '| settings | 100 waiting callers announced after the bridge joins | requests | mute sync (Digital Samba webhook → Twilio muted, median) |', '| --- | ---: | ---: | ---: |');
	for (const [name, data] of Object.entries(rounds)) lines.push(`| ${name} | ${data.flush.seconds.toFixed(2)} s | ${data.flush.requests} | ${data.mute.toFixed(1)} ms |`);
	lines.push(
		'',
		'Bursts, with the bridge in: N callers enter the PIN at the same instant (each call: incoming step, PIN step with the 10,000-row directory, conference), then all hang up at once. Seconds from each instant; exact = Digital Samba listed each caller once and then none, with no duplicate `joined` or `left`.',
		'',
		'| settings | callers | all in the conference | all listed in Digital Samba | none listed after all hang up | exact |',
		'| --- | ---: | ---: | ---: | ---: | --- |',
	);
	for (const [name, data] of Object.entries(rounds)) {
		for (const b of data.bursts) lines.push(`| ${name} | ${b.callers} | ${b.inConference.toFixed(2)} s | ${b.listed.toFixed(2)} s | ${b.gone.toFixed(2)} s | ${b.exact ? 'yes' : 'no'} |`);
	}
	const gain = memory.withPackage - memory.without;
	lines.push(
		'',
		`Memory (resident, idle after start, median of three starts each): n8n alone ${memory.without.toFixed(0)} MiB, with this package ${memory.withPackage.toFixed(0)} MiB, a difference of ${gain >= 0 ? '+' : ''}${gain.toFixed(0)} MiB (starts differ by up to ±15 MiB on their own).`,
		'',
	);
	writeFileSync(file, `${lines.join('\n')}\n${sections.join('\n\n')}\n${queueSection(file)}`);
	say(`\n${lines.join('\n')}`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
