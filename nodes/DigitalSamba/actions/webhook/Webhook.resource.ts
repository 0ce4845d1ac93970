import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { digitalSambaApiRequest, digitalSambaApiRequestAllItems } from '../../transport';
import { returnAllFields, webhookLocator } from '../common.descriptions';
import * as create from './create.operation';
import * as update from './update.operation';

const show = (operation: string) => ({ show: { resource: ['webhook'], operation: [operation] } });

const webhookPath = (context: IExecuteFunctions, i: number) =>
	`/webhooks/${encodeURIComponent(context.getNodeParameter('webhookId', i, '', { extractValue: true }) as string)}`;

const get = {
	description: updateDisplayOptions(show('get'), [webhookLocator]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		return (await digitalSambaApiRequest.call(this, 'GET', webhookPath(this, i))) as IDataObject;
	},
};

const getAll = {
	description: updateDisplayOptions(show('getAll'), returnAllFields),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const limit = this.getNodeParameter('returnAll', i) ? undefined : (this.getNodeParameter('limit', i) as number);
		return await digitalSambaApiRequestAllItems.call(this, '/webhooks', {}, limit);
	},
};

const remove = {
	description: updateDisplayOptions(show('delete'), [webhookLocator]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const path = webhookPath(this, i);
		await digitalSambaApiRequest.call(this, 'DELETE', path);
		return { deleted: true, webhookId: path.split('/').pop() };
	},
};

export const operations = { create, delete: remove, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Create a webhook' },
			{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Delete a webhook' },
			{ name: 'Get', value: 'get', action: 'Get a webhook', description: 'Get a webhook' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many webhooks', description: 'Get many webhooks' },
			{ name: 'Update', value: 'update', action: 'Update a webhook', description: 'Update a webhook' },
		],
		default: 'getAll',
	},
	...create.description,
	...remove.description,
	...get.description,
	...getAll.description,
	...update.description,
];
