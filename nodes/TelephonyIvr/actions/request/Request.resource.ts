import type { INodeProperties } from 'n8n-workflow';

import * as handle from './handle.operation';

export { handle };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				name: 'Handle Provider Request',
				value: 'handle',
				action: 'Verify and answer a provider request',
				description: 'Verify, parse and answer a request from the voice provider (after a Webhook node)',
			},
		],
		default: 'handle',
	},
	...handle.description,
];
