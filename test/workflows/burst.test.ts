/**
 * The participant list stays exact when callers arrive and leave together (the shipped templates in
 * n8n-core, with stores that behave as n8n's do under concurrency: test/helpers/inMemory*.ts).
 */
import { burstRounds, expectExact } from '../helpers/burst';
import { Scenario } from './scenario';

let world: Scenario;
beforeEach(async () => {
	world = await Scenario.start();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

it('20 callers at the same instant, three rounds, the bridge leaving and returning in round 2, callbacks replayed: Digital Samba exact after every phase', async () => {
	const phases: string[] = [];
	await burstRounds(world.asBurstWorld(), { callers: 20, rounds: 3, bridgeBounceRound: 2 }, (phase, view) => {
		phases.push(phase);
		expectExact(phase, view);
	});
	expect(phases).toHaveLength(8);
	// Every caller was announced once and reported left once: 60 of each, in batches.
	const announced = world.dsRequests('joined').flatMap((request) => (request.body as Array<{ call_id: string }>).map((call) => call.call_id));
	const left = world.dsRequests('left').flatMap((request) => request.body as string[]);
	expect(new Set(announced).size).toBe(60);
	expect(left.length).toBe(announced.length);
}, 120_000);
