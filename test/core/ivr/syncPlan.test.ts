import { BRIDGE_LABEL, callerLabel } from '../../../nodes/core/ivr/labels';
import { ANONYMOUS_CALLER, conferenceNameFor, disagreement, planClaims, roomIdOf, roomReports } from '../../../nodes/core/ivr/syncPlan';
import type { ParticipantEvent } from '../../../nodes/core/voice/events';

const ada = { callId: 'CA1', label: callerLabel('CA1', '+15550001', 'Ada') };
const bob = { callId: 'CA2', label: callerLabel('CA2', '+15550002', '') };
const bridge = { callId: 'CA9', label: BRIDGE_LABEL };
const event = (type: ParticipantEvent['type'], who: { callId: string; label: string }): ParticipantEvent => ({
	type,
	conference: 'ds-x',
	conferenceId: 'CF1',
	callId: who.callId,
	label: who.label,
	muted: false,
	raw: {},
});

const claim = (matchColumn: string, matchValue: string, from: string, to: string, extra: Record<string, string>) => expect.objectContaining({ matchColumn, matchValue, from, to, ...extra });

describe('planClaims', () => {
	it('the bridge joining claims every caller present (waiting → announced under it), the bridge never', () => {
		expect(planClaims(event('participant.joined', bridge), [ada, bob, bridge], false, 'EX')).toEqual([
			claim('call_id', 'CA1', 'waiting', 'announced', { bridgeCall: 'CA9', unlessGone: 'CA9', unlessReport: 'left', report: 'joined' }),
			claim('call_id', 'CA2', 'waiting', 'announced', { bridgeCall: 'CA9', unlessGone: 'CA9', unlessReport: 'left', report: 'joined' }),
		]);
	});

	it('a caller joining is claimed only while the bridge is in and the caller still is', () => {
		expect(planClaims(event('participant.joined', ada), [ada], false, 'EX')).toEqual([]);
		expect(planClaims(event('participant.joined', ada), [ada, bridge], false, 'EX')).toEqual([claim('call_id', 'CA1', 'waiting', 'announced', { bridgeCall: 'CA9', report: 'joined' })]);
		expect(planClaims(event('participant.joined', ada), [bridge], false, 'EX')).toEqual([]);
	});

	it('a caller whose call ended: left if announced, nothing (and never later) if still waiting; the keypad menu changes nothing', () => {
		expect(planClaims(event('participant.left', ada), [bridge], false, 'EX')).toEqual([
			// Neither over an unconfirmed report: a joined still being told, a left not yet told.
			claim('call_id', 'CA1', 'announced', 'ended', { report: 'left', unlessReport: 'joined' }),
			claim('call_id', 'CA1', 'waiting', 'closed', { report: 'none', unlessReport: 'left' }),
		]);
		// Without the bridge too: a caller announced under a bridge whose leave is not processed yet.
		expect(planClaims(event('participant.left', ada), [], false, 'EX')).toHaveLength(2);
		expect(planClaims(event('participant.left', ada), [bridge], true, 'EX')).toEqual([]);
	});

	it('the bridge leaving marks its waiting rows, then puts its announced rows back to waiting with left', () => {
		expect(planClaims(event('participant.left', bridge), [ada, bob], false, 'EX')).toEqual([
			// Not over a waiting row's unconfirmed left (it would lose it).
			claim('conference', 'ds-x', 'waiting', 'waiting', { goneBridge: 'CA9', unlessReport: 'left', report: 'none' }),
			claim('bridge_call', 'CA9', 'announced', 'waiting', { goneBridge: 'CA9', bridgeCall: '', unlessReport: 'joined', report: 'left' }),
		]);
	});

	it('a bridge call that leaves while the next is already in hands its callers over: left, then joined under the next', () => {
		const next = { callId: 'CA8', label: BRIDGE_LABEL };
		const claims = planClaims(event('participant.left', bridge), [ada, next], false, 'EX');
		expect(claims.map((entry) => [entry.matchValue, entry.report])).toEqual([
			['ds-x', 'none'],
			['CA9', 'left'],
			['CA1', 'joined'],
			['CA1', 'joined'],
		]);
		// The row this execution just reverted: its pending left is this execution's own (reported
		// first), so the hand-over may pass it, but only on rows this execution claimed.
		expect(claims[2]).toEqual(claim('call_id', 'CA1', 'waiting', 'announced', { bridgeCall: 'CA8', unlessGone: 'CA8', unlessReport: '*', alsoColumn: 'claim', alsoValue: 'EX' }));
		// A caller waiting and settled is announced as usual; never over another execution's pending left.
		expect(claims[3]).toEqual(claim('call_id', 'CA1', 'waiting', 'announced', { bridgeCall: 'CA8', unlessReport: 'left', alsoColumn: 'call_id', alsoValue: 'CA1' }));
	});

	it('mutes, holds and foreign participants claim nothing', () => {
		expect(planClaims(event('participant.muted', ada), [ada, bridge], false, 'EX')).toEqual([]);
		expect(planClaims(event('participant.joined', { callId: 'CA7', label: 'someone-else' }), [bridge], false, 'EX')).toEqual([]);
	});
});

describe('identity comes from the provider, not from the callback', () => {
	it('a join labelled ds-bridge for a call the provider lists under another label is a disagreement', () => {
		const forged = { ...event('participant.joined', ada), label: BRIDGE_LABEL };
		expect(disagreement(forged, 'ds-x', [ada, bridge])).toMatch(/labelled 'p\.CA1\./);
		expect(disagreement(event('participant.joined', bridge), 'ds-x', [ada, bridge])).toBeUndefined();
	});

	it('a callback naming another room than its conference SID is a disagreement', () => {
		expect(disagreement(event('participant.left', ada), 'ds-other', [bridge])).toMatch(/is 'ds-other', not 'ds-x'/);
	});

	it('a bridge join for a bridge call no longer listed (late or replayed) announces nobody', () => {
		expect(planClaims(event('participant.joined', bridge), [ada, bob], false, 'EX')).toEqual([]);
	});

	it('a leave for a call still in the conference (the bridge, or a caller back from the menu) claims nothing', () => {
		expect(planClaims(event('participant.left', bridge), [ada, bridge], false, 'EX')).toEqual([]);
		expect(planClaims(event('participant.left', ada), [ada, bridge], false, 'EX')).toEqual([]);
	});
});

describe('roomReports', () => {
	const room = '7f8c8eac-6643-47db-8d93-e7633e6e53ec';
	const row = (call_id: string, report: string, extra: Record<string, string> = {}) => ({ call_id, conference: `ds-${room}`, state: 'x', report, ...extra });

	it('one left and one joined batch per room, left first, each call once; rows that report nothing are skipped', () => {
		expect(
			roomReports([row('CA1', 'joined', { caller_number: '+1555', name: 'Ada' }), row('CA2', 'left'), row('CA2', 'none'), row('CA1', 'joined'), row('CA3', 'left'), { ...row('CA4', 'left'), conference: 'ds-standup' }]),
		).toEqual([{ roomId: room, left: ['CA2', 'CA3'], joined: [{ callId: 'CA1', callerNumber: '+1555', name: 'Ada' }] }]);
	});

	it('a caller with neither number nor name is still listed, by a name', () => {
		expect(roomReports([row('CA1', 'joined', { caller_number: '', name: '' })])[0].joined).toEqual([{ callId: 'CA1', callerNumber: '', name: ANONYMOUS_CALLER }]);
	});
});

test('conference names carry the room UUID', () => {
	const room = '7f8c8eac-6643-47db-8d93-e7633e6e53ec';
	expect(roomIdOf(conferenceNameFor(room))).toBe(room);
	expect(roomIdOf('ds-standup')).toBeUndefined();
	expect(roomIdOf(room)).toBeUndefined();
});
