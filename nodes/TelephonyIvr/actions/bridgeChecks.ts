import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BridgeChecks } from '../../core/ivr/classifyCall';

export const bridgeChecksProperty: INodeProperties = {
	displayName: 'Extra Bridge Checks',
	name: 'bridgeChecks',
	type: 'collection',
	placeholder: 'Add Check',
	default: {},
	description:
		'The bridge PIN is always required. These checks can only be added on top of it: a call with the bridge PIN that fails one is refused.',
	options: [
		{
			displayName: 'Display Name Prefix',
			name: 'displayNamePrefix',
			type: 'string',
			default: '',
			description:
				"The caller's display name must start with this. On Twilio the display name is CallerName (caller-ID lookup) or, for SIP calls, the display name in the SIP From header.",
		},
		{
			displayName: 'Require SIP',
			name: 'requireSip',
			type: 'boolean',
			default: false,
			description: 'Whether the bridge must arrive over SIP (a Twilio SIP Domain), not the phone network',
		},
		{
			displayName: 'SIP Domain',
			name: 'sipDomain',
			type: 'string',
			default: '',
			placeholder: 'digitalsamba.sip.twilio.com',
			description: 'The Twilio SIP Domain the bridge must arrive through',
		},
	],
};

export function bridgeChecks(context: IExecuteFunctions, itemIndex: number): BridgeChecks {
	const given = context.getNodeParameter('bridgeChecks', itemIndex, {}) as IDataObject;
	return {
		displayNamePrefix: (given.displayNamePrefix as string) || undefined,
		requireSip: given.requireSip === true || undefined,
		sipDomain: (given.sipDomain as string) || undefined,
	};
}
