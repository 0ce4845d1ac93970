import type { InboundRequest, VoiceProvider } from '../../provider';
import { parseTwilioRequest } from './parse';
import { renderTwiml } from './render';
import { verifyTwilioSignature } from './verify';

export const twilio: VoiceProvider = {
	id: 'twilio',
	verify: (request: InboundRequest, authToken: string) =>
		verifyTwilioSignature(
			{
				url: request.url,
				signature: request.headers['x-twilio-signature'],
				params: request.rawBody === undefined ? request.params : undefined,
				rawBody: request.rawBody,
			},
			authToken,
		),
	parse: (request: InboundRequest) => parseTwilioRequest(request.params, request.query),
	render: (instructions) => ({ contentType: 'text/xml', fileName: 'twiml.xml', body: renderTwiml(instructions) }),
};
