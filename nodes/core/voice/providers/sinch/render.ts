/**
 * Instructions as SVAML: `{ instructions: [...], action: {...} }`, one action per answer. Sinch
 * posts every callback to the application's one URL, so what Twilio carries in a step URL rides
 * in the menu's id instead (the query of the gather's action URL), and comes back in the PIE's
 * `menuResult.menuId`.
 */
import type { GatherDigits, Instruction, JoinConference, PromptPart } from '../../instructions';

export const DEFAULT_LOCALE = 'en-US';
/** In-conference keys: `*6`/`*9` are two keys; a lone key is reported after the timeout. */
export const CONFERENCE_KEYS = { maxDigits: 2, timeoutMills: 3000 } as const;

export type SvamlInstruction = { name: 'say'; text: string; locale: string } | { name: 'playFiles'; ids: string[]; locale: string };
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

/** What the step URL's query says (`step=pin&attempt=2`): the menu's id. */
export function menuIdOf(actionUrl: string): string {
	const query = actionUrl.includes('?') ? actionUrl.slice(actionUrl.indexOf('?') + 1) : '';
	return query || 'step=pin';
}

function runMenu(gather: GatherDigits): SvamlAction {
	const language = gather.prompt.find((part) => part.kind === 'say' && part.language);
	const id = menuIdOf(gather.actionUrl);
	return {
		name: 'runMenu',
		barge: true,
		locale: (language?.kind === 'say' && language.language) || DEFAULT_LOCALE,
		mainMenu: id,
		menus: [
			{
				id,
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

export function renderSvaml(instructions: Instruction[]): Svaml {
	const svaml: Svaml = {};
	const spoken: SvamlInstruction[] = [];
	for (const item of instructions) {
		if (svaml.action) throw new UnrenderableInstruction(`Sinch takes one action per answer: nothing can follow ${svaml.action.name}`);
		switch (item.kind) {
			case 'say':
			case 'play':
			case 'pause':
				spoken.push(instruction(item));
				break;
			case 'gatherDigits':
				svaml.action = runMenu(item);
				break;
			case 'joinConference':
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
