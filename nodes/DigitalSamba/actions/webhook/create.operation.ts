import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { digitalSambaApiRequest } from '../../transport';
import { checkedEndpoint, eventsField, nonEmpty, webhookOptionalFields } from './webhookFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/webhook',
		description: 'The URL Digital Samba calls, at most 100 characters',
	},
	{ ...eventsField, required: true },
	{
		displayName: 'Additional Fields', description: 'Optional webhook settings',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: webhookOptionalFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const endpoint = checkedEndpoint.call(this, i, this.getNodeParameter('endpoint', i) as string);
	const events = this.getNodeParameter('events', i) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Pick at least one event', { itemIndex: i });
	}
	const body: IDataObject = {
		endpoint,
		events,
		...nonEmpty(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	};
	return (await digitalSambaApiRequest.call(this, 'POST', '/webhooks', body)) as IDataObject;
}
