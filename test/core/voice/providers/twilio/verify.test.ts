import { randomBytes } from 'node:crypto';

import twilio from 'twilio';

import { bodySha256, twilioSignature, verifyTwilioSignature } from '../../../../../nodes/core/voice/providers/twilio/verify';

const { getExpectedTwilioSignature, getExpectedBodyHash, validateRequest } = twilio;

/** A deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
	let state = seed;
	const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
	const text = (length: number) =>
		Array.from({ length }, () => pick([...'abcXYZ019 +-_.~!*\'()&=?/%äé€😀:#'])).join('');
	return { next, pick, text };
}

function randomRequest(seed: number) {
	const { next, pick, text } = generator(seed);
	const host = pick(['https://n8n.example.com', 'https://n8n.example.com:443', 'http://localhost:5678', 'https://x.io:8443']);
	const query = next() < 0.5 ? `?step=${pick(['pin', 'menu', 'dial'])}&attempt=${Math.floor(next() * 5)}` : '';
	const url = `${host}/webhook/${text(8).replace(/[^a-z0-9]/gi, 'a')}${query}`;
	const params: Record<string, string> = {};
	const names = ['CallSid', 'From', 'To', 'Digits', 'CallerName', 'AccountSid', 'SipHeader_X-Room', 'Caller'];
	for (let i = 0, count = 1 + Math.floor(next() * names.length); i < count; i++) params[pick(names)] = text(Math.floor(next() * 20));
	return { url, params };
}

describe('the Twilio signature', () => {
	it('matches the twilio package on Twilio’s documented example', () => {
		const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
		const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
		expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
		expect(getExpectedTwilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
	});

	it('equals getExpectedTwilioSignature on 200 generated form requests, and both validators agree', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const token = randomBytes(16).toString('hex');
			const { url, params } = randomRequest(seed);
			const ours = twilioSignature(token, url, params);
			expect(ours).toBe(getExpectedTwilioSignature(token, url, params));
			const verdict = verifyTwilioSignature({ url, params, signature: ours }, token).ok;
			expect(verdict).toBe(validateRequest(token, ours, url, params));
			expect(verdict).toBe(true);
		}
	});

	it('equals the twilio package for repeated parameters', () => {
		const params = { Tag: ['b', 'a', 'b'], CallSid: 'CA1' };
		expect(twilioSignature('t', 'https://x.io/a', params)).toBe(getExpectedTwilioSignature('t', 'https://x.io/a', params));
	});

	it('accepts the URL with the default port added or removed, as the twilio package does', () => {
		const params = { CallSid: 'CA1' };
		const signedWithPort = getExpectedTwilioSignature('t', 'https://x.io:443/hook?step=pin', params);
		expect(verifyTwilioSignature({ url: 'https://x.io/hook?step=pin', params, signature: signedWithPort }, 't').ok).toBe(true);
		expect(validateRequest('t', signedWithPort, 'https://x.io/hook?step=pin', params)).toBe(true);
	});

	it('equals the twilio package for JSON bodies signed through bodySHA256 (100 bodies)', () => {
		for (let seed = 1; seed <= 100; seed++) {
			const { text } = generator(seed);
			const body = JSON.stringify({ event: text(12), n: seed });
			expect(bodySha256(body)).toBe(getExpectedBodyHash(body));
			const url = `https://n8n.example.com/webhook/x?bodySHA256=${getExpectedBodyHash(body)}`;
			const signature = getExpectedTwilioSignature('token', url, {});
			expect(verifyTwilioSignature({ url, rawBody: body, signature }, 'token')).toEqual({ ok: true });
			expect(twilio.validateRequestWithBody('token', signature, url, body)).toBe(true);
			expect(verifyTwilioSignature({ url, rawBody: body + ' ', signature }, 'token')).toEqual({
				ok: false,
				reason: 'the body does not match bodySHA256',
			});
		}
	});

	describe('rejects', () => {
		const url = 'https://n8n.example.com/webhook/voice?step=pin&attempt=1';
		const params = { CallSid: 'CA1', Digits: '123456' };
		const signature = getExpectedTwilioSignature('right-token', url, params);

		it.each([
			['a forged signature', { url, params, signature: getExpectedTwilioSignature('wrong-token', url, params) }, 'the signature does not match'],
			['a request replayed to another URL', { url: url.replace('attempt=1', 'attempt=2'), params, signature }, 'the signature does not match'],
			['changed digits', { url, params: { ...params, Digits: '654321' }, signature }, 'the signature does not match'],
			['an added parameter', { url, params: { ...params, CallerName: 'ds-bridge' }, signature }, 'the signature does not match'],
			['no signature', { url, params, signature: undefined }, 'the X-Twilio-Signature header is missing'],
			['a truncated signature', { url, params, signature: signature.slice(0, -2) }, 'the signature does not match'],
		])('%s', (_, request, reason) => {
			expect(verifyTwilioSignature(request, 'right-token')).toEqual({ ok: false, reason });
			expect(validateRequest('right-token', request.signature ?? '', request.url, request.params)).toBe(false);
		});

		it('everything when no Auth Token is configured', () => {
			expect(verifyTwilioSignature({ url, params, signature }, '')).toEqual({ ok: false, reason: 'no Auth Token is configured' });
		});
	});
});
