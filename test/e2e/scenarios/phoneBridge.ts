/**
 * The phone bridge scenarios S1–S7 through a real n8n with the packed package, the templates
 * imported and published, and whole phone calls over real HTTP. Nothing inside n8n is mocked. The
 * steps share one n8n (one process, or queue mode's cluster) and one provisioned room and run in
 * order; the same steps run on both (test/e2e/phoneBridge.e2e.test.ts, test/e2e/queue/).
 */
import twilio from 'twilio';

import { BRIDGE_LABEL } from '../../../nodes/core/ivr/labels';
import type { PhoneCall } from '../../simulators/twilio/callDriver';
import { postSigned } from '../../simulators/twilio/sign';
import type { Room } from '../realWorld';
import type { RealWorld } from '../realWorld';
import { NUMBER } from '../realWorld';

export function phoneBridgeScenarios(startWorld: () => Promise<RealWorld>): void {
	let world: RealWorld;
	let room: Room;
	const callers: PhoneCall[] = [];
	let bridge: PhoneCall;

	beforeAll(async () => {
		world = await startWorld();
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await world?.stop();
	}, 60_000);

	afterEach(() => {
		expect(world.ds.violations).toEqual([]);
		expect(world.ds.anomalies).toEqual([]);
	});

	it('installs under its real name with no n8n-workflow of its own, and the templates import, run and publish', async () => {
		expect(world.installedWorkflowCopies()).toEqual([]);
		room = await world.install();
		// Published: n8n refuses to publish a workflow whose node types it has not loaded, and the
		// templates name them by the package's real name (not CUSTOM.).
		const phoneBridge = await world.n8n.api<{ active: boolean; nodes: Array<{ type: string }> }>('GET', `/workflows/${world.workflowIds['Digital Samba phone bridge']}`);
		expect(phoneBridge.active).toBe(true);
		expect(phoneBridge.nodes.map((node) => node.type)).toEqual(expect.arrayContaining(['n8n-nodes-digitalsamba.telephonyIvr', 'n8n-nodes-digitalsamba.digitalSamba']));
		if (world.cluster) {
			// Queue mode: the package wrote the webhook processor's URLs, not the main's (the editor's).
			expect(world.n8n.webhookBase).toBe(`${world.cluster.webhook.baseUrl}/webhook`);
			expect(world.n8n.webhookBase.startsWith(world.n8n.baseUrl)).toBe(false);
		}
		const number = world.twilio.numberFor(NUMBER)!;
		expect(number.voice_url).toBe(`${world.n8n.webhookBase}/voice`);
		expect(number.voice_fallback_url).toBe(`${world.n8n.webhookBase}/voice-fallback`);
		expect(world.ds.state.rooms.get(room.id)).toEqual(expect.objectContaining({ telephony_enabled: true, telephony_phone_number: NUMBER }));
		// The trigger registered itself with a secret at a URL Digital Samba accepts.
		const [webhook] = world.ds.state.webhooks.values();
		expect(webhook.endpoint.startsWith(`${world.n8n.webhookBase}/`)).toBe(true);
		expect(webhook.endpoint.length).toBeLessThanOrEqual(100);
		expect(String(webhook.authorization_header)).toMatch(/^[0-9a-f]{48}$/);
	}, 300_000);

	it('S2: a wrong PIN, then the right one: the caller waits in the room’s conference', async () => {
		const caller = world.call({ from: '+15550000001', keys: `000000#${room.callerPin}#` });
		callers.push(caller);
		await caller.joined(1, 30_000);
		expect(caller.heard.slice(0, 3)).toEqual([
			'Welcome. Please enter your meeting PIN, followed by the pound key.',
			'That PIN was not recognised. Please try again.',
			'Welcome. Please enter your meeting PIN, followed by the pound key.',
		]);
		expect(caller.heard).toContain('Please wait. The meeting will start soon.');
		await world.quiet();
		expect(world.roomRequests(room, 'phone-participants/joined')).toEqual([]);
	}, 60_000);

	it('S1: waiting callers are announced in one request when the bridge joins; later joins and leaves follow', async () => {
		for (const n of [2, 3]) {
			const caller = world.call({ from: `+1555000000${n}`, keys: `${room.callerPin}#` });
			callers.push(caller);
			await caller.joined(1, 30_000);
		}
		await world.quiet();
		expect(world.roomRequests(room, 'phone-participants/joined')).toEqual([]);
		bridge = world.bridge(room);
		await bridge.joined(1, 30_000);
		await world.quiet();
		expect(bridge.transcript.find((entry) => entry.type === 'joined')).toEqual(expect.objectContaining({ label: BRIDGE_LABEL }));
		const [batch] = world.roomRequests(room, 'phone-participants/joined');
		expect((batch.body as Array<{ call_id: string }>).map((call) => call.call_id).sort()).toEqual(callers.map((caller) => caller.call.sid).sort());
		expect(world.roomRequests(room, 'phone-participants/joined')).toHaveLength(1);

		const fourth = world.call({ from: '+15550000004', keys: `${room.callerPin}#` });
		callers.push(fourth);
		await fourth.joined(1, 30_000);
		await world.quiet();
		expect(world.roomRequests(room, 'phone-participants/joined').at(-1)?.body).toEqual([{ call_id: fourth.call.sid, caller_number: '+15550000004' }]);

		await callers[0].hangUp();
		await world.quiet();
		expect(world.roomRequests(room, 'phone-participants/left').map((request) => request.body)).toEqual([[callers[0].call.sid]]);
	}, 120_000);

	it('S7: *6 and *9 reach Digital Samba; the caller is never reported as having left', async () => {
		const caller = callers[1];
		caller.press('*6');
		await caller.joined(2, 30_000);
		await world.quiet();
		caller.press('*9');
		await caller.joined(3, 30_000);
		await world.quiet();
		expect(world.roomRequests(room, `phone-participants/${caller.call.sid}/mute`)).toHaveLength(1);
		expect(world.roomRequests(room, `phone-participants/${caller.call.sid}/raise-hand`)).toHaveLength(1);
		expect(world.roomRequests(room, 'phone-participants/left')).toHaveLength(1);
		expect(world.ds.state.phoneParticipantsOf(room.id).get(caller.call.sid)).toEqual(expect.objectContaining({ muted: true, hand_raised: true }));
	}, 120_000);

	it('S3: a moderator’s mute and unmute reach the phone without an echo; asked to unmute is heard by that caller only', async () => {
		const caller = callers[2];
		const participant = () => world.twilio.conferenceNamed(room.conference)?.participants.get(caller.call.sid);
		const before = world.ds.requests.length;
		await world.ds.deliver('phone_participant_muted', { roomId: room.id, callId: caller.call.sid });
		await world.quiet();
		expect(participant()?.muted).toBe(true);
		await world.ds.deliver('phone_participant_unmuted', { roomId: room.id, callId: caller.call.sid });
		await world.quiet();
		expect(participant()?.muted).toBe(false);
		expect(world.ds.requests.slice(before).filter((request) => /\/(mute|unmute)$/.test(request.path))).toEqual([]);

		await world.ds.deliver('phone_participant_asked_to_unmute', { roomId: room.id, callId: caller.call.sid });
		await world.quiet();
		const ask = 'The host asks you to unmute. Press star, then 6, to unmute.';
		expect(caller.heard).toContain(ask);
		expect(callers[3].heard).not.toContain(ask);
	}, 120_000);

	it('S6: every conference callback replayed twice, newest first, changes nothing in Digital Samba', async () => {
		const before = world.ds.requests.filter((request) => request.path.includes('/phone')).length;
		for (const delivery of [...world.twilio.deliveries].reverse().slice(0, 30)) {
			await postSigned(delivery.url, delivery.params, world.twilio.authToken);
			await postSigned(delivery.url, delivery.params, world.twilio.authToken);
		}
		await world.quiet();
		expect(world.ds.requests.filter((request) => request.path.includes('/phone'))).toHaveLength(before);
	}, 180_000);

	it('S5: Digital Samba answers 429 then 500 to joined: the caller stays in and the request is retried', async () => {
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 429, retryAfter: 1, times: 1 });
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 500, times: 1 });
		const caller = world.call({ from: '+15550000005', keys: `${room.callerPin}#` });
		callers.push(caller);
		await caller.joined(1, 30_000);
		await world.quiet(3000);
		expect(caller.inConference).toBe(true);
		const attempts = world.ds.requests.filter((request) => request.path.endsWith('/joined') && JSON.stringify(request.body).includes(caller.call.sid));
		expect(attempts.map((request) => request.status)).toEqual([429, 500, 200]);
		expect(world.ds.state.phoneParticipantsOf(room.id).has(caller.call.sid)).toBe(true);
	}, 120_000);

	it('S4: the caller PIN with digits added, a long random PIN, a forged display name: never the bridge', async () => {
		for (const [keys, extra] of [[`${room.callerPin}1#${room.callerPin}99#1234567890123#`, {}], [`${room.callerPin}#`, { callerName: 'ds-bridge' }]] as const) {
			const call = world.call({ keys, ...extra });
			await Promise.race([call.joined(1, 30_000), call.done]);
			const labels = call.transcript.flatMap((entry) => (entry.type === 'joined' ? [entry.label] : []));
			expect(labels).not.toContain(BRIDGE_LABEL);
			if (!call.ended) await call.hangUp();
		}
		await world.quiet();
	}, 120_000);

	it('forged requests: an unsigned Twilio request gets 403, a Digital Samba delivery without the secret 401', async () => {
		const voice = await fetch(`${world.n8n.webhookBase}/voice?step=pin&attempt=1`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature('wrong', `${world.n8n.webhookBase}/voice`, {}) },
			body: new URLSearchParams({ CallSid: 'CA1', Digits: room.callerPin }).toString(),
		});
		expect(voice.status).toBe(403);
		const [webhook] = world.ds.state.webhooks.values();
		const forged = await fetch(webhook.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ eventType: 'session_ended', roomId: room.id }) });
		expect(forged.status).toBe(401);
		expect(world.twilio.conferenceNamed(room.conference)?.status).toBe('in-progress');
	}, 60_000);

	it('the bridge leaves: everyone still there gets left; the session ends: goodbye, and the conference ends', async () => {
		await bridge.hangUp();
		await world.quiet();
		const left = world.roomRequests(room, 'phone-participants/left').at(-1)?.body as string[];
		const stillThere = callers.filter((caller) => caller.inConference).map((caller) => caller.call.sid);
		expect([...left].sort()).toEqual(stillThere.sort());
		expect(world.ds.state.phoneParticipantsOf(room.id).size).toBe(0);

		await world.ds.deliver('session_ended', { roomId: room.id });
		await world.quiet();
		expect(world.twilio.conferenceNamed(room.conference)).toBeUndefined();
		for (const caller of callers.filter((entry) => entry.call.status === 'completed' && entry !== callers[0])) {
			expect(caller.heard.at(-1)).toBe('The meeting has ended. Goodbye.');
		}
	}, 120_000);
}
