/**
 * Webhooks as Vonage sends them: JSON POSTs with `Authorization: Bearer <JWT>`, the token signed
 * HS256 with the account's signature secret by `jsonwebtoken` (what Vonage's SDKs verify with),
 * its `payload_hash` the SHA-256 (hex) of the body.
 */
import { createHash, randomUUID } from 'node:crypto';

import axios from 'axios';
import jwt from 'jsonwebtoken';

export interface VonageAnswer {
	status: number;
	body: string;
}

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
	const answer = await axios
		.post(url, text, {
			headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken(account, text)}` },
			responseType: 'text',
			transformResponse: (data: unknown) => data,
			validateStatus: () => true,
			timeout: 15_000,
		})
		// A refused connection or a timeout is a failed webhook: Vonage tries the fallback URL.
		.catch(() => ({ status: 0, data: '' }));
	return { status: answer.status, body: String(answer.data ?? '') };
}
