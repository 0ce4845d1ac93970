/**
 * What the Telephony IVR puts on its items, by `resource/operation`. The output schemas the package
 * ships (`__schema__/`, what the editor shows before a run) are generated from these types by
 * `npm run schemas`; the tests check every item the node outputs against them.
 */
import type { Claim } from '../core/ivr/syncPlan';
import type { ParticipantEvent } from '../core/voice/events';
import type { Identity } from './actions/identity';

/** A conference participant as the node outputs it, whatever the provider. */
export type ParticipantItem = Identity & {
	/** The provider's ID of the participant's call. */
	callId: string;
	/** The conference name (ds-<room ID>). */
	conference: string;
	/** The provider's ID of the conference. */
	conferenceId: string;
	/** The label the participant joined with: `ds-bridge`, or the caller's call ID and number. */
	label: string;
	muted: boolean;
	onHold: boolean;
	/** The provider's own record of the participant. */
	raw: Record<string, unknown>;
};

type ConferenceDone = { conference: string; conferenceId: string };

/** Changed, but the provider no longer lists the participant (it just left): what was asked. */
export type ParticipantGone<State extends 'muted' | 'onHold'> = ConferenceDone & { callId: string } & { [key in State]: boolean };

/** No conference of that name or ID in progress: nothing was listed or changed. */
export type NoConference = { found: false; conference: string };

/** What Plan Sync decided: a claim on rows of "dial-in calls", or asking for the bridge. */
export type SyncPlanItem = Partial<Claim> & {
	roomId: string | null;
	conference: string;
	conferenceId: string;
	/** The conference event the plan answers (participant.joined, participant.left…). */
	trigger: string;
	/** The provider's sequence number of that event, when it sends one. */
	sequence: number | null;
	/** `connectBridge`: callers wait with no bridge in; ask Digital Samba to connect it. */
	action?: 'connectBridge';
};

export interface TelephonyIvrOutputs {
	'call/classify': {
		/** bridge, caller or invalid. */
		classification: 'bridge' | 'caller' | 'invalid';
	};
	'call/hangUp': { hungUp: true; callId: string };
	'conference/announce': (ConferenceDone & { announced: true; callId: string }) | NoConference;
	'conference/announceAll': (ConferenceDone & { announced: true }) | NoConference;
	'conference/applyDsEvent': {
		/** The Digital Samba event applied (phone_participant_muted…). */
		eventType: string;
		conference: string | null;
		callId: string | null;
		/** Whether the phone side changed. */
		applied: boolean;
		/** Why nothing changed. */
		reason?: string;
		/** Callers hung up because the session ended. */
		callersHungUp?: number;
	};
	'conference/applyKeypad': {
		/** What to tell Digital Samba: mute, unmute, raiseHand or lowerHand. */
		action: string;
		callId: string;
		conference: string;
		roomId: string | null;
		callerNumber: string;
		/** The caller's row before and after ('1' or '0'), for the claim on it. */
		wasMuted: string;
		wasHand: string;
		muted: string;
		hand: string;
	};
	'conference/end': (ConferenceDone & { ended: true }) | NoConference;
	'conference/get': (ConferenceDone & { raw: Record<string, unknown> }) | NoConference;
	'conference/getParticipant': ParticipantItem | { found: false; callId?: string; conference: string };
	'conference/getParticipants': ParticipantItem;
	'conference/hold': ParticipantItem | ParticipantGone<'onHold'> | NoConference;
	'conference/mute': ParticipantItem | ParticipantGone<'muted'> | NoConference;
	'conference/planSync': SyncPlanItem;
	'conference/remove': (ConferenceDone & { removed: true; callId: string }) | NoConference;
	'conference/unhold': ParticipantItem | ParticipantGone<'onHold'> | NoConference;
	'conference/unmute': ParticipantItem | ParticipantGone<'muted'> | NoConference;
	'invitation/create': {
		/** The invitation, ready to send. */
		text: string;
		/** Links that dial the number and the PIN in one tap, per country. */
		oneTap: Array<{ country: string; link: string }>;
	};
	'phoneNumber/configure': { phoneNumber: string; voiceUrl: string; fallbackUrl: string };
	'pin/buildDtmf': {
		/** The PIN as keypad tones with pauses, for the SIP bridge's dial string. */
		dtmf: string;
	};
	'pin/generate': { callerPin: string; bridgePin: string };
	'response/render': {
		/** The markup (also the item's binary `data`, for Respond to Webhook). */
		markup: string;
	};
	'response/routePin': {
		classification: 'bridge' | 'caller' | 'invalid';
		callId: string;
		attempt: number;
		/** The conference the call joins (null for a PIN that matched nothing). */
		conference: string | null;
		/** For an admitted caller: the number and name as the conference label carries them. */
		callerNumber?: string;
		name?: string;
		/** The markup answered (also the item's binary `data`). */
		markup: string;
		/** For providers that never call back when someone joins: this answer is the join. */
		joinEvent?: Omit<ParticipantEvent, 'raw'> & { raw: Record<string, unknown> };
	};
}
