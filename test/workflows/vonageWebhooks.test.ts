/**
 * Vonage webhooks that are not Vonage's: unsigned, signed with another secret, signed for another
 * body or another application of the account, or signed an hour ago. Each is answered 403 before anything happens: no call is let in, no
 * row is written, Digital Samba hears nothing. A key sent alone in the conversation does what the
 * star command it ends does; `*` alone does nothing.
 */
import { createHash } from 'node:crypto';

import jwt from 'jsonwebtoken';

import { postSignedWebhook, webhookToken } from '../simulators/vonage/sign';
import type { VonageSimulator } from '../simulators/vonage/server';
import { dsRequests } from '../conformance/target';
import { ConformanceWorld } from './conformance';

let world: ConformanceWorld;
let vonage: VonageSimulator;
beforeEach(async () => {
	world = await ConformanceWorld.start('vonage');
	vonage = (world.phones as unknown as { simulator: VonageSimulator }).simulator;
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

const voiceUrl = () => `${world.host.webhookBase}/voice`;

async function post(text: string, headers: Record<string, string>, url = voiceUrl()) {
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
	await world.quiet();
	return answer.status;
}

describe('forged Vonage webhooks', () => {
	it('are refused with 403 and change nothing, while a genuine one is answered', async () => {
		const { bridge, caller } = await world.bridgeAndCaller();
		const expectUnchanged = world.snapshot();
		const conversation = vonage.conversations.get(world.conferenceName)!.id;

		// The bridge PIN from a stranger, and the caller's end, which would report them gone.
		const pin = JSON.stringify({ from: '15550000666', to: '15557654321', uuid: '0b7e8b8e-1d7e-4bd2-9a47-3f0c4b9a1e11', conversation_uuid: 'CON-0b7e8b8e-1d7e-4bd2-9a47-3f0c4b9a1e11', dtmf: { digits: world.bridgePin, timed_out: false } });
		const end = JSON.stringify({ from: '15550000001', to: '15557654321', uuid: caller.callId, conversation_uuid: conversation, status: 'completed', timestamp: new Date().toISOString() });
		const hash = (text: string) => createHash('sha256').update(text).digest('hex');
		for (const [text, url] of [[pin, `${voiceUrl()}?step=pin&attempt=1`], [end, voiceUrl()]]) {
			expect(await post(text, {}, url)).toBe(403);
			expect(await post(text, { authorization: `Bearer ${jwt.sign({ payload_hash: hash(text) }, 'someone-else', { algorithm: 'HS256' })}` }, url)).toBe(403);
			expect(await post(text, { authorization: `Bearer ${jwt.sign({ payload_hash: hash(text) }, '', { algorithm: 'none' })}` }, url)).toBe(403);
			// Genuinely signed for another body; genuinely signed an hour ago.
			expect(await post(text, { authorization: `Bearer ${webhookToken(vonage, '{}')}` }, url)).toBe(403);
			const old = jwt.sign({ payload_hash: hash(text), iat: Math.floor(Date.now() / 1000) - 3600 }, vonage.signatureSecret, { algorithm: 'HS256' });
			expect(await post(text, { authorization: `Bearer ${old}` }, url)).toBe(403);
			// Signed with the account's secret for another of its applications.
			const elsewhere = jwt.sign({ payload_hash: hash(text), application_id: 'another-application' }, vonage.signatureSecret, { algorithm: 'HS256' });
			expect(await post(text, { authorization: `Bearer ${elsewhere}` }, url)).toBe(403);
		}

		expectUnchanged();
		expect(world.phones.members(world.conferenceName).sort()).toEqual([bridge.callId, caller.callId].sort());

		// Signed with the account's secret, it is answered; the caller's real hang-up is its leave.
		const genuine = await postSignedWebhook(voiceUrl(), { from: '15550000009', to: '15557654321', uuid: '9c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', conversation_uuid: 'CON-9c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' }, vonage);
		expect(genuine.status).toBe(200);
		expect(JSON.parse(genuine.body)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'input', type: ['dtmf'] })]));
		await caller.hangUp();
		await world.quiet();
		expect(dsRequests(world, 'left').map((request) => request.body)).toEqual([[caller.callId]]);
	});
});

describe('keys in the conversation, one at a time', () => {
	it('6 alone mutes as *6 does, * alone does nothing; the caller stays in', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ from: '+15550000001', keys: `${world.callerPin}#` });
		await caller.joined();
		await world.quiet();
		caller.press('*');
		await world.quiet();
		expect(dsRequests(world, 'mute')).toEqual([]);
		caller.press('6');
		await world.quiet();
		expect(dsRequests(world, 'mute')).toHaveLength(1);
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(true);
		expect(caller.inConference).toBe(true);
		expect(bridge.inConference).toBe(true);
	});
});
