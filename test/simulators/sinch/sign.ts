/** Callbacks as Sinch makes them: JSON POSTs signed by the official SDK's own signing helper. */
import axios from 'axios';
import { generateAuthorizationHeader } from '@sinch/sdk-client';

export interface SinchAnswer {
	status: number;
	body: string;
}

export const CALLBACK_CONTENT_TYPE = 'application/json; charset=utf-8';

export async function postSignedCallback(url: string, body: object, key: string, secret: string): Promise<SinchAnswer> {
	const text = JSON.stringify(body);
	const timestamp = new Date().toISOString();
	const authorization = generateAuthorizationHeader('POST', text, CALLBACK_CONTENT_TYPE, `x-timestamp:${timestamp}`, new URL(url).pathname, key, secret);
	const answer = await axios
		.post(url, text, {
			headers: { 'content-type': CALLBACK_CONTENT_TYPE, 'x-timestamp': timestamp, authorization },
			responseType: 'text',
			transformResponse: (data: unknown) => data,
			validateStatus: () => true,
			timeout: 15_000,
		})
		// A refused connection or a timeout is a failed callback: Sinch tries the fallback URL.
		.catch(() => ({ status: 0, data: '' }));
	return { status: answer.status, body: String(answer.data ?? '') };
}
