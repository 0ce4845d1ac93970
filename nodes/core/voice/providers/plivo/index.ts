import type { VoiceProvider } from '../../provider';
import { credentialField as field } from '../shared';
import { describePlivoError, plivoControl } from './control';
import { parsePlivoRequest } from './parse';
import { renderPlivoXml } from './render';
import { verifyPlivoSignature } from './verify';

export const plivo: VoiceProvider = {
	id: 'plivo',
	name: 'Plivo',
	credential: {
		name: 'telephonyPlivoApi',
		signingSecret: (credentials) => field(credentials, 'authToken'),
		baseUrl: (credentials) => field(credentials, 'baseUrl') || 'https://api.plivo.com',
	},
	capabilities: {
		// `digitsMatch`: Plivo reports *6 and *9 to the conference callback; the caller stays in.
		keypad: 'detect',
		// Members have Plivo's IDs only; our label rides in each member's signed callback URL.
		identity: 'directory',
		conferenceEvents: true,
		leaveNamesConference: true,
		announcement: 'text',
		conferenceNameMax: 64,
		// maxMembers: at most 20 (docs.plivo.com/docs/voice/xml/conference): the bridge and 19 callers.
		conferenceSizeMax: 20,
		// V3 signs the form fields, not the body's bytes.
		signsRawBody: false,
	},
	verify: (request, credentials) =>
		verifyPlivoSignature(
			{
				method: request.method,
				url: request.url,
				nonce: request.headers['x-plivo-signature-v3-nonce'],
				signature: request.headers['x-plivo-signature-v3'],
				params: request.params,
			},
			field(credentials, 'authToken'),
		),
	parse: (request) => parsePlivoRequest(request.params, request.query),
	// V3 has no timestamp: the nonce tells requests apart (a replay carries the same one).
	requestId: (request) => request.headers['x-plivo-signature-v3-nonce'] || undefined,
	render: (instructions, call) => ({ contentType: 'text/xml', fileName: 'plivo.xml', body: renderPlivoXml(instructions, call) }),
	control: plivoControl,
	describeError: describePlivoError,
};
