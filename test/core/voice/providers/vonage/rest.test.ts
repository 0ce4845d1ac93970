/**
 * Vonage REST: every request our call control sends equals what the official SDK sends for the
 * same operation (`@vonage/voice`, and `@vonage/applications` for the answer URL): method, path,
 * query and JSON body, both captured at the HTTP layer by one local server.
 */
import { generateKeyPairSync } from 'node:crypto';

import { Applications } from '@vonage/applications';
import { Auth } from '@vonage/auth';
import { Voice } from '@vonage/voice';

import { captureServer } from '../../../../helpers/captureServer';
import { vonageControl } from '../../../../../nodes/core/voice/providers/vonage/control';
import { renderNcco } from '../../../../../nodes/core/voice/providers/vonage/render';

const CALL = '63f61863-4a51-4f6b-86e1-46edebcf9356';
const CONVERSATION = { id: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22', name: 'ds-room' };
const APPLICATION = 'c6f4ba5b-7a60-4e3a-9e7f-3a1b5a4e7d10';
const application = {
	id: APPLICATION,
	name: 'Dial-in',
	capabilities: { voice: { webhooks: { answer_url: { address: 'https://old', http_method: 'GET' }, event_url: { address: 'https://old', http_method: 'GET' } }, signed_callbacks: true } },
	keys: { public_key: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n' },
	privacy: { improve_ai: false },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const server = captureServer((request) => {
	if (request.method === 'PUT' && /^\/v1\/calls\/[^/]+$/.test(request.path)) return { status: 204 };
	const calls = [{ uuid: CALL, conversation_uuid: CONVERSATION.id, status: 'answered' }];
	return { status: 200, body: request.path.startsWith('/v2/applications/') ? application : { uuid: CALL, status: 'answered', conversation_uuid: CONVERSATION.id, message: 'Talk started', _embedded: { calls } } };
});
let origin = '';
beforeAll(async () => {
	await server.start();
	origin = server.origin;
});
afterAll(() => server.stop());

const voice = () => new Voice({ applicationId: APPLICATION, privateKey }, { apiHost: origin });
const applications = () => new Applications(new Auth({ apiKey: 'key', apiSecret: 'secret' }), { apiHost: origin });

/** Our control with a send that performs the request against the same server. */
const ours = () =>
	vonageControl(
		(spec) => server.send(spec),
		{ applicationId: APPLICATION, apiKey: 'key', apiSecret: 'secret' },
	);


const compare = (official: () => Promise<unknown>, mine: () => Promise<unknown>) => server.expectSameRequests(official, mine);

describe('Vonage REST requests equal the SDK’s', () => {
	it('mute', () => compare(() => voice().muteCall(CALL), () => ours().setMuted(CONVERSATION, CALL, true)));
	it('unmute', () => compare(() => voice().unmuteCall(CALL), () => ours().setMuted(CONVERSATION, CALL, false)));
	it('remove a caller (hang up)', () => compare(() => voice().hangupCall(CALL), () => ours().remove(CONVERSATION, CALL)));
	it('hang up', () => compare(() => voice().hangupCall(CALL), () => ours().hangUp(CALL)));
	it('hold: muted and earmuffed', () =>
		compare(
			async () => {
				await voice().muteCall(CALL);
				await voice().earmuffCall(CALL);
			},
			() => ours().setHold(CONVERSATION, CALL, true),
		));
	it('a goodbye, then the end of the call (transfer to an NCCO)', () =>
		compare(
			() => voice().transferCallWithNCCO(CALL, renderNcco([{ kind: 'say', text: 'The meeting has ended. Goodbye.' }]) as never),
			() => ours().redirect(CALL, [{ kind: 'say', text: 'The meeting has ended. Goodbye.' }, { kind: 'hangup' }]),
		));
	it('speak to one caller', () => compare(() => voice().playTTS(CALL, { text: 'Please unmute' } as never), () => ours().announce(CONVERSATION, CALL, { text: 'Please unmute', url: '' })));
	it('the call’s status', () => compare(() => voice().getCall(CALL), () => ours().callStatus(CALL)));
	it('the legs of a conversation', () =>
		compare(() => voice().search({ conversationUuid: CONVERSATION.id, status: 'answered' as never, pageSize: 100 }), () => ours().listParticipants(CONVERSATION)));
	it('the application’s answer, event and fallback URLs', () =>
		compare(
			async () => {
				const found = await applications().getApplication(APPLICATION);
				await applications().updateApplication({
					...found,
					capabilities: {
						...found.capabilities,
						voice: {
							...found.capabilities.voice,
							webhooks: {
								...found.capabilities.voice?.webhooks,
								answerUrl: { address: 'https://n8n/webhook/voice', httpMethod: 'POST' },
								eventUrl: { address: 'https://n8n/webhook/voice', httpMethod: 'POST' },
								fallbackAnswerUrl: { address: 'https://n8n/webhook/voice-fallback', httpMethod: 'POST' },
							},
							signedCallbacks: true,
						},
					},
				} as never);
			},
			() => ours().configureNumber('+15557654321', { voiceUrl: 'https://n8n/webhook/voice', fallbackUrl: 'https://n8n/webhook/voice-fallback' }),
		));
});
