/**
 * A REST request described, not sent: providers build these, one transport per node sends them.
 * Pure data, so a provider's requests can be compared with its official client's in tests.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequestSpec {
	method: HttpMethod;
	/** Path under the provider's base URL, query not included. */
	path: string;
	query?: Record<string, string>;
	/** application/x-www-form-urlencoded fields. */
	form?: Record<string, string>;
	/** A JSON body (sent as application/json). */
	json?: unknown;
	/** Another API host of the same provider (Sinch configures numbers on a second host). */
	baseUrl?: string;
	/** A 404 answers `{}` instead of failing: for lookups where "not there" is an answer. */
	missingIsEmpty?: boolean;
}

export type JsonRecord = Record<string, unknown>;

/** Sends a request with the provider's credential; resolves to the JSON answer ({} when empty). */
export type Send = (spec: HttpRequestSpec) => Promise<JsonRecord>;

/** The answer an API sent with a failed request, as a provider's error messages read it. */
export interface HttpFailure {
	status?: number;
	body: JsonRecord;
	request: HttpRequestSpec;
}

export const record = (value: unknown): JsonRecord =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : {};

export const records = (value: unknown): JsonRecord[] => (Array.isArray(value) ? value.map(record) : []);

export const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
