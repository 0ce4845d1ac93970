/**
 * Sinch callbacks as neutral events. The bodies are typed with the official SDK's request types,
 * so a misspelt field (Sinch writes `callid`, `menuResult`, `cli`) fails to compile here.
 */
import type { Voice } from '@sinch/voice';

import { parseSinchCallback } from '../../../../../nodes/core/voice/providers/sinch/parse';

const wire = (body: object): unknown => JSON.parse(JSON.stringify(body));
const CONFERENCE = 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec';

const ice: Voice.IceRequest = {
	event: 'ice',
	callid: 'e3a1b2c4-0000-4000-8000-000000000001',
	timestamp: new Date('2026-11-26T21:00:00Z'),
	cli: '46700000000',
	to: { type: 'number', endpoint: '+46700000001' },
	originationType: 'PSTN',
	applicationKey: 'app-key',
	version: 1,
};
const pie = (menuResult: Voice.MenuResult): Voice.PieRequest => ({ event: 'pie', callid: ice.callid, timestamp: new Date(), menuResult, applicationKey: 'app-key', version: 1 });

describe('Sinch callbacks', () => {
	it('an ICE is an incoming call, the number given its +', () => {
		const parsed = parseSinchCallback(wire(ice));
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.incoming', callId: ice.callid, from: '+46700000000', to: '+46700000001', sip: undefined }) });
	});

	// Cookies our answers set come back in every later callback (Sinch's Callback API; not in the SDK's types).
	const cookies = (values: Record<string, string>) => ({ cookies: Object.entries(values).map(([key, value]) => ({ key, value })) });

	it("a PIE from the PIN menu is the digits, with the attempt and the caller's number from the cookies", () => {
		const parsed = parseSinchCallback(wire({ ...pie({ menuId: 'main', type: 'sequence', value: '123456#', inputMethod: 'dtmf' }), ...cookies({ cli: '+46700000000', attempt: '2' }) }));
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.digits', step: 'pin', digits: '123456', attempt: 2, callId: ice.callid, from: '+46700000000' }) });
	});

	it('a timeout at the PIN prompt is an attempt with no digits', () => {
		const parsed = parseSinchCallback(wire(pie({ menuId: 'main', type: 'timeout', value: '' })));
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.digits', digits: '', attempt: 1 }) });
	});

	it('a PIE whose menu is the conference is keys pressed in the conference', () => {
		const parsed = parseSinchCallback(wire(pie({ menuId: CONFERENCE, type: 'sequence', value: '*6', inputMethod: 'dtmf' })));
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.keypad', keys: '*6', conference: CONFERENCE }) });
	});

	const dice: Voice.DiceRequest = { event: 'dice', callid: ice.callid, timestamp: new Date(), reason: 'CALLERHANGUP', result: 'ANSWERED', from: '46700000000', version: 1 };

	it('the DICE of a call in a conference is its leave, as whom its cookies say', () => {
		const parsed = parseSinchCallback(wire({ ...dice, ...cookies({ cli: '+46700000000', conf: CONFERENCE, label: 'ds-bridge' }) }));
		expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type: 'participant.left', conference: CONFERENCE, conferenceId: CONFERENCE, callId: ice.callid, label: 'ds-bridge', reason: 'CALLERHANGUP' }) });
	});

	it('the DICE of a call that never joined is the end of the call', () => {
		expect(parseSinchCallback(wire(dice))).toEqual({ ok: true, event: expect.objectContaining({ type: 'call.ended', reason: 'CALLERHANGUP', callId: ice.callid }) });
	});

	it.each([
		['no event', { callid: 'c1' }, 'not a Sinch voice callback'],
		['no callid', { event: 'ice' }, 'callid'],
		['a callid with a slash', { event: 'ice', callid: '../x' }, 'callid'],
		['digits that are not keys', wire(pie({ menuId: 'step=pin', type: 'sequence', value: '12<script>' })), 'keypad keys'],
		['a menu id longer than a conference id', wire(pie({ menuId: 'x'.repeat(65), type: 'sequence', value: '*6' })), 'longer than Sinch sends'],
		['cookies beyond 1024 bytes', { ...(wire(dice) as object), cookies: [{ key: 'label', value: 'x'.repeat(1100) }] }, 'cookies'],
		['cookies that are not a list', { ...(wire(dice) as object), cookies: 'conf=x' }, 'cookies'],
		['an ACE (we never call out)', { event: 'ace', callid: 'c1' }, 'not used'],
		['a body that is not an object', ['ice'], 'not a Sinch voice callback'],
	])('refuses %s', (_name, body, reason) => {
		expect(parseSinchCallback(body)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
	});
});
