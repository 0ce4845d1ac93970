import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { HttpRequestSpec } from '../../core/http';
import { twilioRest } from '../../core/voice/providers/twilio/rest';

export const TWILIO_CREDENTIAL = 'telephonyTwilioApi';

export interface TwilioCredentials {
	accountSid: string;
	authToken: string;
	baseUrl?: string;
}

export async function twilioCredentials(context: IExecuteFunctions): Promise<TwilioCredentials> {
	return await context.getCredentials<TwilioCredentials & IDataObject>(TWILIO_CREDENTIAL);
}

/** Twilio answers errors as `{ code, message, more_info, status }`. */
function toTwilioApiError(node: INode, error: unknown, spec: HttpRequestSpec): NodeApiError {
	const underlying = error instanceof NodeApiError && error.cause ? error.cause : error;
	const response = (underlying as { response?: { status?: number; data?: unknown } }).response;
	const data = (response?.data ?? {}) as { code?: number; message?: string; more_info?: string };
	const status = response?.status;
	const apiError = new NodeApiError(node, underlying as JsonObject, {
		message: data.message ? `Twilio: ${data.message}` : undefined,
		httpCode: status ? String(status) : undefined,
	});
	apiError.description =
		status === 404
			? `Not found: ${spec.method} ${spec.path}. The conference may have ended or the participant left.`
			: status === 401
				? 'Check the Account SID, Auth Token or API key of the Twilio Voice credential'
				: [data.code ? `Twilio error ${data.code}` : undefined, data.more_info].filter(Boolean).join(': ') || undefined;
	return apiError;
}

/** Sends a core request description with the Twilio Voice credential. */
export async function sendTwilio(this: IExecuteFunctions, spec: HttpRequestSpec): Promise<IDataObject> {
	const { baseUrl } = await twilioCredentials(this);
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${String(baseUrl || 'https://api.twilio.com').replace(/\/+$/, '')}${spec.path}`,
		json: true,
	};
	if (spec.query) options.qs = spec.query;
	if (spec.form) {
		options.body = new URLSearchParams(spec.form).toString();
		options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	}
	try {
		const answer: unknown = await this.helpers.httpRequestWithAuthentication.call(this, TWILIO_CREDENTIAL, options);
		return answer && typeof answer === 'object' ? (answer as IDataObject) : {};
	} catch (error) {
		throw toTwilioApiError(this.getNode(), error, spec);
	}
}

/** Every page of a Twilio list, following `next_page_uri`. */
export async function sendTwilioAllPages(this: IExecuteFunctions, spec: HttpRequestSpec, key: string): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let next: HttpRequestSpec | undefined = spec;
	while (next) {
		const page: IDataObject = await sendTwilio.call(this, next);
		records.push(...((page[key] as IDataObject[] | undefined) ?? []));
		const uri = typeof page.next_page_uri === 'string' ? page.next_page_uri : undefined;
		if (!uri) break;
		const url = new URL(uri, 'https://api.twilio.com');
		next = { method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) };
	}
	return records;
}

/**
 * The IVR webhook a call came through: the voice URL of the number it called. Announcements are
 * fetched from it, so templates need no URL typed in. Empty when the number is not in the account.
 */
export async function ivrWebhookUrlOfCall(this: IExecuteFunctions, accountSid: string, callSid: string): Promise<string> {
	const call = await sendTwilio.call(this, twilioRest.fetchCall(accountSid, callSid));
	if (!call.to) return '';
	const found = await sendTwilio.call(this, twilioRest.findPhoneNumber(accountSid, String(call.to)));
	return String(((found.incoming_phone_numbers as IDataObject[] | undefined) ?? [])[0]?.voice_url ?? '');
}
