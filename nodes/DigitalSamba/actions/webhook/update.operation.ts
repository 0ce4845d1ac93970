import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { digitalSambaApiRequest } from '../../transport';
import { sortedByName, webhookLocator } from '../common.descriptions';
import { checkedEndpoint, eventsField, nonEmpty, webhookOptionalFields } from './webhookFields';

const properties: INodeProperties[] = [
	webhookLocator,
	{
		displayName: 'Update Fields', description: 'The webhook settings to change',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByName([
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'string',
				default: '',
				description: 'The URL Digital Samba calls, at most 100 characters',
			},
			eventsField,
			...webhookOptionalFields,
		]),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const webhookId = this.getNodeParameter('webhookId', i, '', { extractValue: true }) as string;
	const body = nonEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (Array.isArray(body.events) && body.events.length === 0) delete body.events;
	if (typeof body.endpoint === 'string') body.endpoint = checkedEndpoint.call(this, i, body.endpoint);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex: i,
			description: 'Add at least one field under Update Fields',
		});
	}
	return (await digitalSambaApiRequest.call(this, 'PATCH', `/webhooks/${encodeURIComponent(webhookId)}`, body)) as IDataObject;
}
