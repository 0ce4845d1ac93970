import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Twilio Voice for the Telephony IVR. The Auth Token is required even when REST goes through an API
 * key: Twilio signs its webhooks with it. (Prefixed: n8n already ships a `twilioApi` credential.)
 */
export class TelephonyTwilioApi implements ICredentialType {
	name = 'telephonyTwilioApi';

	displayName = 'Twilio Voice API';

	icon: Icon = {
		light: 'file:../nodes/TelephonyIvr/telephonyIvr.svg',
		dark: 'file:../nodes/TelephonyIvr/telephonyIvr.dark.svg',
	};

	documentationUrl = 'https://www.twilio.com/docs/usage/webhooks/webhooks-security';

	properties: INodeProperties[] = [
		{
			displayName: 'Account SID', description: 'Your Twilio account’s ID, starting with AC (Twilio Console, Account Info)',
			name: 'accountSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AC…',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Twilio signs every webhook with it; requests that do not match are rejected',
		},
		{
			displayName: 'API Key SID',
			name: 'apiKeySid',
			type: 'string',
			default: '',
			placeholder: 'SK…',
			description: 'Optional: use an API key for REST calls instead of the Auth Token',
		},
		{
			displayName: 'API Key Secret', description: 'The secret shown once when the API key was created',
			name: 'apiKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.twilio.com',
			description: 'Change only to point at a test server such as the local simulator',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const useKey = Boolean(credentials.apiKeySid && credentials.apiKeySecret);
		const user = String(useKey ? credentials.apiKeySid : credentials.accountSid);
		const password = String(useKey ? credentials.apiKeySecret : credentials.authToken);
		const basic = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Basic ${basic}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/2010-04-01/Accounts/{{$credentials.accountSid}}.json',
			method: 'GET',
		},
	};
}
