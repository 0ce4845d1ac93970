/**
 * The provider conformance scenarios: whole calls through one provider's simulator, the same for
 * every provider and for both layers (the workflow host, and a real n8n with the packed package).
 * Adding a provider means making these pass for it. Each scenario starts in a room of its own.
 */
import { providers } from '../../nodes/core/voice/providers';
import { seeded } from '../helpers/burst';
import type { ConformanceTarget } from './target';
import { dsRequests, phoneRequests } from './target';

export type Scenario = (world: ConformanceTarget) => Promise<void>;

export const conformanceScenarios: Array<[string, Scenario]> = [];
const scenario = (name: string, run: Scenario) => conformanceScenarios.push([name, run]);

{
	scenario('S1: early callers wait; the bridge joining announces them in one request; later joins and leaves follow', async (world) => {
		const callers = [0, 1, 2].map((n) => world.call({ from: `+1555000000${n}`, keys: `${world.callerPin}#` }));
		for (const caller of callers) await caller.joined();
		await world.quiet();
		expect(dsRequests(world, 'joined')).toEqual([]);

		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		const announced = dsRequests(world, 'joined').map((request) => request.body as Array<{ call_id: string; caller_number: string }>);
		expect(announced).toHaveLength(1);
		expect(announced[0].map((entry) => [entry.call_id, entry.caller_number]).sort()).toEqual(callers.map((caller) => [caller.callId, caller.from]).sort());

		const fourth = world.call({ from: '+15550000004', keys: `${world.callerPin}#` });
		await fourth.joined();
		await world.quiet();
		expect(dsRequests(world, 'joined')[1]?.body).toEqual([{ call_id: fourth.callId, caller_number: '+15550000004' }]);

		await callers[0].hangUp();
		await world.quiet();
		expect(dsRequests(world, 'left').map((request) => request.body)).toEqual([[callers[0].callId]]);

		await bridge.hangUp();
		await world.quiet();
		expect(dsRequests(world, 'left')).toHaveLength(2);
		expect([...(dsRequests(world, 'left')[1].body as string[])].sort()).toEqual([callers[1].callId, callers[2].callId, fourth.callId].sort());
		// The bridge is never reported, and Digital Samba ends up with nobody.
		expect(JSON.stringify(world.ds.requests.map((request) => request.body ?? ''))).not.toContain(bridge.callId);
		expect(world.ds.anomalies).toEqual([]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		expect(await world.failedExecutions()).toEqual([]);
	});

	scenario('S2: a wrong PIN, then the right one, joins; three wrong PINs hear goodbye and reach nothing', async (world) => {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ keys: `999999#${world.callerPin}#` });
		await caller.joined();
		await world.quiet();
		expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
		expect(dsRequests(world, 'joined').map((request) => request.body)).toEqual([[expect.objectContaining({ call_id: caller.callId })]]);

		const stranger = world.call({ keys: '111111#222222#333333#' });
		await stranger.joined().catch(() => undefined);
		await world.quiet();
		expect(stranger.ended).toBe(true);
		expect(stranger.heard.at(-1)).toBe('Sorry, that PIN was not recognised. Goodbye.');
		expect(world.phones.members(world.conferenceName)).not.toContain(stranger.callId);
		expect(dsRequests(world, 'joined')).toHaveLength(1);
	});

	for (const [name, keys] of [
		['the caller PIN with the bridge PIN after it', (world: ConformanceTarget) => `${world.callerPin}${world.bridgePin}#`],
		['a random long PIN', () => '83749283749283749283#'],
	] as const) {
		scenario(`S4: ${name} never makes the bridge`, async (world) => {
			const caller = world.call({ keys: keys(world) });
			await Promise.race([caller.joined(1, 2000).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500))]);
			await world.quiet();
			expect(caller.heard).toContain('That PIN was not recognised. Please try again.');
			expect(world.phones.members(world.conferenceName)).toEqual([]);
			expect(phoneRequests(world)).toEqual([]);
		});
	}

	async function meetingWithCaller(world: ConformanceTarget) {
		const bridge = world.bridge();
		await bridge.joined();
		const caller = world.call({ from: '+15550000001', keys: `${world.callerPin}#` });
		await caller.joined();
		await world.quiet();
		return { bridge, caller };
	}

	scenario('S3: Digital Samba mutes and unmutes a caller on the phone, and nothing is reported back', async (world) => {
		const { caller, bridge } = await meetingWithCaller(world);
		await world.ds.deliver('phone_participant_muted', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(true);
		await world.ds.deliver('phone_participant_unmuted', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(false);
		expect([...dsRequests(world, 'mute'), ...dsRequests(world, 'unmute')]).toEqual([]);
		// The bridge and another room's calls are refused by name, and nothing changes.
		await world.ds.deliver('phone_participant_muted', { roomId: world.roomId, callId: bridge.callId });
		await world.quiet();
		expect(world.phones.isMuted(world.conferenceName, bridge.callId)).toBe(false);
		expect(await world.failedExecutions()).toEqual([expect.stringContaining('is the phone bridge, not a caller')]);
	});

	scenario('S3: asked to unmute, only that caller hears the request', async (world) => {
		const { caller, bridge } = await meetingWithCaller(world);
		const other = world.call({ from: '+15550000002', keys: `${world.callerPin}#` });
		await other.joined();
		await world.ds.deliver('phone_participant_asked_to_unmute', { roomId: world.roomId, callId: caller.callId });
		await world.quiet();
		const ask = 'The host asks you to unmute. Press star, then 6, to unmute.';
		expect(caller.heard).toContain(ask);
		expect(other.heard).not.toContain(ask);
		expect(bridge.heard).not.toContain(ask);
	});

	scenario('S3: the session ends: callers hear goodbye and are hung up; Digital Samba is told once', async (world) => {
		const bridge = world.bridge();
		await bridge.joined();
		const callers = Array.from({ length: 4 }, (_, n) => world.call({ from: `+1555000010${n}`, keys: `${world.callerPin}#` }));
		await Promise.all(callers.map((caller) => caller.joined()));
		await world.quiet();
		await world.ds.deliver('session_ended', { roomId: world.roomId });
		await world.quiet();
		for (const caller of callers) {
			expect(caller.ended).toBe(true);
			expect(caller.heard).toContain('The meeting has ended. Goodbye.');
		}
		expect(world.ds.state.phoneParticipantsOf(world.roomId).size).toBe(0);
		const left = dsRequests(world, 'left').flatMap((request) => request.body as string[]);
		expect(left.sort()).toEqual(callers.map((caller) => caller.callId).sort());
		expect(world.ds.anomalies).toEqual([]);
	});

	scenario('S5: Digital Samba answers 429 then 500: the caller stays in, the report is retried, Digital Samba ends up right', async (world) => {
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 429, retryAfter: 1, times: 1 });
		world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 500, times: 1 });
		const { caller } = await meetingWithCaller(world);
		await world.quiet();
		expect(caller.inConference).toBe(true);
		expect(phoneRequests(world).filter((request) => request.path.endsWith('/joined')).map((request) => request.status)).toEqual([429, 500, 200]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.callId]);
	});

	scenario('S6: conference callbacks replayed twice, newest first, change nothing in Digital Samba', async (world) => {
		const { caller, bridge } = await meetingWithCaller(world);
		const second = world.call({ from: '+15550000002', keys: `${world.callerPin}#` });
		await second.joined();
		await world.quiet();
		await second.hangUp();
		await world.quiet();
		const before = phoneRequests(world).length;
		expect(dsRequests(world, 'joined')).toHaveLength(2);
		expect(dsRequests(world, 'left')).toHaveLength(1);
		await world.phones.replayConferenceCallbacks();
		await world.quiet();
		expect(phoneRequests(world)).toHaveLength(before);
		expect(world.ds.anomalies).toEqual([]);
		expect([...world.ds.state.phoneParticipantsOf(world.roomId).keys()]).toEqual([caller.callId]);
		expect(bridge.inConference).toBe(true);
	});

	scenario('S7: *6 mutes and unmutes, *9 raises and lowers the hand; the caller never leaves in Digital Samba', async (world) => {
		const { caller } = await meetingWithCaller(world);
		const expected = ['joined'];
		for (const [keys, report] of [['*6', 'mute'], ['*9', 'raise-hand'], ['*6', 'unmute'], ['*9', 'lower-hand']] as const) {
			caller.press(keys);
			expected.push(report);
			await until(() => phoneRequests(world).length === expected.length);
			await world.quiet();
			// The phone side agrees with what Digital Samba was told.
			if (report === 'mute' || report === 'unmute') expect([report, world.phones.isMuted(world.conferenceName, caller.callId)]).toEqual([report, report === 'mute']);
		}
		expect(phoneRequests(world).map((request) => request.path.split('/').pop())).toEqual(expected);
		expect(dsRequests(world, 'left')).toEqual([]);
		expect(world.ds.state.phoneParticipantsOf(world.roomId).get(caller.callId)).toEqual(expect.objectContaining({ muted: false, hand_raised: false }));
		expect(world.phones.isMuted(world.conferenceName, caller.callId)).toBe(false);
		expect(caller.inConference).toBe(true);
		expect(world.ds.anomalies).toEqual([]);
	});

	scenario('S8: 20 callers at the same instant (as many as fit with the bridge where fewer do), callbacks replayed, all hanging up in small groups: Digital Samba exact after each phase', async (world) => {
		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		const listed = () => [...world.ds.state.phoneParticipantsOf(world.roomId).keys()].sort();
		const size = callersThatFit(world, 20);
		const callers = Array.from({ length: size }, (_, n) => world.call({ from: `+1555200${String(n).padStart(4, '0')}`, keys: `${world.callerPin}#` }));
		await Promise.all(callers.map((caller) => caller.joined(1, 30_000)));
		await world.phones.replayConferenceCallbacks();
		await world.quiet();
		// Exactly the callers the provider has in the conference, each once.
		const members = world.phones.members(world.conferenceName);
		expect(listed()).toEqual(callers.map((caller) => caller.callId).filter((callId) => members.includes(callId)).sort());
		expect(listed()).toHaveLength(size);

		const random = seeded(20261127);
		const leaving = [...callers].sort(() => random() - 0.5);
		while (leaving.length > 0) {
			const group = leaving.splice(0, 1 + Math.floor(random() * 4));
			await Promise.all(group.map((caller) => caller.hangUp()));
			await new Promise((resolve) => setTimeout(resolve, random() * 50));
		}
		await world.phones.replayConferenceCallbacks();
		await world.quiet();
		expect(listed()).toEqual([]);
		const announced = dsRequests(world, 'joined').flatMap((request) => (request.body as Array<{ call_id: string }>).map((entry) => entry.call_id));
		const left = dsRequests(world, 'left').flatMap((request) => request.body as string[]);
		expect([announced.length, new Set(announced).size, left.length, new Set(left).size]).toEqual([size, size, size, size]);
		expect(world.ds.anomalies).toEqual([]);
		expect(await world.failedExecutions()).toEqual([]);
		expect(bridge.inConference).toBe(true);
	});
}

export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** `wanted` callers, or as many as the provider's conference takes beside the bridge (Plivo: 19). */
function callersThatFit(world: ConformanceTarget, wanted: number): number {
	const provider = Object.values(providers).find((candidate) => candidate.id === world.phones.provider);
	return Math.min(wanted, (provider?.capabilities.conferenceSizeMax ?? Infinity) - 1);
}

