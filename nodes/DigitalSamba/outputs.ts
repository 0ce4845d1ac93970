/**
 * What the Digital Samba nodes put on their items, by `resource/operation`. The output schemas the
 * package ships (`__schema__/`, what the editor shows before a run) are generated from these types
 * by `npm run schemas`; the tests check every item the nodes output against them. API records
 * carry the fields of Digital Samba's API reference (checked against its OpenAPI spec) and may
 * carry more.
 */
import type { DigitalSambaEvent } from '../core/digitalsamba/webhookEvents';

/** A room as Digital Samba returns it. */
export type Room = {
	id: string;
	/** The room's address part: https://<team>.digitalsamba.com/<friendly_url> */
	friendly_url: string;
	privacy: 'public' | 'private';
	room_url: string;
	description?: string;
	topic?: string;
	external_id?: string;
	max_participants?: number;
	/** Whether phone dial-in is on for the room. */
	telephony_enabled?: boolean;
	/** The number callers dial. */
	telephony_phone_number?: string;
	/** The PIN as keypad tones for the SIP bridge. */
	telephony_pin_dtmf?: string;
	tags?: string[];
	expires_at?: string;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
};

export type Webhook = {
	id: string;
	endpoint: string;
	/** The events it receives (the list operation's items may leave them out). */
	events?: string[];
	name: string | null;
	authorization_header: string | null;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
};

export type Session = {
	id: string;
	room_id: string;
	live: boolean;
	start_time: string;
	end_time: string | null;
	[field: string]: unknown;
};

export type LiveRoom = {
	id: string;
	external_id?: string | null;
	start_time: string;
	session_duration: number;
	/** How many are in the room now. */
	live_participants: number;
	[field: string]: unknown;
};

export type LiveParticipant = {
	id: string;
	external_id?: string | null;
	name: string;
	role: string;
	join_time: string;
	[field: string]: unknown;
};

/** The phone participant operations: the room and the calls reported. */
type PhoneReport = { roomId: string; callId: string };

export interface DigitalSambaOutputs {
	'live/get': LiveRoom;
	'live/getParticipants': Omit<LiveRoom, 'live_participants'> & { live_participants: LiveParticipant[] };
	'phoneBridge/connect': { roomId: string; bridge: 'connecting' };
	'phoneBridge/disconnect': { roomId: string; bridge: 'disconnecting' };
	'phoneParticipant/applyPhoneEvent': {
		roomId: string;
		/** What was reported: joined, left, a keypad action (mute, unmute, raiseHand, lowerHand), or connectBridge. */
		action: string;
		/** The calls reported in one request (joins and leaves come in batches). */
		callIds?: string[];
		callId?: string;
		/** Whether Digital Samba took the report. */
		connected?: boolean;
		/** Why nothing was reported. */
		reason?: string;
	};
	'phoneParticipant/join': { roomId: string; joined: string[] };
	'phoneParticipant/leave': { roomId: string; left: string[] };
	'phoneParticipant/lowerHand': PhoneReport & { handRaised: false };
	'phoneParticipant/raiseHand': PhoneReport & { handRaised: true };
	'phoneParticipant/mute': PhoneReport & { muted: true };
	'phoneParticipant/unmute': PhoneReport & { muted: false };
	'room/create': Room;
	'room/delete': { deleted: true; room: string };
	'room/enableDialIn': Room;
	'room/get': Room;
	'room/getAll': Room;
	'room/update': Room;
	'session/end': { sessionId: string; ended: true };
	'session/getAll': Session;
	'webhook/create': Webhook;
	'webhook/delete': { deleted: true; webhookId: string };
	'webhook/get': Webhook;
	'webhook/getAll': Webhook;
	'webhook/update': Webhook;
}

/** One Digital Samba webhook event, as the trigger starts the workflow with it. */
export type DigitalSambaTriggerOutput = DigitalSambaEvent;
