/**
 * Sinch REST: every request our call control sends equals the official SDK's for the same
 * operation (method, path, JSON body), both captured at the HTTP layer by one local server.
 */

import { VoiceService } from '@sinch/voice';

import { sinchControl } from '../../../../../nodes/core/voice/providers/sinch/control';
import { captureServer } from '../../../../helpers/captureServer';

const server = captureServer(() => ({
	status: 200,
	body: { participants: [{ id: 'c9', cli: '46700000000', muted: false, onhold: false }], url: { primary: 'https://x' }, status: 'ONGOING' },
}));
let origin = '';
beforeAll(async () => {
	await server.start();
	origin = server.origin;
});
afterAll(() => server.stop());

const KEY = 'app-key';
const SECRET = Buffer.from('secret-secret-secret').toString('base64');
const CONFERENCE = { id: 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec', name: 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec' };

const sdk = () => new VoiceService({ applicationKey: KEY, applicationSecret: SECRET, voiceHostname: origin, voiceApplicationManagementHostname: origin });

/** Our control with a send that performs the request against the same server. */
const ours = () =>
	sinchControl(
		(spec) => server.send(spec),
		{ applicationKey: KEY, applicationSecret: SECRET, baseUrl: origin, configurationUrl: origin },
	);

const compare = (official: () => Promise<unknown>, mine: () => Promise<unknown>) => server.expectSameRequests(official, mine);

describe('Sinch REST requests equal the SDK’s', () => {
	it('conference info', () => compare(() => sdk().conferences.get({ conferenceId: CONFERENCE.id }), () => ours().listParticipants(CONFERENCE)));
	it.each([
		['mute', (c: ReturnType<typeof ours>) => c.setMuted(CONFERENCE, 'c9', true)],
		['unmute', (c: ReturnType<typeof ours>) => c.setMuted(CONFERENCE, 'c9', false)],
		['onhold', (c: ReturnType<typeof ours>) => c.setHold(CONFERENCE, 'c9', true)],
		['resume', (c: ReturnType<typeof ours>) => c.setHold(CONFERENCE, 'c9', false)],
	] as const)('participant %s', (command, mine) =>
		compare(() => sdk().conferences.manageParticipant({ conferenceId: CONFERENCE.id, callId: 'c9', manageParticipantRequestBody: { command } }), () => mine(ours())),
	);
	it('kick one participant', () => compare(() => sdk().conferences.kickParticipant({ conferenceId: CONFERENCE.id, callId: 'c9' }), () => ours().remove(CONFERENCE, 'c9')));
	it('kick everyone (end the conference)', () => compare(() => sdk().conferences.kickAll({ conferenceId: CONFERENCE.id }), () => ours().endConference(CONFERENCE)));
	it('call status', () => compare(() => sdk().calls.get({ callId: 'c9' }), () => ours().callStatus('c9')));
	it('hang up a call', () => compare(() => sdk().calls.update({ callId: 'c9', updateCallRequestBody: { action: { name: 'hangup' } } }), () => ours().hangUp('c9')));
	it('goodbye and hang up', () =>
		compare(
			() => sdk().calls.update({ callId: 'c9', updateCallRequestBody: { instructions: [{ name: 'say', text: 'Bye.', locale: 'en-US' }], action: { name: 'hangup' } } }),
			() => ours().redirect('c9', [{ kind: 'say', text: 'Bye.' }, { kind: 'hangup' }]),
		));
	it('speak to one participant', () =>
		compare(
			() => sdk().calls.manageWithCallLeg({ callId: 'c9', callLeg: 'both', manageWithCallLegRequestBody: { instructions: [{ name: 'say', text: 'Please unmute.', locale: 'en-US' }] } }),
			() => ours().announce(CONFERENCE, 'c9', { text: 'Please unmute.', url: '' }),
		));
	it('read the callback URL', () => compare(() => sdk().applications.getCallbackURLs({ applicationkey: KEY }), () => ours().ivrUrlOfCall('c9')));
	it('set the callback and fallback URLs', () =>
		compare(
			() => sdk().applications.updateCallbackURLs({ applicationkey: KEY, updateCallbacksRequestBody: { url: { primary: 'https://n8n/webhook/voice', fallback: 'https://n8n/webhook/voice-fallback' } } }),
			() => ours().configureNumber('', { voiceUrl: 'https://n8n/webhook/voice', fallbackUrl: 'https://n8n/webhook/voice-fallback' }),
		));
});
