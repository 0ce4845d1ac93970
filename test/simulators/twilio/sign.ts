/** Requests as Twilio makes them: form POSTs signed with the Auth Token by the twilio package itself. */
import axios from 'axios';
import twilio from 'twilio';

export interface TwilioAnswer {
	status: number;
	body: string;
	contentType: string;
}

export async function postSigned(url: string, params: Record<string, string>, authToken: string): Promise<TwilioAnswer> {
	const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
	const answer = await axios
		.post(url, new URLSearchParams(params).toString(), {
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			'X-Twilio-Signature': signature,
			'User-Agent': 'TwilioProxy/1.1',
		},
		responseType: 'text',
		transformResponse: (data: unknown) => data,
		validateStatus: () => true,
		timeout: 15_000,
	})
		// Twilio sees a refused connection or a timeout as a failed request (error 11200 and alike).
		.catch(() => ({ status: 0, data: '', headers: {} as Record<string, string> }));
	return { status: answer.status, body: String(answer.data ?? ''), contentType: String(answer.headers['content-type'] ?? '') };
}
