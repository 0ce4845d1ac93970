import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { withAgentOperations } from '../shared/forAgents';
import { operationSubtitle } from '../shared/subtitle';
import * as call from './actions/call/Call.resource';
import * as conference from './actions/conference/Conference.resource';
import * as invitation from './actions/invitation/Invitation.resource';
import { providerCredentials, providerProperty } from './actions/markup';
import * as phoneNumber from './actions/phoneNumber/PhoneNumber.resource';
import * as pin from './actions/pin/Pin.resource';
import * as response from './actions/response/Response.resource';
import { router } from './actions/router';

/** Steps of the phone bridge's workflows: their input is another node's item, or markup for a webhook answer. */
const NOT_FOR_AGENTS = {
	conference: ['applyDsEvent', 'applyKeypad', 'planSync'],
	response: ['render', 'routePin'],
	call: ['classify'],
};

const properties: INodeProperties[] = withAgentOperations([
	providerProperty,
	{
		displayName: 'Resource', description: 'What to work on',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Call', value: 'call', description: 'One phone call: classify it, hang it up, move it' },
			{ name: 'Conference', value: 'conference', description: 'The room’s conference at the provider and the people in it' },
			{ name: 'Invitation', value: 'invitation', description: 'Dial-in instructions to send to people' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'Point a number at this workflow' },
			{ name: 'PIN', value: 'pin', description: 'Caller and bridge PINs' },
			{ name: 'Response', value: 'response', description: 'Markup that tells the provider what to do with a call' },
		],
		default: 'response',
	},
	...response.description,
	...call.description,
	...conference.description,
	...invitation.description,
	...phoneNumber.description,
	...pin.description,
], NOT_FOR_AGENTS);

export class TelephonyIvr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telephony IVR',
		name: 'telephonyIvr',
		icon: { light: 'file:telephonyIvr.svg', dark: 'file:telephonyIvr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Phone dial-in for Digital Samba video meetings: route callers by PIN, sync the conference, mute, announce and remove callers',
		defaults: { name: 'Telephony IVR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials,
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
