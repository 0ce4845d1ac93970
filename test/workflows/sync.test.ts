import { postSigned } from '../simulators/twilio/sign';
import { CALLER_PIN, Scenario } from './scenario';

let world: Scenario;
beforeEach(async () => {
	world = await Scenario.start();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

async function meetingWithCaller() {
	const bridge = world.bridge();
	await bridge.joined();
	const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	return { bridge, caller };
}

const participant = (callSid: string) => world.twilio.conferenceNamed(world.conferenceName)?.participants.get(callSid);

describe('S3: Digital Samba → phone', () => {
	it('mute and unmute reach the Twilio participant, and nothing is reported back', async () => {
		const { caller } = await meetingWithCaller();
		const deliveries = await world.ds.deliver('phone_participant_muted', { roomId: world.roomId, callId: caller.call.sid });
		expect(deliveries).toEqual([{ endpoint: expect.stringContaining('/webhook/'), status: 200 }]);
		await world.quiet();
		expect(participant(caller.call.sid)?.muted).toBe(true);
		await world.ds.deliver('phone_participant_unmuted', { roomId: world.roomId, callId: caller.call.sid });
		await world.quiet();
		expect(participant(caller.call.sid)?.muted).toBe(false);
		// Twilio reported both changes to the phone bridge; none went back to Digital Samba.
		expect(world.twilio.deliveries.map((delivery) => delivery.params.StatusCallbackEvent)).toEqual(expect.arrayContaining(['participant-mute', 'participant-unmute']));
		expect([...world.dsRequests('mute'), ...world.dsRequests('unmute')]).toEqual([]);
	});

	it('asked to unmute: the announcement reaches that caller only', async () => {
		const { caller, bridge } = await meetingWithCaller();
		const other = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
		await other.joined();
		await world.ds.deliver('phone_participant_asked_to_unmute', { roomId: world.roomId, callId: caller.call.sid });
		await world.quiet();
		const ask = 'The host asks you to unmute. Press star, then 6, to unmute.';
		expect(caller.heard).toContain(ask);
		expect(other.heard).not.toContain(ask);
		expect(bridge.heard).not.toContain(ask);
	});

	it('session ended: callers hear goodbye, the calls end, the conference ends', async () => {
		const { caller, bridge } = await meetingWithCaller();
		await world.ds.deliver('session_ended', { roomId: world.roomId });
		await world.quiet();
		await caller.done;
		expect(caller.heard.at(-1)).toBe('The meeting has ended. Goodbye.');
		expect(caller.call.status).toBe('completed');
		expect(world.twilio.conferenceNamed(world.conferenceName)).toBeUndefined();
		await bridge.done;
		// Digital Samba was told, once, that the caller it listed has left.
		expect(world.dsRequests('left').map((request) => request.body)).toEqual([[caller.call.sid]]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		expect(world.ds.anomalies).toEqual([]);
	});

	it('session ended with callers who arrived together: one left for all of them, none reported twice', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const callers = Array.from({ length: 6 }, (_, n) => world.call({ from: `+1555000010${n}`, keys: `${CALLER_PIN}#` }));
		await Promise.all(callers.map((caller) => caller.joined()));
		await world.quiet();
		await world.ds.deliver('session_ended', { roomId: world.roomId });
		await world.quiet();
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		const left = world.dsRequests('left').flatMap((request) => request.body as string[]);
		expect(left.sort()).toEqual(callers.map((caller) => caller.call.sid).sort());
		expect(world.ds.anomalies).toEqual([]);
	});

	it('a delivery without the secret starts nothing', async () => {
		const { caller } = await meetingWithCaller();
		const [webhook] = world.ds.state.webhooks.values();
		const answer = await fetch(webhook.endpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'Bearer guessed' },
			body: JSON.stringify({ eventType: 'phone_participant_muted', roomId: world.roomId, callId: caller.call.sid }),
		});
		await world.quiet();
		expect(answer.status).toBe(401);
		expect(participant(caller.call.sid)?.muted).toBe(false);
	});
});

describe('S5: Digital Samba failures', () => {
	it('429 then 500 on joined: the caller stays in, the request is retried, and Digital Samba ends up right', async () => {
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 429, retryAfter: 1, times: 1 });
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 500, times: 1 });
		const { caller } = await meetingWithCaller();
		await world.quiet();
		expect(caller.inConference).toBe(true);
		expect(world.ds.requests.filter((request) => request.path.endsWith('/joined')).map((request) => request.status)).toEqual([429, 500, 200]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.call.sid]);
	});
});

describe('S6: duplicated and out-of-order callbacks', () => {
	it('replaying every conference callback, newest first, changes nothing in Digital Samba', async () => {
		const { caller, bridge } = await meetingWithCaller();
		const second = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
		await second.joined();
		await world.quiet();
		await second.hangUp();
		await world.quiet();
		const before = world.phoneRequests().length;
		expect(world.dsRequests('joined')).toHaveLength(2);
		expect(world.dsRequests('left')).toHaveLength(1);

		for (const delivery of [...world.twilio.deliveries].reverse()) {
			await postSigned(delivery.url, delivery.params, world.twilio.authToken);
			await postSigned(delivery.url, delivery.params, world.twilio.authToken);
		}
		await world.quiet();
		expect(world.phoneRequests()).toHaveLength(before);
		expect(world.ds.anomalies).toEqual([]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.call.sid]);
		expect(bridge.inConference).toBe(true);
	});

	it('callbacks arriving in reverse order as the bridge joins still give one joined per caller', async () => {
		const callers = [1, 2].map((n) => world.call({ from: `+1555000000${n}`, keys: `${CALLER_PIN}#` }));
		for (const caller of callers) await caller.joined();
		await world.quiet();
		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		// Deliver the callers' join events again after the bridge's: the late arrivals add nothing.
		const joins = world.twilio.deliveries.filter((delivery) => delivery.params.StatusCallbackEvent === 'participant-join');
		for (const delivery of joins.reverse()) await postSigned(delivery.url, delivery.params, world.twilio.authToken);
		await world.quiet();
		const announced = world.dsRequests('joined').flatMap((request) => (request.body as Array<{ call_id: string }>).map((call) => call.call_id));
		expect(announced.sort()).toEqual(callers.map((caller) => caller.call.sid).sort());
	});
});

describe('a caller who hangs up before being announced', () => {
	it('is not reported as having left', async () => {
		const caller = world.call({ keys: `${CALLER_PIN}#` });
		await caller.joined();
		await caller.hangUp();
		await world.quiet();
		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		await bridge.hangUp();
		await world.quiet();
		expect(world.phoneRequests()).toEqual([]);
		expect(world.ds.anomalies).toEqual([]);
	});
});

describe('S7: keypad', () => {
	it('*6 mutes and unmutes, *9 raises and lowers the hand, and the caller never leaves in Digital Samba', async () => {
		const { caller } = await meetingWithCaller();
		for (const [keys, joins] of [['*6', 2], ['*9', 3], ['*6', 4], ['*9', 5]] as const) {
			caller.press(keys);
			await caller.joined(joins);
			await world.quiet();
		}
		const reported = world.phoneRequests().map((request) => request.path.split('/').pop());
		expect(reported).toEqual(['joined', 'mute', 'raise-hand', 'unmute', 'lower-hand']);
		expect(world.dsRequests('left')).toEqual([]);
		const state = world.ds.state.phoneParticipantsOf(world.roomId).get(caller.call.sid);
		expect(state).toEqual(expect.objectContaining({ muted: false, hand_raised: false }));
		expect(world.ds.anomalies).toEqual([]);
	});
});

describe('hold music and announcements Twilio fetches itself', () => {
	// Twilio documents no parameters for waitUrl and announceUrl requests (a conference-wide
	// announcement has no call): a correctly signed one gets its markup whatever it lacks.
	it.each([
		['wait', {}],
		['announce', { text: Buffer.from('The meeting starts in five minutes.').toString('base64url') }],
	])('a signed %s request without CallSid gets its TwiML', async (step, extra) => {
		const url = `${world.host.webhookBase}/voice?${new URLSearchParams({ step, ...extra }).toString()}`;
		const answer = await postSigned(url, { AccountSid: world.twilio.accountSid }, world.twilio.authToken);
		expect(answer.status).toBe(200);
		expect(answer.body).toMatch(/^<\?xml[^>]*>\s*<Response>[\s\S]*<Say[\s\S]*<\/Response>$/);
		// Only what Twilio allows there (error 13238): Say, Play, Pause, Redirect.
		expect(answer.body).not.toMatch(/<(Gather|Dial|Hangup|Record)\b/);
		if (step === 'announce') expect(answer.body).toContain('The meeting starts in five minutes.');
	});

	it('the same request unsigned is still refused', async () => {
		const answer = await postSigned(`${world.host.webhookBase}/voice?step=wait`, { AccountSid: world.twilio.accountSid }, 'not-the-auth-token');
		expect(answer.status).toBe(403);
	});
});
