/**
 * Phone calls played by the call driver against the Twilio simulator, answered by the Telephony
 * Request and Telephony IVR as n8n's Webhook → Telephony Request → Respond chain would.
 */
import { Expression } from 'n8n-workflow';

import { BRIDGE_LABEL, parseLabel } from '../../../nodes/core/ivr/labels';
import type { DirectoryRow } from '../../helpers/ivrStandIn';
import { IvrStandIn } from '../../helpers/ivrStandIn';
import { placeCall } from '../../simulators/twilio/callDriver';
import { TwilioSimulator } from '../../simulators/twilio/server';

const NUMBER = '+15557654321';
const ROOM: DirectoryRow = {
	caller_pin: '012345',
	bridge_pin: '0987654321',
	conference_name: 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec',
	room_id: '7f8c8eac-6643-47db-8d93-e7633e6e53ec',
};
const OTHER_ROOM: DirectoryRow = { caller_pin: '222222', bridge_pin: '3333333333', conference_name: 'ds-other', room_id: 'other' };

let twilio: TwilioSimulator;
let ivr: IvrStandIn;

async function start(settings = {}, checks = {}) {
	twilio = await TwilioSimulator.start();
	ivr = await new IvrStandIn(twilio, [ROOM, OTHER_ROOM], settings, checks).start();
	twilio.addNumber(NUMBER, ivr.voiceUrl, `${ivr.voiceUrl}?step=fallback`);
}

afterEach(async () => {
	await twilio.close();
	await ivr.close();
});

const joinedEntries = (call: ReturnType<typeof placeCall>) => call.transcript.filter((entry) => entry.type === 'joined');

describe('driven calls', () => {
	beforeEach(async () => start());

	it('right PIN: the caller waits in the room’s conference under a label carrying call ID and number', async () => {
		const call = placeCall(twilio, { to: NUMBER, from: '+15550001111', keys: '012345#' });
		await call.joined();
		expect(call.heard[0]).toBe('Welcome. Please enter your meeting PIN, followed by the pound key.');
		const [joined] = joinedEntries(call);
		expect(joined).toEqual({ type: 'joined', conference: ROOM.conference_name, label: expect.any(String), muted: false });
		expect(parseLabel((joined as { label: string }).label)).toEqual({ kind: 'caller', callId: call.call.sid, number: '+15550001111', name: '' });
		// Nobody with startConferenceOnEnter is in yet: the caller hears the waiting prompt.
		expect(call.heard).toContain('Please wait. The meeting will start soon.');
		await call.hangUp();
	});

	it('a Twilio call SID (not a UUID) flows through unchanged', async () => {
		const call = placeCall(twilio, { to: NUMBER, keys: '012345#' });
		await call.joined();
		expect(call.call.sid).toMatch(/^CA[0-9a-f]{32}$/);
		await twilio.settle();
		const join = ivr.conferenceEvents.find((event) => event.type === 'participant.joined');
		expect(join).toEqual(expect.objectContaining({ callId: call.call.sid, isCaller: true, callerNumber: '+15550100' }));
		await call.hangUp();
	});

	it('wrong PIN three times: retry prompts, then goodbye and hang up', async () => {
		const call = placeCall(twilio, { to: NUMBER, keys: '111111#222#99999999#' });
		await call.done;
		expect(call.heard).toEqual([
			'Welcome. Please enter your meeting PIN, followed by the pound key.',
			'That PIN was not recognised. Please try again.',
			'Welcome. Please enter your meeting PIN, followed by the pound key.',
			'That PIN was not recognised. Please try again.',
			'Welcome. Please enter your meeting PIN, followed by the pound key.',
			'Sorry, that PIN was not recognised. Goodbye.',
		]);
		expect(call.transcript.filter((entry) => entry.type === 'pressed')).toEqual([
			{ type: 'pressed', keys: '111111' },
			{ type: 'pressed', keys: '222' },
			{ type: 'pressed', keys: '99999999' },
		]);
		expect(call.transcript.at(-1)).toEqual({ type: 'ended', why: 'hangup' });
		expect(joinedEntries(call)).toEqual([]);
	});

	it('silence counts as an attempt', async () => {
		const call = placeCall(twilio, { to: NUMBER, keys: '' });
		await call.done;
		expect(call.heard.at(-1)).toBe('Sorry, that PIN was not recognised. Goodbye.');
	});

	it('the bridge PIN at the same prompt joins as the bridge, and starts the meeting for waiting callers', async () => {
		const caller = placeCall(twilio, { to: NUMBER, keys: '012345#' });
		await caller.joined();
		// Digital Samba dials the number and plays the room's telephony_pin_dtmf.
		const bridge = placeCall(twilio, { to: NUMBER, from: '+4930000000', keys: 'WW0987654321#' });
		await bridge.joined();
		expect(joinedEntries(bridge)).toEqual([{ type: 'joined', conference: ROOM.conference_name, label: BRIDGE_LABEL, muted: false }]);
		const conference = twilio.conferenceNamed(ROOM.conference_name)!;
		expect(conference.status).toBe('in-progress');
		await twilio.settle();
		expect(ivr.conferenceEvents.map((event) => [event.type, event.isBridge])).toEqual([
			['participant.joined', false],
			['participant.joined', true],
			['conference.started', undefined],
		]);
		await caller.hangUp();
		await bridge.hangUp();
	});

	it.each([
		['the caller PIN', '012345#'],
		['the caller PIN with digits added', '0123450987654321#'],
		['the bridge PIN with its last digit missing', '098765432#'],
		['the caller PIN after a pause, as the bridge dials', 'WW012345#'],
	])('a caller typing %s never gets bridge treatment', async (_, keys) => {
		const call = placeCall(twilio, { to: NUMBER, callerName: 'ds-bridge', keys });
		await Promise.race([call.joined(), call.done]);
		const labels = joinedEntries(call).map((entry) => (entry as { label: string }).label);
		expect(labels).not.toContain(BRIDGE_LABEL);
		if (!call.ended) await call.hangUp();
	});

	it('the keypad menu: *6 mutes and reports it, *9 raises the hand; the caller rejoins each time', async () => {
		const call = placeCall(twilio, { to: NUMBER, keys: '012345#' });
		await call.joined();
		call.press('*6');
		await call.joined(2);
		expect(joinedEntries(call)[1]).toEqual(expect.objectContaining({ conference: ROOM.conference_name, muted: true }));
		call.press('*9');
		await call.joined(3);
		expect(call.heard.filter((text) => text.startsWith('Press 6'))).toHaveLength(2);
		expect(ivr.keypadEvents).toEqual([
			expect.objectContaining({ action: 'mute', callId: call.call.sid, conference: ROOM.conference_name }),
			expect.objectContaining({ action: 'raiseHand', callId: call.call.sid }),
		]);
		// The caller is still muted after raising the hand: the state rode along in the URLs.
		expect(joinedEntries(call)[2]).toEqual(expect.objectContaining({ muted: true }));
		await call.hangUp();
	});
});

describe('the voice path', () => {
	beforeEach(async () => start());

	it('evaluates no n8n expression from the first ring to the conference and its events', async () => {
		// renderExpression is where n8n evaluates every `={{ }}`; it is private, hence the cast.
		const render = jest.spyOn(Expression.prototype as unknown as { renderExpression: () => unknown }, 'renderExpression');
		const caller = placeCall(twilio, { to: NUMBER, keys: '012345#' });
		await caller.joined();
		const bridge = placeCall(twilio, { to: NUMBER, keys: 'W0987654321#' });
		await bridge.joined();
		caller.press('*6');
		await caller.joined(2);
		await caller.hangUp();
		await bridge.hangUp();
		await twilio.settle();
		expect(ivr.handled.length).toBeGreaterThan(8);
		expect(render).not.toHaveBeenCalled();
		render.mockRestore();
	});
});

describe('forged requests', () => {
	beforeEach(async () => start());

	it.each([
		['a request signed with another token', { 'X-Twilio-Signature': 'forged' }],
		['an unsigned request', {}],
	])('%s is rejected with 403 and nothing else happens', async (_, headers) => {
		const axios = (await import('axios')).default;
		const answer = await axios.post(`${ivr.voiceUrl}?step=pin&attempt=1`, new URLSearchParams({ CallSid: 'CA1', Digits: ROOM.bridge_pin, From: '+1555' }).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
			validateStatus: () => true,
		});
		expect(answer.status).toBe(403);
		const [handled] = ivr.handled;
		expect(handled.outputs.Rejected).toHaveLength(1);
		for (const name of ['Answer', 'PIN Entered', 'Keypad', 'Conference', 'Route PIN']) expect(handled.outputs[name]).toEqual([]);
		expect(twilio.restRequests).toEqual([]);
	});

	it('a request replayed to another URL is rejected', async () => {
		const twilioPkg = (await import('twilio')).default;
		const params = { CallSid: 'CA1', Digits: '9', From: '+1555', AccountSid: twilio.accountSid };
		const signature = twilioPkg.getExpectedTwilioSignature(twilio.authToken, `${ivr.voiceUrl}?step=menu&conf=ds-other&muted=0&hand=0`, params);
		const axios = (await import('axios')).default;
		const answer = await axios.post(`${ivr.voiceUrl}?step=menu&conf=ds-other&muted=1&hand=0`, new URLSearchParams(params).toString(), {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
			validateStatus: () => true,
		});
		expect(answer.status).toBe(403);
		expect(ivr.handled[0].outputs.Keypad).toEqual([]);
	});
});

describe('fallback', () => {
	it('when the voice URL fails, the fallback apologises and hangs up', async () => {
		await start();
		const broken = twilio.numberFor(NUMBER)!;
		// Nothing listens on port 9: the voice URL fails as an n8n that is down would.
		broken.voice_url = 'http://127.0.0.1:9/webhook/voice';
		const call = placeCall(twilio, { to: NUMBER, keys: '' });
		await call.done;
		expect(call.heard).toEqual(['Sorry, we cannot connect your call right now. Please try again later. Goodbye.']);
		expect(call.transcript.at(-1)).toEqual({ type: 'ended', why: 'hangup' });
	});
});

describe('bridge checks', () => {
	it('on top of the bridge PIN, a required SIP domain keeps a PSTN caller with the bridge PIN out', async () => {
		await start({}, { requireSip: true, sipDomain: 'digitalsamba.sip.twilio.com' });
		const pstn = placeCall(twilio, { to: NUMBER, keys: `${ROOM.bridge_pin}#${ROOM.bridge_pin}#${ROOM.bridge_pin}#` });
		await pstn.done;
		expect(joinedEntries(pstn)).toEqual([]);
		const sip = placeCall(twilio, { to: NUMBER, sip: { domain: 'digitalsamba.sip.twilio.com', displayName: 'Digital Samba' }, keys: `W${ROOM.bridge_pin}#` });
		await sip.joined();
		expect(joinedEntries(sip)).toEqual([expect.objectContaining({ label: BRIDGE_LABEL })]);
		await sip.hangUp();
	});
});
