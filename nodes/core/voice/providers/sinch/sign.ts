/**
 * Sinch's application signing, used both ways: Sinch signs its callbacks with it, and we sign our
 * REST requests with it. `Authorization: Application <key>:<signature>`, where the signature is
 * base64 HMAC-SHA256, keyed with the base64-decoded application secret, of
 *   VERB \n base64(MD5(body)) \n content-type \n x-timestamp:<ISO 8601> \n path
 * (an empty MD5 line without a body; the path without host or query). Verification never throws.
 */
import { createHash, createHmac } from 'crypto';

import { sameText } from '../../../sameText';
import type { VerifyResult } from '../../provider';

export interface SignedParts {
	method: string;
	/** The body exactly as sent ('' or undefined for none). */
	body?: string;
	contentType: string;
	timestamp: string;
	path: string;
}

/** Sinch gives no window for `x-timestamp`; ours bounds how long a captured callback can be replayed. */
export const SINCH_TIMESTAMP_WINDOW_MS = 10 * 60_000;

export function contentMd5(body: string | undefined): string {
	return body ? createHash('md5').update(Buffer.from(body, 'utf8')).digest('base64') : '';
}

export function sinchSignature(secret: string, parts: SignedParts): string {
	const stringToSign = [parts.method.toUpperCase(), contentMd5(parts.body), parts.contentType, `x-timestamp:${parts.timestamp}`, parts.path].join('\n');
	return createHmac('sha256', Buffer.from(secret, 'base64')).update(Buffer.from(stringToSign, 'utf8')).digest('base64');
}

/** The headers that sign a REST request to Sinch. */
export function signSinchRequest(key: string, secret: string, parts: Omit<SignedParts, 'timestamp'>, now = new Date()): Record<string, string> {
	const timestamp = now.toISOString();
	return { 'x-timestamp': timestamp, Authorization: `Application ${key}:${sinchSignature(secret, { ...parts, timestamp })}` };
}


export interface SinchCallbackRequest {
	method: string;
	/** The public URL Sinch called; only its path is signed. */
	url: string;
	headers: Record<string, string | undefined>;
	/** The body as received, byte for byte. */
	rawBody: string | undefined;
}

export function verifySinchSignature(request: SinchCallbackRequest, key: string, secret: string, now = Date.now()): VerifyResult {
	if (!key || !secret) return { ok: false, reason: 'no application key and secret are configured' };
	const header = request.headers.authorization;
	if (!header) return { ok: false, reason: 'the Authorization header is missing' };
	const [scheme, value, ...rest] = header.split(' ');
	if (rest.length > 0 || scheme.toLowerCase() !== 'application' || !value) return { ok: false, reason: 'the Authorization header is not an application signature' };
	const separator = value.indexOf(':');
	const signedKey = value.slice(0, separator);
	if (separator < 0 || !sameText(signedKey, key)) return { ok: false, reason: 'the callback is signed for another application key' };
	const timestamp = request.headers['x-timestamp'] ?? '';
	const signedAt = timestamp ? Date.parse(timestamp) : NaN;
	if (!Number.isFinite(signedAt)) return { ok: false, reason: 'the x-timestamp header is missing or unreadable' };
	if (Math.abs(now - signedAt) > SINCH_TIMESTAMP_WINDOW_MS) return { ok: false, reason: 'the x-timestamp is more than 10 minutes away from now' };
	if (request.rawBody === undefined) return { ok: false, reason: "the raw body is missing: turn on the Webhook node's Raw Body option" };
	let path: string;
	try {
		path = new URL(request.url).pathname;
	} catch {
		return { ok: false, reason: 'the webhook URL is not a URL' };
	}
	const expected = sinchSignature(secret, {
		method: request.method,
		body: request.rawBody,
		contentType: request.headers['content-type'] ?? '',
		timestamp,
		path,
	});
	return sameText(value.slice(separator + 1), expected) ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}
