/**
 * The seam every voice provider implements, in neutral terms: verify and parse its requests,
 * render instructions to its markup, control calls over its REST API, and say what it can do.
 * A provider is one folder under providers/ plus one line in providers/index.ts; nothing outside
 * knows a provider's field names.
 */
import type { HttpFailure, JsonRecord, Send } from '../http';
import type { CallEvent, VoiceEvent } from './events';
import type { Instruction } from './instructions';

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export type ParseResult = { ok: true; event: VoiceEvent } | { ok: false; reason: string };

/** A provider's HTTP request as n8n's Webhook node hands it over. */
export interface InboundRequest {
	method: string;
	/** The full public URL the provider requested, query included. */
	url: string;
	/** Header names in lower case. */
	headers: Record<string, string | undefined>;
	/** Form fields of the body (empty for JSON bodies). */
	params: Record<string, string>;
	/** The body as parsed (JSON object, or the form fields). */
	body: unknown;
	/** Query parameters. */
	query: Record<string, string>;
	/** The body exactly as received, for providers that sign it (absent when n8n did not keep it). */
	rawBody?: string;
}

export interface Markup {
	contentType: string;
	fileName: string;
	body: string;
}

/** The provider credential's fields, as n8n decrypts them. */
export type ProviderCredentials = Record<string, unknown>;

/** A conference as call control addresses it: the provider's ID and our name for it. */
export interface ConferenceRef {
	id: string;
	name: string;
}

/** One participant of a conference, in neutral fields; `raw` keeps the provider's record. */
export interface Participant {
	callId: string;
	/** The label we gave it when it joined ('' where the provider keeps none: see `identity`). */
	label: string;
	muted: boolean;
	onHold: boolean;
	raw: JsonRecord;
}

export type CallStatus = 'up' | 'ended' | 'unknown';

export interface NumberConfiguration {
	phoneNumber: string;
	voiceUrl: string;
	fallbackUrl: string;
}

/** Call control over the provider's REST API, bound to one credential. */
export interface CallControl {
	/**
	 * The conference in progress with this name (or the provider's ID). `members`: calls known to
	 * be in it, for providers that find a conference only through its calls (Vonage).
	 */
	findConference(name: string, members?: string[]): Promise<ConferenceRef | undefined>;
	/** A conference by its provider ID, with the name the provider knows it by. */
	getConference(id: string): Promise<(ConferenceRef & { raw: JsonRecord }) | undefined>;
	listParticipants(conference: ConferenceRef): Promise<Participant[]>;
	/**
	 * The conference (by name, or the provider's ID) with who is in it: in as few requests as the
	 * provider allows (Sinch answers both at once). Undefined when none is in progress.
	 */
	roster(reference: string, members?: string[]): Promise<{ conference: ConferenceRef; participants: Participant[] } | undefined>;
	getParticipant(conference: ConferenceRef, callId: string): Promise<Participant | undefined>;
	/** The participant as the provider answers the change, where it answers with one. */
	setMuted(conference: ConferenceRef, callId: string, muted: boolean): Promise<Participant | undefined>;
	setHold(conference: ConferenceRef, callId: string, hold: boolean): Promise<Participant | undefined>;
	/**
	 * Speak to one participant, or to everyone when `callId` is absent. Providers that fetch what
	 * to say from a URL get `url` (our IVR webhook's announce step); the others speak `text`.
	 */
	announce(conference: ConferenceRef, callId: string | undefined, speech: { text: string; url: string }): Promise<void>;
	remove(conference: ConferenceRef, callId: string): Promise<void>;
	endConference(conference: ConferenceRef): Promise<void>;
	/** Replace what the call is doing with these instructions (a goodbye and a hang-up). */
	redirect(callId: string, instructions: Instruction[]): Promise<void>;
	hangUp(callId: string): Promise<void>;
	callStatus(callId: string): Promise<CallStatus>;
	/** The IVR webhook URL this call came through (where announcements are spoken from). */
	ivrUrlOfCall(callId: string): Promise<string>;
	/** Point a number (empty: the account's only one) at the IVR's answer and fallback URLs. */
	configureNumber(phoneNumber: string, urls: { voiceUrl: string; fallbackUrl?: string }): Promise<NumberConfiguration | Refusal>;
}

/** What the IVR asks of a provider instead of assuming Twilio. */
export interface Capabilities {
	/**
	 * How a caller's keys reach us while in the conference:
	 * - `menuOnStar`: `*` takes the caller out to a keypad menu, then back (Twilio `hangupOnStar`);
	 * - `detect`: the provider reports key sequences itself, the caller stays in (Sinch, Plivo);
	 * - `asyncInput`: keys arrive one at a time as events, the caller stays in (Vonage).
	 */
	keypad: 'menuOnStar' | 'detect' | 'asyncInput';
	/**
	 * How a participant says who it is: `label` (we name it when it joins: Twilio), or `directory`
	 * (only the provider's call ID: the "dial-in calls" rows name the rest).
	 */
	identity: 'label' | 'directory';
	/** Whether the provider calls back when someone joins or leaves a conference. */
	conferenceEvents: boolean;
	/**
	 * Whether a leave names the conference. Vonage's event for a call that is over gives only the
	 * conversation's ID: its templates read the call's "dial-in calls" row for the name first.
	 */
	leaveNamesConference: boolean;
	/** Announcements: fetched from our webhook (`url`) or spoken from text (`text`). */
	announcement: 'url' | 'text';
	/** Longest conference name the provider accepts. */
	conferenceNameMax: number;
	/**
	 * Most members one conference takes, the bridge included, where the provider caps it below the
	 * size of a meeting (Plivo: 20); absent where it does not.
	 */
	conferenceSizeMax?: number;
	/** The provider signs the body's bytes: the Webhook node must keep the raw body. */
	signsRawBody: boolean;
}

/** Call control declined to act, for a reason the user can fix (a number not in the account…). */
export interface Refusal {
	refused: string;
	hint: string;
}

export interface ProviderCredential {
	/** The n8n credential type. */
	name: string;
	/** The secret the provider signs its requests with. */
	signingSecret(credentials: ProviderCredentials): string;
	/** The REST API's base URL (a credential field, so tests point it at a simulator). */
	baseUrl(credentials: ProviderCredentials): string;
}

export interface VoiceProvider {
	/** The Provider parameter's value, and the provider's folder name. */
	readonly id: string;
	/** As people write it: "Twilio". */
	readonly name: string;
	readonly credential: ProviderCredential;
	readonly capabilities: Capabilities;
	verify(request: InboundRequest, credentials: ProviderCredentials): VerifyResult;
	parse(request: InboundRequest): ParseResult;
	/**
	 * For providers whose signatures have no time limit (Plivo): what tells this request apart from
	 * every other the provider sent, the same when it is replayed. Keys pressed in a conference are
	 * acted on once per ID, so a replayed `*6` does not flip mute back.
	 */
	requestId?(request: InboundRequest): string | undefined;
	/**
	 * Markup for these instructions, answering `call` (when it answers a call's request: some
	 * providers keep state across the call's requests in the answer). Throws, naming it, for an
	 * instruction the provider cannot carry out.
	 */
	render(instructions: Instruction[], call?: CallEvent): Markup;
	control(send: Send, credentials: ProviderCredentials): CallControl;
	/** The provider's error answer, as a message and a hint of what to check. */
	describeError(failure: HttpFailure): { message?: string; description?: string };
}
