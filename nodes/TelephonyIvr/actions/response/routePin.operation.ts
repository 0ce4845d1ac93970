/**
 * Route PIN: after the dial-in directory lookup. Bridge PIN → the bridge joins under its label;
 * caller PIN → the caller joins and waits for the meeting; anything else → try again, or goodbye
 * after the last attempt. Its input is the directory row (empty when none matched); the PIN event
 * comes from the Telephony Request node before it, followed back through the items' pairing.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { parseLabel } from '../../../core/ivr/labels';
import { routePin } from '../../../core/ivr/script';
import type { Instruction, JoinConference } from '../../../core/voice/instructions';
import type { CallEvent, ParticipantEvent } from '../../../core/voice/events';
import type { Routed } from '../../../shared/forEachItem';
import { namesOf, readUpstream } from '../../../shared/upstream';
import { providerOf } from '../../transport';
import { bridgeChecks, bridgeChecksProperty } from '../bridgeChecks';
import type { PinEntered } from '../contracts';
import { asItem, readPinEntered } from '../contracts';
import { markupItem } from '../markup';
import { ivrSettings, ivrSettingsProperty } from '../settings';

const properties: INodeProperties[] = [
	{
		displayName: 'Directory Columns', description: 'The dial-in directory’s column names, if yours differ from the Setup template’s',
		name: 'columns',
		type: 'collection',
		placeholder: 'Add Column',
		default: {},
		options: [
			{ displayName: 'Bridge PIN Column', description: 'Column holding the room’s bridge PIN', name: 'bridgePin', type: 'string', default: 'bridge_pin' },
			{ displayName: 'Caller PIN Column', description: 'Column holding the room’s caller PIN', name: 'callerPin', type: 'string', default: 'caller_pin' },
			{ displayName: 'Conference Column', description: 'Column holding the room’s conference name (ds- and the room ID)', name: 'conference', type: 'string', default: 'conference_name' },
		],
	},
	// Display names and SIP origins are what Twilio's requests carry; Sinch's say neither.
	{ ...bridgeChecksProperty, displayOptions: { show: { provider: ['twilio'] } } },
	ivrSettingsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['response'], operation: ['routePin'] } }, properties);

function pinItem(context: IExecuteFunctions, input: IDataObject, i: number): PinEntered {
	const direct = readPinEntered(input);
	if (direct) return direct;
	const { value, looked } = readUpstream(context, i, ['telephonyRequest'], (item) => readPinEntered(item('item')));
	if (value) return value;
	throw new NodeOperationError(context.getNode(), `No PIN event reached Route PIN (Telephony Request nodes before it: ${namesOf(looked)})`, {
		itemIndex: i,
		description: "Connect Route PIN after a Telephony Request node's 'PIN Entered' output, through the directory lookup",
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<Routed> {
	const provider = providerOf(this, i);
	const row = this.getInputData()[i].json;
	const { event, webhookUrl } = pinItem(this, row, i);
	const columns = this.getNodeParameter('columns', i, {}) as Record<string, string>;
	const value = (column: string | undefined, fallback: string) => String(row[column || fallback] ?? '').trim();
	const callerPin = value(columns.callerPin, 'caller_pin');
	const bridgePin = value(columns.bridgePin, 'bridge_pin');
	const conference = value(columns.conference, 'conference_name');
	const entry = callerPin && bridgePin && conference ? { callerPin, bridgePin, conference } : undefined;

	const route = routePin(event, entry, webhookUrl, ivrSettings(this, i), bridgeChecks(this, i));
	const join = route.instructions.find((instruction) => instruction.kind === 'joinConference');
	const answer = markupItem(
		this,
		provider,
		route.instructions,
		i,
		{
			classification: route.classification,
			callId: event.callId,
			attempt: event.attempt,
			conference: route.classification === 'invalid' ? null : conference,
			...callerRecord(route.instructions),
			// Providers that never call back when someone joins: this answer is the join.
			...(join && !provider.capabilities.conferenceEvents ? { joinEvent: joinEvent(event, join) } : {}),
		},
		event,
	);
	return { routed: [[0, answer]] };
}

/** The join our answer makes, as the conference event other providers would send for it. */
function joinEvent(event: CallEvent, join: JoinConference): IDataObject {
	const joined: ParticipantEvent = { type: 'participant.joined', conference: join.name, conferenceId: join.name, callId: event.callId, label: join.label, muted: join.muted, raw: {} };
	return asItem(joined);
}

/**
 * For an admitted caller, what the template records in the "dial-in calls" table before answering
 * (docs/participant-sync.md): the number and name exactly as the conference label carries them.
 */
function callerRecord(instructions: Instruction[]): IDataObject {
	const join = instructions.find((instruction) => instruction.kind === 'joinConference');
	const label = join ? parseLabel(join.label ?? '') : undefined;
	return label?.kind === 'caller' ? { callerNumber: label.number, name: label.name } : {};
}
