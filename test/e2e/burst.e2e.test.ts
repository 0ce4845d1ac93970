/**
 * Callers in bursts through a real n8n 2.40.7 (SQLite) with the shipped templates, installed fresh:
 * Digital Samba's list stays exact when 20 callers enter their PIN at the same instant and hang up
 * in random order, three rounds, the bridge leaving and returning in the middle of one, callbacks
 * duplicated and reordered. What n8n's stores do under concurrency is n8n's own here.
 */
import { burstRounds } from '../helpers/burst';
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
	await burstRounds(
		{
			ds: world.ds,
			twilio: world.twilio,
			roomId: room.id,
			conferenceName: room.conference,
			callerPin: room.callerPin,
			call: (options) => world.call(options),
			bridge: () => world.bridge(room),
			quiet: () => world.quiet(),
			failedExecutions: () => world.failedExecutions(),
		},
		{ callers: 20, rounds: 3, bridgeBounceRound: 2, log: (line) => process.stdout.write(`[burst e2e] ${line}\n`) },
		(phase, view) => {
			phases.push(phase);
			expect({ phase, listed: view.listed, anomalies: view.anomalies }).toEqual({ phase, listed: view.expected, anomalies: [] });
		},
	);
	expect(phases).toHaveLength(8);
	expect(world.ds.violations).toEqual([]);
	expect(await world.failedExecutions()).toEqual([]);
}, 15 * 60 * 1000);
