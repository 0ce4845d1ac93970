/**
 * Sinch callback signatures: ours agree with the official SDK's `validateAuthenticationHeader` on
 * generated signed and tampered callbacks, and reproduce Sinch's documented example.
 */
import { validateAuthenticationHeader } from '@sinch/sdk-client';

import { contentMd5, signSinchRequest, sinchSignature, verifySinchSignature } from '../../../../../nodes/core/voice/providers/sinch/sign';

const KEY = '669E367E-6BBA-48AB-AF15-266871C28135';
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
const URL_ = 'https://n8n.example.com/webhook/voice';
const NOW = Date.parse('2026-11-26T21:00:00.000Z');

interface Callback {
	headers: Record<string, string>;
	body: string;
	url: string;
}

function signed(body: string, url = URL_, timestamp = new Date(NOW).toISOString()): Callback {
	const contentType = 'application/json; charset=utf-8';
	const path = new URL(url).pathname;
	const signature = sinchSignature(SECRET, { method: 'POST', body, contentType, timestamp, path });
	return { url, body, headers: { 'content-type': contentType, 'x-timestamp': timestamp, authorization: `Application ${KEY}:${signature}` } };
}

const ours = (callback: Callback, now = NOW) =>
	verifySinchSignature({ method: 'POST', url: callback.url, headers: callback.headers, rawBody: callback.body }, KEY, SECRET, now).ok;
const official = (callback: Callback) =>
	validateAuthenticationHeader(KEY, SECRET, callback.headers, callback.body, new URL(callback.url).pathname, 'POST');

const ICE = JSON.stringify({ event: 'ice', callid: 'c1', cli: '46700000000', to: { type: 'number', endpoint: '+46700000001' } });
const PIE = JSON.stringify({ event: 'pie', callid: 'c1', menuResult: { menuId: 'step=pin&attempt=1', type: 'sequence', value: '123456', inputMethod: 'dtmf' } });

describe('Sinch callback signatures', () => {
	it("accepts the signed example in Sinch's documentation (Callback Request Signing)", () => {
		// The published test vector: key, secret, body, timestamp and path in; MD5 and signature out.
		const body = '{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}';
		const headers = {
			'content-type': 'application/json',
			'x-timestamp': '2014-09-24T10:59:41Z',
			authorization: 'application 669E367E-6BBA-48AB-AF15-266871C28135:Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=',
		};
		expect(contentMd5(body)).toBe('REWF+X220L4/Gw1spXOU7g==');
		const request = { method: 'POST', url: 'https://callbacks.yourdomain.com/sinch/callback/ace', headers, rawBody: body };
		expect(verifySinchSignature(request, '669E367E-6BBA-48AB-AF15-266871C28135', 'BeIukql3pTKJ8RGL5zo0DA==', Date.parse('2014-09-24T10:59:41Z')).ok).toBe(true);
		expect(verifySinchSignature(request, '669E367E-6BBA-48AB-AF15-266871C28135', 'CeIukql3pTKJ8RGL5zo0DA==', Date.parse('2014-09-24T10:59:41Z')).ok).toBe(false);
	});

	it.each([
		['an ICE', signed(ICE)],
		['a PIE', signed(PIE)],
		['a callback on a path with a query', signed(PIE, `${URL_}?x=1`)],
	])('accepts %s signed as Sinch signs, as the SDK does', (_name, callback) => {
		expect(official(callback)).toBe(true);
		expect(ours(callback)).toBe(true);
	});

	const tampered: Array<[string, (callback: Callback) => Callback]> = [
		['a changed body', (c) => ({ ...c, body: c.body.replace('123456', '654321') })],
		['a body with a space added', (c) => ({ ...c, body: `${c.body} ` })],
		['another content type', (c) => ({ ...c, headers: { ...c.headers, 'content-type': 'text/plain' } })],
		['another timestamp', (c) => ({ ...c, headers: { ...c.headers, 'x-timestamp': new Date(NOW + 1000).toISOString() } })],
		['another path', (c) => ({ ...c, url: 'https://n8n.example.com/webhook/other' })],
		['another key', (c) => ({ ...c, headers: { ...c.headers, authorization: c.headers.authorization.replace(KEY, 'OTHER-KEY') } })],
		['a signature one character off', (c) => ({ ...c, headers: { ...c.headers, authorization: c.headers.authorization.slice(0, -2) + (c.headers.authorization.at(-2) === 'A' ? 'B' : 'A') + '=' } })],
		['no authorization', (c) => ({ ...c, headers: { ...c.headers, authorization: '' } })],
		['Basic with the key and secret', (c) => ({ ...c, headers: { ...c.headers, authorization: `Basic ${KEY}:${SECRET}` } })],
	];
	it.each(tampered)('rejects a callback with %s, as the SDK does (Basic: we accept only signatures)', (name, tamper) => {
		const callback = tamper(signed(PIE));
		expect(ours(callback)).toBe(false);
		// The SDK accepts Basic with the plain key and secret; Sinch signs its callbacks, so we do not.
		if (!name.startsWith('Basic')) expect(official(callback)).toBe(false);
	});

	it('rejects a correctly signed callback older or newer than ten minutes (the SDK checks no time)', () => {
		const old = signed(PIE, URL_, new Date(NOW - 11 * 60_000).toISOString());
		expect(official(old)).toBe(true);
		expect(ours(old)).toBe(false);
		expect(ours(signed(PIE, URL_, new Date(NOW - 9 * 60_000).toISOString()))).toBe(true);
	});

	it('rejects a callback whose raw body n8n did not keep, saying how to fix it', () => {
		const callback = signed(PIE);
		const result = verifySinchSignature({ method: 'POST', url: callback.url, headers: callback.headers, rawBody: undefined }, KEY, SECRET, NOW);
		expect(result).toEqual({ ok: false, reason: expect.stringContaining('Raw Body') });
	});

	it('signs REST requests the way the SDK checks them', () => {
		const body = JSON.stringify({ command: 'mute' });
		const headers = signSinchRequest(KEY, SECRET, { method: 'PATCH', body, contentType: 'application/json', path: '/calling/v1/conferences/id/ds-x/c1' }, new Date(NOW));
		const lower = { 'content-type': 'application/json', 'x-timestamp': headers['x-timestamp'], authorization: headers.Authorization };
		expect(validateAuthenticationHeader(KEY, SECRET, lower, body, '/calling/v1/conferences/id/ds-x/c1', 'PATCH')).toBe(true);
		expect(validateAuthenticationHeader(KEY, SECRET, lower, body, '/calling/v1/conferences/id/ds-y/c1', 'PATCH')).toBe(false);
	});
});
