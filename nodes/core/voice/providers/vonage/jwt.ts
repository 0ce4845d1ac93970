/**
 * Vonage's two JSON Web Tokens, with Node's crypto only (no runtime dependency):
 * - the **application JWT** that authenticates our REST requests: RS256 with the application's
 *   private key, claims `application_id`, `iat`, `jti`, `exp` (what `@vonage/jwt` sets);
 * - the **signed webhook** token Vonage puts in `Authorization: Bearer …` on its callbacks: HS256
 *   with the account's signature secret, whose `payload_hash` claim is the SHA-256 (hex) of the
 *   body. A valid token over another body is a replay with a changed body: rejected.
 * Verification never throws.
 */
import { createHash, createHmac, createPrivateKey, randomUUID, sign } from 'crypto';

import { sameText } from '../../../sameText';
import type { VerifyResult } from '../../provider';

/** How long an application JWT lives (the SDK's default, 15 minutes). */
export const APPLICATION_JWT_TTL_S = 900;
/** Vonage gives no window for a webhook's `iat`; ours bounds how long a captured callback can be replayed. */
export const VONAGE_WEBHOOK_WINDOW_S = 5 * 60;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const encodeJson = (value: object) => base64url(JSON.stringify(value));

/** The token for `Authorization: Bearer …` on requests to the Voice API. */
export function applicationJwt(applicationId: string, privateKey: string, now = Date.now()): string {
	const iat = Math.floor(now / 1000);
	const unsigned = `${encodeJson({ alg: 'RS256', typ: 'JWT' })}.${encodeJson({ application_id: applicationId, iat, jti: randomUUID(), exp: iat + APPLICATION_JWT_TTL_S })}`;
	// Keys pasted into n8n often lose their line breaks; the PEM body is still the key.
	const key = createPrivateKey(normalizePem(privateKey));
	return `${unsigned}.${base64url(sign('sha256', Buffer.from(unsigned), key))}`;
}

/** A PEM whose line breaks were pasted as spaces or `\n` text, put back as a PEM. */
export function normalizePem(pem: string): string {
	const text = pem.replace(/\\n/g, '\n').trim();
	const match = /^(-----BEGIN [A-Z ]+-----)\s*([\s\S]+?)\s*(-----END [A-Z ]+-----)$/.exec(text);
	if (!match) return text;
	const body = match[2].replace(/\s+/g, '');
	return `${match[1]}\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n${match[3]}\n`;
}

export const payloadHash = (body: string) => createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');

function decodeJson(part: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export interface VonageWebhook {
	headers: Record<string, string | undefined>;
	/** The body as received, byte for byte. */
	rawBody: string | undefined;
}

/**
 * `applicationId`: the account's secret signs the webhooks of all its applications, so a token that
 * names another application is not for us. What the token cannot cover is the URL: the step state
 * in our query is not signed (Vonage hashes a POST's body only), and a token can be replayed for the
 * 5 minutes it is accepted; see the README's Vonage section.
 */
export function verifyVonageWebhook(request: VonageWebhook, secret: string, applicationId = '', now = Date.now()): VerifyResult {
	if (!secret) return { ok: false, reason: 'no signature secret is configured' };
	const header = request.headers.authorization ?? '';
	const [scheme, token, ...rest] = header.split(' ');
	if (!header) return { ok: false, reason: 'the Authorization header is missing: turn on signed webhooks for the Vonage application' };
	if (rest.length > 0 || scheme.toLowerCase() !== 'bearer' || !token) return { ok: false, reason: 'the Authorization header is not a bearer token' };
	const parts = token.split('.');
	if (parts.length !== 3 || token.length > 4096) return { ok: false, reason: 'the bearer token is not a JWT' };
	const [encodedHeader, encodedClaims, signature] = parts;
	const jwtHeader = decodeJson(encodedHeader);
	// Only HS256: a token that names another algorithm (or none) is not one Vonage signed with the secret.
	if (jwtHeader?.alg !== 'HS256') return { ok: false, reason: 'the token is not signed with HS256' };
	const expected = createHmac('sha256', secret).update(`${encodedHeader}.${encodedClaims}`).digest('base64url');
	if (!sameText(signature, expected)) return { ok: false, reason: 'the signature does not match' };
	const claims = decodeJson(encodedClaims);
	if (!claims) return { ok: false, reason: 'the token claims are unreadable' };
	const seconds = now / 1000;
	if (typeof claims.exp === 'number' && claims.exp < seconds) return { ok: false, reason: 'the token has expired' };
	if (typeof claims.iat !== 'number' || Math.abs(seconds - claims.iat) > VONAGE_WEBHOOK_WINDOW_S) return { ok: false, reason: 'the token was issued more than 5 minutes away from now' };
	if (applicationId && claims.application_id !== undefined && claims.application_id !== applicationId) return { ok: false, reason: 'the token is for another application of the account' };
	if (request.rawBody === undefined) return { ok: false, reason: "the raw body is missing: turn on the Webhook node's Raw Body option" };
	if (typeof claims.payload_hash !== 'string' || !sameText(claims.payload_hash.toLowerCase(), payloadHash(request.rawBody))) {
		return { ok: false, reason: "the body does not match the token's payload_hash" };
	}
	return { ok: true };
}
