/** Plivo requests as neutral events: each kind Plivo sends, what our URLs carry, and what is refused. */
import { parsePlivoRequest } from '../../../../../nodes/core/voice/providers/plivo/parse';

const CALL = '16e3a2b4-2f56-4b0b-a5c4-1e0c4b3b4e21';
const CONFERENCE_UUID = '24986d5f-df92-4b62-a385-f2de31234ec9';
const answer = { CallUUID: CALL, From: '15550000001', To: '15557654321', CallStatus: 'ringing', Direction: 'inbound', BillRate: '0.0085' };
const member = { ConferenceName: 'ds-room', ConferenceUUID: CONFERENCE_UUID, ConferenceMemberID: '11', CallUUID: CALL };
const event = (params: Record<string, string>, query: Record<string, string> = {}) => {
	const parsed = parsePlivoRequest(params, query);
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.event;
};
const refusal = (params: Record<string, string>, query: Record<string, string> = {}) => {
	const parsed = parsePlivoRequest(params, query);
	return parsed.ok ? undefined : parsed.reason;
};

describe('Plivo requests', () => {
	it('the answer request of a ringing call is an incoming call, numbers in E.164', () => {
		expect(event(answer)).toMatchObject({ type: 'call.incoming', callId: CALL, from: '+15550000001', to: '+15557654321' });
		expect(event({ ...answer, From: '+15550000001' })).toMatchObject({ from: '+15550000001' });
	});

	it('a SIP call: the domain it was addressed to (Plivo’s), never the one the caller wrote in From', () => {
		expect(event({ ...answer, From: 'sip:bridge@sip.digitalsamba.example', To: 'sip:20372631212782781@app.plivo.com', CallerName: 'Digital Samba' })).toMatchObject({
			from: 'sip:bridge@sip.digitalsamba.example',
			callerName: 'Digital Samba',
			sip: { domain: 'app.plivo.com' },
		});
		// To a number: over SIP, but no domain of ours to check.
		expect(event({ ...answer, From: 'sip:anyone@ours.example' })).toMatchObject({ sip: { domain: undefined } });
	});

	it('digits at the PIN step, with its attempt; none (the redirect after a silent GetInput) counts as empty', () => {
		expect(event({ ...answer, CallStatus: 'in-progress', Digits: '123456', InputType: 'dtmf' }, { step: 'pin', attempt: '2' })).toMatchObject({ type: 'call.digits', step: 'pin', digits: '123456', attempt: 2 });
		expect(event({ ...answer, CallStatus: 'in-progress' }, { step: 'pin', attempt: 'x' })).toMatchObject({ type: 'call.digits', digits: '', attempt: 1 });
	});

	it('hold music and a goodbye spoken after a transfer', () => {
		expect(event({ ...answer, ConferenceName: 'ds-room' }, { step: 'wait' })).toMatchObject({ type: 'call.wait' });
		expect(event(answer, { step: 'announce', text: Buffer.from('Goodbye. À bientôt').toString('base64url') })).toMatchObject({ type: 'call.announce', text: 'Goodbye. À bientôt' });
	});

	it('the hang-up URL: the call ended, with its cause', () => {
		expect(event({ ...answer, CallStatus: 'completed', HangupCause: 'NORMAL_CLEARING', Duration: '12' })).toMatchObject({ type: 'call.ended', reason: 'NORMAL_CLEARING' });
	});

	it('a member enters and leaves: the conference by name, the member by the label in its callback URL', () => {
		const query = { step: 'conference', label: 'ds-bridge', from: '+4930123456' };
		expect(event({ ...member, ConferenceAction: 'enter' }, query)).toMatchObject({ type: 'participant.joined', conference: 'ds-room', conferenceId: 'ds-room', callId: CALL, label: 'ds-bridge' });
		expect(event({ ...member, ConferenceAction: 'exit' }, query)).toMatchObject({ type: 'participant.left', label: 'ds-bridge' });
	});

	it('keys a member pressed (digitsMatch): the caller stays in', () => {
		expect(event({ ...member, ConferenceAction: 'digits', ConferenceDigitsMatch: '*6' }, { step: 'conference', label: 'p.x.y', from: '+15550000001' })).toMatchObject({
			type: 'call.keypad',
			keys: '*6',
			conference: 'ds-room',
			callId: CALL,
			from: '+15550000001',
		});
	});

	it('other conference actions change nothing', () => {
		expect(event({ ...member, ConferenceAction: 'floor' }, { step: 'conference' })).toMatchObject({ type: 'conference.other', conference: 'ds-room' });
	});

	it.each([
		['no call', { From: '1' }, {}, 'not a Plivo voice request'],
		['a call ID that is not a UUID', { ...answer, CallUUID: 'CA123' }, {}, 'not a Plivo UUID'],
		['a conference UUID that is not one', { ...member, ConferenceAction: 'enter', ConferenceUUID: '../x' }, {}, 'not a Plivo UUID'],
		['digits that are not keys', { ...answer, Digits: '12a' }, { step: 'pin' }, 'keypad keys'],
		['a match that is not keys', { ...member, ConferenceAction: 'digits', ConferenceDigitsMatch: '<6>' }, {}, 'keypad keys'],
		['a member event without its call', { ...member, CallUUID: '', ConferenceAction: 'exit' }, {}, 'without CallUUID'],
		['a conference callback without a conference', { CallUUID: CALL, ConferenceAction: 'enter' }, {}, 'without ConferenceName'],
		['an unknown step', answer, { step: 'dial' }, "unknown step 'dial'"],
		['a long name', { ...answer, CallerName: 'x'.repeat(257) }, {}, 'CallerName is longer'],
		['a long label', { ...member, ConferenceAction: 'enter' }, { label: 'p'.repeat(129) }, 'label is longer'],
		['too many fields', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`F${i}`, 'x'])), {}, 'more than 100'],
	])('refused: %s', (_name, params, query, reason) => {
		expect(refusal(params as Record<string, string>, query as Record<string, string>)).toContain(reason);
	});
});
