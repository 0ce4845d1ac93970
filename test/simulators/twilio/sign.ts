/** Requests as Twilio makes them: form POSTs signed with the Auth Token by the twilio package itself. */
import twilio from 'twilio';

import type { CallbackAnswer } from '../postCallback';
import { postCallback } from '../postCallback';

export type TwilioAnswer = CallbackAnswer;

export async function postSigned(url: string, params: Record<string, string>, authToken: string): Promise<TwilioAnswer> {
	const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
	// Twilio sees a refused connection or a timeout as a failed request (error 11200 and alike).
	return await postCallback(url, new URLSearchParams(params).toString(), {
		'Content-Type': 'application/x-www-form-urlencoded',
		'X-Twilio-Signature': signature,
		'User-Agent': 'TwilioProxy/1.1',
	});
}
