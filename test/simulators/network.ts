/**
 * A voice provider's simulator as the provider conformance suite drives it: numbers pointed at the
 * IVR, calls placed and heard, the conference as the provider sees it. Each simulator folder
 * implements this once (network.ts); networks.ts lists them, one line per provider.
 */
import type { IDataObject } from 'n8n-workflow';

export interface SimulatedPhone {
	/** The provider's call ID. */
	readonly callId: string;
	/** The caller's number as Digital Samba is told it (E.164). */
	readonly from: string;
	readonly heard: string[];
	readonly ended: boolean;
	readonly inConference: boolean;
	joined(count?: number, timeoutMs?: number): Promise<void>;
	press(keys: string): void;
	hangUp(): Promise<void>;
	readonly transcript: unknown[];
}

export interface PhoneNetwork {
	readonly provider: string;
	/** The provider credential's n8n type and data, pointed at this simulator. */
	readonly credential: { type: string; data: IDataObject };
	/** Point a number at the IVR's webhook and fallback URLs. */
	pointNumber(number: string, voiceUrl: string, fallbackUrl: string): void;
	/** `callerName`: what the caller's network says their name is, where the provider passes one on. */
	call(options: { to: string; from?: string; keys: string; callerName?: string }): SimulatedPhone;
	/** Call IDs in the conference as the provider lists it. */
	members(conference: string): string[];
	/** Whether a member is muted, as the provider has it. */
	isMuted(conference: string, callId: string): boolean | undefined;
	/**
	 * Sends again, newest first and twice each, every callback so far that tells of someone joining
	 * or leaving a conference (Twilio: conference status callbacks; Sinch: the DICEs).
	 */
	replayConferenceCallbacks(): Promise<void>;
	/** How much has happened (callbacks sent, REST requests answered): unchanged means quiet. */
	activity(): number;
	/** Until no callback is in flight. */
	settle(): Promise<void>;
	hangUpAll(): Promise<void>;
	close(): Promise<void>;
}

/** What both call drivers are: enough to see one as a SimulatedPhone. */
export interface DrivenCall {
	readonly heard: string[];
	readonly ended: boolean;
	readonly inConference: boolean;
	readonly transcript: unknown[];
	joined(count?: number, timeoutMs?: number): Promise<void>;
	press(keys: string): void;
	hangUp(): Promise<void>;
}

export function phoneView(call: DrivenCall, callId: string, from: string): SimulatedPhone {
	return {
		callId,
		from,
		get heard() {
			return call.heard;
		},
		get ended() {
			return call.ended;
		},
		get inConference() {
			return call.inConference;
		},
		transcript: call.transcript,
		joined: (count, timeoutMs) => call.joined(count, timeoutMs),
		press: (keys) => call.press(keys),
		hangUp: () => call.hangUp(),
	};
}
