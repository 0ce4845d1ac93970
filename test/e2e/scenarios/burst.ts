/**
 * Callers in bursts through a real n8n 2.40.7 with the shipped templates, installed fresh: Digital
 * Samba's list stays exact when 20 callers enter their PIN at the same instant and hang up in
 * random order, three rounds, the bridge leaving and returning in the middle of one, callbacks
 * duplicated and reordered (test/helpers/burst.ts). What n8n's stores do under concurrency is n8n's
 * own here: SQLite on one process, PostgreSQL across queue mode's workers.
 */
import { burstRounds, expectExact } from '../../helpers/burst';
import type { RealWorld, Room } from '../realWorld';

export function burstScenario(label: string, startWorld: () => Promise<RealWorld>): void {
	let world: RealWorld;
	let room: Room;

	beforeAll(async () => {
		world = await startWorld();
		room = await world.install('burst-room');
	}, 10 * 60 * 1000);

	afterAll(async () => {
		await world?.stop();
	}, 60_000);

	it('20 callers at the same instant, three rounds, bridge bounce in round 2, callbacks replayed: exact after every phase, no failed execution', async () => {
		const phases: string[] = [];
		const log = (line: string) => process.stdout.write(`[${label}] ${line}\n`);
		await burstRounds(world.asBurstWorld(room), { callers: 20, rounds: 3, bridgeBounceRound: 2, log }, (phase, view) => {
			phases.push(phase);
			expectExact(phase, view);
		});
		expect(phases).toHaveLength(8);
		expect(world.ds.violations).toEqual([]);
		expect(await world.failedExecutions()).toEqual([]);
	}, 15 * 60 * 1000);
}
