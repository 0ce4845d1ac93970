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

	async function meetingWithCaller() {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		return { bridge, caller };
	}

	it('S3: Digital Samba mutes and unmutes a caller on the phone, and nothing is reported back', async () => {
		const { caller, bridge } = await meetingWithCaller();
		await world.ds.deliver('phone_participant_muted', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(true);
		await world.ds.deliver('phone_participant_unmuted', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(false);
		expect([...world.dsRequests('mute'), ...world.dsRequests('unmute')]).toEqual([]);
		// The bridge and another room's calls are refused by name, and nothing changes.
		await world.ds.deliver('phone_participant_muted', { roomId: world.roomId, callId: bridge.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, bridge.callId)).toBe(false);
		expect(world.failedExecutions()).toEqual([expect.stringContaining('is the phone bridge, not a caller')]);
	});

	it('S3: asked to unmute, only that caller hears the request', async () => {
		const { caller, bridge } = await meetingWithCaller();
		const other = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
		await other.joined();
		await world.ds.deliver('phone_participant_asked_to_unmute', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		const ask = 'The host asks you to unmute. Press star, then 6, to unmute.';
		expect(caller.heard).toContain(ask);
		expect(other.heard).not.toContain(ask);
		expect(bridge.heard).not.toContain(ask);
	});

	it('S3: the session ends: callers hear goodbye and are hung up; Digital Samba is told once', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const callers = Array.from({ length: 4 }, (_, n) => world.call({ from: `+1555000010${n}`, keys: `${CALLER_PIN}#` }));
		await Promise.all(callers.map((caller) => caller.joined()));
		await world.quiet();
		await world.ds.deliver('session_ended', { roomId: world.roomId });
		await world.quiet();
		for (const caller of callers) {
			expect(caller.ended).toBe(true);
			expect(caller.heard).toContain('The meeting has ended. Goodbye.');
		}
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		const left = world.dsRequests('left').flatMap((request) => request.body as string[]);
		expect(left.sort()).toEqual(callers.map((caller) => caller.callId).sort());
		expect(world.ds.anomalies).toEqual([]);
	});

	it('S5: Digital Samba answers 429 then 500: the caller stays in, the report is retried, Digital Samba ends up right', async () => {
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 429, retryAfter: 1, times: 1 });
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 500, times: 1 });
		const { caller } = await meetingWithCaller();
		await world.quiet();
		expect(caller.inConference).toBe(true);
		expect(world.ds.requests.filter((request) => request.path.endsWith('/joined')).map((request) => request.status)).toEqual([429, 500, 200]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.callId]);
	});

	it('S6: conference callbacks replayed twice, newest first, change nothing in Digital Samba', async () => {
		const { caller, bridge } = await meetingWithCaller();
		const second = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
		await second.joined();
		await world.quiet();
		await second.hangUp();
		await world.quiet();
		const before = world.phoneRequests().length;
		expect(world.dsRequests('joined')).toHaveLength(2);
		expect(world.dsRequests('left')).toHaveLength(1);
		await world.phones.replayConferenceCallbacks();
		await world.quiet();
		expect(world.phoneRequests()).toHaveLength(before);
		expect(world.ds.anomalies).toEqual([]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.callId]);
		expect(bridge.inConference).toBe(true);
	});

	it('S7: *6 mutes and unmutes, *9 raises and lowers the hand; the caller never leaves in Digital Samba', async () => {
		const { caller } = await meetingWithCaller();
		const expected = ['joined'];
		for (const [keys, report] of [['*6', 'mute'], ['*9', 'raise-hand'], ['*6', 'unmute'], ['*9', 'lower-hand']] as const) {
			caller.press(keys);
			expected.push(report);
			await until(() => world.phoneRequests().length === expected.length);
			await world.quiet();
			// The phone side agrees with what Digital Samba was told.
			if (report === 'mute' || report === 'unmute') expect([report, world.phones.isMuted(world.conferenceName, caller.callId)]).toEqual([report, report === 'mute']);
		}
		expect(world.phoneRequests().map((request) => request.path.split('/').pop())).toEqual(expected);
		expect(world.dsRequests('left')).toEqual([]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).get(caller.callId)).toEqual(expect.objectContaining({ muted: false, hand_raised: false }));
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(false);
		expect(caller.inConference).toBe(true);
		expect(world.ds.anomalies).toEqual([]);
	});
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
