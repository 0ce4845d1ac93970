/**
 * Plivo's V3 webhook signature: `X-Plivo-Signature-V3` is the base64 HMAC-SHA256, keyed with the
 * account's Auth Token, of a text built from the request, then `.`, then `X-Plivo-Signature-V3-Nonce`.
 * The text is the URL without its query (scheme, host, port as given, path) and then:
 *   GET   `?` and the query's pairs `name=value`, sorted, joined by `&` (nothing without a query);
 *   POST  the same, then (when the body has fields) `?` if there was no query, or `.` after it,
 *         and every field as name+value, sorted by name.
 * Values are read decoded (`+` a space), and a name's values sorted among themselves. The header may
 * hold several signatures separated by commas (one per Auth Token while a token is being rotated):
 * any one matching is enough. Verification never throws.
 */
import { createHmac } from 'crypto';

import { sameText } from '../../../sameText';
import type { VerifyResult } from '../../provider';

export type SignedFields = Record<string, string | string[]>;

export interface PlivoSignedRequest {
	method: string;
	/** The full URL Plivo requested, query included, as the public sees it. */
	url: string;
	nonce: string | undefined;
	signature: string | undefined;
	/** The body's form fields (POST), or extra query fields (GET). */
	params: SignedFields;
}

/** `scheme://host[:port]/path` (user info, query and fragment left out) and the query text. */
function splitUrl(url: string): { base: string; query: string } {
	const withoutFragment = url.split('#')[0];
	const at = withoutFragment.indexOf('?');
	const beforeQuery = at < 0 ? withoutFragment : withoutFragment.slice(0, at);
	const query = at < 0 ? '' : withoutFragment.slice(at + 1);
	const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/]*@)?(.*)$/i.exec(beforeQuery);
	return { base: match ? match[1] + match[2] : beforeQuery, query };
}

/** Every name with all its values (a name may repeat), the URL's query first. */
function fieldsOf(query: string, extra: SignedFields = {}): Map<string, string[]> {
	const fields = new Map<string, string[]>();
	const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
	for (const [name, value] of new URLSearchParams(query)) add(name, value);
	for (const [name, value] of Object.entries(extra)) for (const item of Array.isArray(value) ? value : [value]) add(name, item);
	return fields;
}

function sortedPairs(fields: Map<string, string[]>, join: (name: string, value: string) => string): string[] {
	return [...fields.keys()].sort().flatMap((name) => [...(fields.get(name) ?? [])].sort().map((value) => join(name, value)));
}

/** The text Plivo signs (before the nonce). */
export function plivoSignedText(method: string, url: string, params: SignedFields = {}): string {
	const { base, query } = splitUrl(url);
	const isGet = method.toUpperCase() === 'GET';
	const queryText = sortedPairs(fieldsOf(query, isGet ? params : {}), (name, value) => `${name}=${value}`).join('&');
	const withQuery = queryText ? `${base}?${queryText}` : base;
	if (isGet) return withQuery;
	const body = sortedPairs(fieldsOf('', params), (name, value) => name + value).join('');
	if (!body) return withQuery;
	return queryText ? `${withQuery}.${body}` : `${base}?${body}`;
}

/** What Plivo sends in `X-Plivo-Signature-V3` for this request, token and nonce. */
export function plivoV3Signature(authToken: string, method: string, url: string, nonce: string, params: SignedFields = {}): string {
	return createHmac('sha256', authToken).update(`${plivoSignedText(method, url, params)}.${nonce}`, 'utf8').digest('base64');
}

export function verifyPlivoSignature(request: PlivoSignedRequest, authToken: string): VerifyResult {
	if (!authToken) return { ok: false, reason: 'no Auth Token is configured' };
	if (!request.signature) return { ok: false, reason: 'the X-Plivo-Signature-V3 header is missing' };
	if (!request.nonce) return { ok: false, reason: 'the X-Plivo-Signature-V3-Nonce header is missing' };
	const method = request.method.toUpperCase();
	if (method !== 'GET' && method !== 'POST') return { ok: false, reason: `Plivo signs GET and POST requests, not ${method}` };
	const expected = plivoV3Signature(authToken, method, request.url, request.nonce, request.params);
	const valid = request.signature.split(',').some((signature) => sameText(signature, expected));
	return valid ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}
