/**
 * What the Telephony Request puts on its items, one type per output. n8n asks one output schema
 * per node, so `npm run schemas` ships these merged (`__schema__/v1.0.0.json`: every field of any
 * output, none required; `muted` is a boolean on Conference, '1'/'0' on Keypad); the tests
 * check every item the node outputs against it.
 */
import type { CallDigitsEvent } from '../core/voice/events';

export interface TelephonyRequestOutputs {
	/** The provider's answer, as markup (also the item's binary `data`). */
	Answer: {
		/** The request answered (call.incoming, call.wait…). */
		eventType: string;
		callId?: string;
		/** The keypad choice the answer carries out, if any. */
		keypad?: string | null;
		markup: string;
	};
	/** Digits a caller typed at the PIN prompt, to look up in the dial-in directory. */
	'PIN Entered': {
		digits: string;
		callId: string;
		attempt: number;
		/** The voice webhook's URL, for the next prompt. */
		webhookUrl: string;
		/** The request as the provider-neutral event Route PIN reads. */
		event: CallDigitsEvent;
	};
	/** A caller's *6 or *9 in the conference. */
	Keypad: {
		callId: string;
		conference?: string;
		roomId: string | null;
		callerNumber: string;
		/** mute, unmute, raiseHand or lowerHand (decided from the caller's state). */
		action?: string;
		wasMuted?: string;
		wasHand?: string;
		muted?: string;
		hand?: string;
		/** mute or hand: flip what the caller's row says (providers that detect keys in the conference). */
		toggle?: 'mute' | 'hand';
		keys?: string;
	};
	/** Someone joined, left or was muted in a conference; the provider already has its answer. */
	'Conference': {
		/** participant.joined, participant.left, participant.muted…, conference.started, conference.ended. */
		type: string;
		conference: string;
		conferenceId: string;
		callId?: string;
		label?: string;
		muted?: boolean;
		sequence?: number;
		reason?: string;
		isBridge?: boolean;
		isCaller?: boolean;
		callerNumber?: string | null;
		callerName?: string | null;
		raw: Record<string, unknown>;
	};
	/** Forged or unreadable: answer 403. */
	Rejected: { rejected: true; status: number; reason: string };
}
