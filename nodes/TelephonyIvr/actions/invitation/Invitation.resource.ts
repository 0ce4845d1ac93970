import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { invitationText, oneTapLink } from '../../../core/ivr/invitation';

const create = {
	description: updateDisplayOptions({ show: { resource: ['invitation'], operation: ['create'] } }, [
		{
			displayName: 'Numbers', description: 'The dial-in numbers to list, one per country',
			name: 'numbers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Number',
			default: {},
			options: [
				{
					displayName: 'Number',
					name: 'number',
					values: [
						{ displayName: 'Country', description: 'Shown before the number, e.g. United States', name: 'country', type: 'string', default: '', placeholder: 'United States' },
						{ displayName: 'Phone Number', description: 'In international format, e.g. +15551234567', name: 'number', type: 'string', default: '', placeholder: '+15551234567' },
					],
				},
			],
		},
		{ displayName: 'Caller PIN', description: 'The room’s caller PIN', name: 'pin', type: 'string', default: '', required: true },
		{ displayName: 'Room Name', description: 'The meeting’s name as invitees know it', name: 'roomName', type: 'string', default: '' },
		{ displayName: 'Room URL', description: 'The room’s link, for those who join by video', name: 'roomUrl', type: 'string', default: '' },
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const numbers = (this.getNodeParameter('numbers.number', i, []) as IDataObject[]).map((entry) => ({
			country: String(entry.country ?? ''),
			number: String(entry.number ?? ''),
		}));
		const pin = String(this.getNodeParameter('pin', i)).trim();
		if (!/^\d+$/.test(pin)) throw new NodeOperationError(this.getNode(), 'The caller PIN must be digits', { itemIndex: i });
		const text = invitationText({
			numbers,
			pin,
			roomName: (this.getNodeParameter('roomName', i, '') as string) || undefined,
			roomUrl: (this.getNodeParameter('roomUrl', i, '') as string) || undefined,
		});
		return { text, oneTap: numbers.map(({ country, number }) => ({ country, link: oneTapLink(number, pin) })) };
	},
};

export const operations = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invitation'] } },
		options: [{ name: 'Create', value: 'create', action: 'Write an invitation to dial in', description: 'Text for invitees: the numbers to dial, the PIN, and one-tap links for phones' }],
		default: 'create',
	},
	...create.description,
];
