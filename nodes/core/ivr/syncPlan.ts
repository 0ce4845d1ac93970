/**
 * What Digital Samba must be told after a conference event, decided from the provider's current
 * participant list (never from event order), so late, repeated or reordered callbacks change
 * nothing:
 *   the bridge joins   → every caller present, in one `joined`
 *   a caller joins     → that caller, if the bridge is in
 *   a caller leaves    → that caller, if the bridge is in and the call is over (a caller in the
 *                        keypad menu has left the conference but not the call)
 *   the bridge leaves  → every caller still present, in one `left`
 * The bridge itself is never announced. Callbacks that repeat are filtered by the caller of this
 * function (it records which call was announced).
 */
import type { ParticipantEvent } from '../voice/events';
import { BRIDGE_LABEL, parseLabel } from './labels';

export interface PresentParticipant {
	callId: string;
	label: string;
}

export interface PhoneCaller {
	callId: string;
	callerNumber: string;
	name: string;
}

export type SyncPlan =
	| { action: 'joined'; callers: PhoneCaller[] }
	| { action: 'left'; callIds: string[] }
	| { action: 'none'; why: string };

function caller(participant: PresentParticipant): PhoneCaller | undefined {
	const label = parseLabel(participant.label);
	return label.kind === 'caller' ? { callId: participant.callId, callerNumber: label.number, name: label.name } : undefined;
}

export function planSync(
	event: ParticipantEvent,
	present: PresentParticipant[],
	callStillUp: boolean,
): SyncPlan {
	const bridgeIn = present.some((participant) => participant.label === BRIDGE_LABEL);
	const callers = present.map(caller).filter((entry): entry is PhoneCaller => entry !== undefined);
	const label = parseLabel(event.label);

	if (event.type === 'participant.joined') {
		if (label.kind === 'bridge') return callers.length ? { action: 'joined', callers } : { action: 'none', why: 'no callers yet' };
		if (label.kind !== 'caller') return { action: 'none', why: 'not one of our participants' };
		if (!bridgeIn) return { action: 'none', why: 'the bridge is not in: the caller waits' };
		const joined = callers.find((entry) => entry.callId === event.callId);
		return joined ? { action: 'joined', callers: [joined] } : { action: 'none', why: 'the caller is no longer in' };
	}
	if (event.type === 'participant.left') {
		if (label.kind === 'bridge') {
			return callers.length ? { action: 'left', callIds: callers.map((entry) => entry.callId) } : { action: 'none', why: 'no callers left' };
		}
		if (label.kind !== 'caller') return { action: 'none', why: 'not one of our participants' };
		if (callStillUp) return { action: 'none', why: 'the caller is in the keypad menu' };
		if (!bridgeIn) return { action: 'none', why: 'the bridge is not in' };
		return { action: 'left', callIds: [event.callId] };
	}
	return { action: 'none', why: `${event.type} needs no report` };
}

/** Our conference names are `ds-<room UUID>`. */
export function roomIdOf(conference: string): string | undefined {
	const match = /^ds-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(conference);
	return match?.[1];
}

export const conferenceNameFor = (roomId: string) => `ds-${roomId}`;
