/**
 * Plan Digital Samba Sync: after a Conference Event, what Digital Samba must be told. Reads the
 * conference's participants from the provider (the truth), and records which calls were announced
 * with n8n's deduplication store, so a callback that arrives twice, or late, announces nothing
 * twice. Outputs one item with `action` joined / left / connectBridge, or nothing.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BRIDGE_LABEL } from '../../../core/ivr/labels';
import type { PresentParticipant } from '../../../core/ivr/syncPlan';
import { planSync, roomIdOf } from '../../../core/ivr/syncPlan';
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

	const participants = await sendTwilioAllPages.call(this, twilioRest.listParticipants(accountSid, event.conferenceId), 'participants');
	const present: PresentParticipant[] = participants.map((participant) => ({
		callId: String(participant.call_sid),
		label: String(participant.label ?? ''),
	}));
	let callStillUp = false;
	if (event.type === 'participant.left' && event.label !== BRIDGE_LABEL) {
		const call = await sendTwilio.call(this, twilioRest.fetchCall(accountSid, event.callId));
		callStillUp = call.status === 'in-progress';
	}

	const plan = planSync(event, present, callStillUp);
	const base = { roomId, conference: event.conference, conferenceId: event.conferenceId, trigger: event.type, sequence: event.sequence ?? null };
	if (plan.action === 'none') {
		const callerWaits = event.type === 'participant.joined' && event.label !== BRIDGE_LABEL && !present.some((p) => p.label === BRIDGE_LABEL);
		if (!callerWaits || !this.getNodeParameter('connectBridge', i, false)) return [];
		// Ask once per conference: callers arriving together must not make Digital Samba dial twice.
		const { new: first } = await this.helpers.checkProcessedAndRecord([`${event.conferenceId}:connectBridge`], 'node', { mode: 'entries', maxEntries: 100000 });
		return first.length ? [{ ...base, action: 'connectBridge' }] : [];
	}

	// Announcements are per bridge connection: a bridge that reconnects is a new call.
	const bridgeCall = event.label === BRIDGE_LABEL ? event.callId : present.find((p) => p.label === BRIDGE_LABEL)?.callId;
	const key = (callId: string, action: 'joined' | 'left') => `${event.conferenceId}:${bridgeCall ?? 'none'}:${callId}:${action}`;
	const dedupe = { mode: 'entries' as const, maxEntries: 100000 };
	const fresh = async (keys: string[]) => new Set((await this.helpers.checkProcessedAndRecord(keys, 'node', dedupe)).new.map(String));

	if (plan.action === 'joined') {
		const unseen = await fresh(plan.callers.map((caller) => key(caller.callId, 'joined')));
		const callers = plan.callers.filter((caller) => unseen.has(key(caller.callId, 'joined')));
		return callers.length ? [{ ...base, action: 'joined', callers: callers as unknown as IDataObject[] }] : [];
	}
	// Only a call Digital Samba was told of can leave it: a caller who hung up before being
	// announced is not reported at all. (Checking records the key; it is removed again.)
	const neverAnnounced = await fresh(plan.callIds.map((callId) => key(callId, 'joined')));
	if (neverAnnounced.size > 0) await this.helpers.removeProcessed([...neverAnnounced], 'node', dedupe);
	const announced = plan.callIds.filter((callId) => !neverAnnounced.has(key(callId, 'joined')));
	const unseen = await fresh(announced.map((callId) => key(callId, 'left')));
	const left = announced.filter((callId) => unseen.has(key(callId, 'left')));
	return left.length ? [{ ...base, action: 'left', callIds: left }] : [];
}
