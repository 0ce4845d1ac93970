import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { twilioRest } from '../../../core/voice/providers/twilio/rest';
import { sendTwilio, twilioCredentials } from '../../transport';

/** Points a number's voice and fallback URLs at the workflows, so set-up needs no console copy-paste. */
const configure = {
	description: updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['configure'] } }, [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: '+15551234567',
			description: 'The number in your account, in E.164',
		},
		{
			displayName: 'Voice URL',
			name: 'voiceUrl',
			type: 'string',
			default: '',
			required: true,
			description: 'The production URL of the phone-bridge workflow',
		},
		{
			displayName: 'Fallback URL',
			name: 'fallbackUrl',
			type: 'string',
			default: '',
			description: 'Called when the voice URL fails: the fallback workflow apologises and hangs up',
		},
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const { accountSid } = await twilioCredentials(this);
		const phoneNumber = String(this.getNodeParameter('phoneNumber', i)).trim();
		const found = await sendTwilio.call(this, twilioRest.findPhoneNumber(accountSid, phoneNumber));
		const [number] = (found.incoming_phone_numbers as IDataObject[] | undefined) ?? [];
		if (!number) {
			throw new NodeOperationError(this.getNode(), `The number ${phoneNumber} is not in this Twilio account`, {
				itemIndex: i,
				description: 'Check the number (E.164, e.g. +15551234567) and the credential’s account',
			});
		}
		return await sendTwilio.call(
			this,
			twilioRest.configurePhoneNumber(accountSid, String(number.sid), {
				voiceUrl: String(this.getNodeParameter('voiceUrl', i)).trim(),
				fallbackUrl: String(this.getNodeParameter('fallbackUrl', i, '')).trim() || undefined,
			}),
		);
	},
};

export const operations = { configure };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [{ name: 'Configure', value: 'configure', action: 'Point a phone number at the IVR' }],
		default: 'configure',
	},
	...configure.description,
];
