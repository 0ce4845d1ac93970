/**
 * Webhooks as Vonage sends them: JSON POSTs with `Authorization: Bearer <JWT>`, the token signed
 * HS256 with the account's signature secret by `jsonwebtoken` (what Vonage's SDKs verify with),
 * its `payload_hash` the SHA-256 (hex) of the body.
 */
import { createHash, randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';

import type { CallbackAnswer } from '../postCallback';
import { postCallback } from '../postCallback';

export type VonageAnswer = CallbackAnswer;

export interface SigningAccount {
	apiKey: string;
	applicationId: string;
	signatureSecret: string;
}

export function webhookToken(account: SigningAccount, body: string): string {
	const claims = {
		iat: Math.floor(Date.now() / 1000),
		jti: randomUUID(),
		iss: 'Vonage',
		payload_hash: createHash('sha256').update(body).digest('hex'),
		api_key: account.apiKey,
		application_id: account.applicationId,
	};
	return jwt.sign(claims, account.signatureSecret, { algorithm: 'HS256' });
}

export async function postSignedWebhook(url: string, body: object, account: SigningAccount): Promise<VonageAnswer> {
	const text = JSON.stringify(body);
	return await postCallback(url, text, { 'content-type': 'application/json', authorization: `Bearer ${webhookToken(account, text)}` });
}
