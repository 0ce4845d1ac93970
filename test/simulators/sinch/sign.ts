/** Callbacks as Sinch makes them: JSON POSTs signed by the official SDK's own signing helper. */
import { generateAuthorizationHeader } from '@sinch/sdk-client';

import type { CallbackAnswer } from '../postCallback';
import { postCallback } from '../postCallback';

export type SinchAnswer = CallbackAnswer;

export const CALLBACK_CONTENT_TYPE = 'application/json; charset=utf-8';

export async function postSignedCallback(url: string, body: object, key: string, secret: string): Promise<SinchAnswer> {
	const text = JSON.stringify(body);
	const timestamp = new Date().toISOString();
	const authorization = generateAuthorizationHeader('POST', text, CALLBACK_CONTENT_TYPE, `x-timestamp:${timestamp}`, new URL(url).pathname, key, secret);
	return await postCallback(url, text, { 'content-type': CALLBACK_CONTENT_TYPE, 'x-timestamp': timestamp, authorization });
}
