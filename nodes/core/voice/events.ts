/** Provider requests, normalized. Provider-specific fields stay under `raw`. */

export type RawParams = Record<string, string>;

/** Which IVR step a voice request answers, carried in the URLs we hand the provider. */
export type VoiceStep = 'incoming' | 'pin' | 'dial' | 'menu' | 'wait' | 'announce' | 'fallback';

export interface CallBase {
	callId: string;
	from: string;
	to: string;
	/** What the caller's network says their name is (Twilio `CallerName`, or the SIP From display name). */
	callerName?: string;
	/** Set when the call came in over SIP. */
	sip?: { domain?: string; username?: string; sourceIp?: string; callId?: string };
	/** Values we carried in our own URLs or cookies (attempt, muted, hand…). */
	state: Record<string, string>;
	/** Set when the request says the call is already over (Twilio's CallStatus after a hang-up). */
	ended?: boolean;
	raw: RawParams;
}

/** Keys a caller typed at a prompt (the PIN, or a keypad menu choice). */
export type CallDigitsEvent = { type: 'call.digits'; step: 'pin' | 'menu'; digits: string; attempt: number } & CallBase;

export type CallEvent =
	| ({ type: 'call.incoming' } & CallBase)
	| CallDigitsEvent
	/** The caller pressed `*` in the conference and left it for the keypad menu. */
	| ({ type: 'call.menu' } & CallBase)
	/** The provider asks for hold music (conference `waitUrl`). */
	| ({ type: 'call.wait' } & CallBase)
	/** The provider asks what to announce (`announceUrl`). */
	| ({ type: 'call.announce'; text: string } & CallBase)
	/** The number's fallback URL was called: the main flow failed. */
	| ({ type: 'call.fallback'; errorCode?: string } & CallBase)
	/**
	 * Keys a caller pressed while staying in the conference (providers whose capabilities say
	 * `keypad: 'detect'` or `'asyncInput'`), e.g. `*6`.
	 */
	| ({ type: 'call.keypad'; keys: string; conference: string } & CallBase)
	/** The call is over (Sinch's DICE for a call that never joined; Vonage parses every end as a leave). */
	| ({ type: 'call.ended'; reason?: string } & CallBase)
	/** The provider reports the call's progress (Vonage's started, ringing, answered…): nothing to do. */
	| ({ type: 'call.status'; status: string } & CallBase);

export type ParticipantEventType =
	| 'participant.joined'
	| 'participant.left'
	| 'participant.muted'
	| 'participant.unmuted'
	| 'participant.held'
	| 'participant.unheld';

export interface ParticipantEvent {
	type: ParticipantEventType;
	conference: string;
	conferenceId: string;
	callId: string;
	label: string;
	muted: boolean;
	sequence?: number;
	/** Why a participant left (Twilio `ReasonParticipantLeft`), e.g. participant_hung_up. */
	reason?: string;
	raw: RawParams;
}

export interface ConferenceEvent {
	type: 'conference.started' | 'conference.ended' | 'conference.other';
	conference: string;
	conferenceId: string;
	sequence?: number;
	raw: RawParams;
}

export type VoiceEvent = CallEvent | ParticipantEvent | ConferenceEvent;

export const isCallEvent = (event: VoiceEvent): event is CallEvent => event.type.startsWith('call.');
