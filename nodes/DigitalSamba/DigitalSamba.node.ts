import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withAgentOperations } from '../shared/forAgents';
import { operationSubtitle } from '../shared/subtitle';
import { resourceProperties } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

/** A phone bridge step: its input is Plan Sync's items. */
const NOT_FOR_AGENTS = { phoneParticipant: ['applyPhoneEvent'] };

const properties: INodeProperties[] = withAgentOperations([
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
], NOT_FOR_AGENTS);

export class DigitalSamba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Digital Samba',
		name: 'digitalSamba',
		icon: { light: 'file:digitalSamba.svg', dark: 'file:digitalSamba.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Digital Samba video meetings: rooms with phone dial-in, phone participants, the phone bridge, sessions and webhooks',
		defaults: { name: 'Digital Samba' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digitalSambaApi', required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// The item loop (pairedItem, continueOnFail, itemIndex on errors) lives in helpers/forEachItem.
		return await router.call(this);
	}
}
