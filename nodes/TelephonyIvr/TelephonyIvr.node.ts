import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as call from './actions/call/Call.resource';
import * as conference from './actions/conference/Conference.resource';
import * as invitation from './actions/invitation/Invitation.resource';
import { providerCredentials, providerProperty } from './actions/markup';
import * as phoneNumber from './actions/phoneNumber/PhoneNumber.resource';
import * as pin from './actions/pin/Pin.resource';
import { OUTPUT_NAMES } from './actions/request/handle.operation';
import * as request from './actions/request/Request.resource';
import * as response from './actions/response/Response.resource';
import { router } from './actions/router';

export class TelephonyIvr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telephony IVR',
		name: 'telephonyIvr',
		icon: { light: 'file:telephonyIvr.svg', dark: 'file:telephonyIvr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Answer phone calls for Digital Samba rooms: verify provider requests, collect PINs, join conferences, control calls',
		defaults: { name: 'Telephony IVR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Fixed outputs (a dynamic list would cost an expression per execution on the voice path).
		// Only Handle Provider Request uses all five; every other operation answers on the first.
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: OUTPUT_NAMES,
		credentials: providerCredentials,
		properties: [
			providerProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call' },
					{ name: 'Conference', value: 'conference' },
					{ name: 'Invitation', value: 'invitation' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'PIN', value: 'pin' },
					{ name: 'Provider Request', value: 'request' },
					{ name: 'Response', value: 'response' },
				],
				default: 'request',
			},
			...request.description,
			...response.description,
			...call.description,
			...conference.description,
			...invitation.description,
			...phoneNumber.description,
			...pin.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
