/**
 * The provider conformance suite, workflow layer: the same whole calls, through each provider's
 * simulator and that provider's templates. Adding a provider means making this pass for it (and
 * its e2e twin). Every Digital Samba request is checked against the official OpenAPI spec.
 */
import { networks } from '../simulators/networks';
import { BRIDGE_PIN, CALLER_PIN, ConformanceWorld } from './conformance';

describe.each(Object.keys(networks))('provider %s', (provider) => {
	let world: ConformanceWorld;
	beforeEach(async () => {
		world = await ConformanceWorld.start(provider);
	});
	afterEach(async () => {
		await world.stop();
		expect(world.ds.violations).toEqual([]);
	});

	it('S1: early callers wait; the bridge joining announces them in one request; later joins and leaves follow', async () => {
		const callers = [0, 1, 2].map((n) => world.call({ from: `+1555000000${n}`, keys: `${CALLER_PIN}#` }));
		for (const caller of callers) await caller.joined();
		await world.quiet();
		expect(world.dsRequests('joined')).toEqual([]);

		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		const announced = world.dsRequests('joined').map((request) => request.body as Array<{ call_id: string; caller_number: string }>);
		expect(announced).toHaveLength(1);
		expect(announced[0].map((entry) => [entry.call_id, entry.caller_number]).sort()).toEqual(callers.map((caller) => [caller.callId, caller.from]).sort());

		const fourth = world.call({ from: '+15550000004', keys: `${CALLER_PIN}#` });
		await fourth.joined();
		await world.quiet();
		expect(world.dsRequests('joined')[1]?.body).toEqual([{ call_id: fourth.callId, caller_number: '+15550000004' }]);

		await callers[0].hangUp();
		await world.quiet();
		expect(world.dsRequests('left').map((request) => request.body)).toEqual([[callers[0].callId]]);

		await bridge.hangUp();
		await world.quiet();
		expect(world.dsRequests('left')).toHaveLength(2);
		expect([...(world.dsRequests('left')[1].body as string[])].sort()).toEqual([callers[1].callId, callers[2].callId, fourth.callId].sort());
		// The bridge is never reported, and Digital Samba ends up with nobody.
		expect(JSON.stringify(world.ds.requests.map((request) => request.body ?? ''))).not.toContain(bridge.callId);
		expect(world.ds.anomalies).toEqual([]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		expect(world.failedExecutions()).toEqual([]);
	});

	it('S2: a wrong PIN, then the right one, joins; three wrong PINs hear goodbye and reach nothing', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ keys: `999999#${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
		expect(world.dsRequests('joined').map((request) => request.body)).toEqual([[expect.objectContaining({ call_id: caller.callId })]]);

		const stranger = world.call({ keys: '111111#222222#333333#' });
		await stranger.joined().catch(() => undefined);
		await world.quiet();
		expect(stranger.ended).toBe(true);
		expect(stranger.heard.at(-1)).toBe('Sorry, that PIN was not recognised. Goodbye.');
		expect(world.phones.members(world.conferenceName)).not.toContain(stranger.callId);
		expect(world.dsRequests('joined')).toHaveLength(1);
	});

	it.each([
		['the caller PIN with the bridge PIN after it', `${CALLER_PIN}${BRIDGE_PIN}#`],
		['a random long PIN', '83749283749283749283#'],
	])('S4: %s never makes the bridge', async (_name, keys) => {
		const caller = world.call({ keys });
		await Promise.race([caller.joined(1, 2000).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
		await world.quiet();
		expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
		expect(world.phones.members(world.conferenceName)).toEqual([]);
		expect(world.phoneRequests()).toEqual([]);
	});
});
