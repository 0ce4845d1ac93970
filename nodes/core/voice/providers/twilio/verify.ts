/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the account's Auth Token, of the full URL
 * Twilio requested followed by every POST parameter as name+value, names sorted. JSON bodies are
 * signed over the URL alone, which carries `bodySHA256` (hex SHA-256 of the body). Twilio's own
 * validator also accepts the URL with the default port added or removed; so does this one.
 * Verification never throws.
 */
import { createHash, createHmac } from 'crypto';

import { sameText } from '../../../sameText';
import type { VerifyResult } from '../../provider';

export type SignedParams = Record<string, string | string[]>;


function paramsText(params: SignedParams): string {
	return Object.keys(params)
		.sort()
		.map((name) => {
			const value = params[name];
			if (!Array.isArray(value)) return name + value;
			return [...new Set(value)].sort().map((item) => name + item).join('');
		})
		.join('');
}

export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
	return createHmac('sha1', authToken).update(Buffer.from(url + paramsText(params), 'utf8')).digest('base64');
}

export function bodySha256(body: string): string {
	return createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
}

/** The URL as given, without its port, and with the scheme's default port. */
function urlVariants(url: string): string[] {
	const match = /^(https?:\/\/)([^/?#:]+)(:\d+)?(.*)$/i.exec(url);
	if (!match) return [url];
	const [, scheme, host, port, rest] = match;
	const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
	return [...new Set([url, scheme + host + rest, scheme + host + (port ?? defaultPort) + rest])];
}


export interface SignedRequest {
	/** The full URL Twilio requested, query string included, as the public sees it. */
	url: string;
	signature: string | undefined;
	/** Form parameters (application/x-www-form-urlencoded bodies). */
	params?: SignedParams;
	/** The raw body of a JSON request; its hash must match the URL's bodySHA256. */
	rawBody?: string;
}

export function verifyTwilioSignature(request: SignedRequest, authToken: string): VerifyResult {
	if (!authToken) return { ok: false, reason: 'no Auth Token is configured' };
	if (!request.signature) return { ok: false, reason: 'the X-Twilio-Signature header is missing' };
	const signature = request.signature;
	if (request.rawBody !== undefined) {
		const expectedHash = /[?&]bodySHA256=([0-9a-f]{64})(&|$)/i.exec(request.url)?.[1];
		if (!expectedHash) return { ok: false, reason: 'a JSON body needs bodySHA256 in the URL' };
		if (!sameText(expectedHash.toLowerCase(), bodySha256(request.rawBody))) {
			return { ok: false, reason: 'the body does not match bodySHA256' };
		}
	}
	const params = request.rawBody !== undefined ? {} : (request.params ?? {});
	const valid = urlVariants(request.url).some((url) => sameText(signature, twilioSignature(authToken, url, params)));
	return valid ? { ok: true } : { ok: false, reason: 'the signature does not match' };
}
