import { DEFAULT_IVR_SETTINGS, keypadMenu } from '../../../nodes/core/ivr/script';
import { parseTwilioRequest } from '../../../nodes/core/voice/providers/twilio/parse';

const WEBHOOK = 'https://n8n.example.com/webhook/voice';
const dialEnded = (CallStatus: string) => {
	const parsed = parseTwilioRequest(
		{ CallSid: `CA${'1'.repeat(32)}`, AccountSid: `AC${'2'.repeat(32)}`, From: '+15550001111', To: '+15557654321', CallStatus, DialCallStatus: 'answered' },
		{ step: 'dial', conf: 'ds-room', muted: '0', hand: '0' },
	);
	if (!parsed.ok || parsed.event.type !== 'call.menu') throw new Error('not a menu event');
	return parsed.event;
};

describe('the keypad menu after * in the conference', () => {
	it('offers the menu to a call that is still up', () => {
		expect(keypadMenu(dialEnded('in-progress'), WEBHOOK, DEFAULT_IVR_SETTINGS)).toEqual([expect.objectContaining({ kind: 'gatherDigits', numDigits: 1 })]);
	});

	it.each(['completed', 'canceled'])('hangs up a call the provider says is %s (the Dial ended because the caller hung up)', (status) => {
		expect(keypadMenu(dialEnded(status), WEBHOOK, DEFAULT_IVR_SETTINGS)).toEqual([{ kind: 'hangup' }]);
	});
});
