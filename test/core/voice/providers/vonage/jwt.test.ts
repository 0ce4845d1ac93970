/**
 * Vonage's tokens against `@vonage/jwt`: our webhook check agrees with its `verifySignature` on
 * tokens signed as Vonage signs them (jsonwebtoken, HS256, the signature secret) and on forged
 * ones, and rejects what verifySignature alone lets through (a body other than the one hashed, an
 * old token); our application JWT verifies with it and carries the claims its `tokenGenerate` sets.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';

import { tokenGenerate, verifySignature } from '@vonage/jwt';
import jwt from 'jsonwebtoken';

import { applicationJwt, normalizePem, verifyVonageWebhook } from '../../../../../nodes/core/voice/providers/vonage/jwt';

const SECRET = 'a-signature-secret-of-the-account';
const BODY = JSON.stringify({ from: '15550000001', to: '15557654321', uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356', conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22' });
const hash = (body: string) => createHash('sha256').update(body).digest('hex');
const sign = (claims: object, secret = SECRET, options: jwt.SignOptions = { algorithm: 'HS256' }) => jwt.sign({ jti: 'j1', iss: 'Vonage', api_key: 'abcd1234', ...claims }, secret, options);
const ourCheck = (token: string, body = BODY) => verifyVonageWebhook({ headers: { authorization: `Bearer ${token}` }, rawBody: body }, SECRET).ok;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('signed webhooks', () => {
	const now = Math.floor(Date.now() / 1000);
	const cases: Array<[string, string]> = [
		['signed as Vonage signs', sign({ payload_hash: hash(BODY) })],
		['signed with another secret', sign({ payload_hash: hash(BODY) }, 'another-secret')],
		['signature of another token', `${sign({ payload_hash: hash(BODY) }).split('.').slice(0, 2).join('.')}.${sign({ payload_hash: hash('{}') }).split('.')[2]}`],
		['claims changed after signing', (() => {
			const [header, , signature] = sign({ payload_hash: hash(BODY) }).split('.');
			return `${header}.${Buffer.from(JSON.stringify({ iat: now, payload_hash: hash('{}') })).toString('base64url')}.${signature}`;
		})()],
		['unsigned (alg none)', jwt.sign({ payload_hash: hash(BODY) }, '', { algorithm: 'none' })],
		['expired', sign({ payload_hash: hash(BODY), exp: now - 60 })],
	];
	it.each(cases)('%s: our check agrees with verifySignature', (_name, token) => {
		expect(ourCheck(token)).toBe(verifySignature(token, SECRET));
	});

	it('a genuine token over another body is rejected (verifySignature does not look at payload_hash)', () => {
		const token = sign({ payload_hash: hash(BODY) });
		const tampered = BODY.replace('15550000001', '15550000666');
		expect(verifySignature(token, SECRET)).toBe(true);
		expect(verifyVonageWebhook({ headers: { authorization: `Bearer ${token}` }, rawBody: tampered }, SECRET)).toEqual({ ok: false, reason: "the body does not match the token's payload_hash" });
	});

	it('an old token is a replay, however well signed', () => {
		const token = sign({ payload_hash: hash(BODY), iat: now - 3600 });
		expect(verifySignature(token, SECRET)).toBe(true);
		expect(ourCheck(token)).toBe(false);
	});

	it('a token for another application of the account is refused; one naming ours, or none, is taken', () => {
		const check = (claims: object) => verifyVonageWebhook({ headers: { authorization: `Bearer ${sign({ payload_hash: hash(BODY), ...claims })}` }, rawBody: BODY }, SECRET, 'app-ours').ok;
		expect([check({ application_id: 'app-other' }), check({ application_id: 'app-ours' }), check({})]).toEqual([false, true, true]);
	});

	it('HS384 and HS512 tokens, even with the right secret, and tokens without iat or issued in the future are refused', () => {
		expect(ourCheck(sign({ payload_hash: hash(BODY) }, SECRET, { algorithm: 'HS512' }))).toBe(false);
		expect(ourCheck(sign({ payload_hash: hash(BODY) }, SECRET, { algorithm: 'HS384' }))).toBe(false);
		expect(ourCheck(sign({ payload_hash: hash(BODY) }, SECRET, { algorithm: 'HS256', noTimestamp: true }))).toBe(false);
		expect(ourCheck(sign({ payload_hash: hash(BODY), iat: now + 3600 }))).toBe(false);
	});

	it('says what is missing', () => {
		expect(verifyVonageWebhook({ headers: {}, rawBody: BODY }, SECRET)).toEqual({ ok: false, reason: expect.stringContaining('signed webhooks') });
		expect(verifyVonageWebhook({ headers: { authorization: `Bearer ${sign({ payload_hash: hash(BODY) })}` }, rawBody: undefined }, SECRET)).toEqual({ ok: false, reason: expect.stringContaining('Raw Body') });
		expect(verifyVonageWebhook({ headers: { authorization: 'Basic abc' }, rawBody: BODY }, SECRET).ok).toBe(false);
		expect(verifyVonageWebhook({ headers: { authorization: `Bearer ${sign({ payload_hash: hash(BODY) })}` }, rawBody: BODY }, '')).toEqual({ ok: false, reason: 'no signature secret is configured' });
	});
});

describe('the application JWT', () => {
	const decoded = (token: string) => jwt.decode(token, { complete: true }) as unknown as { header: Record<string, unknown>; payload: Record<string, unknown> };

	it('verifies with @vonage/jwt against the application’s public key, and not against another', () => {
		const token = applicationJwt('app-1', privateKey);
		expect(verifySignature(token, publicKey)).toBe(true);
		const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
		expect(verifySignature(token, other.publicKey)).toBe(false);
	});

	it('carries the header and claims tokenGenerate sets (application_id, iat, jti, exp 15 minutes on)', () => {
		const mine = decoded(applicationJwt('app-1', privateKey));
		const theirs = decoded(tokenGenerate('app-1', privateKey));
		expect(mine.header).toEqual(theirs.header);
		expect(Object.keys(mine.payload).sort()).toEqual(Object.keys(theirs.payload).sort());
		expect(mine.payload.application_id).toBe('app-1');
		expect(Number(mine.payload.exp) - Number(mine.payload.iat)).toBe(Number(theirs.payload.exp) - Number(theirs.payload.iat));
		expect(mine.payload.jti).not.toBe(decoded(applicationJwt('app-1', privateKey)).payload.jti);
	});

	it('accepts a private key whose line breaks were lost in pasting', () => {
		const flattened = privateKey.replace(/\n/g, ' ');
		expect(normalizePem(flattened)).toBe(privateKey);
		expect(verifySignature(applicationJwt('app-1', privateKey.replace(/\n/g, '\\n')), publicKey)).toBe(true);
	});
});
