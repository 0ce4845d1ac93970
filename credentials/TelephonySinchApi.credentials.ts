import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signSinchRequest } from '../nodes/core/voice/providers/sinch/sign';

/**
 * Sinch Voice for the Telephony IVR: the voice app's key and secret. Sinch signs its callbacks
 * with them, and every REST request is signed the same way (not Basic auth, which Sinch calls
 * "best used for testing").
 */
export class TelephonySinchApi implements ICredentialType {
	name = 'telephonySinchApi';

	displayName = 'Sinch Voice API';

	icon: Icon = {
		light: 'file:../nodes/TelephonyIvr/telephonyIvr.svg',
		dark: 'file:../nodes/TelephonyIvr/telephonyIvr.dark.svg',
	};

	documentationUrl = 'https://developers.sinch.com/docs/voice/api-reference/authentication/callback-signed-request';

	properties: INodeProperties[] = [
		{
			displayName: 'Application Key',
			name: 'applicationKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The key of your voice app (Sinch dashboard, Voice, Apps)',
		},
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sinch signs every callback with it; callbacks that do not match are rejected',
		},
		{
			displayName: 'Calling API URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://calling.api.sinch.com',
			description: 'Calls and conferences. Change only for a regional host (e.g. https://calling-euc1.api.sinch.com) or a test server.',
		},
		{
			displayName: 'Configuration API URL',
			name: 'configurationUrl',
			type: 'string',
			default: 'https://callingapi.sinch.com',
			description: "The app's callback URLs. Change only to point at a test server such as the local simulator.",
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		// Signed is the path as sent: a relative url goes after baseURL's own path, as axios joins them.
		const given = String(requestOptions.url);
		const base = String(requestOptions.baseURL ?? '').replace(/\/+$/, '');
		const url = new URL(/^https?:\/\//i.test(given) ? given : `${base}/${given.replace(/^\/+/, '')}`);
		const body = typeof requestOptions.body === 'string' ? requestOptions.body : requestOptions.body ? JSON.stringify(requestOptions.body) : '';
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		// As the official SDK: every request says application/json, GETs included, and is signed so.
		const contentType = headers['Content-Type'] ?? headers['content-type'] ?? 'application/json';
		headers['Content-Type'] = contentType;
		const signed = signSinchRequest(String(credentials.applicationKey), String(credentials.applicationSecret), {
			method: String(requestOptions.method ?? 'GET'),
			body,
			contentType,
			path: url.pathname,
		});
		return { ...requestOptions, body: body || requestOptions.body, headers: { ...headers, ...signed } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.configurationUrl}}',
			url: '=/v1/configuration/callbacks/applications/{{$credentials.applicationKey}}',
			method: 'GET',
		},
	};
}
