/**
 * Sinch callbacks that are not Sinch's: unsigned, signed with another secret, replayed too late,
 * or with a body changed after signing. Each is answered 403 before anything happens: no call is
 * let in, no row is written, Digital Samba hears nothing.
 */
import { postSignedCallback } from '../simulators/sinch/sign';
import type { SinchSimulator } from '../simulators/sinch/server';
import { dsRequests } from '../conformance/target';
import { ConformanceWorld } from './conformance';

let world: ConformanceWorld;
let sinch: SinchSimulator;
beforeEach(async () => {
	world = await ConformanceWorld.start('sinch');
	sinch = (world.phones as unknown as { simulator: SinchSimulator }).simulator;
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

const voiceUrl = () => `${world.host.webhookBase}/voice`;

async function post(body: object, headers: Record<string, string>, text = JSON.stringify(body)) {
	const answer = await fetch(voiceUrl(), { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: text });
	await world.quiet();
	return answer.status;
}

describe('forged Sinch callbacks', () => {
	it('are refused with 403 and change nothing, while a genuine one is answered', async () => {
		const { bridge, caller } = await world.bridgeAndCaller();
		const expectUnchanged = world.snapshot();

		// The bridge PIN, and a DICE that would report the caller as gone.
		const pin = { event: 'pie', callid: 'forged-1', menuResult: { menuId: 'main', type: 'sequence', value: world.bridgePin, inputMethod: 'dtmf' }, cookies: [{ key: 'attempt', value: '1' }] };
		const dice = { event: 'dice', callid: caller.callId, reason: 'CALLERHANGUP', result: 'ANSWERED', cookies: [{ key: 'conf', value: world.conferenceName }, { key: 'label', value: 'ds-bridge' }] };
		const now = new Date().toISOString();
		for (const body of [pin, dice]) {
			expect(await post(body, { 'x-timestamp': now })).toBe(403);
			expect(await post(body, { 'x-timestamp': now, authorization: `Application ${sinch.applicationKey}:${'A'.repeat(43)}=` })).toBe(403);
			expect(await post(body, { 'x-timestamp': now, authorization: `Basic ${sinch.applicationKey}:${sinch.applicationSecret}` })).toBe(403);
		}
		// Signed by someone with another secret.
		const other = await postSignedCallback(voiceUrl(), dice, sinch.applicationKey, Buffer.from('someone else').toString('base64'));
		expect(other.status).toBe(403);
		// Genuinely signed, then changed; and genuinely signed eleven minutes ago.
		const signed = await captureSigned(dice);
		expect(await post(dice, signed.headers, signed.text.replace(caller.callId, 'other-call'))).toBe(403);
		const stale = await captureSigned(dice, new Date(Date.now() - 11 * 60_000));
		expect(await post(dice, stale.headers, stale.text)).toBe(403);

		expectUnchanged();
		expect(world.phones.members(world.conferenceName).sort()).toEqual([bridge.callId, caller.callId].sort());

		// A callback signed with the application's secret is answered; the caller's real hang-up is its leave.
		const genuine = await postSignedCallback(voiceUrl(), { event: 'ice', callid: 'genuine-1', cli: '15550000009', to: { type: 'number', endpoint: '+15557654321' } }, sinch.applicationKey, sinch.applicationSecret);
		expect(genuine.status).toBe(200);
		expect(JSON.parse(genuine.body).action).toEqual(expect.objectContaining({ name: 'runMenu' }));
		await caller.hangUp();
		await world.quiet();
		expect(dsRequests(world, 'left').map((request) => request.body)).toEqual([[caller.callId]]);
	});
});

/** What Sinch would send for `body`, signed at `at`, without sending it. */
async function captureSigned(body: object, at = new Date()): Promise<{ headers: Record<string, string>; text: string }> {
	const { generateAuthorizationHeader } = await import('@sinch/sdk-client');
	const text = JSON.stringify(body);
	const timestamp = at.toISOString();
	const authorization = generateAuthorizationHeader('POST', text, 'application/json; charset=utf-8', `x-timestamp:${timestamp}`, new URL(voiceUrl()).pathname, sinch.applicationKey, sinch.applicationSecret);
	return { headers: { 'x-timestamp': timestamp, authorization }, text };
}
