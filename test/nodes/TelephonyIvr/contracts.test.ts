/** What one of our nodes writes, the next reads back: through JSON, as n8n passes items on. */
import { parseTwilioRequest } from '../../../nodes/core/voice/providers/twilio/parse';
import { parseSinchCallback } from '../../../nodes/core/voice/providers/sinch/parse';
import { pinEnteredItem, readParticipantEvent, readPinEntered } from '../../../nodes/TelephonyIvr/actions/contracts';

const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const WEBHOOK = 'https://n8n.example.com/webhook/voice';

describe('PIN Entered → Route PIN', () => {
	const twilioPin = parseTwilioRequest({ CallSid: `CA${'1'.repeat(32)}`, From: '+15550001111', To: '+15557654321', Digits: '123456' }, { step: 'pin', attempt: '2' });
	const sinchPin = parseSinchCallback({ event: 'pie', callid: 'c1', menuResult: { menuId: 'main', type: 'sequence', value: '123456' }, cookies: [{ key: 'cli', value: '+15550001111' }] });

	it.each([
		['Twilio', twilioPin],
		['Sinch', sinchPin],
	])('reads back what the Telephony Request wrote for %s', (_provider, parsed) => {
		if (!parsed.ok || parsed.event.type !== 'call.digits') throw new Error('not a PIN event');
		const read = readPinEntered(viaJson(pinEnteredItem(parsed.event, WEBHOOK)));
		expect(read).toEqual(expect.objectContaining({ digits: '123456', callId: parsed.event.callId, webhookUrl: WEBHOOK, event: viaJson(parsed.event) }));
	});

	it.each([
		['no webhook URL', { event: { type: 'call.digits' } }],
		['an event of another kind', { webhookUrl: WEBHOOK, event: { type: 'call.incoming', callId: 'c', from: '', to: '', state: {}, raw: {} } }],
		['digits that are a number', { webhookUrl: WEBHOOK, event: { type: 'call.digits', step: 'pin', digits: 123456, attempt: 1, callId: 'c', from: '', to: '', state: {}, raw: {} } }],
		['an object as state', { webhookUrl: WEBHOOK, event: { type: 'call.digits', step: 'pin', digits: '1', attempt: 1, callId: 'c', from: '', to: '', state: { conf: {} }, raw: {} } }],
		['an array', []],
	])('refuses an item with %s', (_name, item) => {
		expect(readPinEntered(item)).toBeUndefined();
	});
});

describe('Conference → Plan Digital Samba Sync', () => {
	const event = { type: 'participant.left', conference: 'ds-x', conferenceId: 'CF1', callId: 'CA1', label: 'ds-bridge', muted: false, sequence: 4, reason: 'hangup', raw: { a: 'b' } };

	it('reads back a participant event, with the identity fields the output adds left out', () => {
		expect(readParticipantEvent(viaJson({ ...event, isBridge: true, callerNumber: null }))).toEqual(event);
	});

	it.each([
		['another type', { ...event, type: 'conference.started' }],
		['a numeric call ID', { ...event, callId: 7 }],
		['no label', { ...event, label: undefined }],
		['muted as text', { ...event, muted: 'false' }],
		['a sequence as text', { ...event, sequence: '4' }],
	])('refuses %s', (_name, item) => {
		expect(readParticipantEvent(viaJson(item))).toBeUndefined();
	});
});
