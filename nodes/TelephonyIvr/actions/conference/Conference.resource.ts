/** Call control over the provider's REST API: find the conference, list and change its participants. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { parseLabel } from '../../../core/ivr/labels';
import { announceUrl } from '../../../core/ivr/script';
import { twilioRest } from '../../../core/voice/providers/twilio/rest';
import { ivrWebhookUrlOfCall, sendTwilio, sendTwilioAllPages, twilioCredentials } from '../../transport';
import * as applyDsEvent from './applyDsEvent.operation';
import * as planSync from './planSync.operation';

const CONFERENCE_SID = /^CF[0-9a-f]{32}$/i;

const conferenceField: INodeProperties = {
	displayName: 'Conference',
	name: 'conference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'ds-7f8c8eac… or CF…',
	description: 'The conference name (the one in progress is used) or its SID',
};

const participantField: INodeProperties = {
	displayName: 'Participant',
	name: 'participant',
	type: 'string',
	default: '',
	required: true,
	description: "The participant's call SID or label (the Digital Samba bridge is ds-bridge)",
};

const announcementFields: INodeProperties[] = [
	{ displayName: 'Text', name: 'text', type: 'string', default: '', required: true, description: 'What to say' },
	{
		displayName: 'IVR Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/voice',
		description:
			"The phone-bridge workflow's production URL, which speaks the announcement. Empty: the voice URL of the number the participants called.",
	},
];

/**
 * Where the provider fetches an announcement: the IVR webhook with the text in its query. Without a
 * URL given, the voice URL of the number a participant called (so templates need no URL typed in).
 */
async function announcementUrl(this: IExecuteFunctions, i: number, accountSid: string, conferenceSid: string): Promise<string> {
	const text = String(this.getNodeParameter('text', i));
	let webhookUrl = String(this.getNodeParameter('webhookUrl', i, '')).trim();
	if (!webhookUrl) {
		const participants = await sendTwilioAllPages.call(this, twilioRest.listParticipants(accountSid, conferenceSid), 'participants');
		const callSid = participants[0]?.call_sid;
		webhookUrl = callSid ? await ivrWebhookUrlOfCall.call(this, accountSid, String(callSid)) : '';
		if (!webhookUrl) {
			throw new NodeOperationError(this.getNode(), 'Could not find the IVR webhook URL for the announcement', {
				itemIndex: i,
				description: "Set IVR Webhook URL to the phone-bridge workflow's production URL",
			});
		}
	}
	return announceUrl(webhookUrl, text);
}

type Handler = (this: IExecuteFunctions, i: number, accountSid: string, conferenceSid: string) => Promise<IDataObject | IDataObject[]>;

function participantJson(participant: IDataObject): IDataObject {
	const label = parseLabel(String(participant.label ?? ''));
	return {
		...participant,
		isBridge: label.kind === 'bridge',
		isCaller: label.kind === 'caller',
		callerNumber: label.kind === 'caller' ? label.number : null,
		callerName: label.kind === 'caller' ? label.name : null,
	};
}

const participantAction =
	(build: (accountSid: string, conferenceSid: string, participant: string, i: number, context: IExecuteFunctions) => ReturnType<typeof twilioRest.setMuted>): Handler =>
	async function (i, accountSid, conferenceSid) {
		const participant = String(this.getNodeParameter('participant', i)).trim();
		const answer = await sendTwilio.call(this, build(accountSid, conferenceSid, participant, i, this));
		return participantJson(answer);
	};

const handlers: Record<string, { fields: INodeProperties[]; run: Handler }> = {
	get: {
		fields: [],
		async run(_i, accountSid, conferenceSid) {
			return await sendTwilio.call(this, twilioRest.fetchConference(accountSid, conferenceSid));
		},
	},
	getParticipants: {
		fields: [],
		async run(_i, accountSid, conferenceSid) {
			const participants = await sendTwilioAllPages.call(this, twilioRest.listParticipants(accountSid, conferenceSid), 'participants');
			return participants.map(participantJson);
		},
	},
	getParticipant: {
		fields: [participantField],
		run: participantAction((a, c, p) => twilioRest.getParticipant(a, c, p)),
	},
	mute: { fields: [participantField], run: participantAction((a, c, p) => twilioRest.setMuted(a, c, p, true)) },
	unmute: { fields: [participantField], run: participantAction((a, c, p) => twilioRest.setMuted(a, c, p, false)) },
	hold: { fields: [participantField], run: participantAction((a, c, p) => twilioRest.setHold(a, c, p, true)) },
	unhold: { fields: [participantField], run: participantAction((a, c, p) => twilioRest.setHold(a, c, p, false)) },
	announce: {
		fields: [participantField, ...announcementFields],
		async run(i, accountSid, conferenceSid) {
			const participant = String(this.getNodeParameter('participant', i)).trim();
			const url = await announcementUrl.call(this, i, accountSid, conferenceSid);
			return participantJson(await sendTwilio.call(this, twilioRest.announceToParticipant(accountSid, conferenceSid, participant, url)));
		},
	},
	remove: {
		fields: [participantField],
		async run(i, accountSid, conferenceSid) {
			const participant = String(this.getNodeParameter('participant', i)).trim();
			await sendTwilio.call(this, twilioRest.removeParticipant(accountSid, conferenceSid, participant));
			return { removed: true, participant, conferenceSid };
		},
	},
	announceAll: {
		fields: announcementFields,
		async run(i, accountSid, conferenceSid) {
			const url = await announcementUrl.call(this, i, accountSid, conferenceSid);
			return await sendTwilio.call(this, twilioRest.announceToConference(accountSid, conferenceSid, url));
		},
	},
	end: {
		fields: [],
		async run(_i, accountSid, conferenceSid) {
			return await sendTwilio.call(this, twilioRest.endConference(accountSid, conferenceSid));
		},
	},
};

/** The SID of the conference: given, or the in-progress one with this name. */
async function conferenceSid(this: IExecuteFunctions, i: number, accountSid: string): Promise<string | undefined> {
	const reference = String(this.getNodeParameter('conference', i)).trim();
	if (!reference) throw new NodeOperationError(this.getNode(), 'No conference was given', { itemIndex: i });
	if (CONFERENCE_SID.test(reference)) return reference;
	const page = await sendTwilio.call(this, twilioRest.findInProgressConference(accountSid, reference));
	const [found] = (page.conferences as IDataObject[] | undefined) ?? [];
	return found ? String(found.sid) : undefined;
}

function operation(name: string) {
	const handler = handlers[name];
	return {
		description: updateDisplayOptions({ show: { resource: ['conference'], operation: [name] } }, [conferenceField, ...handler.fields]),
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
			const { accountSid } = await twilioCredentials(this);
			const sid = await conferenceSid.call(this, i, accountSid);
			// No conference in progress: nothing to list or change; say so instead of failing.
			if (!sid) return name === 'getParticipants' ? [] : { found: false, conference: this.getNodeParameter('conference', i) };
			return await handler.run.call(this, i, accountSid, sid);
		},
	};
}

export const operations: Record<string, { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<IDataObject | IDataObject[]> }> = {
	...Object.fromEntries(Object.keys(handlers).map((name) => [name, operation(name)])),
	applyDsEvent,
	planSync,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conference'] } },
		options: [
			{ name: 'Announce to Conference', value: 'announceAll', action: 'Announce to everyone in a conference' },
			{ name: 'Announce to Participant', value: 'announce', action: 'Announce to one participant' },
			{
				name: 'Apply Digital Samba Event',
				value: 'applyDsEvent',
				action: 'Apply a room event to the phone side',
				description: 'Mute, unmute, ask to unmute or end, as a Digital Samba Trigger item says',
			},
			{ name: 'End', value: 'end', action: 'End a conference' },
			{ name: 'Get', value: 'get', action: 'Get the conference in progress' },
			{ name: 'Get Participant', value: 'getParticipant', action: 'Get a participant' },
			{ name: 'Get Participants', value: 'getParticipants', action: 'Get all participants' },
			{ name: 'Hold', value: 'hold', action: 'Put a participant on hold' },
			{ name: 'Mute', value: 'mute', action: 'Mute a participant' },
			{
				name: 'Plan Digital Samba Sync',
				value: 'planSync',
				action: 'Plan the sync of phone participants',
				description: 'After a conference event: which callers joined or left, from the current participant list',
			},
			{ name: 'Remove', value: 'remove', action: 'Remove a participant' },
			{ name: 'Unhold', value: 'unhold', action: 'Take a participant off hold' },
			{ name: 'Unmute', value: 'unmute', action: 'Unmute a participant' },
		],
		default: 'getParticipants',
	},
	...Object.values(operations).flatMap((op) => op.description),
];
