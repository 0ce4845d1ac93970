/**
 * Instructions as an NCCO: a JSON array of actions Vonage runs in order; when the last one is done
 * the call ends (an NCCO has no hang-up action: `hangup` ends the list). State rides in the URLs we
 * give Vonage, as with Twilio: an `input`'s eventUrl is the step URL, and Vonage posts the keys
 * there and runs the NCCO we answer instead of the rest of this one.
 *
 * The keypad in the conference is an asynchronous `input` placed before the `conversation`: it does
 * not wait, and Vonage sends each key alone to its eventUrl while the caller stays in the
 * conversation (parse.ts reads them).
 */
import type { GatherDigits, Instruction, JoinConference, PromptPart } from '../../instructions';

/** Vonage's bounds on a DTMF input: at most 20 digits, at most 10 seconds after the last key. */
export const VONAGE_INPUT = { maxDigits: 20, maxTimeOut: 10 } as const;

export type NccoAction = Record<string, unknown> & { action: string };

export class UnrenderableInstruction extends Error {}

function prompt(part: PromptPart, bargeIn: boolean): NccoAction {
	const barge = bargeIn ? { bargeIn: true } : {};
	switch (part.kind) {
		case 'say':
			return { action: 'talk', text: part.text, ...barge, ...(part.loop !== undefined ? { loop: part.loop } : {}), ...(part.language ? { language: part.language } : {}) };
		case 'play':
			return { action: 'stream', streamUrl: [part.url], ...barge, ...(part.loop !== undefined ? { loop: part.loop } : {}) };
		case 'pause':
			// No pause action: a silence spoken in SSML.
			return { action: 'talk', text: `<speak><break time="${part.seconds}s"/></speak>`, ...barge };
	}
}

function input(gather: GatherDigits): NccoAction[] {
	const maxDigits = Math.min(gather.numDigits ?? gather.maxDigits ?? VONAGE_INPUT.maxDigits, VONAGE_INPUT.maxDigits);
	return [
		// The caller may type the PIN while the prompt plays.
		...gather.prompt.map((part) => prompt(part, true)),
		{
			action: 'input',
			type: ['dtmf'],
			dtmf: { maxDigits, timeOut: Math.min(gather.timeoutSeconds, VONAGE_INPUT.maxTimeOut), submitOnHash: gather.finishOnKey === '#' },
			eventUrl: [gather.actionUrl],
		},
	];
}

function conversation(join: JoinConference): NccoAction[] {
	// Keys in the conversation go to the URL Twilio's `*` would post to, with the caller's state.
	const keypad: NccoAction[] = join.hangupOnStar && join.dialActionUrl ? [{ action: 'input', type: ['dtmf'], mode: 'asynchronous', eventUrl: [join.dialActionUrl] }] : [];
	return [
		...keypad,
		{
			action: 'conversation',
			name: join.name,
			startOnEnter: join.startConferenceOnEnter,
			endOnExit: join.endConferenceOnExit,
			// Vonage plays an audio file to those waiting for the conversation to start.
			...(!join.startConferenceOnEnter && join.holdMusicUrl ? { musicOnHoldUrl: [join.holdMusicUrl] } : {}),
			...(join.muted ? { mute: true } : {}),
		},
	];
}

export function renderNcco(instructions: Instruction[]): NccoAction[] {
	const ncco: NccoAction[] = [];
	for (const item of instructions) {
		switch (item.kind) {
			case 'say':
			case 'play':
			case 'pause':
				ncco.push(prompt(item, false));
				break;
			case 'gatherDigits':
				ncco.push(...input(item));
				break;
			case 'joinConference':
				ncco.push(...conversation(item));
				break;
			case 'hangup':
				// The call ends where the NCCO ends.
				return ncco;
			case 'redirect':
				throw new UnrenderableInstruction('Vonage cannot fetch instructions from a URL (redirect)');
		}
	}
	return ncco;
}
