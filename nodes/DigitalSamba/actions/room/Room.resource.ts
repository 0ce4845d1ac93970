import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as remove from './delete.operation';
import * as enableDialIn from './enableDialIn.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: remove, enableDialIn, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['room'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a room', description: 'Create a room, with dial-in if wanted' },
			{ name: 'Delete', value: 'delete', action: 'Delete a room', description: 'Delete a room' },
			{
				name: 'Enable Dial-In',
				value: 'enableDialIn',
				action: 'Enable dial in on a room',
				description: "Set an existing room's telephony: the bridge number and DTMF",
			},
			{ name: 'Get', value: 'get', action: 'Get a room', description: 'Get a room' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many rooms', description: 'Get many rooms' },
			{ name: 'Update', value: 'update', action: 'Update a room', description: 'Update a room' },
		],
		default: 'get',
	},
	...create.description,
	...remove.description,
	...enableDialIn.description,
	...get.description,
	...getAll.description,
	...update.description,
];
