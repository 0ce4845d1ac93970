import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { roomLocator } from '../common.descriptions';
import { telephonyBody } from './roomFields';
import { patchRoom } from './update.operation';

const properties: INodeProperties[] = [
	roomLocator,
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+15551234567',
		description: 'The PSTN or SIP number Digital Samba dials to reach the bridge',
	},
	{
		displayName: 'DTMF From', description: 'Where the bridge’s keypad sequence comes from: built from the PIN here, or given as is',
		name: 'dtmfSource',
		type: 'options',
		options: [
			{
				name: 'Bridge PIN',
				value: 'bridgePin',
				description: 'Build the sequence: a wait, the PIN, then #',
			},
			{ name: 'DTMF Sequence', value: 'sequence', description: 'Give the exact keys to play' },
		],
		default: 'bridgePin',
	},
	{
		displayName: 'Bridge PIN',
		name: 'bridgePin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'Digits the bridge call enters at the IVR',
		displayOptions: { show: { dtmfSource: ['bridgePin'] } },
	},
	{
		displayName: 'Wait Before PIN (Seconds)', description: 'How long the bridge waits after the call connects before sending the PIN, so the IVR is listening',
		name: 'waitSeconds',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 2,
		displayOptions: { show: { dtmfSource: ['bridgePin'] } },
	},
	{
		displayName: 'DTMF Sequence',
		name: 'pinDtmf',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'WW0123456789#',
		description: 'Keys played after the call connects: 0-9 * # W w. W waits 1 second, w half a second.',
		displayOptions: { show: { dtmfSource: ['sequence'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['room'], operation: ['enableDialIn'] } },
	properties,
);

/** Turns on telephony for an existing room: reads it, then PATCHes with its current privacy. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const phoneNumber = (this.getNodeParameter('phoneNumber', i) as string).trim();
	if (!phoneNumber) {
		throw new NodeOperationError(this.getNode(), 'No phone number was given', { itemIndex: i });
	}
	const fromPin = this.getNodeParameter('dtmfSource', i) === 'bridgePin';
	const telephony = fromPin
		? {
				phoneNumber,
				bridgePin: this.getNodeParameter('bridgePin', i) as string,
				waitSeconds: this.getNodeParameter('waitSeconds', i, 2) as number,
			}
		: { phoneNumber, pinDtmf: this.getNodeParameter('pinDtmf', i) as string };
	if (!(telephony.bridgePin ?? telephony.pinDtmf)?.trim()) {
		throw new NodeOperationError(this.getNode(), 'No bridge PIN or DTMF sequence was given', {
			itemIndex: i,
		});
	}
	const body = telephonyBody.call(this, i, { enabled: true, ...telephony });
	return await patchRoom.call(this, roomReference.call(this, i), body);
}
