import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';

import type { Instruction } from '../../../../../nodes/core/voice/instructions';
import { renderTwiml } from '../../../../../nodes/core/voice/providers/twilio/render';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false, parseTagValue: false, preserveOrder: true });
const tree = (xml: string) => parser.parse(xml);
type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** Each instruction next to what the official library writes for it. */
const cases: Array<[string, Instruction, (response: VoiceResponse) => void]> = [
	['say', { kind: 'say', text: 'Hello & <welcome> "friends"', voice: 'Polly.Joanna-Neural', language: 'en-US', loop: 2 }, (r) => r.say({ voice: 'Polly.Joanna-Neural', language: 'en-US', loop: 2 }, 'Hello & <welcome> "friends"')],
	['say without options', { kind: 'say', text: "It's 5 > 4" }, (r) => r.say("It's 5 > 4")],
	['play', { kind: 'play', url: 'https://cdn.example.com/hold.mp3?a=1&b=2', loop: 0 }, (r) => r.play({ loop: 0 }, 'https://cdn.example.com/hold.mp3?a=1&b=2')],
	['pause', { kind: 'pause', seconds: 3 }, (r) => r.pause({ length: 3 })],
	[
		'gather digits (PIN: no numDigits, # ends)',
		{
			kind: 'gatherDigits',
			actionUrl: 'https://n8n.example.com/webhook/voice?step=pin&attempt=2',
			prompt: [{ kind: 'say', text: 'Enter your PIN', voice: 'alice' }, { kind: 'pause', seconds: 1 }, { kind: 'play', url: 'https://x.io/beep.wav' }],
			finishOnKey: '#',
			timeoutSeconds: 10,
			actionOnEmptyResult: true,
		},
		(r) => {
			const gather = r.gather({ input: ['dtmf'], action: 'https://n8n.example.com/webhook/voice?step=pin&attempt=2', method: 'POST', finishOnKey: '#', timeout: 10, actionOnEmptyResult: true });
			gather.say({ voice: 'alice' }, 'Enter your PIN');
			gather.pause({ length: 1 });
			gather.play('https://x.io/beep.wav');
		},
	],
	[
		'gather one key (menu)',
		{ kind: 'gatherDigits', actionUrl: 'https://x.io/v?step=menu', prompt: [{ kind: 'say', text: 'Press 6' }], finishOnKey: '', numDigits: 1, timeoutSeconds: 5 },
		(r) => r.gather({ input: ['dtmf'], action: 'https://x.io/v?step=menu', method: 'POST', finishOnKey: '', numDigits: 1, timeout: 5 }).say('Press 6'),
	],
	[
		'join conference (caller with keypad menu)',
		{
			kind: 'joinConference',
			name: 'ds-7f8c8eac',
			label: 'p.CA123.WyIrMTU1NSIsIkFkYSJd',
			startConferenceOnEnter: false,
			endConferenceOnExit: false,
			muted: true,
			beep: false,
			waitUrl: 'https://x.io/v?step=wait',
			statusCallbackUrl: 'https://x.io/v',
			statusCallbackEvents: ['start', 'end', 'join', 'leave', 'mute', 'hold'],
			hangupOnStar: true,
			dialActionUrl: 'https://x.io/v?step=dial&conf=ds-7f8c8eac&muted=1&hand=0',
		},
		(r) =>
			r.dial({ action: 'https://x.io/v?step=dial&conf=ds-7f8c8eac&muted=1&hand=0', method: 'POST', hangupOnStar: true }).conference(
				{
					participantLabel: 'p.CA123.WyIrMTU1NSIsIkFkYSJd',
					startConferenceOnEnter: false,
					endConferenceOnExit: false,
					muted: true,
					beep: 'false',
					waitUrl: 'https://x.io/v?step=wait',
					waitMethod: 'POST',
					statusCallback: 'https://x.io/v',
					statusCallbackMethod: 'POST',
					statusCallbackEvent: ['start', 'end', 'join', 'leave', 'mute', 'hold'],
				},
				'ds-7f8c8eac',
			),
	],
	[
		'join conference (bridge)',
		{ kind: 'joinConference', name: 'ds-room', label: 'ds-bridge', startConferenceOnEnter: true, endConferenceOnExit: false, muted: false, beep: false, statusCallbackUrl: 'https://x.io/v', statusCallbackEvents: ['join', 'leave'] },
		(r) => r.dial().conference({ participantLabel: 'ds-bridge', startConferenceOnEnter: true, endConferenceOnExit: false, muted: false, beep: 'false', statusCallback: 'https://x.io/v', statusCallbackMethod: 'POST', statusCallbackEvent: ['join', 'leave'] }, 'ds-room'),
	],
	['redirect', { kind: 'redirect', url: 'https://x.io/v?step=pin&attempt=1' }, (r) => r.redirect({ method: 'POST' }, 'https://x.io/v?step=pin&attempt=1')],
	['redirect with GET', { kind: 'redirect', url: 'https://x.io/a', method: 'GET' }, (r) => r.redirect({ method: 'GET' }, 'https://x.io/a')],
	['hangup', { kind: 'hangup' }, (r) => r.hangup()],
];

describe('TwiML', () => {
	it.each(cases)('%s equals twiml.VoiceResponse as an XML tree', (_, instruction, official) => {
		const response = new twilio.twiml.VoiceResponse();
		official(response);
		expect(tree(renderTwiml([instruction]))).toEqual(tree(response.toString()));
	});

	it('renders a whole script in order', () => {
		const response = new twilio.twiml.VoiceResponse();
		response.say('Goodbye');
		response.hangup();
		expect(tree(renderTwiml([{ kind: 'say', text: 'Goodbye' }, { kind: 'hangup' }]))).toEqual(tree(response.toString()));
	});

	it('escapes what callers or names could inject', () => {
		const xml = renderTwiml([{ kind: 'say', text: '</Say><Dial>+1900</Dial><Say>' }]);
		expect(xml).not.toContain('<Dial>');
		const response = new twilio.twiml.VoiceResponse();
		response.say('</Say><Dial>+1900</Dial><Say>');
		expect(tree(xml)).toEqual(tree(response.toString()));
	});

	it('writes an empty answer for callbacks', () => {
		expect(tree(renderTwiml([]))).toEqual(tree(new twilio.twiml.VoiceResponse().toString()));
	});
});
