/**
 * Requests as Plivo makes them: form POSTs with `X-Plivo-Signature-V3` and its nonce. The plivo
 * package exports no signer, only `validateV3Signature`: the signature is built here from Plivo's
 * description (the URL, its sorted query, `.`, the sorted fields, `.`, the nonce; HMAC-SHA256 with
 * the Auth Token) and every request is checked with `validateV3Signature` before it is sent, so
 * nothing reaches the IVR that the official validator would refuse.
 */
import { createHmac, randomInt } from 'node:crypto';

import { validateV3Signature } from 'plivo';

import type { CallbackAnswer } from '../postCallback';
import { postCallback } from '../postCallback';

/** What Plivo signs for a form POST: no code shared with nodes/ (the simulator is a second reading). */
function signedText(url: string, fields: Record<string, string>): string {
	const parsed = new URL(url);
	const query = [...parsed.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1)).map(([name, value]) => `${name}=${value}`);
	const body = Object.keys(fields).sort().map((name) => name + fields[name]).join('');
	const base = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	if (!body) return query.length ? `${base}?${query.join('&')}` : base;
	return query.length ? `${base}?${query.join('&')}.${body}` : `${base}?${body}`;
}

export function plivoHeaders(url: string, fields: Record<string, string>, authToken: string): Record<string, string> {
	const nonce = String(randomInt(10 ** 9, 10 ** 10 - 1)) + String(randomInt(10 ** 9, 10 ** 10 - 1));
	const signature = createHmac('sha256', authToken).update(`${signedText(url, fields)}.${nonce}`).digest('base64');
	if (!validateV3Signature('POST', url, nonce, authToken, signature, fields)) {
		throw new Error(`the simulator's Plivo signature for ${url} does not pass validateV3Signature`);
	}
	return {
		'Content-Type': 'application/x-www-form-urlencoded',
		'X-Plivo-Signature-V3': signature,
		'X-Plivo-Signature-V3-Nonce': nonce,
		'User-Agent': 'PlivoHTTP/1.0',
	};
}

export async function postSigned(url: string, fields: Record<string, string>, authToken: string): Promise<CallbackAnswer> {
	return await postCallback(url, new URLSearchParams(fields).toString(), plivoHeaders(url, fields, authToken));
}
