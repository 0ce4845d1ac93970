/**
 * Callers in bursts through a real n8n 2.40.7 (SQLite) with the shipped templates, installed fresh:
 * Digital Samba's list stays exact when 20 callers enter their PIN at the same instant and hang up
 * in random order, three rounds, the bridge leaving and returning in the middle of one, callbacks
 * duplicated and reordered. What n8n's stores do under concurrency is n8n's own here.
 */
import { burstRounds, expectExact } from '../helpers/burst';
import type { Room } from './realWorld';
import { RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';

let world: RealWorld;
let room: Room;

beforeAll(async () => {
	world = await RealWorld.start(ensureRuntime());
	room = await world.install('burst-room');
}, 10 * 60 * 1000);

afterAll(async () => {
	await world?.stop();
}, 60_000);

it('20 callers at the same instant, three rounds, bridge bounce in round 2, callbacks replayed: exact after every phase, no failed execution', async () => {
	const phases: string[] = [];
	const log = (line: string) => process.stdout.write(`[burst e2e] ${line}\n`);
	await burstRounds(world.asBurstWorld(room), { callers: 20, rounds: 3, bridgeBounceRound: 2, log }, (phase, view) => {
		phases.push(phase);
		expectExact(phase, view);
	});
	expect(phases).toHaveLength(8);
	expect(world.ds.violations).toEqual([]);
	expect(await world.failedExecutions()).toEqual([]);
}, 15 * 60 * 1000);
