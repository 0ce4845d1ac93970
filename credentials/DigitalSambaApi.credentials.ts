import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const DIGITAL_SAMBA_DEFAULT_BASE_URL = 'https://api.digitalsamba.com/api/v1';

/**
 * Digital Samba's REST API takes the developer key as a Bearer token (its spec's primary form and
 * what its own clients send) or HTTP Basic with the team ID as user name and the key as password.
 */
export class DigitalSambaApi implements ICredentialType {
	name = 'digitalSambaApi';

	displayName = 'Digital Samba API';

	icon: Icon = {
		light: 'file:../nodes/DigitalSamba/digitalSamba.svg',
		dark: 'file:../nodes/DigitalSamba/digitalSamba.dark.svg',
	};

	documentationUrl = 'https://docs.digitalsamba.com/reference/rest-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			description: 'Your team ID, from the Team settings of the Digital Samba dashboard',
		},
		{
			displayName: 'Developer Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The developer key, from the Team settings of the Digital Samba dashboard',
		},
		{
			displayName: 'Authentication Scheme', description: 'How the key is sent: Bearer (team ID and developer key as a token) or Basic; keep Bearer unless told otherwise',
			name: 'authScheme',
			type: 'options',
			options: [
				{
					name: 'Bearer Developer Key',
					value: 'bearer',
					description: 'Authorization: Bearer <developer key>',
				},
				{
					name: 'Basic Team ID and Developer Key',
					value: 'basic',
					description: 'HTTP Basic authentication: team ID as user name, developer key as password',
				},
			],
			default: 'bearer',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DIGITAL_SAMBA_DEFAULT_BASE_URL,
			description: 'Change only to point at a test server such as the local simulator',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: authorizationHeader(credentials) },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/events',
			method: 'GET',
		},
	};
}

function authorizationHeader(credentials: ICredentialDataDecryptedObject): string {
	const key = String(credentials.apiKey ?? '');
	if (credentials.authScheme === 'basic') {
		const pair = `${String(credentials.teamId ?? '')}:${key}`;
		return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
	}
	return `Bearer ${key}`;
}
