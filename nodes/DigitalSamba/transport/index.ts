import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { parseTotalCount } from '../../core/digitalsamba/rooms';
import { toDigitalSambaApiError } from '../helpers/errors';

export type DigitalSambaContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_NAME = 'digitalSambaApi';

/** Digital Samba pages lists at 100 records at most. */
export const PAGE_SIZE_MAX = 100;

type Body = IDataObject | IDataObject[] | string[];

/** How long one Digital Samba request may take (core/ivr/syncPlan.ts REPORT_LEASE_MS depends on it). */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The one place that knows the base URL, the credential and how Digital Samba's errors read.
 * Write endpoints answer 200 `text/plain` or 204 with no body: any 2xx is success, and a body that
 * is not JSON comes back as `{}`.
 */
export async function digitalSambaApiRequest(
	this: DigitalSambaContext,
	method: IHttpRequestMethods,
	path: string,
	body?: Body,
	qs?: IDataObject,
): Promise<IDataObject | IDataObject[] | string[]> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>(CREDENTIAL_NAME);
	const baseUrl = String(credentials.baseUrl || '').replace(/\/+$/, '');
	const options: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		json: true,
		headers: { Accept: 'application/json' },
		// Bounded, so a retrying node ends in known time (the phone bridge's report lease counts on it).
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body !== undefined) options.body = body;
	if (qs !== undefined && Object.keys(qs).length > 0) options.qs = qs;

	try {
		const response: unknown = await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			options,
		);
		if (response === null || response === undefined || typeof response !== 'object') return {};
		return response as IDataObject | IDataObject[];
	} catch (error) {
		throw toDigitalSambaApiError(this.getNode(), error, { method, path });
	}
}

/** Reads every page of a paginated list (`{ data, total_count }`), or stops at `limit` records. */
export async function digitalSambaApiRequestAllItems(
	this: DigitalSambaContext,
	path: string,
	qs: IDataObject = {},
	limit?: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let offset = 0;
	for (;;) {
		const wanted = limit === undefined ? PAGE_SIZE_MAX : Math.min(PAGE_SIZE_MAX, limit - records.length);
		const page = (await digitalSambaApiRequest.call(this, 'GET', path, undefined, {
			...qs,
			limit: wanted,
			offset,
		})) as IDataObject;
		const data = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
		records.push(...data);
		offset += data.length;
		const total = parseTotalCount(page.total_count);
		const reachedTotal = total !== undefined && offset >= total;
		const reachedLimit = limit !== undefined && records.length >= limit;
		if (data.length === 0 || data.length < wanted || reachedTotal || reachedLimit) break;
	}
	return limit === undefined ? records : records.slice(0, limit);
}
