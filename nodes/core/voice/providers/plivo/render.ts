/**
 * Instructions as Plivo XML. Every text and attribute goes through the XML escaper.
 *
 * What Twilio carries in its participant label rides in the query of the member's conference
 * `callbackUrl` here (Plivo members have only the IDs Plivo gives them): `label` says who the member
 * is and `from` its number, and Plivo signs that URL, query included, with every callback.
 */
import type { CallEvent } from '../../events';
import type { GatherDigits, Instruction, JoinConference, PromptPart } from '../../instructions';
import { element, XML_DECLARATION } from '../../../xml';

/** The step of a conference callback (`ConferenceAction` enter, exit, digits…), in its URL's query. */
export const CONFERENCE_STEP = 'conference';
/** In-conference keys Plivo reports without taking the caller out (`digitsMatch`). */
export const CONFERENCE_KEYS = ['*6', '*9'];
/** Plivo bounds GetInput's wait for input at 5 to 60 seconds, and the digits at 32. */
const EXECUTION_TIMEOUT = { min: 5, max: 60 };
const MAX_DIGITS = 32;

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, Math.round(value)));

function prompt(part: PromptPart): string {
	switch (part.kind) {
		case 'say':
			return element('Speak', { voice: part.voice, language: part.language, loop: part.loop }, part.text);
		case 'play':
			return element('Play', { loop: part.loop }, part.url);
		case 'pause':
			return element('Wait', { length: part.seconds });
	}
}

/**
 * `<GetInput>`: without input Plivo goes on to the next element, so a gather that must count a
 * silence (`actionOnEmptyResult`) is followed by a redirect to its action URL, which then arrives
 * without `Digits`. `log="false"` keeps PINs out of Plivo's debug logs.
 */
function gather(instruction: GatherDigits): string[] {
	const input = element(
		'GetInput',
		{
			action: instruction.actionUrl,
			method: 'POST',
			inputType: 'dtmf',
			executionTimeout: clamp(instruction.timeoutSeconds, EXECUTION_TIMEOUT),
			finishOnKey: instruction.finishOnKey || 'none',
			numDigits: Math.min(instruction.numDigits ?? instruction.maxDigits ?? MAX_DIGITS, MAX_DIGITS),
			redirect: true,
			log: false,
		},
		instruction.prompt.map(prompt),
	);
	return instruction.actionOnEmptyResult ? [input, element('Redirect', { method: 'POST' }, instruction.actionUrl)] : [input];
}

/** `url` with these values added to its query. */
function withQuery(url: string, values: Record<string, string>): string {
	return `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(values).toString()}`;
}

function beeps(beep: JoinConference['beep']): { enterSound?: string; exitSound?: string } {
	return {
		enterSound: beep === true || beep === 'onEnter' ? 'beep:1' : undefined,
		exitSound: beep === true || beep === 'onExit' ? 'beep:2' : undefined,
	};
}

/**
 * `<Conference>`. The keypad (`hangupOnStar` in neutral terms) is Plivo's `digitsMatch`: `*6` and
 * `*9` reach the callback URL and the caller stays in; the keys are not relayed to the others.
 */
function conference(join: JoinConference, call?: CallEvent): string {
	const callbackUrl = join.statusCallbackUrl
		? withQuery(join.statusCallbackUrl, { step: CONFERENCE_STEP, label: join.label, ...(call?.from ? { from: call.from } : {}) })
		: undefined;
	return element(
		'Conference',
		{
			muted: join.muted,
			...beeps(join.beep),
			startConferenceOnEnter: join.startConferenceOnEnter,
			endConferenceOnExit: join.endConferenceOnExit,
			waitSound: join.waitUrl,
			callbackUrl,
			callbackMethod: callbackUrl ? 'POST' : undefined,
			digitsMatch: join.hangupOnStar && callbackUrl ? CONFERENCE_KEYS.join(',') : undefined,
			relayDTMF: join.hangupOnStar ? false : undefined,
		},
		join.name,
	);
}

function elements(instruction: Instruction, call?: CallEvent): string[] {
	switch (instruction.kind) {
		case 'say':
		case 'play':
		case 'pause':
			return [prompt(instruction)];
		case 'gatherDigits':
			return gather(instruction);
		case 'joinConference':
			return [conference(instruction, call)];
		case 'redirect':
			return [element('Redirect', { method: instruction.method ?? 'POST' }, instruction.url)];
		case 'hangup':
			return [element('Hangup')];
	}
}

/** `call`: the request answered (its caller's number goes into the conference callback URL). */
export function renderPlivoXml(instructions: Instruction[], call?: CallEvent): string {
	return XML_DECLARATION + element('Response', {}, instructions.flatMap((instruction) => elements(instruction, call)));
}
