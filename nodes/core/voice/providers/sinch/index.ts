import type { VoiceProvider } from '../../provider';
import { credentialField as field } from '../shared';
import { describeSinchError, sinchControl } from './control';
import { parseSinchCallback } from './parse';
import { renderSvaml } from './render';
import { verifySinchSignature } from './sign';


export const sinch: VoiceProvider = {
	id: 'sinch',
	name: 'Sinch',
	credential: {
		name: 'telephonySinchApi',
		signingSecret: (credentials) => field(credentials, 'applicationSecret'),
		baseUrl: (credentials) => field(credentials, 'baseUrl') || 'https://calling.api.sinch.com',
	},
	capabilities: {
		keypad: 'detect',
		identity: 'directory',
		// Voice v1 has no conference join/leave callbacks: a join is our own connectConf answer,
		// a leave is the call's DICE.
		conferenceEvents: false,
		leaveNamesConference: true,
		announcement: 'text',
		conferenceNameMax: 64,
		signsRawBody: true,
	},
	verify: (request, credentials) =>
		verifySinchSignature(
			{ method: request.method, url: request.url, headers: request.headers, rawBody: request.rawBody },
			field(credentials, 'applicationKey'),
			field(credentials, 'applicationSecret'),
		),
	parse: (request) => parseSinchCallback(request.body),
	render: (instructions, call) => ({ contentType: 'application/json', fileName: 'svaml.json', body: JSON.stringify(renderSvaml(instructions, call)) }),
	control: sinchControl,
	describeError: describeSinchError,
};
