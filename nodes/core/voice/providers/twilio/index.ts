import type { InboundRequest, VoiceProvider } from '../../provider';
import { describeTwilioError, twilioControl } from './control';
import { parseTwilioRequest } from './parse';
import { renderTwiml } from './render';
import { verifyTwilioSignature } from './verify';

const authToken = (credentials: Record<string, unknown>) => String(credentials.authToken ?? '');

export const twilio: VoiceProvider = {
	id: 'twilio',
	name: 'Twilio',
	credential: {
		name: 'telephonyTwilioApi',
		signingSecret: authToken,
		baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.twilio.com'),
	},
	capabilities: {
		keypad: 'menuOnStar',
		identity: 'label',
		conferenceEvents: true,
		leaveNamesConference: true,
		announcement: 'url',
		conferenceNameMax: 128,
		signsRawBody: false,
	},
	verify: (request: InboundRequest, credentials) => {
		// Twilio signs form posts over their fields; JSON bodies through bodySHA256 in the URL.
		const json = request.rawBody !== undefined && /json/i.test(request.headers['content-type'] ?? '');
		return verifyTwilioSignature(
			{
				url: request.url,
				signature: request.headers['x-twilio-signature'],
				params: json ? undefined : request.params,
				rawBody: json ? request.rawBody : undefined,
			},
			authToken(credentials),
		);
	},
	parse: (request: InboundRequest) => parseTwilioRequest(request.params, request.query),
	render: (instructions) => ({ contentType: 'text/xml', fileName: 'twiml.xml', body: renderTwiml(instructions) }),
	control: twilioControl,
	describeError: describeTwilioError,
};
