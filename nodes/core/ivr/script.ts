/**
 * The IVR's decisions, as pure functions from an event (and a directory entry) to instructions.
 * Everything a later step needs travels in the URLs handed to the provider (step, attempt,
 * conference, muted, hand), so nothing is stored between requests.
 */
import type { CallEvent } from '../voice/events';
import type { ConferenceEventName, Instruction, JoinConference, PromptPart } from '../voice/instructions';
import type { BridgeChecks, Classification, DirectoryEntry } from './classifyCall';
import { classifyCall } from './classifyCall';
import { BRIDGE_LABEL, callerLabel } from './labels';

export interface IvrSettings {
	voice?: string;
	language?: string;
	welcome: string;
	retry: string;
	goodbye: string;
	waiting: string;
	/** Audio (mp3/wav) callers hear while waiting for the meeting; silence between prompts when empty. */
	holdMusicUrl?: string;
	maxAttempts: number;
	pinTimeoutSeconds: number;
	maxPinDigits: number;
	/** `*6` mutes or unmutes, `*9` raises or lowers the hand (Twilio: the caller briefly leaves the conference). */
	keypadMenu: boolean;
	menuPrompt: string;
	apology: string;
	callerBeep: boolean;
}

export const DEFAULT_IVR_SETTINGS: IvrSettings = {
	welcome: 'Welcome. Please enter your meeting PIN, followed by the pound key.',
	retry: 'That PIN was not recognised. Please try again.',
	goodbye: 'Sorry, that PIN was not recognised. Goodbye.',
	waiting: 'Please wait. The meeting will start soon.',
	maxAttempts: 3,
	pinTimeoutSeconds: 10,
	maxPinDigits: 20,
	keypadMenu: true,
	menuPrompt: 'Press 6 to mute or unmute yourself. Press 9 to raise or lower your hand.',
	apology: 'Sorry, we cannot connect your call right now. Please try again later. Goodbye.',
	callerBeep: false,
};

export const CONFERENCE_EVENTS: ConferenceEventName[] = ['start', 'end', 'join', 'leave', 'mute', 'hold'];

/** Our webhook URL with the step and state in its query (values are URL-safe by construction). */
export function stepUrl(webhookUrl: string, step: string, state: Record<string, string> = {}): string {
	const query = new URLSearchParams({ step, ...state }).toString();
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}${query}`;
}

const say = (text: string, settings: IvrSettings): PromptPart => ({
	kind: 'say',
	text,
	voice: settings.voice,
	language: settings.language,
});

export function pinPrompt(webhookUrl: string, settings: IvrSettings, attempt = 1, before: string[] = []): Instruction[] {
	return [
		...before.map((text) => say(text, settings)),
		{
			kind: 'gatherDigits',
			actionUrl: stepUrl(webhookUrl, 'pin', { attempt: String(attempt) }),
			prompt: [say(settings.welcome, settings)],
			finishOnKey: '#',
			maxDigits: settings.maxPinDigits,
			timeoutSeconds: settings.pinTimeoutSeconds,
			actionOnEmptyResult: true,
		},
	];
}

interface CallerState {
	conference: string;
	muted: boolean;
	hand: boolean;
}

function callerJoin(event: CallEvent, webhookUrl: string, settings: IvrSettings, state: CallerState): JoinConference {
	const carried = { conf: state.conference, muted: state.muted ? '1' : '0', hand: state.hand ? '1' : '0' };
	return {
		kind: 'joinConference',
		name: state.conference,
		label: callerLabel(event.callId, event.from, event.callerName ?? ''),
		startConferenceOnEnter: false,
		endConferenceOnExit: false,
		muted: state.muted,
		beep: settings.callerBeep,
		waitUrl: stepUrl(webhookUrl, 'wait'),
		...(settings.holdMusicUrl ? { holdMusicUrl: settings.holdMusicUrl } : {}),
		statusCallbackUrl: webhookUrl,
		statusCallbackEvents: CONFERENCE_EVENTS,
		hangupOnStar: settings.keypadMenu || undefined,
		dialActionUrl: settings.keypadMenu ? stepUrl(webhookUrl, 'dial', carried) : undefined,
	};
}

function bridgeJoin(webhookUrl: string, conference: string): JoinConference {
	return {
		kind: 'joinConference',
		name: conference,
		label: BRIDGE_LABEL,
		startConferenceOnEnter: true,
		endConferenceOnExit: false,
		muted: false,
		beep: false,
		statusCallbackUrl: webhookUrl,
		statusCallbackEvents: CONFERENCE_EVENTS,
	};
}

export interface PinRoute {
	classification: Classification;
	instructions: Instruction[];
}

/** After a PIN: the bridge joins as the bridge, a caller joins and waits, anything else retries or ends. */
export function routePin(
	event: CallEvent & { type: 'call.digits' },
	entry: (DirectoryEntry & { conference: string }) | undefined,
	webhookUrl: string,
	settings: IvrSettings,
	checks: BridgeChecks = {},
): PinRoute {
	const digits = event.digits.slice(0, settings.maxPinDigits);
	const classification = classifyCall({ digits, callerName: event.callerName, sip: event.sip }, entry, checks);
	if (classification === 'bridge' && entry) {
		return { classification, instructions: [bridgeJoin(webhookUrl, entry.conference)] };
	}
	if (classification === 'caller' && entry) {
		return {
			classification,
			instructions: [callerJoin(event, webhookUrl, settings, { conference: entry.conference, muted: false, hand: false })],
		};
	}
	if (event.attempt >= settings.maxAttempts) {
		return { classification, instructions: [say(settings.goodbye, settings), { kind: 'hangup' }] };
	}
	return { classification, instructions: pinPrompt(webhookUrl, settings, event.attempt + 1, [settings.retry]) };
}

function callerState(event: CallEvent): CallerState | undefined {
	const conference = event.state.conf;
	if (!conference || !/^[A-Za-z0-9_.:-]{1,128}$/.test(conference)) return undefined;
	return { conference, muted: event.state.muted === '1', hand: event.state.hand === '1' };
}

/** `*` pressed in the conference: offer the keypad menu, then back into the conference. */
export function keypadMenu(event: CallEvent, webhookUrl: string, settings: IvrSettings): Instruction[] {
	const state = callerState(event);
	// A call that is over, or a Dial that ended without our state, goes no further.
	if (!state || event.ended) return [{ kind: 'hangup' }];
	const carried = { conf: state.conference, muted: state.muted ? '1' : '0', hand: state.hand ? '1' : '0' };
	return [
		{
			kind: 'gatherDigits',
			actionUrl: stepUrl(webhookUrl, 'menu', carried),
			prompt: [say(settings.menuPrompt, settings)],
			finishOnKey: '',
			numDigits: 1,
			timeoutSeconds: 5,
			actionOnEmptyResult: true,
		},
	];
}

export type KeypadAction = 'mute' | 'unmute' | 'raiseHand' | 'lowerHand';

export interface MenuChoice {
	action?: KeypadAction;
	instructions: Instruction[];
}

/** The key pressed in the menu: 6 flips mute, 9 flips the hand, anything else changes nothing. */
export function menuChoice(
	event: CallEvent & { type: 'call.digits' },
	webhookUrl: string,
	settings: IvrSettings,
): MenuChoice {
	const state = callerState(event);
	if (!state) return { instructions: [{ kind: 'hangup' }] };
	let action: KeypadAction | undefined;
	if (event.digits === '6') {
		state.muted = !state.muted;
		action = state.muted ? 'mute' : 'unmute';
	} else if (event.digits === '9') {
		state.hand = !state.hand;
		action = state.hand ? 'raiseHand' : 'lowerHand';
	}
	return { action, instructions: [callerJoin(event, webhookUrl, settings, state)] };
}

/** What a waiting caller hears, over and over (Twilio fetches the waitUrl again when it ends). */
export function waitMusic(settings: IvrSettings): Instruction[] {
	const music: Instruction[] = settings.holdMusicUrl
		? [{ kind: 'play', url: settings.holdMusicUrl }]
		: [{ kind: 'pause', seconds: 10 }];
	return [say(settings.waiting, settings), ...music];
}

export function announcement(text: string, settings: IvrSettings): Instruction[] {
	return [say(text, settings)];
}

/** The number's fallback: never silence, never the provider's own error message. */
export function apology(settings: IvrSettings): Instruction[] {
	return [say(settings.apology, settings), { kind: 'hangup' }];
}

/** Where to send a provider for an announcement of `text` (spoken by the wait/announce step). */
export function announceUrl(webhookUrl: string, text: string): string {
	return stepUrl(webhookUrl, 'announce', { text: Buffer.from(text, 'utf8').toString('base64url') });
}
