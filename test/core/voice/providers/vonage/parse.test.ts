import { parseVonageWebhook } from '../../../../../nodes/core/voice/providers/vonage/parse';

const CALL = '63f61863-4a51-4f6b-86e1-46edebcf9356';
const CONVERSATION = 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22';
const answer = { from: '15550000001', to: '15557654321', uuid: CALL, conversation_uuid: CONVERSATION };

describe('Vonage webhooks as events', () => {
	it('the answer webhook is an incoming call, numbers in E.164', () => {
		expect(parseVonageWebhook(answer, {})).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.incoming', callId: CALL, from: '+15550000001', to: '+15557654321' }) });
	});

	it('an input result is the digits of its step, the state of its URL kept', () => {
		const parsed = parseVonageWebhook({ ...answer, dtmf: { digits: '123456', timed_out: false } }, { step: 'pin', attempt: '2' });
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.digits', step: 'pin', digits: '123456', attempt: 2, state: { attempt: '2' } }) });
		expect(parseVonageWebhook({ ...answer, dtmf: { digits: '', timed_out: true } }, { step: 'pin' })).toEqual({ ok: true, event: expect.objectContaining({ digits: '', attempt: 1 }) });
	});

	it.each([
		['6', '*6'],
		['9', '*9'],
		['*', '*'],
	])('a key alone in the conversation (%s) is the star command %s', (digit, keys) => {
		const parsed = parseVonageWebhook({ ...answer, dtmf: { digits: digit, timed_out: false } }, { step: 'dial', conf: 'ds-room', muted: '0', hand: '0' });
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.keypad', keys, conference: 'ds-room' }) });
	});

	it('the end of a call is its leave, named by conversation ID only', () => {
		const parsed = parseVonageWebhook({ ...answer, status: 'completed', disconnected_by: 'user' }, {});
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'participant.left', conference: '', conferenceId: CONVERSATION, callId: CALL, label: '', reason: 'user' }) });
	});

	it('progress is nothing to act on', () => {
		for (const status of ['started', 'ringing', 'answered']) {
			expect(parseVonageWebhook({ ...answer, status }, {})).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.status', status }) });
		}
		// A leg moving into a conversation, as Vonage sends it: a type, no status, no numbers.
		const transfer = { type: 'transfer', uuid: CALL, conversation_uuid_from: CONVERSATION, conversation_uuid_to: 'CON-0b7e8b8e-1d7e-4bd2-9a47-3f0c4b9a1e11', timestamp: '2026-11-27T10:00:00.000Z' };
		expect(parseVonageWebhook(transfer, {})).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.status', status: 'transfer' }) });
	});

	it.each([
		['no uuid', { ...answer, uuid: undefined }, {}],
		['a uuid that is not one', { ...answer, uuid: 'x'.repeat(5000) }, {}],
		['a conversation that is not one', { ...answer, conversation_uuid: 'CON-<script>' }, {}],
		['digits that are not keys', { ...answer, dtmf: { digits: '12ab' } }, { step: 'pin' }],
		['several keys where one comes alone', { ...answer, dtmf: { digits: '*6' } }, { step: 'dial' }],
		['an input result without dtmf', answer, { step: 'pin' }],
		['a long number', { ...answer, from: '1'.repeat(100) }, {}],
		['an unknown step', answer, { step: 'other' }],
		['a field too long', { ...answer, custom_data: 'x'.repeat(5000) }, {}],
	])('refuses %s', (_name, body, query) => {
		expect(parseVonageWebhook(body, query as Record<string, string>).ok).toBe(false);
	});
});
