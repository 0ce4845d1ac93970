/**
 * Everything on a request path runs in time linear in its input: a caller controls its SIP From
 * header and display name, and Twilio passes them on validly signed. Each function gets inputs of
 * 1 k, 10 k and 100 k characters shaped like the attacks that once blocked n8n's event loop; time
 * may grow about tenfold per step (linear), never a hundredfold (quadratic) or worse. The best of
 * several runs is compared, so a busy machine slows both sizes alike. Oversized inputs are also
 * refused outright, which is cheap (and linear).
 */
import { parseDelivery } from '../../nodes/core/digitalsamba/webhookEvents';
import { checkAuthorization } from '../../nodes/core/digitalsamba/webhookAuth';
import { callerLabel, parseLabel } from '../../nodes/core/ivr/labels';
import { classifyCall } from '../../nodes/core/ivr/classifyCall';
import { escapeXml } from '../../nodes/core/xml';
import { parseTwilioRequest } from '../../nodes/core/voice/providers/twilio/parse';
import { renderTwiml } from '../../nodes/core/voice/providers/twilio/render';
import { verifyTwilioSignature } from '../../nodes/core/voice/providers/twilio/verify';

const SIZES = [1_000, 10_000, 100_000];
const CALL_SID = `CA${'0'.repeat(32)}`;

function bestOf(runs: number, work: () => unknown): number {
	let best = Infinity;
	for (let run = 0; run < runs; run++) {
		const started = process.hrtime.bigint();
		work();
		best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
	}
	return best;
}

/** Milliseconds per size; fails if any step of ×10 in size costs more than ×40 in time (plus noise). */
function expectLinear(name: string, work: (size: number) => unknown): void {
	for (const size of SIZES) work(size); // warm up the JIT
	const times = SIZES.map((size) => bestOf(5, () => work(size)));
	for (let i = 1; i < times.length; i++) {
		expect([name, SIZES[i], times[i] <= times[i - 1] * 40 + 2]).toEqual([name, SIZES[i], true]);
	}
}

const cases: Array<[string, (size: number) => unknown]> = [
	['Twilio parse: From of N spaces then sip:, no CallerName', (n) => parseTwilioRequest({ CallSid: CALL_SID, From: `${' '.repeat(n)}sip:x@y`, To: '+15557654321' })],
	['Twilio parse: From of N quotes before <sip:', (n) => parseTwilioRequest({ CallSid: CALL_SID, From: `${'"'.repeat(n)} <sip:x@y>`, To: 'sip:bridge@example.com' })],
	['Twilio parse: a CallSid of N characters', (n) => parseTwilioRequest({ CallSid: `CA${'a'.repeat(n)}`, From: '+1555' })],
	['Twilio parse: N parameters', (n) => parseTwilioRequest(Object.fromEntries(Array.from({ length: n / 10 }, (_, i) => [`P${i}`, 'x'])))],
	['Twilio verify: a body of N characters', (n) => verifyTwilioSignature({ url: 'https://n8n.example.com/webhook/voice', signature: 'x'.repeat(28), params: { CallSid: CALL_SID, Body: 'x'.repeat(n) } }, 'token')],
	['caller label: a name of N characters', (n) => callerLabel(CALL_SID, '+15550001111', 'é'.repeat(n))],
	['label parse: a label of N characters', (n) => parseLabel(`p.${CALL_SID}.${'A'.repeat(n)}`)],
	['XML escape: N forbidden and special characters', (n) => escapeXml('\u0000<&\uFFFF\uD800'.repeat(n / 5))],
	['TwiML render: a Say of N characters', (n) => renderTwiml([{ kind: 'say', text: 'a<\u0007'.repeat(n / 3) }])],
	['bridge classification: N digits', (n) => classifyCall({ digits: '1'.repeat(n), callerName: 'x'.repeat(n) }, { callerPin: '123456', bridgePin: '1234567890' })],
	['Digital Samba delivery: N events', (n) => parseDelivery(Array.from({ length: n / 100 }, () => ({ eventType: 'session_ended', roomId: 'r', timestamp: 1 })))],
	['Digital Samba delivery: a field of N characters', (n) => parseDelivery({ eventType: 'x'.repeat(n), timestamp: '9'.repeat(n) })],
	['Digital Samba authorization: a header of N characters', (n) => checkAuthorization(`Bearer ${'a'.repeat(n)}`, 'secret')],
];

describe('request-path functions run in linear time', () => {
	it.each(cases)('%s', (name, work) => expectLinear(name, work));
});

describe('the findings that blocked n8n, each bounded', () => {
	it('a From of 8,000 spaces then sip: parses in milliseconds', () => {
		expect(bestOf(1, () => parseTwilioRequest({ CallSid: CALL_SID, From: `${' '.repeat(8000)}sip:x@y` }))).toBeLessThan(50);
	});

	it('a 128 kB CallerName makes a label of at most 128 characters quickly', () => {
		let label = '';
		expect(bestOf(1, () => (label = callerLabel(CALL_SID, '+15550001111', 'x'.repeat(128 * 1024))))).toBeLessThan(50);
		expect(label.length).toBeLessThanOrEqual(128);
	});

	it('oversized or misshapen fields are refused by name', () => {
		expect(parseTwilioRequest({ CallSid: `CA${'a'.repeat(64 * 1024)}` })).toEqual({ ok: false, reason: expect.stringContaining('CallSid') });
		expect(parseTwilioRequest({ CallSid: CALL_SID, CallerName: 'x'.repeat(300) })).toEqual({ ok: false, reason: 'CallerName is longer than 256 characters' });
		expect(parseTwilioRequest({ CallSid: CALL_SID, From: 'x'.repeat(2000) })).toEqual({ ok: false, reason: 'From is longer than 1024 characters' });
	});

	it('a SIP display name is still read, quoted or not', () => {
		const event = (from: string) => parseTwilioRequest({ CallSid: CALL_SID, From: from, To: 'sip:room@example.com' });
		expect(event('"Ada Lovelace" <sip:ada@example.com>')).toEqual({ ok: true, event: expect.objectContaining({ callerName: 'Ada Lovelace' }) });
		expect(event('Ada <sip:ada@example.com>')).toEqual({ ok: true, event: expect.objectContaining({ callerName: 'Ada' }) });
		expect(event('sip:ada@example.com')).toEqual({ ok: true, event: expect.objectContaining({ callerName: undefined }) });
	});
});
