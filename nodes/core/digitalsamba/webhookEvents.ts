/**
 * Digital Samba webhook deliveries: the documented envelope `{ eventType, roomId, sessionId,
 * timestamp, data }` (camelCase, Unix seconds), checked with zod and normalized into one flat
 * item per event. Phone events name their call at the top level (`callId`, as Digital Samba's own
 * middleware reads it); `data.callId` and `data.call_id` are read too.
 */
import { z } from 'zod';

/** Bigger than any event Digital Samba documents by far; larger bodies are refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

/** More than one event in a delivery is accepted (as an array), up to this many. */
export const MAX_EVENTS_PER_DELIVERY = 100;

/** 9999-12-31T23:59:59Z in milliseconds: anything later cannot be a date (and would throw in toISOString). */
const LATEST_TIMESTAMP_MS = 253402300799999;

const id = z.string().max(200).nullish();

const envelope = z
	.object({
		eventType: z
			.string({ required_error: 'is required' })
			.regex(/^[a-z][a-z0-9_]{0,99}$/, 'must be an event name such as participant_joined'),
		roomId: id,
		sessionId: id,
		callId: id,
		timestamp: z
			.union([z.number().nonnegative(), z.string().max(24).regex(/^\d+(\.\d+)?$/)])
			.refine((value) => Number(value) <= LATEST_TIMESTAMP_MS, 'must be Unix seconds (or milliseconds) before the year 10000')
			.nullish(),
		data: z.record(z.string(), z.unknown()).nullish(),
	})
	.passthrough();

const batch = z.array(envelope).min(1).max(MAX_EVENTS_PER_DELIVERY);

export interface DigitalSambaEvent {
	eventType: string;
	roomId: string | null;
	sessionId: string | null;
	/** Unix seconds, as sent. */
	timestamp: number | null;
	timestampIso: string | null;
	/** The phone call the event is about, for phone events. */
	callId: string | null;
	data: Record<string, unknown>;
	/** The event exactly as Digital Samba sent it. */
	payload: Record<string, unknown>;
}

export type ParsedDelivery = { ok: true; events: DigitalSambaEvent[] } | { ok: false; reason: string };

function readableIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 5)
		.map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
		.join('; ');
}

function toSeconds(value: number | string | null | undefined): number | null {
	if (value === null || value === undefined) return null;
	const number = Number(value);
	// Unix seconds by the docs; a value in milliseconds is recognised by its size.
	return number > 1e12 ? Math.floor(number / 1000) : number;
}

function callIdOf(event: z.infer<typeof envelope>): string | null {
	const data = event.data ?? {};
	const candidates = [event.callId, data.callId, data.call_id];
	const found = candidates.find((value) => typeof value === 'string' && value.length > 0);
	return typeof found === 'string' ? found : null;
}

function normalize(event: z.infer<typeof envelope>): DigitalSambaEvent {
	const timestamp = toSeconds(event.timestamp);
	return {
		eventType: event.eventType,
		roomId: event.roomId ?? null,
		sessionId: event.sessionId ?? null,
		timestamp,
		timestampIso: timestamp === null ? null : new Date(timestamp * 1000).toISOString(),
		callId: callIdOf(event),
		data: event.data ?? {},
		payload: event as Record<string, unknown>,
	};
}

export function parseDelivery(body: unknown): ParsedDelivery {
	if (body === undefined || body === null || body === '' || (typeof body === 'object' && Object.keys(body).length === 0)) {
		return { ok: false, reason: 'the body is empty' };
	}
	// Checked as one shape or the other, so the reason names the field that is wrong.
	const result = Array.isArray(body) ? batch.safeParse(body) : envelope.safeParse(body);
	if (!result.success) return { ok: false, reason: readableIssues(result.error) };
	const events = Array.isArray(result.data) ? result.data : [result.data];
	return { ok: true, events: events.map(normalize) };
}
