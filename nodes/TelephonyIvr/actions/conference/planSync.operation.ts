/**
 * Plan Digital Samba Sync: after a Conference Event, what Digital Samba must be told. Reads the
 * conference's participants from the provider (the truth) and outputs one **claim** per item for
 * the Data Table node that follows (Update rows of "dial-in calls"): only the rows that update
 * changes go on to Digital Samba, so a callback that arrives twice, late, or together with others
 * announces nothing twice (core/ivr/syncPlan.ts). With Connect the Bridge on, a caller who waits
 * with no bridge in gives an item with `action: connectBridge` instead.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { BRIDGE_LABEL } from '../../../core/ivr/labels';
import type { PresentParticipant } from '../../../core/ivr/syncPlan';
import { disagreement, planClaims, roomIdOf } from '../../../core/ivr/syncPlan';
import type { ParticipantEvent } from '../../../core/voice/events';
import { twilioRest } from '../../../core/voice/providers/twilio/rest';
import { sendTwilio, sendTwilioAllPages, twilioCredentials } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Input: a Conference Event item from Handle Provider Request',
		name: 'planNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Connect the Bridge When Callers Wait',
		name: 'connectBridge',
		type: 'boolean',
		default: false,
		description:
			'Whether a caller joining with no bridge in should give an item with action connectBridge (then ask Digital Samba to connect the bridge if the room has a live session). Asked once per conference.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['planSync'] } }, properties);

const PARTICIPANT_TYPES = new Set(['participant.joined', 'participant.left']);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const event = this.getInputData()[i].json as unknown as ParticipantEvent;
	if (!PARTICIPANT_TYPES.has(event.type) || !event.conferenceId || !event.callId) return [];
	const roomId = roomIdOf(event.conference) ?? null;
	const { accountSid } = await twilioCredentials(this);

	const conference = await sendTwilio.call(this, twilioRest.fetchConference(accountSid, event.conferenceId));
	const participants = await sendTwilioAllPages.call(this, twilioRest.listParticipants(accountSid, event.conferenceId), 'participants');
	const present: PresentParticipant[] = participants.map((participant) => ({
		callId: String(participant.call_sid),
		label: String(participant.label ?? ''),
	}));
	const disagrees = disagreement(event, String(conference.friendly_name ?? ''), present);
	if (disagrees) {
		throw new NodeOperationError(this.getNode(), `The conference callback disagrees with Twilio's records: ${disagrees}`, {
			itemIndex: i,
			description: 'Nothing was decided from it. A genuine Twilio callback always agrees: check who can sign requests with this account.',
		});
	}
	let callStillUp = false;
	if (event.type === 'participant.left' && event.label !== BRIDGE_LABEL) {
		const call = await sendTwilio.call(this, twilioRest.fetchCall(accountSid, event.callId));
		callStillUp = call.status === 'in-progress';
	}

	const base = { roomId, conference: event.conference, conferenceId: event.conferenceId, trigger: event.type, sequence: event.sequence ?? null };
	const claims = planClaims(event, present, callStillUp);
	if (claims.length > 0) return claims.map((claim) => ({ ...base, ...claim }));

	const callerWaits = event.type === 'participant.joined' && event.label !== BRIDGE_LABEL && !present.some((p) => p.label === BRIDGE_LABEL);
	if (!callerWaits || !this.getNodeParameter('connectBridge', i, false)) return [];
	return (await firstAskFor(this, event.conferenceId)) ? [{ ...base, action: 'connectBridge' }] : [];
}

/**
 * Ask Digital Samba to connect the bridge once per conference: callers arriving together must not
 * make it dial twice. Kept in n8n's deduplication store, whose first concurrent writes can race on
 * its unique key (one row per workflow and node): the loser of that race has, by definition, not
 * asked first. Best effort, and only for this optional step; what Digital Samba is told about
 * callers never depends on this store (docs/participant-sync.md).
 */
async function firstAskFor(context: IExecuteFunctions, conferenceId: string): Promise<boolean> {
	try {
		const { new: first } = await context.helpers.checkProcessedAndRecord([`${conferenceId}:connectBridge`], 'node', { mode: 'entries', maxEntries: 100000 });
		return first.length > 0;
	} catch (error) {
		if (/unique|duplicate key|constraint/i.test((error as Error).message)) return false;
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}
