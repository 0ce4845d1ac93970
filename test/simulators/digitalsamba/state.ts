/** The simulator's in-memory Digital Samba team: rooms, sessions, webhooks and phone participants. */
import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface PhoneParticipant {
	call_id: string;
	name?: string;
	caller_number?: string;
	external_id?: string;
	muted: boolean;
	hand_raised: boolean;
	joined_at: string;
}

export interface Room extends Json {
	id: string;
	friendly_url: string;
	privacy: string;
	room_url: string;
	created_at: string;
	updated_at: string;
}

export interface Session extends Json {
	id: string;
	room_id: string;
	live: boolean;
	start_time: string;
	end_time: string | null;
}

export interface Webhook extends Json {
	id: string;
	endpoint: string;
	events: string[];
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export class TeamState {
	readonly rooms = new Map<string, Room>();
	readonly sessions = new Map<string, Session>();
	readonly webhooks = new Map<string, Webhook>();
	/** Phone participants per room UUID, keyed by call ID. */
	readonly phoneParticipants = new Map<string, Map<string, PhoneParticipant>>();
	/** Bridge state per room UUID, as the connect/disconnect endpoints left it. */
	readonly bridge = new Map<string, 'connected' | 'disconnected'>();

	constructor(readonly teamDomain = 'simulated') {}

	findRoom(reference: string): Room | undefined {
		const byId = this.rooms.get(reference);
		if (byId) return byId;
		for (const room of this.rooms.values()) if (room.friendly_url === reference) return room;
		return undefined;
	}

	createRoom(fields: Json): Room {
		const id = randomUUID();
		const friendlyUrl = typeof fields.friendly_url === 'string' ? fields.friendly_url : id.slice(0, 8);
		const stamp = now();
		const room: Room = {
			...fields,
			id,
			friendly_url: friendlyUrl,
			privacy: String(fields.privacy ?? 'public'),
			room_url: `https://${this.teamDomain}.digitalsamba.com/${friendlyUrl}`,
			created_at: stamp,
			updated_at: stamp,
		};
		this.rooms.set(id, room);
		return room;
	}

	updateRoom(room: Room, fields: Json): Room {
		Object.assign(room, fields, { updated_at: now() });
		if (typeof fields.friendly_url === 'string') {
			room.room_url = `https://${this.teamDomain}.digitalsamba.com/${fields.friendly_url}`;
		}
		return room;
	}

	deleteRoom(room: Room): void {
		this.rooms.delete(room.id);
		this.phoneParticipants.delete(room.id);
		this.bridge.delete(room.id);
	}

	liveSession(roomId: string): Session | undefined {
		for (const session of this.sessions.values()) if (session.room_id === roomId && session.live) return session;
		return undefined;
	}

	startSession(roomId: string): Session {
		const session: Session = { id: randomUUID(), room_id: roomId, live: true, start_time: now(), end_time: null };
		this.sessions.set(session.id, session);
		return session;
	}

	endSession(session: Session): void {
		session.live = false;
		session.end_time = now();
	}

	phoneParticipantsOf(roomId: string): Map<string, PhoneParticipant> {
		let participants = this.phoneParticipants.get(roomId);
		if (!participants) {
			participants = new Map();
			this.phoneParticipants.set(roomId, participants);
		}
		return participants;
	}

	createWebhook(fields: Json): Webhook {
		const stamp = now();
		const webhook: Webhook = {
			name: null,
			authorization_header: null,
			...fields,
			id: randomUUID(),
			endpoint: String(fields.endpoint),
			events: (fields.events as string[]) ?? [],
			created_at: stamp,
			updated_at: stamp,
		};
		this.webhooks.set(webhook.id, webhook);
		return webhook;
	}
}
