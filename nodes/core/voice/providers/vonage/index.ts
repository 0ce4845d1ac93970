import type { VoiceProvider } from '../../provider';
import { credentialField as field } from '../shared';
import { describeVonageError, vonageControl } from './control';
import { verifyVonageWebhook } from './jwt';
import { parseVonageWebhook } from './parse';
import { renderNcco } from './render';


export const vonage: VoiceProvider = {
	id: 'vonage',
	name: 'Vonage',
	credential: {
		name: 'telephonyVonageApi',
		signingSecret: (credentials) => field(credentials, 'signatureSecret'),
		baseUrl: (credentials) => field(credentials, 'baseUrl') || 'https://api.nexmo.com',
	},
	capabilities: {
		keypad: 'asyncInput',
		identity: 'directory',
		// No conversation callbacks: a join is our own answer, a leave is the call's end.
		conferenceEvents: false,
		leaveNamesConference: false,
		announcement: 'text',
		// Vonage documents no bound on a conversation's name; ours are far shorter.
		conferenceNameMax: 128,
		signsRawBody: true,
	},
	verify: (request, credentials) => verifyVonageWebhook({ headers: request.headers, rawBody: request.rawBody }, field(credentials, 'signatureSecret'), field(credentials, 'applicationId')),
	parse: (request) => parseVonageWebhook(request.body, request.query),
	render: (instructions) => ({ contentType: 'application/json', fileName: 'ncco.json', body: JSON.stringify(renderNcco(instructions)) }),
	control: vonageControl,
	describeError: describeVonageError,
};
