/**
 * npm run bench -- --queue: the voice steps on n8n's queue mode (PostgreSQL 17, Redis, a main, a
 * webhook processor, workers) with one and with two workers, next to one n8n process on SQLite, in
 * the same run and with the same recommended settings. Each setup also takes a burst of 50 callers
 * with the bridge in. Then one worker is killed in the middle of 100 callers (20 at a time): what
 * callers experienced and what Digital Samba listed (test/e2e/scenarios/workerKill.ts). Prints
 * numbers and writes the "Queue mode" section of bench/results.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';

import { RealWorld } from '../test/e2e/realWorld';
import type { Runtime } from '../test/e2e/runtime';
import type { Burst, Steps } from './measure';
import { dialWithWorkerKill, experience, lateCaller, roomAndConference } from '../test/e2e/scenarios/workerKill';
import { burst, CONCURRENCY, fillDirectory, measureSteps, REQUESTS } from './measure';

const RECOMMENDED = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', DB_SQLITE_POOL_SIZE: '4' };
const SETUPS: Array<{ name: string; workers?: number }> = [{ name: 'one process, SQLite' }, { name: 'queue mode, 1 worker', workers: 1 }, { name: 'queue mode, 2 workers', workers: 2 }];
const BURST = 50;
const START = '<!-- queue mode: written by npm run bench -- --queue -->';
const END = '<!-- end of queue mode -->';

async function measure(runtime: Runtime, setup: (typeof SETUPS)[number], say: (line: string) => void): Promise<{ steps: Steps; burst: Burst }> {
	say(`\n== ${setup.name} ==`);
	const world = await RealWorld.start(runtime, { env: RECOMMENDED, ...(setup.workers ? { queue: { workers: setup.workers } } : {}) });
	try {
		const room = await world.install();
		await fillDirectory(world, 10_000);
		const steps = await measureSteps(world, room);
		for (const [step, result] of Object.entries(steps)) say(`${step}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, errors ${result.errors}`);
		const bridge = world.bridge(room);
		await bridge.joined(1, 30_000);
		await world.quiet(1000);
		const result = await burst(world, room, BURST, 0);
		say(`burst of ${BURST}: in the conference after ${result.inConference.toFixed(2)} s, all listed after ${result.listed.toFixed(2)} s, none listed ${result.gone.toFixed(2)} s after all hang up; exact: ${result.exact}`);
		return { steps, burst: result };
	} finally {
		await world.stop();
	}
}

/** The queue-mode section already in results.md, kept when `npm run bench` rewrites the rest. */
export function queueSection(file: string): string {
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	return start >= 0 && end > start ? `\n${current.slice(start, end + END.length)}\n` : '';
}

interface KillNumbers {
	gotIn: number;
	cutOff: number;
	apology: number;
	listedAfterLoad: number;
	inConferenceAfterLoad: number;
	exactAfterNextEvent: boolean;
	failedExecutions: number;
}

/** 100 callers, 20 at a time, the first of two workers killed at the height of the third group. */
async function workerKilled(runtime: Runtime, say: (line: string) => void): Promise<KillNumbers> {
	say('\n== queue mode, 2 workers, one killed mid-load ==');
	const world = await RealWorld.start(runtime, { env: RECOMMENDED, queue: { workers: 2 } });
	try {
		const room = await world.install();
		const bridge = world.bridge(room);
		await bridge.joined(1, 30_000);
		await world.quiet(1000);
		const { callers, killedAt } = await dialWithWorkerKill(world, room, { callers: 100, atATime: 20, dropJoins: [], log: say });
		const { gotIn, cutOff, apology } = experience(callers);
		const afterLoad = roomAndConference(world, room);
		await lateCaller(world, room, killedAt);
		const afterNext = roomAndConference(world, room);
		const numbers = {
			gotIn: gotIn.length,
			cutOff: cutOff.length,
			apology: apology.length,
			listedAfterLoad: afterLoad.listed.length,
			inConferenceAfterLoad: afterLoad.inConference.length,
			exactAfterNextEvent: JSON.stringify(afterNext.listed) === JSON.stringify(afterNext.inConference) && world.ds.anomalies.length === 0,
			failedExecutions: (await world.failedExecutions()).length,
		};
		say(JSON.stringify(numbers));
		return numbers;
	} finally {
		await world.stop();
	}
}

export async function queueBench(runtime: Runtime, say: (line: string) => void): Promise<void> {
	const results: Array<{ name: string; steps: Steps; burst: Burst }> = [];
	for (const setup of SETUPS) results.push({ name: setup.name, ...(await measure(runtime, setup, say)) });
	const kill = await workerKilled(runtime, say);

	const cell = (load: Steps[keyof Steps]) => `${load.rps.toFixed(1)} req/s, p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms`;
	const lines = [
		START,
		'## Queue mode',
		'',
		`n8n 2.40.7, ${cpus().length} cores, everything on this one machine (PostgreSQL 17, Redis, the main, the webhook processor and the workers share the cores with the simulators and the load); ${REQUESTS} requests per step at concurrency ${CONCURRENCY}, recommended settings; written by \`npm run bench -- --queue\` on ${new Date().toISOString().slice(0, 10)}. Twilio's requests go to the webhook processor, which queues each execution in Redis for a worker and waits for its answer.`,
		'',
		'| setup | baseline (Webhook → Respond) | incoming call | PIN step, 10,000-row directory | burst of 50: all listed | none listed after all hang up | exact |',
		'| --- | --- | --- | --- | ---: | ---: | --- |',
		...results.map(({ name, steps, burst: b }) => `| ${name} | ${cell(steps.baseline)} | ${cell(steps.incoming)} | ${cell(steps.pin)} | ${b.listed.toFixed(2)} s | ${b.gone.toFixed(2)} s | ${b.exact ? 'yes' : 'no'} |`),
		'',
		'A worker killed (`SIGKILL`) in the middle of 100 callers dialling 20 at a time, two workers, the bridge in; the next event is a late caller once healing may act (docs/participant-sync.md, *Healing*):',
		'',
		'| callers in the conference | cut off | heard the fallback apology | Digital Samba listed, right after the load | exact after the next event | executions n8n marked failed |',
		'| ---: | ---: | ---: | ---: | --- | ---: |',
		`| ${kill.gotIn} of 100 | ${kill.cutOff} | ${kill.apology} | ${kill.listedAfterLoad} of ${kill.inConferenceAfterLoad} | ${kill.exactAfterNextEvent ? 'yes' : 'no'} | ${kill.failedExecutions} |`,
		'',
		END,
	];
	const file = path.resolve(__dirname, 'results.md');
	const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
	const section = lines.join('\n');
	const updated = current.includes(START) ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section) : `${current.trimEnd()}\n\n${section}\n`;
	writeFileSync(file, updated);
	say(`\n${section}`);
}
