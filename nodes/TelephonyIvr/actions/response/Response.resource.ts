import type { INodeProperties } from 'n8n-workflow';

import * as render from './render.operation';
import * as routePin from './routePin.operation';

export const operations = { render, routePin };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['response'] } },
		options: [
			{ name: 'Render', value: 'render', action: 'Render instructions as markup', description: 'Turn steps (say, play, pause, hang up…) into the provider’s markup, for a Respond to Webhook node' },
			{
				name: 'Route PIN',
				value: 'routePin',
				action: 'Route a caller by the PIN they entered',
				description: 'After the directory lookup: join as bridge or caller, retry, or say goodbye',
			},
		],
		default: 'routePin',
	},
	...render.description,
	...routePin.description,
];
