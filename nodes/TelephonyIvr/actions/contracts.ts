/**
 * The items that pass between our nodes, typed once: what one node writes, the next reads back
 * through a reader that checks the shape instead of casting it. An item that is not what the reader
 * expects (a node wired to the wrong output, an item edited by hand) is `undefined`, so the reading
 * node can say which node to connect.
 *
 *   PIN Entered (Telephony Request) → Route PIN
 *   Conference (Telephony Request), or Route PIN's joinEvent → Plan Digital Samba Sync
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallEvent, ParticipantEvent, ParticipantEventType } from '../../core/voice/events';

export interface PinEntered {
	digits: string;
	callId: string;
	attempt: number;
	webhookUrl: string;
	event: CallEvent & { type: 'call.digits' };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const textRecord = (value: unknown): value is Record<string, string> => isRecord(value) && Object.values(value).every(isText);

/** As JSON for an n8n item (every field is JSON already: strings, numbers, plain objects). */
export const asItem = <T extends object>(value: T): IDataObject => ({ ...value }) as IDataObject;

export function pinEnteredItem(event: CallEvent & { type: 'call.digits' }, webhookUrl: string): IDataObject {
	const item: PinEntered = { digits: event.digits, callId: event.callId, attempt: event.attempt, webhookUrl, event };
	return asItem(item);
}

export function readPinEntered(json: unknown): PinEntered | undefined {
	if (!isRecord(json) || !isText(json.webhookUrl) || !isRecord(json.event)) return undefined;
	const event = json.event;
	const digitsEvent =
		event.type === 'call.digits' &&
		(event.step === 'pin' || event.step === 'menu') &&
		isText(event.digits) &&
		typeof event.attempt === 'number' &&
		isText(event.callId) &&
		isText(event.from) &&
		isText(event.to) &&
		textRecord(event.state) &&
		textRecord(event.raw);
	return digitsEvent ? (json as unknown as PinEntered) : undefined;
}

const PARTICIPANT_EVENTS: ParticipantEventType[] = ['participant.joined', 'participant.left', 'participant.muted', 'participant.unmuted', 'participant.held', 'participant.unheld'];

export function readParticipantEvent(json: unknown): ParticipantEvent | undefined {
	if (!isRecord(json) || !PARTICIPANT_EVENTS.includes(json.type as ParticipantEventType)) return undefined;
	const fields = isText(json.conference) && isText(json.conferenceId) && isText(json.callId) && isText(json.label) && typeof json.muted === 'boolean';
	const optional = (json.sequence === undefined || json.sequence === null || typeof json.sequence === 'number') && (json.reason === undefined || isText(json.reason));
	if (!fields || !optional) return undefined;
	return {
		type: json.type as ParticipantEventType,
		conference: json.conference as string,
		conferenceId: json.conferenceId as string,
		callId: json.callId as string,
		label: json.label as string,
		muted: json.muted as boolean,
		sequence: typeof json.sequence === 'number' ? json.sequence : undefined,
		reason: json.reason as string | undefined,
		raw: textRecord(json.raw) ? json.raw : {},
	};
}
