/**
 * Our Plivo XML against `plivo.Response`'s, as XML trees (element names, attributes, text, order),
 * for every instruction: the SDK writes what we mean with the attributes Plivo documents.
 */
import { Response } from 'plivo';

import type { CallEvent } from '../../../../../nodes/core/voice/events';
import type { Instruction } from '../../../../../nodes/core/voice/instructions';
import { renderPlivoXml } from '../../../../../nodes/core/voice/providers/plivo/render';
import type { Verb } from '../../../../simulators/responseXml';
import { parseResponseXml } from '../../../../simulators/responseXml';

type SdkResponse = ReturnType<typeof Response>;

const tree = (xml: string): Verb[] => parseResponseXml(xml, 'Plivo XML');
const ours = (instructions: Instruction[], call?: CallEvent) => tree(renderPlivoXml(instructions, call));
const theirs = (build: (response: SdkResponse) => void) => {
	const response = Response();
	build(response);
	return tree(response.toXML());
};

const VOICE = 'https://n8n.example.com/webhook/voice';
const PIN_URL = `${VOICE}?step=pin&attempt=1`;
const CALLER_LABEL = 'p.16e3a2b4-2f56-4b0b-a5c4-1e0c4b3b4e21.WyIrMTU1NTAwMDAwMDEiLCJBZGEiXQ';
const DIGITS_EVENT: CallEvent = {
	type: 'call.digits',
	step: 'pin',
	digits: '123456',
	attempt: 1,
	callId: '16e3a2b4-2f56-4b0b-a5c4-1e0c4b3b4e21',
	from: '+15550000001',
	to: '+15557654321',
	state: {},
	raw: {},
};

describe('Plivo XML equals plivo.Response’s', () => {
	it('speech, with voice, language and loop; escaping', () => {
		expect(ours([{ kind: 'say', text: 'Welcome <to> "Tom & Jerry"', voice: 'Polly.Amy', language: 'en-GB', loop: 2 }])).toEqual(
			theirs((r) => r.addSpeak('Welcome <to> "Tom & Jerry"', { voice: 'Polly.Amy', language: 'en-GB', loop: 2 })),
		);
	});

	it('audio, looped, and a pause', () => {
		expect(ours([{ kind: 'play', url: 'https://example.com/hold.mp3', loop: 0 }, { kind: 'pause', seconds: 3 }])).toEqual(
			theirs((r) => {
				r.addPlay('https://example.com/hold.mp3', { loop: 0 });
				r.addWait({ length: 3 });
			}),
		);
	});

	it('the PIN prompt: GetInput (DTMF, # ends, not logged), then the same step again when nothing was pressed', () => {
		const gather: Instruction = { kind: 'gatherDigits', actionUrl: PIN_URL, prompt: [{ kind: 'say', text: 'Enter your PIN' }], finishOnKey: '#', maxDigits: 20, timeoutSeconds: 10, actionOnEmptyResult: true };
		expect(ours([gather])).toEqual(
			theirs((r) => {
				const input = r.addGetInput({ action: PIN_URL, method: 'POST', inputType: 'dtmf', executionTimeout: 10, finishOnKey: '#', numDigits: 20, redirect: true, log: false });
				input.addSpeak('Enter your PIN');
				r.addRedirect(PIN_URL, { method: 'POST' });
			}),
		);
	});

	it('a one-key menu without an end key, within Plivo’s bounds (5–60 s, 32 digits)', () => {
		const menu: Instruction = { kind: 'gatherDigits', actionUrl: PIN_URL, prompt: [{ kind: 'pause', seconds: 1 }], finishOnKey: '', numDigits: 1, timeoutSeconds: 2 };
		expect(ours([menu])).toEqual(
			theirs((r) => r.addGetInput({ action: PIN_URL, method: 'POST', inputType: 'dtmf', executionTimeout: 5, finishOnKey: 'none', numDigits: 1, redirect: true, log: false }).addWait({ length: 1 })),
		);
		const long: Instruction = { ...menu, numDigits: undefined, maxDigits: 99, timeoutSeconds: 600 };
		expect(ours([long])[0].attributes).toMatchObject({ executionTimeout: '60', numDigits: '32' });
	});

	it('the bridge joins: starts the conference, its callback URL says it is the bridge', () => {
		const join: Instruction = { kind: 'joinConference', name: 'ds-room', label: 'ds-bridge', startConferenceOnEnter: true, endConferenceOnExit: false, muted: false, beep: false, statusCallbackUrl: VOICE };
		expect(ours([join], DIGITS_EVENT)).toEqual(
			theirs((r) =>
				r.addConference('ds-room', {
					muted: false,
					startConferenceOnEnter: true,
					endConferenceOnExit: false,
					callbackUrl: `${VOICE}?step=conference&label=ds-bridge&from=%2B15550000001`,
					callbackMethod: 'POST',
				}),
			),
		);
	});

	it('a caller joins: waits with hold music, beeps, and keeps *6 / *9 for the callback without leaving', () => {
		const join: Instruction = {
			kind: 'joinConference',
			name: 'ds-room',
			label: CALLER_LABEL,
			startConferenceOnEnter: false,
			endConferenceOnExit: false,
			muted: true,
			beep: true,
			waitUrl: `${VOICE}?step=wait`,
			statusCallbackUrl: VOICE,
			hangupOnStar: true,
			dialActionUrl: `${VOICE}?step=dial`,
		};
		expect(ours([join], DIGITS_EVENT)).toEqual(
			theirs((r) =>
				r.addConference('ds-room', {
					muted: true,
					enterSound: 'beep:1',
					exitSound: 'beep:2',
					startConferenceOnEnter: false,
					endConferenceOnExit: false,
					waitSound: `${VOICE}?step=wait`,
					callbackUrl: `${VOICE}?step=conference&label=${CALLER_LABEL}&from=%2B15550000001`,
					callbackMethod: 'POST',
					digitsMatch: '*6,*9',
					relayDTMF: false,
				}),
			),
		);
	});

	it('a redirect and a hang-up', () => {
		expect(ours([{ kind: 'redirect', url: `${VOICE}?step=pin` }, { kind: 'hangup' }])).toEqual(
			theirs((r) => {
				r.addRedirect(`${VOICE}?step=pin`, { method: 'POST' });
				r.addHangup();
			}),
		);
	});

	it('an XML declaration first, and no character XML forbids', () => {
		const xml = renderPlivoXml([{ kind: 'say', text: 'a\u0001b' }]);
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
		expect(tree(xml)[0].text).toBe('ab');
	});
});
