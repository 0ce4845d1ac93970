/**
 * What the IVR tells a call to do, independent of the voice provider. Each provider's renderer
 * turns a list of these into its markup, or names the kind it cannot render.
 */

export interface Speech {
	text: string;
	/** Provider voice name, e.g. Twilio's `Polly.Joanna-Neural`. */
	voice?: string;
	/** BCP-47 language, e.g. `en-US`. */
	language?: string;
	/** Times to repeat; 0 repeats until the call moves on. */
	loop?: number;
}

export type PromptPart =
	| ({ kind: 'say' } & Speech)
	| { kind: 'play'; url: string; loop?: number }
	| { kind: 'pause'; seconds: number };

export interface GatherDigits {
	kind: 'gatherDigits';
	/** Where the digits go (absolute URL). */
	actionUrl: string;
	prompt: PromptPart[];
	/** Submit on this key; it is not part of the digits. Caller and bridge PINs differ in length. */
	finishOnKey: '#' | '';
	/** Submit after this many digits (for one-key menus); absent for PINs. */
	numDigits?: number;
	/** Most digits accepted; longer input is cut (Twilio has no such attribute: the parser enforces it). */
	maxDigits?: number;
	timeoutSeconds: number;
	/** Post to the action URL even when nothing was pressed (so a timeout counts as an attempt). */
	actionOnEmptyResult?: boolean;
}

export interface JoinConference {
	kind: 'joinConference';
	name: string;
	label: string;
	startConferenceOnEnter: boolean;
	endConferenceOnExit: boolean;
	muted: boolean;
	beep: boolean | 'onEnter' | 'onExit';
	/** Hold music and prompt while waiting for the conference to start. */
	waitUrl?: string;
	/** An audio file to play while waiting, for providers that play a file there (Vonage), not markup. */
	holdMusicUrl?: string;
	statusCallbackUrl?: string;
	statusCallbackEvents?: ConferenceEventName[];
	/** Pressing `*` leaves the conference for the keypad menu (Twilio), posting to dialActionUrl. */
	hangupOnStar?: boolean;
	dialActionUrl?: string;
}

export type ConferenceEventName = 'start' | 'end' | 'join' | 'leave' | 'mute' | 'hold' | 'modify' | 'speaker' | 'announcement';

export type Instruction =
	| PromptPart
	| GatherDigits
	| JoinConference
	| { kind: 'redirect'; url: string; method?: 'GET' | 'POST' }
	| { kind: 'hangup' };

export type InstructionKind = Instruction['kind'];
