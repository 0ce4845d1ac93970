import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { classifyCall } from '../../../core/ivr/classifyCall';
import { phoneApi } from '../../transport';
import { bridgeChecks, bridgeChecksProperty } from '../bridgeChecks';

const classify = {
	description: updateDisplayOptions({ show: { resource: ['call'], operation: ['classify'] } }, [
		{ displayName: 'Digits Entered', description: 'What the caller typed at the PIN prompt', name: 'digits', type: 'string', default: '', required: true },
		{ displayName: 'Caller PIN', description: 'The room’s caller PIN, from the dial-in directory', name: 'callerPin', type: 'string', default: '', required: true },
		{ displayName: 'Bridge PIN', description: 'The room’s bridge PIN, from the dial-in directory', name: 'bridgePin', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Display Name',
			name: 'callerName',
			type: 'string',
			default: '',
			description: "The call's display name (Twilio CallerName, or the SIP From display name)",
		},
		{ displayName: 'SIP Domain of the Call', name: 'callSipDomain', type: 'string', default: '', description: 'Empty for a call from the phone network' },
		bridgeChecksProperty,
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const sipDomain = String(this.getNodeParameter('callSipDomain', i, '')).trim();
		const classification = classifyCall(
			{
				digits: String(this.getNodeParameter('digits', i)).trim(),
				callerName: String(this.getNodeParameter('callerName', i, '')),
				sip: sipDomain ? { domain: sipDomain } : undefined,
			},
			{ callerPin: String(this.getNodeParameter('callerPin', i)).trim(), bridgePin: String(this.getNodeParameter('bridgePin', i)).trim() },
			bridgeChecks(this, i),
		);
		return { classification };
	},
};

/** Ends a call: the way to remove a phone user (the conference's leave callback then follows). */
const hangUp = {
	description: updateDisplayOptions({ show: { resource: ['call'], operation: ['hangUp'] } }, [
		{ displayName: 'Call ID', name: 'callId', type: 'string', default: '', required: true, description: "The provider's ID of the call" },
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const callId = String(this.getNodeParameter('callId', i)).trim();
		const { control } = await phoneApi(this, i);
		await control.hangUp(callId);
		return { hungUp: true, callId };
	},
};

export const operations = { classify, hangUp };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{ name: 'Classify', value: 'classify', action: 'Tell the bridge from a caller', description: 'Whether digits typed at the prompt are the bridge PIN (with the bridge checks), a caller PIN, or neither' },
			{ name: 'Hang Up', value: 'hangUp', action: 'Hang up a call', description: 'End a call, wherever it is' },
		],
		default: 'classify',
	},
	...classify.description,
	...hangUp.description,
];
