/**
 * Plivo's V3 signature against the official `plivo` package: on requests signed with the Auth Token
 * (GET and POST, with and without a query, fields repeated, non-ASCII values) and on every way of
 * tampering with them, our check says what `validateV3Signature` says.
 */
import { randomBytes } from 'node:crypto';

import { validateV3Signature } from 'plivo';

import { plivoSignedText, plivoV3Signature, verifyPlivoSignature } from '../../../../../nodes/core/voice/providers/plivo/verify';

const TOKEN = 'MzY5YjE1ZDQtZWE0Zi00YjY4LThhNDAt';
const NONCE = '05429567804466091622';

interface Signed {
	method: 'GET' | 'POST';
	url: string;
	nonce: string;
	signature: string;
	params: Record<string, string>;
}

const sign = (method: 'GET' | 'POST', url: string, params: Record<string, string> = {}, nonce = NONCE): Signed => ({
	method,
	url,
	nonce,
	params,
	signature: plivoV3Signature(TOKEN, method, url, nonce, params),
});

const theirs = (request: Signed, token = TOKEN) => validateV3Signature(request.method, request.url, request.nonce, token, request.signature, request.params);
const ours = (request: Signed, token = TOKEN) => verifyPlivoSignature(request, token).ok;

const CALL = { CallUUID: '16e3a2b4-2f56-4b0b-a5c4-1e0c4b3b4e21', From: '15550000001', To: '15557654321', CallStatus: 'in-progress', Direction: 'inbound' };
const requests: Array<[string, Signed]> = [
	['POST with fields, no query', sign('POST', 'https://n8n.example.com/webhook/voice', CALL)],
	['POST with fields and a query', sign('POST', 'https://n8n.example.com/webhook/voice?step=pin&attempt=2', { ...CALL, Digits: '1234' })],
	['POST without fields, with a query', sign('POST', 'https://n8n.example.com/webhook/voice?step=wait')],
	['POST without fields or query', sign('POST', 'https://n8n.example.com/webhook/voice')],
	['GET with a query', sign('GET', 'https://n8n.example.com/webhook/voice?step=pin&CallUUID=abc&From=15550000001')],
	['GET without a query', sign('GET', 'https://n8n.example.com/webhook/voice')],
	['GET with a query and more fields', sign('GET', 'https://n8n.example.com/webhook/voice?b=2&a=1', { c: '3', a: '0' })],
	['a port and a trailing slash', sign('POST', 'http://127.0.0.1:5678/webhook/voice/?step=conference', CALL)],
	// No name twice in a query: under Jest the SDK's `instanceof Array` fails for the arrays Node's
	// querystring makes (another realm) and it joins them with commas; Plivo repeats no name anyway.
	['encoded query values', sign('POST', 'https://h.example/webhook/voice?label=p.x.eyJhIjoxfQ&x=a+b&y=%C3%A9t%C3%A9', CALL)],
	['non-ASCII and symbols in fields', sign('POST', 'https://h.example/webhook/voice', { ...CALL, CallerName: 'José Ñúñez', Note: 'a=b&c.d?e' })],
];

describe('Plivo V3 signatures agree with validateV3Signature', () => {
	it.each(requests)('%s: genuine', (_name, request) => {
		expect(theirs(request)).toBe(true);
		expect(ours(request)).toBe(true);
	});

	const tamperings: Array<[string, (request: Signed) => Signed]> = [
		['a field changed', (request) => ({ ...request, params: { ...request.params, From: '15550000666' } })],
		['a field added', (request) => ({ ...request, params: { ...request.params, Digits: '9' } })],
		['the query changed', (request) => ({ ...request, url: request.url.includes('?') ? request.url.replace(/=[^&]*$/, '=9') : `${request.url}?step=pin` })],
		['another host', (request) => ({ ...request, url: request.url.replace(/\/\/[^/]+/, '//evil.example') })],
		['another path', (request) => ({ ...request, url: request.url.replace('/webhook/', '/webhook-test/') })],
		['another nonce', (request) => ({ ...request, nonce: '99999999999999999999' })],
		['another method', (request) => ({ ...request, method: request.method === 'GET' ? 'POST' : 'GET' })],
		['a signature from another token', (request) => ({ ...request, signature: plivoV3Signature('another-token', request.method, request.url, request.nonce, request.params) })],
		['the signature truncated', (request) => ({ ...request, signature: request.signature.slice(0, -2) })],
		['the genuine signature after another', (request) => ({ ...request, signature: `${plivoV3Signature('old-token', request.method, request.url, request.nonce, request.params)},${request.signature}` })],
		['the genuine signature after a space', (request) => ({ ...request, signature: `x, ${request.signature}` })],
	];
	const cases = requests.flatMap(([name, request]) => tamperings.map(([how, tamper]): [string, string, Signed] => [name, how, tamper(request)]));

	it.each(cases)('%s, %s: the same answer', (_name, _how, request) => {
		expect(ours(request)).toBe(theirs(request));
	});

	it('tampering is refused and a rotated token’s list is accepted (the table above is not all "true")', () => {
		const results = cases.map(([, , request]) => ours(request));
		expect(results.filter((ok) => ok).length).toBeGreaterThan(0);
		expect(results.filter((ok) => !ok).length).toBeGreaterThan(cases.length / 2);
	});

	it('random requests: the same answer, genuine or not', () => {
		for (let run = 0; run < 300; run++) {
			const method = run % 2 === 0 ? 'GET' : 'POST';
			const query = run % 3 === 0 ? '' : `?step=${randomBytes(3).toString('hex')}&z=${encodeURIComponent(randomBytes(4).toString('base64'))}`;
			const params = Object.fromEntries(Array.from({ length: run % 4 }, (_, i) => [`F${randomBytes(2).toString('hex')}${i}`, randomBytes(5).toString('base64')]));
			const request = sign(method, `https://n8n.example.com/webhook/${run}${query}`, params, String(run));
			const token = run % 5 === 0 ? 'not-the-token' : TOKEN;
			expect(ours(request, token)).toBe(theirs(request, token));
		}
	});
});

/**
 * Plivo's own test vectors (plivo-go `utils_test.go`: a real answer request of an outbound SIP call,
 * signed by Plivo): our check accepts each, and refuses it under another token.
 */
describe('signatures Plivo made', () => {
	const token = 'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4';
	const nonce = '31627761595286130198';
	const uuid = '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36';
	const params = {
		Direction: 'outbound',
		From: '19792014278',
		ALegUUID: uuid,
		CallStatus: 'in-progress',
		BillRate: '0.002',
		ParentAuthID: 'MANWVLYTK4ZWU1YTY4QA',
		To: 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com',
		ALegRequestUUID: uuid,
		CallUUID: uuid,
		RequestUUID: uuid,
		'SIP-H-To': '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1',
		SessionStart: '2020-04-08 11:34:33.238707',
		Event: 'StartApp',
	};
	const withQuery = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml/?a=b&c=d';
	const withoutQuery = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';
	it.each([
		['POST', withQuery, params, 'k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c='],
		['GET', withQuery, params, 'UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ='],
		['POST', withoutQuery, params, 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0='],
		['GET', withoutQuery, params, 'i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc='],
	])('%s %s', (method, url, fields, signature) => {
		const request = { method, url, nonce, signature, params: fields };
		expect(verifyPlivoSignature(request, token).ok).toBe(true);
		expect(verifyPlivoSignature(request, TOKEN).ok).toBe(false);
	});
});

describe('what is refused before any HMAC', () => {
	const request = sign('POST', 'https://n8n.example.com/webhook/voice', CALL);
	it.each([
		['no signature', { ...request, signature: undefined }, 'X-Plivo-Signature-V3 header is missing'],
		['no nonce', { ...request, nonce: undefined }, 'Nonce header is missing'],
		['a PUT', { ...request, method: 'PUT' }, 'not PUT'],
	])('%s', (_name, given, reason) => {
		const result = verifyPlivoSignature(given, TOKEN);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});
	it('no Auth Token configured', () => expect(verifyPlivoSignature(request, '').ok).toBe(false));
	it('the signed text as Plivo builds it (readable, for the README’s description)', () => {
		expect(plivoSignedText('POST', 'https://h/v?b=2&a=1', { Y: '2', X: '1' })).toBe('https://h/v?a=1&b=2.X1Y2');
		expect(plivoSignedText('POST', 'https://h/v', { Y: '2', X: '1' })).toBe('https://h/v?X1Y2');
		expect(plivoSignedText('GET', 'https://user:pw@h:8443/v?b=2&a=1#f')).toBe('https://h:8443/v?a=1&b=2');
	});
});
