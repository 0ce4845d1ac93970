import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PhoneCaller } from '../../../core/digitalsamba/phoneParticipants';
import { toJoinedBody } from '../../../core/digitalsamba/phoneParticipants';
import { resolveRoomId } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	roomLocator,
	{
		displayName: 'Callers From', description: 'Where the callers to report come from: this node’s list, or the input items',
		name: 'callersSource',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Enter each caller below' },
			{
				name: 'JSON',
				value: 'json',
				description: 'A list of callers, for example from an expression; one request for all',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Callers', description: 'The callers who joined, reported in one request',
		name: 'callers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Caller',
		default: {},
		displayOptions: { show: { callersSource: ['fields'] } },
		options: [
			{
				displayName: 'Caller',
				name: 'caller',
				values: [
					{
						displayName: 'Call ID',
						name: 'callId',
						type: 'string',
						default: '',
							required:	true,
						description: 'The call\'s ID at the voice provider, for example a Twilio call SID',
					},
					{
						displayName: 'Caller Number', description: 'The caller’s phone number as shown in the room, e.g. +15551234567',
						name: 'callerNumber',
						type: 'string',
						default: '',
						placeholder: '+15551234567',
					},
					{
						displayName: 'External ID', description: 'The call’s ID at the voice provider: later reports (left, muted) name the caller by it',
						name: 'externalId',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Muted',
						name: 'muted',
						type: 'boolean',
						default: false,
						description: 'Whether the caller joins muted',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Shown in the room;	a name or a caller number is required',
					},
				],
			},
		],
	},
	{
		displayName: 'Callers (JSON)',
		name: 'callersJson',
		type: 'json',
		default: '[]',
		required: true,
		displayOptions: { show: { callersSource: ['json'] } },
		description:
			'Array of callers: callId (or call_id), name, callerNumber (or caller_number), externalId (or external_id), muted',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneParticipant'], operation: ['join'] } },
	properties,
);

function callerFrom(entry: IDataObject): PhoneCaller {
	const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
	return {
		callId: text(entry.callId ?? entry.call_id) ?? '',
		name: text(entry.name),
		callerNumber: text(entry.callerNumber ?? entry.caller_number),
		externalId: text(entry.externalId ?? entry.external_id),
		muted: typeof entry.muted === 'boolean' ? entry.muted : undefined,
	};
}

function readCallers(this: IExecuteFunctions, i: number): PhoneCaller[] {
	if (this.getNodeParameter('callersSource', i) === 'fields') {
		const callers = this.getNodeParameter('callers.caller', i, []) as IDataObject[];
		return callers.map(callerFrom);
	}
	const raw = this.getNodeParameter('callersJson', i) as unknown;
	const parsed = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : undefined;
	if (!list || list.some((entry) => !entry || typeof entry !== 'object')) {
		throw new NodeOperationError(this.getNode(), 'Callers (JSON) must be an array of objects', {
			itemIndex: i,
			description: 'For example [{"callId": "CA123", "name": "Ada", "callerNumber": "+15551234567"}]',
		});
	}
	return (list as IDataObject[]).map(callerFrom);
}

/** Tells Digital Samba that one or more callers joined, in one request. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const joined = toJoinedBody(readCallers.call(this, i));
	if (!joined.ok) {
		throw new NodeOperationError(this.getNode(), joined.reason, {
			itemIndex: i,
			description: 'Each caller needs a call ID and a name or caller number',
		});
	}
	const roomId = await resolveRoomId.call(this, i);
	await digitalSambaApiRequest.call(
		this,
		'POST',
		`/rooms/${roomId}/phone-participants/joined`,
		joined.body as unknown as IDataObject[],
	);
	return { roomId, joined: joined.body.map((call) => call.call_id) };
}
