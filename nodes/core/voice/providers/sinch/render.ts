/**
 * Instructions as SVAML: `{ instructions: [...], action: {...} }`, one action per answer. Sinch
 * posts every callback to the application's one URL, so what Twilio carries in step URLs rides in
 * cookies instead: `setCookie` values come back in every later callback of the call (`cookies`).
 *   cli      the caller's number (only the ICE has it)
 *   attempt  the PIN attempt
 *   conf     the conference joined, and
 *   label    who joined it: the DICE then says who left which conference
 */
import type { CallEvent } from '../../events';
import type { GatherDigits, Instruction, JoinConference, PromptPart } from '../../instructions';

export const DEFAULT_LOCALE = 'en-US';
/** In-conference keys: `*6`/`*9` are two keys; a lone key is reported after the timeout. */
export const CONFERENCE_KEYS = { maxDigits: 2, timeoutMills: 3000 } as const;

export type SvamlInstruction =
	| { name: 'say'; text: string; locale: string }
	| { name: 'playFiles'; ids: string[]; locale: string }
	| { name: 'setCookie'; key: string; value: string };

/** Sinch's menus must include one with this id, which plays first; its PIE names it. */
export const PIN_MENU_ID = 'main';
export type SvamlAction = Record<string, unknown> & { name: string };
export interface Svaml {
	instructions?: SvamlInstruction[];
	action?: SvamlAction;
}

export class UnrenderableInstruction extends Error {}

/** Sinch prompt syntax: `#tts[...]`, `#ssml[...]`, or a file URL, joined with `;`. */
function promptText(part: PromptPart): string {
	switch (part.kind) {
		case 'say':
			return `#tts[${part.text}]`;
		case 'play':
			return part.url;
		case 'pause':
			return `#ssml[<speak><break time="${part.seconds}s"/></speak>]`;
	}
}

function instruction(part: PromptPart): SvamlInstruction {
	const locale = (part.kind === 'say' && part.language) || DEFAULT_LOCALE;
	return part.kind === 'say' ? { name: 'say', text: part.text, locale } : { name: 'playFiles', ids: [promptText(part)], locale };
}

const cookie = (key: string, value: string): SvamlInstruction => ({ name: 'setCookie', key, value });

/** The attempt the gather's action URL carries (`…?step=pin&attempt=2`). */
function attemptOf(actionUrl: string): string {
	const query = actionUrl.includes('?') ? actionUrl.slice(actionUrl.indexOf('?') + 1) : '';
	return new URLSearchParams(query).get('attempt') ?? '1';
}

function runMenu(gather: GatherDigits): SvamlAction {
	const language = gather.prompt.find((part) => part.kind === 'say' && part.language);
	return {
		name: 'runMenu',
		barge: true,
		locale: (language?.kind === 'say' && language.language) || DEFAULT_LOCALE,
		menus: [
			{
				id: PIN_MENU_ID,
				mainPrompt: gather.prompt.map(promptText).join(';'),
				repeats: 0,
				maxDigits: gather.numDigits ?? gather.maxDigits,
				timeoutMills: gather.timeoutSeconds * 1000,
			},
		],
	};
}

function connectConf(join: JoinConference): SvamlAction {
	return {
		name: 'connectConf',
		conferenceId: join.name,
		// Hold music while a caller waits for the meeting; the bridge never waits.
		...(join.startConferenceOnEnter ? {} : { moh: 'music1' }),
		// The keypad without leaving the conference: Sinch reports `*6`/`*9` as a PIE.
		...(join.hangupOnStar ? { conferenceDtmfOptions: { mode: 'detect', ...CONFERENCE_KEYS } } : {}),
	};
}

/** `call`: the callback answered (its caller's number is kept from the ICE on). */
export function renderSvaml(instructions: Instruction[], call?: CallEvent): Svaml {
	const svaml: Svaml = {};
	const spoken: SvamlInstruction[] = [];
	if (call?.type === 'call.incoming' && call.from) spoken.push(cookie('cli', call.from));
	for (const item of instructions) {
		if (svaml.action) throw new UnrenderableInstruction(`Sinch takes one action per answer: nothing can follow ${svaml.action.name}`);
		switch (item.kind) {
			case 'say':
			case 'play':
			case 'pause':
				spoken.push(instruction(item));
				break;
			case 'gatherDigits':
				spoken.push(cookie('attempt', attemptOf(item.actionUrl)));
				svaml.action = runMenu(item);
				break;
			case 'joinConference':
				spoken.push(cookie('conf', item.name), cookie('label', item.label));
				svaml.action = connectConf(item);
				break;
			case 'hangup':
				svaml.action = { name: 'hangup' };
				break;
			case 'redirect':
				throw new UnrenderableInstruction('Sinch cannot fetch instructions from a URL (redirect)');
		}
	}
	if (spoken.length > 0) svaml.instructions = spoken;
	return svaml;
}
