import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { applicationJwt } from '../nodes/core/voice/providers/vonage/jwt';

/**
 * Vonage Voice for the Telephony IVR: the Voice application's ID and private key (every REST
 * request carries a fresh application JWT signed with it), and the account's signature secret
 * (Vonage signs its webhooks with it). The account's API key and secret are needed only to point
 * the application's answer URL at the IVR (the Applications API takes no application JWT).
 */
export class TelephonyVonageApi implements ICredentialType {
	name = 'telephonyVonageApi';

	displayName = 'Vonage Voice API';

	icon: Icon = {
		light: 'file:../nodes/TelephonyIvr/telephonyIvr.svg',
		dark: 'file:../nodes/TelephonyIvr/telephonyIvr.dark.svg',
	};

	documentationUrl = 'https://developer.vonage.com/en/getting-started/concepts/signing-messages';

	properties: INodeProperties[] = [
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of your Voice application (Vonage dashboard, Applications)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			description: 'The private key Vonage generated for the application (private.key), BEGIN and END lines included',
		},
		{
			displayName: 'Signature Secret',
			name: 'signatureSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Vonage signs every webhook with it (dashboard, API Settings); webhooks that do not match are rejected',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "Only to point the application's answer URL at the IVR (Configure Number); otherwise set it in the dashboard",
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The secret of the API key, for the same purpose',
		},
		{
			displayName: 'API URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.nexmo.com',
			description: 'Change only for a regional host (e.g. https://api-eu-3.vonage.com) or a test server',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		const path = new URL(String(requestOptions.url), 'https://api.nexmo.com').pathname;
		if (path.startsWith('/v2/applications')) {
			// The Applications API authenticates the account, not the application.
			headers.Authorization = `Basic ${Buffer.from(`${String(credentials.apiKey)}:${String(credentials.apiSecret)}`).toString('base64')}`;
		} else {
			headers.Authorization = `Bearer ${applicationJwt(String(credentials.applicationId), String(credentials.privateKey))}`;
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/calls',
			qs: { page_size: 1 },
			method: 'GET',
		},
	};
}
