import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildDtmfSequence } from '../../../core/ivr/dtmf';
import { generatePinPair } from '../../../core/ivr/pin';

const generate = {
	description: updateDisplayOptions({ show: { resource: ['pin'], operation: ['generate'] } }, [
		{
			displayName: 'Caller PIN Length', description: 'Digits in the PIN callers type',
			name: 'callerLength',
			type: 'number',
			typeOptions: { minValue: 6, maxValue: 20 },
			default: 6,
		},
		{
			displayName: 'Bridge PIN Length', description: 'Digits in the bridge PIN; longer than the caller PIN, so no caller can type it by chance',
			name: 'bridgeLength',
			type: 'number',
			typeOptions: { minValue: 10, maxValue: 20 },
			default: 12,
		},
		{
			displayName: 'PINs in Use',
			name: 'taken',
			type: 'string',
			default: '',
			description: 'PINs to avoid, comma-separated or as a list (for example from the dial-in directory)',
		},
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const takenValue = this.getNodeParameter('taken', i, '') as string | string[];
		const taken = new Set((Array.isArray(takenValue) ? takenValue : String(takenValue).split(',')).map((pin) => String(pin).trim()));
		const pair = generatePinPair(this.getNodeParameter('callerLength', i) as number, this.getNodeParameter('bridgeLength', i) as number, taken);
		if (!pair.ok) throw new NodeOperationError(this.getNode(), pair.reason, { itemIndex: i });
		return { callerPin: pair.callerPin, bridgePin: pair.bridgePin };
	},
};

const buildDtmf = {
	description: updateDisplayOptions({ show: { resource: ['pin'], operation: ['buildDtmf'] } }, [
		{ displayName: 'Bridge PIN', description: 'The bridge PIN the DTMF sequence sends, digits only', name: 'pin', type: 'string', default: '', required: true },
		{
			displayName: 'Wait Before PIN (Seconds)',
			name: 'waitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 2,
			description: 'Time for the IVR greeting to start, in steps of 0.5',
		},
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const built = buildDtmfSequence({
			pin: String(this.getNodeParameter('pin', i)).trim(),
			waitSeconds: this.getNodeParameter('waitSeconds', i) as number,
		});
		if (!built.ok) throw new NodeOperationError(this.getNode(), built.reason, { itemIndex: i });
		return { dtmf: built.sequence };
	},
};

export const operations = { buildDtmf, generate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pin'] } },
		options: [
			{
				name: 'Build DTMF Sequence',
				value: 'buildDtmf',
				action: 'Build the DTMF sequence for a bridge PIN',
				description: "The keys Digital Samba plays after dialling the bridge (room field telephony_pin_dtmf)",
			},
			{ name: 'Generate', value: 'generate', action: 'Generate a caller PIN and a bridge PIN', description: 'A random caller PIN and a longer bridge PIN, different from each other' },
		],
		default: 'generate',
	},
	...generate.description,
	...buildDtmf.description,
];
