/**
 * Plivo requests that are not Plivo's: unsigned, without a nonce, signed with another Auth Token,
 * signed for other fields, another URL (a label or a step changed in the query), another nonce.
 * Each is answered 403 before anything happens: no call is let in, no row is written, Digital
 * Samba hears nothing, no member is acted on. Genuine requests are answered; a caller's own `*6`
 * (a `digitsMatch` callback) mutes them in Digital Samba and they stay in the conference.
 */
import { CALLS_TABLE } from '../../nodes/core/ivr/syncPlan';
import { plivoHeaders, postSigned } from '../simulators/plivo/sign';
import type { PlivoSimulator } from '../simulators/plivo/server';
import { dsRequests, phoneRequests } from '../conformance/target';
import { ConformanceWorld } from './conformance';

let world: ConformanceWorld;
let plivo: PlivoSimulator;
beforeEach(async () => {
	world = await ConformanceWorld.start('plivo');
	plivo = (world.phones as unknown as { simulator: PlivoSimulator }).simulator;
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

const voiceUrl = () => `${world.host.webhookBase}/voice`;

async function post(url: string, fields: Record<string, string>, headers: Record<string, string>) {
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
	await world.quiet();
	return answer.status;
}

describe('forged Plivo requests', () => {
	it('are refused with 403 and change nothing, while genuine ones are answered', async () => {
		const { bridge, caller } = await world.bridgeAndCaller();
		const expectUnchanged = world.snapshot();
		const restBefore = plivo.restRequests.length;
		const entered = plivo.deliveries.find((delivery) => delivery.params.ConferenceAction === 'enter' && delivery.params.CallUUID === caller.callId)!;

		// A stranger with the bridge PIN; the caller's leave; the caller's *6.
		const stranger = { CallUUID: '0b7e8b8e-1d7e-4bd2-9a47-3f0c4b9a1e11', From: '15550000666', To: '15557654321', CallStatus: 'in-progress', Direction: 'inbound', Digits: world.bridgePin };
		const forged: Array<[string, Record<string, string>]> = [
			[`${voiceUrl()}?step=pin&attempt=1`, stranger],
			[entered.url, { ...entered.params, ConferenceAction: 'exit' }],
			[entered.url, { ...entered.params, ConferenceAction: 'digits', ConferenceDigitsMatch: '*6' }],
		];
		for (const [url, fields] of forged) {
			const genuine = plivoHeaders(url, fields, plivo.authToken);
			expect(await post(url, fields, {})).toBe(403);
			expect(await post(url, fields, { 'X-Plivo-Signature-V3': genuine['X-Plivo-Signature-V3'] })).toBe(403);
			expect(await post(url, fields, plivoHeaders(url, fields, 'another-auth-token'))).toBe(403);
			expect(await post(url, { ...fields, From: '15550000667' }, genuine)).toBe(403);
			expect(await post(url, fields, { ...genuine, 'X-Plivo-Signature-V3-Nonce': '11111111111111111111' })).toBe(403);
		}
		// A genuine callback whose URL was changed: the caller's label made the bridge's.
		const relabelled = entered.url.replace(/label=[^&]+/, 'label=ds-bridge');
		expect(await post(relabelled, entered.params, plivoHeaders(entered.url, entered.params, plivo.authToken))).toBe(403);

		expectUnchanged();
		expect(plivo.restRequests.length).toBe(restBefore);
		expect(world.phones.members(world.conferenceName).sort()).toEqual([bridge.callId, caller.callId].sort());

		// Signed with the Auth Token, a new call is answered with the PIN prompt.
		const genuine = await postSigned(voiceUrl(), { ...stranger, Digits: '', CallStatus: 'ringing' }, plivo.authToken);
		expect(genuine.status).toBe(200);
		expect(genuine.body).toContain('<GetInput');
		await caller.hangUp();
		await world.quiet();
		expect(dsRequests(world, 'left').map((request) => request.body)).toEqual([[caller.callId]]);
	});

	it('a body that is not a Plivo request, genuinely signed, is refused (Reject: 403) and changes nothing', async () => {
		const url = `${voiceUrl()}?step=pin&attempt=1`;
		const requestsBefore = world.ds.requests.length;
		const bodies: Array<Record<string, string>> = [{ CallUUID: 'not-a-uuid', Digits: '1' }, { CallUUID: '0b7e8b8e-1d7e-4bd2-9a47-3f0c4b9a1e11', Digits: '12<script>' }, { Hello: 'world' }];
		for (const fields of bodies) {
			const answer = await postSigned(url, fields, plivo.authToken);
			expect(answer.status).toBe(403);
		}
		await world.quiet();
		expect(world.host.dataTables.byName(CALLS_TABLE)!.rows).toEqual([]);
		expect(world.ds.requests.length).toBe(requestsBefore);
	});
});

describe('the end of a conference', () => {
	it('the last members leave after Plivo has dropped the conference: no execution fails, each leave is planned', async () => {
		const { bridge, caller } = await world.bridgeAndCaller();
		await bridge.hangUp();
		await caller.hangUp();
		await world.quiet();
		expect(plivo.conferences.has(world.conferenceName)).toBe(false);
		// Replayed after the end too.
		await world.phones.replayConferenceCallbacks();
		await world.quiet();
		expect(await world.failedExecutions()).toEqual([]);
		expect(dsRequests(world, 'joined')).toHaveLength(1);
	});
});

describe('keys pressed in the conference, replayed', () => {
	it('a *6 delivered twice (the same signed request) mutes once; *6 pressed again unmutes', async () => {
		const { caller } = await world.bridgeAndCaller();
		const entered = plivo.deliveries.find((delivery) => delivery.params.ConferenceAction === 'enter' && delivery.params.CallUUID === caller.callId)!;
		const fields = { ...entered.params, ConferenceAction: 'digits', ConferenceDigitsMatch: '*6' };
		const once = plivoHeaders(entered.url, fields, plivo.authToken);
		expect(await post(entered.url, fields, once)).toBe(200);
		expect(await post(entered.url, fields, once)).toBe(200);
		expect(phoneRequests(world).map((request) => request.path.split('/').pop())).toEqual(['joined', 'mute']);
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(true);

		caller.press('*6');
		await world.quiet();
		expect(phoneRequests(world).map((request) => request.path.split('/').pop())).toEqual(['joined', 'mute', 'unmute']);
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(false);
	});
});

describe('a full conference', () => {
	it('Plivo takes 20 members: the bridge and 19 callers are in, the 20th caller is turned away and Digital Samba never hears of them', async () => {
		const bridge = world.bridge();
		await bridge.joined();
		const callers = Array.from({ length: 19 }, (_, n) => world.call({ from: `+1555300${String(n).padStart(4, '0')}`, keys: `${world.callerPin}#` }));
		await Promise.all(callers.map((caller) => caller.joined(1, 30_000)));
		await world.quiet();
		const late = world.call({ from: '+15553009999', keys: `${world.callerPin}#` });
		await late.joined(1, 10_000);
		await world.quiet();
		expect(late.ended).toBe(true);
		expect(late.transcript).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'join-refused' })]));
		expect(world.phones.members(world.conferenceName)).toHaveLength(20);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()].sort()).toEqual(callers.map((caller) => caller.callId).sort());
		expect(await world.failedExecutions()).toEqual([]);
	});
});

