/**
 * How every provider simulator sends a callback: an HTTP POST of the exact bytes with the
 * provider's headers, answered as status, body and content type. A refused connection or a timeout
 * is status 0: the provider counts it as a failed callback (and tries its fallback URL).
 */
import axios from 'axios';

export interface CallbackAnswer {
	status: number;
	body: string;
	contentType: string;
}

export async function postCallback(url: string, body: string, headers: Record<string, string>): Promise<CallbackAnswer> {
	const answer = await axios
		.post(url, body, {
			headers,
			responseType: 'text',
			transformResponse: (data: unknown) => data,
			validateStatus: () => true,
			timeout: 15_000,
		})
		.catch(() => ({ status: 0, data: '', headers: {} as Record<string, string> }));
	return { status: answer.status, body: String(answer.data ?? ''), contentType: String(answer.headers['content-type'] ?? '') };
}
