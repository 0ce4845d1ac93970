import { BRIDGE_LABEL } from '../../nodes/core/ivr/labels';
import { BRIDGE_PIN, CALLER_PIN, Scenario } from './scenario';

let world: Scenario;
beforeEach(async () => {
	world = await Scenario.start();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

describe('S1: bridge gating', () => {
	it('announces waiting callers in one request when the bridge joins, then follows joins and leaves', async () => {
		const callers = [0, 1, 2].map((n) => world.call({ from: `+1555000000${n}`, keys: `${CALLER_PIN}#` }));
		for (const caller of callers) await caller.joined();
		await world.quiet();
		expect(world.dsRequests('joined')).toEqual([]);

		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		expect(world.dsRequests('joined').map((request) => request.body)).toEqual([
			expect.arrayContaining(callers.map((caller) => expect.objectContaining({ call_id: caller.call.sid, caller_number: caller.call.from }))),
		]);
		expect((world.dsRequests('joined')[0].body as unknown[]).length).toBe(3);

		const fourth = world.call({ from: '+15550000004', keys: `${CALLER_PIN}#` });
		await fourth.joined();
		await world.quiet();
		expect(world.dsRequests('joined').map((request) => request.body)).toHaveLength(2);
		expect(world.dsRequests('joined')[1].body).toEqual([{ call_id: fourth.call.sid, caller_number: '+15550000004' }]);

		await callers[0].hangUp();
		await world.quiet();
		expect(world.dsRequests('left').map((request) => request.body)).toEqual([[callers[0].call.sid]]);

		await bridge.hangUp();
		await world.quiet();
		expect(world.dsRequests('left')).toHaveLength(2);
		expect([...(world.dsRequests('left')[1].body as string[])].sort()).toEqual([callers[1].call.sid, callers[2].call.sid, fourth.call.sid].sort());

		const everyCallId = world.ds.requests.flatMap((request) => JSON.stringify(request.body ?? ''));
		expect(everyCallId.join()).not.toContain(bridge.call.sid);
		expect(world.ds.anomalies).toEqual([]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		// The callers stay, waiting for the bridge to come back.
		expect(world.twilio.conferenceNamed(world.conferenceName)?.participants.size).toBe(3);
		expect(bridge.transcript.find((entry) => entry.type === 'joined')).toEqual(expect.objectContaining({ label: BRIDGE_LABEL }));
	});
});

describe('S2: PINs', () => {
	it('a wrong PIN then the right one joins; Digital Samba hears of it once the bridge is in', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ keys: `999999#${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
		expect(world.dsRequests('joined').map((request) => request.body)).toEqual([[expect.objectContaining({ call_id: caller.call.sid })]]);
	});

	it('three wrong PINs: goodbye, hang up, and no Digital Samba request', async () => {
		const caller = world.call({ keys: '111111#222222#333333#' });
		await caller.done;
		await world.quiet();
		expect(caller.heard.at(-1)).toBe('Sorry, that PIN was not recognised. Goodbye.');
		expect(world.phoneRequests()).toEqual([]);
	});
});

describe('S4: spoofing', () => {
	it.each([
		['the caller PIN', `${CALLER_PIN}#`, {}, 'caller'],
		['the caller PIN with extra digits', `${CALLER_PIN}${BRIDGE_PIN}#`, {}, 'refused'],
		['a random long PIN', '83749283749283749283#', {}, 'refused'],
		['a forged bridge display name and the caller PIN', `${CALLER_PIN}#`, { callerName: 'ds-bridge' }, 'caller'],
		['SIP with the bridge’s display name and the caller PIN', `${CALLER_PIN}#`, { sip: { domain: 'digitalsamba.sip.twilio.com', displayName: 'Digital Samba' } }, 'caller'],
	])('%s never makes the bridge', async (_, keys, extra, outcome) => {
		const caller = world.call({ keys, ...extra });
		await Promise.race([caller.joined(), caller.done]);
		await world.quiet();
		const labels = caller.transcript.flatMap((entry) => (entry.type === 'joined' ? [entry.label] : []));
		if (outcome === 'caller') expect(labels).toEqual([expect.stringMatching(/^p\.CA/)]);
		else expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
		expect(labels).not.toContain(BRIDGE_LABEL);
		// The conference has not started: no bridge, so nothing reaches Digital Samba.
		expect(world.twilio.conferenceNamed(world.conferenceName)?.status ?? 'none').not.toBe('in-progress');
		expect(world.phoneRequests()).toEqual([]);
	});
});

describe('option: connect the bridge when callers wait', () => {
	it('a caller arriving with no bridge in a live room makes Digital Samba dial the bridge, which joins', async () => {
		await world.stop();
		world = await Scenario.start({ connectBridge: true });
		world.ds.state.startSession(world.roomId);
		const caller = world.call({ keys: `${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		expect(world.dsRequests('connect')).toHaveLength(1);
		expect(world.bridgeCalls).toHaveLength(1);
		await world.bridgeCalls[0].joined();
		await world.quiet();
		expect(world.dsRequests('joined').map((request) => request.body)).toEqual([[expect.objectContaining({ call_id: caller.call.sid })]]);
	});

	it('callers arriving before the bridge does ask only once', async () => {
		await world.stop();
		world = await Scenario.start({ connectBridge: true });
		world.ds.state.startSession(world.roomId);
		// Digital Samba accepts the request but its dial has not arrived yet.
		world.ds.onBridgeConnect = undefined;
		for (const n of [1, 2, 3]) {
			const caller = world.call({ from: `+1555000000${n}`, keys: `${CALLER_PIN}#` });
			await caller.joined();
		}
		await world.quiet();
		expect(world.dsRequests('connect')).toHaveLength(1);
	});

	it('without a live session, nothing is connected', async () => {
		await world.stop();
		world = await Scenario.start({ connectBridge: true });
		const caller = world.call({ keys: `${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		expect(world.dsRequests('connect')).toEqual([]);
		expect(world.ds.requests.filter((request) => request.path.endsWith('/live'))).toHaveLength(1);
	});
});
