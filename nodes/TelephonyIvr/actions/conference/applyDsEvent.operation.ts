/**
 * Apply Digital Samba Event: what a Digital Samba Trigger item asks of the phone side. A moderator
 * muted or unmuted a phone user → the same on the provider (and nothing is reported back: no echo);
 * asked a phone user to unmute → a private announcement to that caller; the session ended → every
 * caller hears goodbye and is hung up, and the conference ends once they are out of it.
 *
 * Validated before it acts: an event without a call ID, or whose call is not a caller in that
 * room's conference (another room's call, the bridge, a call that is gone), fails by name and sends
 * the provider nothing.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { isUuid } from '../../../core/digitalsamba/rooms';
import { parseLabel } from '../../../core/ivr/labels';
import type { CallControl } from '../../../core/voice/provider';
import { announceUrl } from '../../../core/ivr/script';
import { conferenceNameFor } from '../../../core/ivr/syncPlan';
import { namesOf, readUpstream } from '../../../shared/upstream';
import { phoneApi } from '../../transport';
import { directoryLabels, labelOf } from './directory';

const properties: INodeProperties[] = [
	{ displayName: 'Input: items from the Digital Samba Trigger', name: 'applyDsNotice', type: 'notice', default: '' },
	{
		displayName: 'Unmute Request Text', description: 'Said to a caller the host asks to unmute',
		name: 'askToUnmuteText',
		type: 'string', typeOptions: { rows: 2 },
		default: 'The host asks you to unmute. Press star, then 6, to unmute.',
	},
	{
		displayName: 'Session Ended Text', description: 'Said to callers when the host ends the session, before they are hung up',
		name: 'goodbyeText',
		type: 'string', typeOptions: { rows: 2 },
		default: 'The meeting has ended. Goodbye.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['applyDsEvent'] } }, properties);

const CALL_EVENTS = new Set(['phone_participant_muted', 'phone_participant_unmuted', 'phone_participant_asked_to_unmute']);

const isDsEvent = (json: IDataObject) => typeof json.eventType === 'string';

/** The Digital Samba event the rows belong to, from the Digital Samba Trigger before them. */
function eventFromNode(context: IExecuteFunctions, i: number): IDataObject {
	const { value, looked } = readUpstream(context, i, ['digitalSambaTrigger'], (item) => {
		const source = item('first');
		return isDsEvent(source) ? source : undefined;
	});
	if (value) return value;
	throw new NodeOperationError(context.getNode(), `No Digital Samba event reached Apply Digital Samba Event (triggers before it: ${namesOf(looked)})`, {
		itemIndex: i,
		description: 'Connect Apply Digital Samba Event after a Digital Samba Trigger, directly or through the rows of "dial-in calls"',
	});
}

/**
 * Input: the trigger's item, or (for providers whose participants carry no label) the room's
 * "dial-in calls" rows read after it, which say who each call is; then once for all the rows.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const input = this.getInputData();
	if (isDsEvent(input[i].json)) return await apply(this, i, input[i].json, new Map());
	if (i > 0) return [];
	return await apply(this, i, eventFromNode(this, i), directoryLabels(input.map((item) => item.json)));
}

async function apply(context: IExecuteFunctions, i: number, event: IDataObject, labels: Map<string, string>): Promise<IDataObject> {
	const eventType = String(event.eventType ?? '');
	const callId = event.callId ? String(event.callId) : '';
	const roomId = String(event.roomId ?? '');
	const conference = conferenceNameFor(roomId);
	const outcome = { eventType, conference, callId: callId || null };
	const refuse = (message: string, description: string) => new NodeOperationError(context.getNode(), message, { itemIndex: i, description });
	if (!CALL_EVENTS.has(eventType) && eventType !== 'session_ended') return { ...outcome, applied: false, reason: 'nothing to do on the phone for this event' };
	if (!isUuid(roomId)) throw refuse(`The Digital Samba event has no room UUID (roomId: '${roomId.slice(0, 64)}')`, 'Connect this node to a Digital Samba Trigger');
	if (CALL_EVENTS.has(eventType) && !callId) throw refuse(`The Digital Samba event ${eventType} has no callId`, 'Nothing was done on the phone: the event does not say which caller');

	const { provider, control } = await phoneApi(context, i);
	// Vonage finds a conference only through a call in it: the event's caller, then the rows' newest first.
	const roster = await control.roster(conference, [...(callId ? [callId] : []), ...[...labels.keys()].reverse()]);
	if (!roster) {
		if (eventType === 'session_ended') return { ...outcome, applied: false, reason: 'no conference in progress' };
		throw refuse(`Call ${callId} is not in room ${roomId}'s conference: none is in progress`, 'Nothing was done on the phone');
	}
	const { conference: found, participants } = roster;

	if (eventType === 'session_ended') {
		const goodbye = [{ kind: 'say' as const, text: String(context.getNodeParameter('goodbyeText', i)) }, { kind: 'hangup' as const }];
		const callers = participants.filter((participant) => parseLabel(labelOf(provider, participant, labels)).kind === 'caller');
		for (const caller of callers) await control.redirect(caller.callId, goodbye);
		await untilOut(control, found.id, new Set(callers.map((caller) => caller.callId)), [...labels.keys()]);
		await control.endConference(found);
		return { ...outcome, applied: true, callersHungUp: participants.length };
	}

	// Act only on a caller the provider lists in this room's conference: never the bridge, never a
	// call of another room.
	const participant = participants.find((entry) => entry.callId === callId);
	const kind = participant ? parseLabel(labelOf(provider, participant, labels)).kind : undefined;
	if (kind !== 'caller') {
		throw refuse(
			kind === 'bridge' ? `Call ${callId} is the phone bridge, not a caller` : `Call ${callId.slice(0, 64)} is not a caller in room ${roomId}'s conference`,
			'Nothing was done on the phone',
		);
	}
	if (eventType === 'phone_participant_asked_to_unmute') {
		const text = String(context.getNodeParameter('askToUnmuteText', i));
		const url = provider.capabilities.announcement === 'url' ? announceUrl(await control.ivrUrlOfCall(callId), text) : '';
		await control.announce(found, callId, { text, url });
	} else {
		await control.setMuted(found, callId, eventType === 'phone_participant_muted');
	}
	return { ...outcome, applied: true };
}

/** How long the end of a session waits for the callers it said goodbye to to leave the conference. */
export const GOODBYE_WAIT = { tries: 20, everyMs: 100 };

/**
 * Until the provider has taken these calls out of the conference, within GOODBYE_WAIT: a redirect
 * is carried out after it is accepted (Plivo queues transfers), and ending the conference first
 * would cut a caller off before their goodbye. Where it is immediate, one look finds them gone.
 */
async function untilOut(control: CallControl, conference: string, callIds: Set<string>, members: string[]): Promise<void> {
	for (let tries = 0; tries < GOODBYE_WAIT.tries && callIds.size > 0; tries++) {
		const roster = await control.roster(conference, members);
		if (!roster?.participants.some((participant) => callIds.has(participant.callId))) return;
		await sleep(GOODBYE_WAIT.everyMs);
	}
}

