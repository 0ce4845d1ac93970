import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Plivo Voice for the Telephony IVR: the account's Auth ID and Auth Token (Plivo console,
 * Overview). REST calls use them as Basic auth; Plivo signs every callback with the Auth Token
 * (X-Plivo-Signature-V3). (Prefixed: n8n already ships a `plivoApi` credential.)
 */
export class TelephonyPlivoApi implements ICredentialType {
	name = 'telephonyPlivoApi';

	displayName = 'Plivo Voice API';

	icon: Icon = {
		light: 'file:../nodes/TelephonyIvr/telephonyIvr.svg',
		dark: 'file:../nodes/TelephonyIvr/telephonyIvr.dark.svg',
	};

	documentationUrl = 'https://www.plivo.com/docs/voice/concepts/signature-validation';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth ID',
			name: 'authId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'MA…',
			description: 'Your Plivo account’s Auth ID (Plivo console, Overview)',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Plivo signs every callback with it; requests that do not match are rejected',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.plivo.com',
			description: 'Change only to point at a test server such as the local simulator',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const basic = Buffer.from(`${String(credentials.authId)}:${String(credentials.authToken)}`, 'utf8').toString('base64');
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Basic ${basic}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/v1/Account/{{$credentials.authId}}/',
			method: 'GET',
		},
	};
}
