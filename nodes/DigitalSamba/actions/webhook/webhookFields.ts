import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkEndpoint } from '../../../core/digitalsamba/webhooks';

export const eventsField: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getEvents' },
	default: [],
	description:
		'Events that call the webhook, as Digital Samba lists them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const webhookOptionalFields: INodeProperties[] = [
	{
		displayName: 'Authorization Header',
		name: 'authorization_header',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'A secret Digital Samba sends as "Authorization: Bearer &lt;secret&gt;" with each call',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: '3 to 100 characters',
	},
];

/** Checks the endpoint before sending it: Digital Samba takes URLs of at most 100 characters. */
export function checkedEndpoint(this: IExecuteFunctions, i: number, endpoint: string): string {
	const url = endpoint.trim();
	const check = checkEndpoint(url);
	if (!check.ok) {
		throw new NodeOperationError(this.getNode(), `Invalid webhook URL: ${check.reason}`, {
			itemIndex: i,
			description: 'Use a shorter host name or path',
		});
	}
	return url;
}

export function nonEmpty(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '' && value !== undefined));
}
