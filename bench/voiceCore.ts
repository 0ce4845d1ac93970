/**
 * Per-request cost of the voice core: verify the Twilio signature, parse, decide and render TwiML,
 * for the requests a call makes. A benchmark prints numbers; it asserts nothing.
 *   npm run bench:core
 */
import { performance } from 'node:perf_hooks';

import { routePin, pinPrompt, DEFAULT_IVR_SETTINGS } from '../nodes/core/ivr/script';
import type { InboundRequest } from '../nodes/core/voice/provider';
import { twilio } from '../nodes/core/voice/providers/twilio';
import { twilioSignature } from '../nodes/core/voice/providers/twilio/verify';

const TOKEN = '0123456789abcdef0123456789abcdef';
const WEBHOOK = 'https://n8n.example.com/webhook/voice';
const base = { AccountSid: 'AC' + 'a'.repeat(32), ApiVersion: '2010-04-01', CallSid: 'CA' + 'b'.repeat(32), CallStatus: 'in-progress', Direction: 'inbound', From: '+15550001111', To: '+15557654321', Caller: '+15550001111', Called: '+15557654321' };
const entry = { callerPin: '012345', bridgePin: '098765432109', conference: 'ds-7f8c8eac-6643-47db-8d93-e7633e6e53ec' };

function signed(query: Record<string, string>, params: Record<string, string>): InboundRequest {
	const queryText = new URLSearchParams(query).toString();
	const url = queryText ? `${WEBHOOK}?${queryText}` : WEBHOOK;
	return { method: 'POST', url, headers: { 'x-twilio-signature': twilioSignature(TOKEN, url, params) }, params, body: params, query };
}

const requests: Array<[string, InboundRequest]> = [
	['incoming call → PIN prompt', signed({}, base)],
	['PIN digits → join conference', signed({ step: 'pin', attempt: '1' }, { ...base, Digits: '012345', FinishedOnKey: '#' })],
	['conference event (participant-join)', signed({}, { AccountSid: base.AccountSid, ConferenceSid: 'CF' + 'c'.repeat(32), FriendlyName: entry.conference, SequenceNumber: '3', StatusCallbackEvent: 'participant-join', CallSid: base.CallSid, Muted: 'false', Hold: 'false', ParticipantLabel: 'ds-bridge', Timestamp: 'Thu, 26 Nov 2026 05:00:00 +0000' })],
];

function handle(request: InboundRequest): string {
	if (!twilio.verify(request, { authToken: TOKEN }).ok) throw new Error('verification failed');
	const parsed = twilio.parse(request);
	if (!parsed.ok) throw new Error(parsed.reason);
	const event = parsed.event;
	if (event.type === 'call.incoming') return twilio.render(pinPrompt(WEBHOOK, DEFAULT_IVR_SETTINGS)).body;
	if (event.type === 'call.digits') return twilio.render(routePin(event, entry, WEBHOOK, DEFAULT_IVR_SETTINGS).instructions).body;
	return twilio.render([]).body;
}

const ITERATIONS = 20_000;
console.log(`Voice core per request (verify + parse + decide + render), ${ITERATIONS} runs each, Node ${process.version}\n`);
console.log('| request | mean µs | p50 µs | p99 µs |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, request] of requests) {
	for (let i = 0; i < 2000; i++) handle(request);
	const samples: number[] = [];
	for (let i = 0; i < ITERATIONS; i++) {
		const started = performance.now();
		handle(request);
		samples.push((performance.now() - started) * 1000);
	}
	samples.sort((a, b) => a - b);
	const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
	const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
	console.log(`| ${name} | ${mean.toFixed(1)} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} |`);
}
