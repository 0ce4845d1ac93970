import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest, digitalSambaApiRequestAllItems } from '../../transport';
import { returnAllFields, roomLocator } from '../common.descriptions';

const show = (operation: string) => ({ show: { resource: ['session'], operation: [operation] } });

const getAll = {
	description: updateDisplayOptions(show('getAll'), [
		{
			displayName: 'Only One Room',
			name: 'byRoom',
			type: 'boolean',
			default: false,
			description: "Whether to list only one room's sessions",
		},
		{ ...roomLocator, displayOptions: { show: { byRoom: [true] } } },
		...returnAllFields,
		{
			displayName: 'Filters', description: 'Narrow the list of sessions',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'From Date',
					name: 'date_start',
					type: 'dateTime',
					default: '',
					description: 'Sessions on or after this day',
				},
				{
					displayName: 'Live Only',
					name: 'live',
					type: 'boolean',
					default: true,
					description: 'Whether to return only sessions that are live now',
				},
				{
					displayName: 'To Date',
					name: 'date_end',
					type: 'dateTime',
					default: '',
					description: 'Sessions on or before this day',
				},
			],
		},
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const path = this.getNodeParameter('byRoom', i)
			? `/rooms/${encodeURIComponent(roomReference.call(this, i))}/sessions`
			: '/sessions';
		const limit = this.getNodeParameter('returnAll', i) ? undefined : (this.getNodeParameter('limit', i) as number);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		// The API filters dates by day (Y-m-d); `live` is a boolean in its spec.
		if (filters.date_start) qs.date_start = String(filters.date_start).slice(0, 10);
		if (filters.date_end) qs.date_end = String(filters.date_end).slice(0, 10);
		if (filters.live !== undefined) qs.live = filters.live ? 'true' : 'false';
		return await digitalSambaApiRequestAllItems.call(this, path, qs, limit);
	},
};

const end = {
	description: updateDisplayOptions(show('end'), [
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			default: '',
			required: true,
			description: 'The live session to end',
		},
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const sessionId = String(this.getNodeParameter('sessionId', i) ?? '').trim();
		if (!sessionId) throw new NodeOperationError(this.getNode(), 'No session ID was given', { itemIndex: i });
		await digitalSambaApiRequest.call(this, 'POST', `/sessions/${encodeURIComponent(sessionId)}/end`);
		return { sessionId, ended: true };
	},
};

export const operations = { end, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{ name: 'End', value: 'end', action: 'End a live session', description: 'End the live session in a room: everyone is disconnected' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many sessions', description: 'Get many sessions' },
		],
		default: 'getAll',
	},
	...end.description,
	...getAll.description,
];
