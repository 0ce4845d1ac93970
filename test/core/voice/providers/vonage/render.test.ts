/**
 * Our NCCO against `@vonage/voice`'s builders, as JSON trees, for every instruction. Where the
 * SDK's classes cannot say what Vonage's NCCO reference allows, the difference is named: its
 * `Conversation` writes only truthy options (so `startOnEnter: false`, which keeps a caller waiting
 * for the bridge, is lost), and its `Input` requires DTMF settings and drops `mode` (an
 * asynchronous input must have none); those two are compared with the SDK's own action types.
 */
import type { InputAction } from '@vonage/voice';
import { Conversation, Input, NCCOBuilder, Stream, Talk } from '@vonage/voice';

import type { Instruction } from '../../../../../nodes/core/voice/instructions';
import { renderNcco, UnrenderableInstruction } from '../../../../../nodes/core/voice/providers/vonage/render';

const built = (...actions: Array<Parameters<NCCOBuilder['addAction']>[0]>) => {
	const builder = new NCCOBuilder();
	for (const action of actions) builder.addAction(action);
	return JSON.parse(JSON.stringify(builder.build())) as unknown;
};
const ours = (instructions: Instruction[]) => JSON.parse(JSON.stringify(renderNcco(instructions))) as unknown;

const PIN_URL = 'https://n8n.example.com/webhook/voice?step=pin&attempt=1';
const KEYS_URL = 'https://n8n.example.com/webhook/voice?step=dial&conf=ds-room&muted=0&hand=0';

describe('NCCO equals @vonage/voice’s', () => {
	it('talk, with its language', () => {
		expect(ours([{ kind: 'say', text: 'Welcome', language: 'en-GB' }])).toEqual(built(new Talk('Welcome', undefined, undefined, undefined, 'en-GB')));
	});

	it('stream, looped', () => {
		expect(ours([{ kind: 'play', url: 'https://example.com/hold.mp3', loop: 3 }])).toEqual(built(new Stream('https://example.com/hold.mp3', undefined, undefined, 3)));
	});

	it('a pause is a silence spoken in SSML', () => {
		expect(ours([{ kind: 'pause', seconds: 2 }])).toEqual(built(new Talk('<speak><break time="2s"/></speak>')));
	});

	it('the PIN prompt: the prompt may be interrupted, then an input of up to 20 digits ended by #', () => {
		const gather: Instruction = { kind: 'gatherDigits', actionUrl: PIN_URL, prompt: [{ kind: 'say', text: 'Enter your PIN' }], finishOnKey: '#', maxDigits: 32, timeoutSeconds: 15, actionOnEmptyResult: true };
		expect(ours([gather])).toEqual(built(new Talk('Enter your PIN', true), new Input({ maxDigits: 20, timeOut: 10, submitOnHash: true }, undefined, PIN_URL)));
	});

	it('a one-key menu', () => {
		const menu: Instruction = { kind: 'gatherDigits', actionUrl: PIN_URL, prompt: [{ kind: 'say', text: 'Press 6' }], finishOnKey: '', numDigits: 1, timeoutSeconds: 5 };
		expect(ours([menu])).toEqual(built(new Talk('Press 6', true), new Input({ maxDigits: 1, timeOut: 5, submitOnHash: false }, undefined, PIN_URL)));
	});

	it('the bridge joins: starts the conversation, does not end it', () => {
		const join: Instruction = { kind: 'joinConference', name: 'ds-room', label: 'ds-bridge', startConferenceOnEnter: true, endConferenceOnExit: false, muted: false, beep: false };
		// The SDK drops endOnExit: false (Vonage's default too).
		expect(ours([join])).toEqual([{ ...(built(new Conversation('ds-room', undefined, true, false)) as object[])[0], endOnExit: false }]);
	});

	it('a caller joins: waits with music, muted, keys heard one at a time beside the conversation', () => {
		const join: Instruction = {
			kind: 'joinConference',
			name: 'ds-room',
			label: 'caller',
			startConferenceOnEnter: false,
			endConferenceOnExit: false,
			muted: true,
			beep: false,
			holdMusicUrl: 'https://example.com/hold.mp3',
			hangupOnStar: true,
			dialActionUrl: KEYS_URL,
		};
		const [conversation] = built(new Conversation('ds-room', 'https://example.com/hold.mp3', false, false, false, undefined, undefined, true)) as object[];
		const keypad: InputAction = { action: 'input' as InputAction['action'], type: ['dtmf'], mode: 'asynchronous', eventUrl: [KEYS_URL] };
		expect(ours([join])).toEqual([keypad, { ...conversation, startOnEnter: false, endOnExit: false }]);
	});

	it('a hang-up ends the NCCO: what follows is not run', () => {
		expect(ours([{ kind: 'say', text: 'Goodbye' }, { kind: 'hangup' }, { kind: 'say', text: 'never' }])).toEqual(built(new Talk('Goodbye')));
	});

	it('a redirect is named as what Vonage cannot do', () => {
		expect(() => renderNcco([{ kind: 'redirect', url: 'https://example.com' }])).toThrow(UnrenderableInstruction);
	});
});
