/** Call control over the provider's REST API: find the conference, list and change its participants. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { announceUrl } from '../../../core/ivr/script';
import type { CallControl, ConferenceRef } from '../../../core/voice/provider';
import { phoneApi } from '../../transport';
import { participantJson } from '../identity';
import * as applyDsEvent from './applyDsEvent.operation';
import * as applyKeypad from './applyKeypad.operation';
import * as planSync from './planSync.operation';

const conferenceField: INodeProperties = {
	displayName: 'Conference',
	name: 'conference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'ds-7f8c8eac…',
	description: "The conference name (the one in progress is used) or the provider's conference ID",
};

const participantField: INodeProperties = {
	displayName: 'Participant',
	name: 'participant',
	type: 'string',
	default: '',
	required: true,
	description: "The participant's call ID (with Twilio, also its label: the Digital Samba bridge is ds-bridge)",
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
			"The phone-bridge workflow's production URL, which speaks the announcement where the provider fetches it (Twilio). Empty: the URL the participants' calls came through.",
	},
];

interface Context {
	i: number;
	control: CallControl;
	conference: ConferenceRef;
	announcementsByUrl: boolean;
}

/**
 * What to say, and where a provider that fetches announcements gets it: the IVR webhook with the
 * text in its query. Without a URL given, the one a participant's call came through.
 */
async function speech(this: IExecuteFunctions, { i, control, conference, announcementsByUrl }: Context) {
	const text = String(this.getNodeParameter('text', i));
	if (!announcementsByUrl) return { text, url: '' };
	let webhookUrl = String(this.getNodeParameter('webhookUrl', i, '')).trim();
	if (!webhookUrl) {
		const [first] = await control.listParticipants(conference);
		webhookUrl = first ? await control.ivrUrlOfCall(first.callId) : '';
		if (!webhookUrl) {
			throw new NodeOperationError(this.getNode(), 'Could not find the IVR webhook URL for the announcement', {
				itemIndex: i,
				description: "Set IVR Webhook URL to the phone-bridge workflow's production URL",
			});
		}
	}
	return { text, url: announceUrl(webhookUrl, text) };
}

type Handler = (this: IExecuteFunctions, context: Context) => Promise<IDataObject | IDataObject[]>;

const participantOf = (context: IExecuteFunctions, i: number) => String(context.getNodeParameter('participant', i)).trim();

/** Mute/hold and the like: the participant as the provider now has it. */
const change =
	(apply: (control: CallControl, conference: ConferenceRef, callId: string) => ReturnType<CallControl['setMuted']>, state: IDataObject): Handler =>
	async function ({ i, control, conference }) {
		const callId = participantOf(this, i);
		const participant = await apply(control, conference, callId);
		return participant ? participantJson(participant, conference) : { callId, conference: conference.name, conferenceId: conference.id, ...state };
	};

const handlers: Record<string, { fields: INodeProperties[]; run: Handler }> = {
	get: {
		fields: [],
		async run({ control, conference }) {
			const found = await control.getConference(conference.id);
			return { conference: found?.name ?? conference.name, conferenceId: conference.id, raw: (found?.raw ?? {}) as IDataObject };
		},
	},
	getParticipants: {
		fields: [],
		async run({ control, conference }) {
			return (await control.listParticipants(conference)).map((participant) => participantJson(participant, conference));
		},
	},
	getParticipant: {
		fields: [participantField],
		async run({ i, control, conference }) {
			const callId = participantOf(this, i);
			const participant = await control.getParticipant(conference, callId);
			return participant ? participantJson(participant, conference) : { found: false, callId, conference: conference.name };
		},
	},
	mute: { fields: [participantField], run: change((control, conference, callId) => control.setMuted(conference, callId, true), { muted: true }) },
	unmute: { fields: [participantField], run: change((control, conference, callId) => control.setMuted(conference, callId, false), { muted: false }) },
	hold: { fields: [participantField], run: change((control, conference, callId) => control.setHold(conference, callId, true), { onHold: true }) },
	unhold: { fields: [participantField], run: change((control, conference, callId) => control.setHold(conference, callId, false), { onHold: false }) },
	announce: {
		fields: [participantField, ...announcementFields],
		async run(context) {
			const callId = participantOf(this, context.i);
			await context.control.announce(context.conference, callId, await speech.call(this, context));
			return { announced: true, callId, conference: context.conference.name, conferenceId: context.conference.id };
		},
	},
	remove: {
		fields: [participantField],
		async run({ i, control, conference }) {
			const callId = participantOf(this, i);
			await control.remove(conference, callId);
			return { removed: true, callId, conference: conference.name, conferenceId: conference.id };
		},
	},
	announceAll: {
		fields: announcementFields,
		async run(context) {
			await context.control.announce(context.conference, undefined, await speech.call(this, context));
			return { announced: true, conference: context.conference.name, conferenceId: context.conference.id };
		},
	},
	end: {
		fields: [],
		async run({ control, conference }) {
			await control.endConference(conference);
			return { ended: true, conference: conference.name, conferenceId: conference.id };
		},
	},
};

function operation(name: string) {
	const handler = handlers[name];
	return {
		description: updateDisplayOptions({ show: { resource: ['conference'], operation: [name] } }, [conferenceField, ...handler.fields]),
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
			const reference = String(this.getNodeParameter('conference', i)).trim();
			if (!reference) throw new NodeOperationError(this.getNode(), 'No conference was given', { itemIndex: i });
			const { provider, control } = await phoneApi(this, i);
			const conference = await control.findConference(reference);
			// No conference in progress: nothing to list or change; say so instead of failing.
			if (!conference) return name === 'getParticipants' ? [] : { found: false, conference: reference };
			return await handler.run.call(this, { i, control, conference, announcementsByUrl: provider.capabilities.announcement === 'url' });
		},
	};
}

export const operations: Record<string, { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<IDataObject | IDataObject[]> }> = {
	...Object.fromEntries(Object.keys(handlers).map((name) => [name, operation(name)])),
	applyDsEvent,
	applyKeypad,
	planSync,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conference'] } },
		options: [
			{ name: 'Announce to Conference', value: 'announceAll', action: 'Announce to everyone in a conference', description: 'Say something to everyone in the conference (the bridge carries it into the room)' },
			{ name: 'Announce to Participant', value: 'announce', action: 'Announce to one participant', description: 'Say something to one participant only' },
			{
				name: 'Apply Digital Samba Event',
				value: 'applyDsEvent',
				action: 'Apply a room event to the phone side',
				description: 'Mute, unmute, ask to unmute or end, as a Digital Samba Trigger item says',
			},
			{
				name: 'Apply Keypad',
				value: 'applyKeypad',
				action: 'Apply a keypad choice of a caller',
				description: '*6 mutes or unmutes, *9 raises or lowers the hand, for callers who stay in the conference (Sinch, Vonage, Plivo)',
			},
			{ name: 'End', value: 'end', action: 'End a conference', description: 'End the conference: every call in it is hung up' },
			{ name: 'Get', value: 'get', action: 'Get the conference in progress', description: 'The conference in progress under a name, as the provider has it' },
			{ name: 'Get Participant', value: 'getParticipant', action: 'Get a participant', description: 'One participant, with who they are (bridge or caller) and their mute and hold state' },
			{ name: 'Get Participants', value: 'getParticipants', action: 'Get all participants', description: 'Everyone in the conference, with who they are and their mute and hold state' },
			{ name: 'Hold', value: 'hold', action: 'Put a participant on hold', description: 'Put a participant on hold: they are not heard and do not hear the meeting (Twilio plays them music)' },
			{ name: 'Mute', value: 'mute', action: 'Mute a participant', description: 'Mute a participant on the phone side' },
			{
				name: 'Plan Digital Samba Sync',
				value: 'planSync',
				action: 'Plan the sync of phone participants',
				description: 'After a conference event: which callers joined or left, from the current participant list',
			},
			{ name: 'Remove', value: 'remove', action: 'Remove a participant', description: 'Remove a participant from the conference (their call ends)' },
			{ name: 'Unhold', value: 'unhold', action: 'Take a participant off hold', description: 'Take a participant off hold' },
			{ name: 'Unmute', value: 'unmute', action: 'Unmute a participant', description: 'Unmute a participant on the phone side' },
		],
		default: 'getParticipants',
	},
	...Object.values(operations).flatMap((op) => op.description),
];
