import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class DigitalSamba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Digital Samba',
		name: 'digitalSamba',
		icon: { light: 'file:digitalSamba.svg', dark: 'file:digitalSamba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Digital Samba rooms, phone participants, the phone bridge and webhooks',
		defaults: { name: 'Digital Samba' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digitalSambaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Live', value: 'live' },
					{ name: 'Phone Bridge', value: 'phoneBridge' },
					{ name: 'Phone Participant', value: 'phoneParticipant' },
					{ name: 'Room', value: 'room' },
					{ name: 'Session', value: 'session' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'room',
			},
			...resourceProperties,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// The item loop (pairedItem, continueOnFail, itemIndex on errors) lives in helpers/forEachItem.
		return await router.call(this);
	}
}
