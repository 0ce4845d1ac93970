/**
 * The one transport of the Telephony IVR node: sends any provider's request descriptions with that
 * provider's credential, and turns its error answers into NodeApiErrors that say what to check.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HttpRequestSpec, JsonRecord, Send } from '../../core/http';
import { record } from '../../core/http';
import type { CallControl, ProviderCredentials, VoiceProvider } from '../../core/voice/provider';
import type { ProviderId } from '../../core/voice/providers';
import { providers } from '../../core/voice/providers';

/** The provider the node's Provider parameter names. */
export function providerOf(context: IExecuteFunctions, i = 0): VoiceProvider {
	const id = String(context.getNodeParameter('provider', i, 'twilio'));
	if (!Object.hasOwn(providers, id)) {
		throw new NodeOperationError(context.getNode(), `Unknown voice provider '${id}'`, { itemIndex: i, description: `Known: ${Object.keys(providers).join(', ')}` });
	}
	return providers[id as ProviderId];
}

export async function providerCredentials(context: IExecuteFunctions, provider: VoiceProvider): Promise<ProviderCredentials> {
	return await context.getCredentials<IDataObject>(provider.credential.name);
}

const underlyingOf = (error: unknown) => (error instanceof NodeApiError && error.cause ? error.cause : error);
const responseOf = (error: unknown) => (underlyingOf(error) as { response?: { status?: number; data?: unknown } }).response;
const statusOf = (error: unknown) => responseOf(error)?.status;

function apiError(context: IExecuteFunctions, provider: VoiceProvider, error: unknown, request: HttpRequestSpec): NodeApiError {
	const underlying = underlyingOf(error);
	const response = responseOf(error);
	const status = response?.status;
	const { message, description } = provider.describeError({ status, body: record(response?.data), request });
	const failure = new NodeApiError(context.getNode(), underlying as JsonObject, { message, httpCode: status ? String(status) : undefined });
	if (description) failure.description = description;
	return failure;
}

function sender(context: IExecuteFunctions, provider: VoiceProvider, credentials: ProviderCredentials): Send {
	const baseUrl = provider.credential.baseUrl(credentials).replace(/\/+$/, '');
	return async (request) => {
		const options: IHttpRequestOptions = { method: request.method, url: `${(request.baseUrl ?? baseUrl).replace(/\/+$/, '')}${request.path}`, json: true };
		if (request.query) options.qs = request.query;
		if (request.form) {
			options.body = new URLSearchParams(request.form).toString();
			options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		} else if (request.json !== undefined) {
			// Serialized here, so a credential that signs the body signs the bytes that are sent.
			options.body = JSON.stringify(request.json);
			options.headers = { 'Content-Type': 'application/json' };
		}
		try {
			const answer: unknown = await context.helpers.httpRequestWithAuthentication.call(context, provider.credential.name, options);
			return record(answer) as JsonRecord;
		} catch (error) {
			if (request.missingIsEmpty && statusOf(error) === 404) return {};
			throw apiError(context, provider, error, request);
		}
	};
}

export interface PhoneApi {
	provider: VoiceProvider;
	control: CallControl;
}

/** The provider of item `i`, with its call control bound to the node's credential. */
export async function phoneApi(context: IExecuteFunctions, i = 0): Promise<PhoneApi> {
	const provider = providerOf(context, i);
	const credentials = await providerCredentials(context, provider);
	return { provider, control: provider.control(sender(context, provider, credentials), credentials) };
}
