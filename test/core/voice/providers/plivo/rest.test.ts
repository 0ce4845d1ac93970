/**
 * Plivo REST: every request our call control sends equals what the official `plivo` client sends
 * for the same operation (method, path with its trailing slash, query, JSON body), both captured at
 * the HTTP layer by one local server. The client sends voice requests to api.plivo.com whatever it
 * is given; an axios adapter here sends them to the capture server instead, unchanged otherwise.
 */
import axios from 'axios';
import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { Client } from 'plivo';

import { plivoControl } from '../../../../../nodes/core/voice/providers/plivo/control';
import { captureServer } from '../../../../helpers/captureServer';

const AUTH_ID = 'MAZDQ1ZJIYMDZKMMZKYM';
const TOKEN = 'ZDgzNjQxMGE0ZjM4ZjQ1ZDlkOWUyYzFhYmI0ZGU4';
const CALL = '16e3a2b4-2f56-4b0b-a5c4-1e0c4b3b4e21';
const CONFERENCE = { id: 'ds-room', name: 'ds-room' };
const MEMBER = '17';
const NUMBER = '15557654321';
const APP = '20372631212782780';
/** A number linked to no application yet. */
const BARE_NUMBER = '15557650000';
/** A number linked to an application of the account's own (another service's). */
const SHARED_NUMBER = '15557651111';
const SHARED_APP = '11111111111111111';

const server = captureServer((request) => {
	const path = request.path.split('?')[0];
	if (path.endsWith(`/Conference/${CONFERENCE.name}/`) && request.method === 'GET') {
		return { status: 200, body: { api_id: 'a1', conference_name: CONFERENCE.name, conference_member_count: '1', conference_run_time: '30', members: [{ member_id: MEMBER, call_uuid: CALL, muted: false, deaf: false, to: NUMBER, from: '15550000001', caller_name: '', join_time: '20' }] } };
	}
	if (/\/Call\/[^/]+\/?$/.test(path) && request.method === 'GET') return { status: 200, body: { api_id: 'a2', call_uuid: CALL, call_status: 'in-progress', to: NUMBER, from: '15550000001', direction: 'inbound' } };
	if (path.endsWith(`/Number/${SHARED_NUMBER}/`) && request.method === 'GET') return { status: 200, body: { api_id: 'a9', number: SHARED_NUMBER, application: `/v1/Account/${AUTH_ID}/Application/${SHARED_APP}/` } };
	if (path.endsWith(`/Application/${SHARED_APP}/`) && request.method === 'GET') return { status: 200, body: { api_id: 'a10', app_id: SHARED_APP, app_name: 'Support line', answer_url: 'https://support.example/answer' } };
	if (path.endsWith(`/Number/${BARE_NUMBER}/`) && request.method === 'GET') return { status: 200, body: { api_id: 'a8', number: BARE_NUMBER, application: null } };
	if (path.endsWith(`/Number/${NUMBER}/`) && request.method === 'GET') return { status: 200, body: { api_id: 'a3', number: NUMBER, application: `/v1/Account/${AUTH_ID}/Application/${APP}/` } };
	if (path.endsWith('/Number/')) return { status: 200, body: { api_id: 'a4', meta: { limit: 2, offset: 0, total_count: 1 }, objects: [{ number: NUMBER, application: `/v1/Account/${AUTH_ID}/Application/${APP}/` }] } };
	if (path.endsWith('/Application/') && request.method === 'POST') return { status: 201, body: { api_id: 'a5', app_id: APP, message: 'created' } };
	if (path.endsWith(`/Application/${APP}/`) && request.method === 'GET') return { status: 200, body: { api_id: 'a6', app_id: APP, app_name: `Digital Samba dial-in ${NUMBER}`, answer_url: 'https://n8n/webhook/voice', fallback_answer_url: '' } };
	return { status: request.method === 'DELETE' ? 204 : 202, body: request.method === 'DELETE' ? undefined : { api_id: 'a7', message: 'done' } };
});

let origin = '';
const realAdapter = axios.getAdapter('http');
const toCaptureServer: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
	realAdapter({ ...config, url: String(config.url).replace(/^https:\/\/api\.plivo\.com/, origin), httpsAgent: undefined });
const previousAdapter = axios.defaults.adapter;
beforeAll(async () => {
	await server.start();
	origin = server.origin;
	axios.defaults.adapter = toCaptureServer;
});
afterAll(async () => {
	axios.defaults.adapter = previousAdapter;
	await server.stop();
});

/** The client's resources, called as its documentation shows (its typings make every optional field required). */
type Resources = Record<'conferences' | 'calls' | 'numbers' | 'applications', Record<string, (...args: unknown[]) => Promise<unknown>>>;
const client = () => new Client(AUTH_ID, TOKEN) as unknown as Resources;

/** Our control with a send that performs the request against the same server. */
const ours = () =>
	plivoControl(
		(spec) => server.send(spec),
		{ authId: AUTH_ID, authToken: TOKEN },
	);


const compare = (official: () => Promise<unknown>, mine: () => Promise<unknown>) => server.expectSameRequests(official, mine);

/** The member lookup our operations start with: the SDK's get of the conference. */
const getConference = () => client().conferences.get(CONFERENCE.name);

describe('Plivo REST requests equal the plivo client’s', () => {
	it('the conference and its members', () => compare(getConference, () => ours().roster(CONFERENCE.name)));
	it('mute a member', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.muteMember(CONFERENCE.name, MEMBER);
			},
			() => ours().setMuted(CONFERENCE, CALL, true),
		));
	it('unmute a member', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.unmuteMember(CONFERENCE.name, MEMBER);
			},
			() => ours().setMuted(CONFERENCE, CALL, false),
		));
	it('hold: mute and deaf', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.muteMember(CONFERENCE.name, MEMBER);
				await client().conferences.deafMember(CONFERENCE.name, MEMBER);
			},
			() => ours().setHold(CONFERENCE, CALL, true),
		));
	it('unhold: unmute and undeaf', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.unmuteMember(CONFERENCE.name, MEMBER);
				await client().conferences.undeafMember(CONFERENCE.name, MEMBER);
			},
			() => ours().setHold(CONFERENCE, CALL, false),
		));
	it('kick a member', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.kickMember(CONFERENCE.name, MEMBER);
			},
			() => ours().remove(CONFERENCE, CALL),
		));
	it('speak to a member', () =>
		compare(
			async () => {
				await getConference();
				await client().conferences.speakTextToMember(CONFERENCE.name, MEMBER, 'Please unmute');
			},
			() => ours().announce(CONFERENCE, CALL, { text: 'Please unmute', url: '' }),
		));
	it('speak to everyone', () =>
		compare(() => client().conferences.speakTextToMember(CONFERENCE.name, 'all', 'The meeting ends soon'), () => ours().announce(CONFERENCE, undefined, { text: 'The meeting ends soon', url: '' })));
	it('end the conference', () => compare(() => client().conferences.hangup(CONFERENCE.name), () => ours().endConference(CONFERENCE)));
	it('hang up a call', () => compare(() => client().calls.hangup(CALL), () => ours().hangUp(CALL)));
	it('a live call’s status: in progress is up', async () => {
		let status = '';
		await compare(() => client().calls.getLiveCall(CALL), async () => (status = await ours().callStatus(CALL)));
		expect(status).toBe('up');
	});
	it('the IVR URL of a call: its number’s application', () =>
		compare(
			async () => {
				await client().calls.getLiveCall(CALL);
				await client().numbers.get(NUMBER);
				await client().applications.get(APP);
			},
			() => ours().ivrUrlOfCall(CALL),
		));
	it('a goodbye: the call transferred to the IVR’s announce step', () =>
		compare(
			async () => {
				await client().calls.getLiveCall(CALL);
				await client().numbers.get(NUMBER);
				await client().applications.get(APP);
				await client().calls.transfer(CALL, { legs: 'aleg', alegUrl: `https://n8n/webhook/voice?step=announce&text=${Buffer.from('Goodbye.').toString('base64url')}`, alegMethod: 'POST' });
			},
			() => ours().redirect(CALL, [{ kind: 'say', text: 'Goodbye.' }, { kind: 'hangup' }]),
		));
	it('point the number’s own application (made by Configure Number) at the IVR', () =>
		compare(
			async () => {
				await client().numbers.get(NUMBER);
				await client().applications.get(APP);
				await client().applications.update(APP, {
					answerUrl: 'https://n8n/webhook/voice',
					answerMethod: 'POST',
					hangupUrl: 'https://n8n/webhook/voice',
					hangupMethod: 'POST',
					fallbackAnswerUrl: 'https://n8n/webhook/voice-fallback',
					fallbackMethod: 'POST',
				});
				await client().applications.get(APP);
			},
			async () => expect(await ours().configureNumber('+15557654321', { voiceUrl: 'https://n8n/webhook/voice', fallbackUrl: 'https://n8n/webhook/voice-fallback' })).toEqual({ phoneNumber: '+15557654321', voiceUrl: 'https://n8n/webhook/voice', fallbackUrl: '' }),
		));
	it('a number without an application: one created for it, and linked', () =>
		compare(
			async () => {
				await client().numbers.get(BARE_NUMBER);
				await client().applications.create(`Digital Samba dial-in ${BARE_NUMBER}`, { answerUrl: 'https://n8n/webhook/voice', answerMethod: 'POST', hangupUrl: 'https://n8n/webhook/voice', hangupMethod: 'POST' });
				await client().numbers.update(BARE_NUMBER, { appId: APP });
				await client().applications.get(APP);
			},
			() => ours().configureNumber(`+${BARE_NUMBER}`, { voiceUrl: 'https://n8n/webhook/voice' }),
		));
	it('a number on an application of another service: that one is left alone, the number gets its own', () =>
		compare(
			async () => {
				await client().numbers.get(SHARED_NUMBER);
				await client().applications.get(SHARED_APP);
				await client().applications.create(`Digital Samba dial-in ${SHARED_NUMBER}`, { answerUrl: 'https://n8n/webhook/voice', answerMethod: 'POST', hangupUrl: 'https://n8n/webhook/voice', hangupMethod: 'POST' });
				await client().numbers.update(SHARED_NUMBER, { appId: APP });
				await client().applications.get(APP);
			},
			() => ours().configureNumber(`+${SHARED_NUMBER}`, { voiceUrl: 'https://n8n/webhook/voice' }),
		));
	it('the account’s only number, when none is given', () =>
		compare(
			async () => {
				await client().numbers.list({ limit: 2 });
				await client().numbers.get(NUMBER);
				await client().applications.get(APP);
				await client().applications.update(APP, { answerUrl: 'https://n8n/webhook/voice', answerMethod: 'POST', hangupUrl: 'https://n8n/webhook/voice', hangupMethod: 'POST' });
				await client().applications.get(APP);
			},
			() => ours().configureNumber('', { voiceUrl: 'https://n8n/webhook/voice' }),
		));
});

describe('what Plivo’s answers mean', () => {
	const answering = (answers: Record<string, unknown>) => plivoControl(async (spec) => (answers[spec.path.replace(/^.*\/(Call|Number|Conference)\//, '$1/')] ?? {}) as Record<string, unknown>, { authId: AUTH_ID });
	it('a call that is not live (404, answered {}) is over', async () => {
		expect(await answering({}).callStatus(CALL)).toBe('ended');
	});
	it('a conference Plivo does not know is none in progress', async () => {
		expect(await answering({}).roster('ds-room')).toBeUndefined();
	});
	it('a number not in the account is refused with a hint, nothing changed', async () => {
		const refused = await answering({}).configureNumber('+15550001234', { voiceUrl: 'https://n8n/webhook/voice' });
		expect(refused).toEqual({ refused: expect.stringContaining('+15550001234'), hint: expect.stringContaining('E.164') });
	});
	it('a goodbye to a call that is over sends nothing more', async () => {
		const sent: string[] = [];
		const control = plivoControl(async (spec) => {
			sent.push(`${spec.method} ${spec.path}`);
			return {};
		}, { authId: AUTH_ID });
		await control.redirect(CALL, [{ kind: 'say', text: 'Goodbye' }, { kind: 'hangup' }]);
		expect(sent).toEqual([`GET /v1/Account/${AUTH_ID}/Call/${CALL}`]);
	});
});

