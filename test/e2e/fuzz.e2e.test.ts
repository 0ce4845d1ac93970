/**
 * Fuzz layer: seeded hostile requests against both webhooks of a real n8n 2.40.7 with the templates
 * published (NODE_ENV=production, as the README recommends). Malformed, huge, unsigned, and validly
 * signed but hostile: every answer is a 4xx or a correct one, nothing that is not a legitimate
 * action has a side effect (no Digital Samba request, no Twilio change), n8n's event loop never
 * stalls for more than 100 ms, and no response or log line carries a stack trace from our code.
 * Bounded: a fixed number of cases from a fixed seed, sent one after another on loopback.
 */
import twilio from 'twilio';

import { seeded } from '../helpers/burst';
import type { Room } from './realWorld';
import { NUMBER, RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';

const CASES_PER_KIND = 25;
const STALL_MS = 100;

let world: RealWorld;
let room: Room;
let callerSid: string;

beforeAll(async () => {
	// The editor on another host than the webhooks, as in queue mode behind a proxy.
	world = await RealWorld.start(ensureRuntime(), { env: { NODE_ENV: 'production', N8N_EDITOR_BASE_URL: 'http://editor.example.invalid/' } });
	room = await world.install('fuzz-room');
	const bridge = world.bridge(room);
	await bridge.joined(1, 30_000);
	const caller = world.call({ from: '+15550000001', keys: `${room.callerPin}#` });
	await caller.joined(1, 30_000);
	callerSid = caller.call.sid;
	await world.quiet();
}, 10 * 60 * 1000);

afterAll(async () => {
	await world?.stop();
}, 60_000);

interface Answer {
	status: number;
	body: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
	const response = await fetch(url, init);
	return { status: response.status, body: await response.text() };
}

function signedForm(url: string, params: Record<string, string>, token = world.twilio.authToken): RequestInit {
	return {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(token, url, params) },
		body: new URLSearchParams(params).toString(),
	};
}

/** Loopback probe of n8n's health endpoint every 10 ms: the longest answer is the longest stall seen. */
function stallProbe() {
	let longest = 0;
	let running = true;
	const loop = (async () => {
		while (running) {
			const started = performance.now();
			await fetch(`${world.n8n.baseUrl}/healthz`).then((response) => response.arrayBuffer()).catch(() => undefined);
			longest = Math.max(longest, performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	})();
	return async () => {
		running = false;
		await loop;
		return longest;
	};
}

const random = seeded(15);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
const junk = (length: number) => Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
const asciiJunk = (length: number) => Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 94))).join('');
const sid = (prefix: string) => prefix + Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const hostileText = () => pick([' '.repeat(3000) + 'sip:x@y', '"'.repeat(2000) + '<sip:x@y>', '\u0000\u0007\u001b\uffff\ud800', 'é'.repeat(250), '<Say>&amp;</Say>', junk(200)]);

type Case = { kind: string; url: () => string; init: () => RequestInit; expect: (answer: Answer) => boolean };

function cases(): Case[] {
	const voice = () => `${world.n8n.webhookBase}/voice`;
	const trigger = () => [...world.ds.state.webhooks.values()][0];
	const ds = (body: string, authorization?: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
	const secret = () => `Bearer ${String(trigger().authorization_header)}`;
	const isTwiml = (answer: Answer) => answer.status === 200 && /^<\?xml[^>]*>\s*(<Response\/>|<Response>[\s\S]*<\/Response>)$/.test(answer.body);
	const is4xx = (answer: Answer) => answer.status >= 400 && answer.status < 500;
	const list: Case[] = [];
	for (let n = 0; n < CASES_PER_KIND; n++) {
		list.push(
			{ kind: 'voice: unsigned', url: voice, init: () => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ CallSid: sid('CA'), From: hostileText() }).toString() }), expect: is4xx },
			{ kind: 'voice: wrong signature', url: voice, init: () => signedForm(voice(), { CallSid: sid('CA'), Digits: room.callerPin }, 'not-the-token'), expect: is4xx },
			{ kind: 'voice: random bytes', url: voice, init: () => ({ method: 'POST', headers: { 'content-type': pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']), 'x-twilio-signature': asciiJunk(28) }, body: junk(Math.floor(random() * 5000)) }), expect: is4xx },
			{
				kind: 'voice: signed incoming call, hostile From and CallerName',
				url: voice,
				init: () => signedForm(voice(), { AccountSid: world.twilio.accountSid, CallSid: sid('CA'), From: hostileText(), CallerName: hostileText(), To: '+15557654321', CallStatus: 'ringing' }),
				expect: (answer) => isTwiml(answer) || is4xx(answer),
			},
			{
				kind: 'voice: signed PIN step, wrong or hostile digits',
				url: () => `${voice()}?step=pin&attempt=${pick(['1', '2', '999', '-1', 'x'])}`,
				init: function () {
					return signedForm(this.url(), { AccountSid: world.twilio.accountSid, CallSid: sid('CA'), Digits: pick(['000000', '9'.repeat(64), '1*#', 'abc', '']), From: '+15550000009' });
				},
				expect: (answer) => isTwiml(answer) || is4xx(answer),
			},
			{
				kind: 'voice: signed keypad request for another room or call',
				url: () => `${voice()}?step=menu&conf=${pick([`ds-${room.id.replace(/^./, 'f')}`, 'ds-x', junk(20)])}&muted=0&hand=0`,
				init: function () {
					return signedForm(this.url(), { AccountSid: world.twilio.accountSid, CallSid: pick([callerSid, sid('CA')]), Digits: pick(['6', '9']), CallStatus: 'in-progress' });
				},
				expect: (answer) => isTwiml(answer) || is4xx(answer),
			},
			{
				kind: 'voice: signed conference callback for a conference that is not ours',
				url: voice,
				init: () => signedForm(voice(), { AccountSid: world.twilio.accountSid, ConferenceSid: sid('CF'), FriendlyName: pick([room.conference, 'ds-x']), StatusCallbackEvent: pick(['participant-join', 'participant-leave', 'conference-end']), CallSid: sid('CA'), ParticipantLabel: pick(['ds-bridge', junk(40)]), SequenceNumber: '1' }),
				expect: (answer) => isTwiml(answer) || is4xx(answer),
			},
			{ kind: 'Digital Samba: no secret', url: () => trigger().endpoint, init: () => ds(JSON.stringify({ eventType: 'session_ended', roomId: room.id })), expect: (answer) => answer.status === 401 },
			{ kind: 'Digital Samba: wrong secret', url: () => trigger().endpoint, init: () => ds(JSON.stringify({ eventType: 'session_ended', roomId: room.id }), `Bearer ${asciiJunk(48)}`), expect: (answer) => answer.status === 401 },
			{
				kind: 'Digital Samba: with the secret, malformed, huge or out of range',
				url: () => trigger().endpoint,
				init: () =>
					ds(
						pick([
							junk(1000),
							'[' .repeat(5000) + ']'.repeat(5000),
							JSON.stringify({ eventType: 'session_ended', roomId: room.id, timestamp: pick([1e20, '99999999999999999999', -1]) }),
							JSON.stringify({ eventType: 'x'.repeat(300) }),
							JSON.stringify(Array.from({ length: 500 }, () => ({ eventType: 'session_ended' }))),
							JSON.stringify({ eventType: 'session_ended', data: 'x'.repeat(100_000) }),
						]),
						secret(),
					),
				// 400/413 from the trigger; n8n itself answers 422 to a body that is not JSON at all.
				expect: is4xx,
			},
			{
				kind: 'Digital Samba: with the secret, an event for a call that is not a caller of the room',
				url: () => trigger().endpoint,
				init: () => ds(JSON.stringify({ eventType: pick(['phone_participant_muted', 'phone_participant_unmuted', 'phone_participant_asked_to_unmute']), roomId: room.id, callId: pick(['ds-bridge', sid('CA'), '', junk(30)]), timestamp: 1795708428 }), secret()),
				expect: (answer) => answer.status === 200 && JSON.parse(answer.body).received === true,
			},
		);
	}
	return list;
}

it('Setup points the number at the webhook host, not the editor host', () => {
	const number = world.twilio.numberFor(NUMBER)!;
	expect(number.voice_url).toBe(`${world.n8n.webhookBase}/voice`);
	expect(number.voice_fallback_url).toBe(`${world.n8n.webhookBase}/voice-fallback`);
});

const changes = () => ({
	digitalSamba: world.ds.requests.filter((request) => request.method !== 'GET').length,
	twilio: world.twilio.restRequests.filter((request) => request.method !== 'GET').length,
});

it(`${CASES_PER_KIND * 11} hostile requests: 4xx or a correct answer, no side effect, no stall over ${STALL_MS} ms, no stack trace`, async () => {
	const before = changes();
	const logFrom = world.n8n.log.length;
	const stopProbe = stallProbe();
	const wrong: string[] = [];
	const traces: string[] = [];
	let longestStall: number;
	try {
		for (const entry of cases()) {
			const answer = await send(entry.url(), entry.init());
			if (!entry.expect(answer)) wrong.push(`${entry.kind}: ${answer.status} ${answer.body.slice(0, 200)}`);
			if (/\n\s+at |node_modules\/|\.ts:\d+/.test(answer.body)) traces.push(`${entry.kind}: ${answer.body.slice(0, 300)}`);
		}
		await world.quiet();
	} finally {
		longestStall = await stopProbe();
	}
	process.stdout.write(`[fuzz e2e] ${CASES_PER_KIND * 11} requests, longest health-check answer ${longestStall.toFixed(0)} ms\n`);
	const log = world.n8n.log.slice(logFrom).join('');
	expect(wrong).toEqual([]);
	expect(traces).toEqual([]);
	expect(changes()).toEqual(before);
	expect(log).not.toMatch(/n8n-nodes-digitalsamba[^\n]*\.js:\d+/);
	expect(longestStall).toBeLessThan(STALL_MS);
	expect(world.ds.violations).toEqual([]);
	// The real caller is untouched.
	expect(world.ds.state.phoneParticipantsOf(room.id).get(callerSid)).toEqual(expect.objectContaining({ muted: false, hand_raised: false }));
}, 10 * 60 * 1000);
