import twilio from 'twilio';

import type { HttpRequestSpec } from '../../../../../nodes/core/http';
import { twilioRest } from '../../../../../nodes/core/voice/providers/twilio/rest';

const ACCOUNT = 'AC' + '0'.repeat(32);
const CONFERENCE = 'CF' + '1'.repeat(32);
const CALL = 'CA' + '2'.repeat(32);
const NUMBER = 'PN' + '3'.repeat(32);
const LABEL = 'p.CA2.WyIrMTU1NSIsIkFkYSJd';

interface Sent {
	method: string;
	url: string;
	form?: Record<string, string>;
}

/** What the official client sends, captured through its `httpClient` option. */
async function officialRequest(operation: (client: ReturnType<typeof twilio>) => Promise<unknown>): Promise<Sent> {
	const sent: Sent[] = [];
	const httpClient = {
		async request(options: { method: string; uri: string; params?: Record<string, unknown>; data?: Record<string, unknown> }) {
			const url = new URL(options.uri);
			for (const [key, value] of Object.entries(options.params ?? {})) url.searchParams.append(key, String(value));
			const form = options.data ? Object.fromEntries(Object.entries(options.data).map(([k, v]) => [k, String(v)])) : undefined;
			sent.push({ method: options.method.toUpperCase(), url: url.toString(), form });
			const list = { conferences: [], participants: [], incoming_phone_numbers: [], next_page_uri: null };
			return { statusCode: options.method === 'delete' ? 204 : 200, body: options.method === 'delete' ? '' : JSON.stringify(list), headers: {} };
		},
	};
	await operation(twilio(ACCOUNT, 'token', { httpClient } as never));
	expect(sent).toHaveLength(1);
	return sent[0];
}

function ours(spec: HttpRequestSpec): Sent {
	const url = new URL(`https://api.twilio.com${spec.path}`);
	for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.append(key, value);
	return { method: spec.method, url: url.toString(), form: spec.form };
}

const cases: Array<[string, HttpRequestSpec, (client: ReturnType<typeof twilio>) => Promise<unknown>]> = [
	['fetch the account (credential test)', twilioRest.fetchAccount(ACCOUNT), (c) => c.api.v2010.accounts(ACCOUNT).fetch()],
	['find the in-progress conference by name', twilioRest.findInProgressConference(ACCOUNT, 'ds-room 1'), (c) => c.conferences.list({ friendlyName: 'ds-room 1', status: 'in-progress', limit: 1 })],
	['fetch a conference', twilioRest.fetchConference(ACCOUNT, CONFERENCE), (c) => c.conferences(CONFERENCE).fetch()],
	['list participants', twilioRest.listParticipants(ACCOUNT, CONFERENCE), (c) => c.conferences(CONFERENCE).participants.list()],
	['get a participant by label', twilioRest.getParticipant(ACCOUNT, CONFERENCE, LABEL), (c) => c.conferences(CONFERENCE).participants(LABEL).fetch()],
	['get a participant whose label needs encoding', twilioRest.getParticipant(ACCOUNT, CONFERENCE, 'a b'), (c) => c.conferences(CONFERENCE).participants('a b').fetch()],
	['mute', twilioRest.setMuted(ACCOUNT, CONFERENCE, LABEL, true), (c) => c.conferences(CONFERENCE).participants(LABEL).update({ muted: true })],
	['unmute', twilioRest.setMuted(ACCOUNT, CONFERENCE, CALL, false), (c) => c.conferences(CONFERENCE).participants(CALL).update({ muted: false })],
	['hold', twilioRest.setHold(ACCOUNT, CONFERENCE, LABEL, true), (c) => c.conferences(CONFERENCE).participants(LABEL).update({ hold: true })],
	['unhold', twilioRest.setHold(ACCOUNT, CONFERENCE, LABEL, false), (c) => c.conferences(CONFERENCE).participants(LABEL).update({ hold: false })],
	['announce to one participant', twilioRest.announceToParticipant(ACCOUNT, CONFERENCE, LABEL, 'https://x.io/v?step=announce&text=SGk'), (c) => c.conferences(CONFERENCE).participants(LABEL).update({ announceUrl: 'https://x.io/v?step=announce&text=SGk', announceMethod: 'POST' })],
	['remove a participant', twilioRest.removeParticipant(ACCOUNT, CONFERENCE, LABEL), (c) => c.conferences(CONFERENCE).participants(LABEL).remove()],
	['announce to the conference', twilioRest.announceToConference(ACCOUNT, CONFERENCE, 'https://x.io/a'), (c) => c.conferences(CONFERENCE).update({ announceUrl: 'https://x.io/a', announceMethod: 'POST' })],
	['end the conference', twilioRest.endConference(ACCOUNT, CONFERENCE), (c) => c.conferences(CONFERENCE).update({ status: 'completed' })],
	['fetch a call', twilioRest.fetchCall(ACCOUNT, CALL), (c) => c.calls(CALL).fetch()],
	['give a call new TwiML', twilioRest.redirectCall(ACCOUNT, CALL, '<Response><Say>Bye</Say><Hangup/></Response>'), (c) => c.calls(CALL).update({ twiml: '<Response><Say>Bye</Say><Hangup/></Response>' })],
	['hang up a call', twilioRest.hangUpCall(ACCOUNT, CALL), (c) => c.calls(CALL).update({ status: 'completed' })],
	['find a phone number', twilioRest.findPhoneNumber(ACCOUNT, '+15551234567'), (c) => c.incomingPhoneNumbers.list({ phoneNumber: '+15551234567', limit: 1 })],
	[
		'configure a phone number',
		twilioRest.configurePhoneNumber(ACCOUNT, NUMBER, { voiceUrl: 'https://x.io/v', fallbackUrl: 'https://x.io/f' }),
		(c) => c.incomingPhoneNumbers(NUMBER).update({ voiceUrl: 'https://x.io/v', voiceMethod: 'POST', voiceFallbackUrl: 'https://x.io/f', voiceFallbackMethod: 'POST' }),
	],
];

describe('Twilio REST requests', () => {
	it.each(cases)('%s: method, URL and form equal the official client’s', async (_, spec, operation) => {
		expect(ours(spec)).toEqual(await officialRequest(operation));
	});
});
