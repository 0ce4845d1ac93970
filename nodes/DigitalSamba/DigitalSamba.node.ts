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
		displayName: 'Resource', description: 'What to work on',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Live', value: 'live', description: 'Who is in a room right now' },
			{ name: 'Phone Bridge', value: 'phoneBridge', description: 'The SIP call that carries a room’s audio to the phone conference' },
			{ name: 'Phone Participant', value: 'phoneParticipant', description: 'Callers as Digital Samba shows them in the room' },
			{ name: 'Room', value: 'room', description: 'Video rooms and their phone dial-in settings' },
			{ name: 'Session', value: 'session', description: 'Meetings held in rooms' },
			{ name: 'Webhook', value: 'webhook', description: 'Where Digital Samba sends its events' },
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
