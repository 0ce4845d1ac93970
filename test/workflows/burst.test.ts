/**
 * The participant list stays exact when callers arrive and leave together (the shipped templates in
 * n8n-core, with stores that behave as n8n's do under concurrency: test/helpers/inMemory*.ts).
 */
import { burstRounds } from '../helpers/burst';
import { CALLER_PIN, Scenario } from './scenario';

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
	await burstRounds(
		{
			ds: world.ds,
			twilio: world.twilio,
			roomId: world.roomId,
			conferenceName: world.conferenceName,
			callerPin: CALLER_PIN,
			call: (options) => world.call(options),
			bridge: () => world.bridge(),
			quiet: () => world.quiet(),
			failedExecutions: async () => world.host.runs.filter(({ run }) => run.data.resultData.error).map(({ run }) => String(run.data.resultData.error?.message)),
		},
		{ callers: 20, rounds: 3, bridgeBounceRound: 2 },
		(phase, view) => {
			phases.push(phase);
			expect({ phase, listed: view.listed, anomalies: view.anomalies }).toEqual({ phase, listed: view.expected, anomalies: [] });
		},
	);
	expect(phases).toHaveLength(8);
	// Every caller was announced once and reported left once: 60 of each, in batches.
	const announced = world.dsRequests('joined').flatMap((request) => (request.body as Array<{ call_id: string }>).map((call) => call.call_id));
	const left = world.dsRequests('left').flatMap((request) => request.body as string[]);
	expect(new Set(announced).size).toBe(60);
	expect(left.length).toBe(announced.length);
}, 120_000);
