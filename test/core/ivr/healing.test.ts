import { absentCalls, HEAL_GRACE_MS, healingClaims, openRow } from '../../../nodes/core/ivr/healing';
import type { OpenRow } from '../../../nodes/core/ivr/healing';
import { BRIDGE_LABEL, callerLabel } from '../../../nodes/core/ivr/labels';
import { REPORT_LEASE_MS } from '../../../nodes/core/ivr/syncPlan';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const ada = { callId: 'CA1', label: callerLabel('CA1', '+15550001', 'Ada') };
const bob = { callId: 'CA2', label: callerLabel('CA2', '+15550002', '') };
const bridge = { callId: 'CA9', label: BRIDGE_LABEL };
const quietRow = (callId: string, state: OpenRow['state'], extra: Partial<OpenRow> = {}): OpenRow => ({
	callId,
	state,
	bridgeCall: state === 'announced' ? 'CA9' : '',
	goneBridge: '',
	report: 'told',
	claim: '7',
	updatedAt: NOW - HEAL_GRACE_MS - 1,
	...extra,
});
const heal = (rows: OpenRow[], present = [ada, bridge], ended: string[] = []) => healingClaims('ds-x', rows, present, new Set(ended), NOW, 'EX');
const shape = (claims: ReturnType<typeof heal>) => claims.map((claim) => [claim.matchColumn, claim.matchValue, claim.from, claim.to, claim.report]);

describe('healingClaims', () => {
	it('a caller in with the bridge whose row still waits (its join callback was lost) is announced under the bridge', () => {
		expect(heal([quietRow('CA1', 'waiting')])).toEqual([expect.objectContaining({ matchColumn: 'call_id', matchValue: 'CA1', from: 'waiting', to: 'announced', bridgeCall: 'CA9', unlessGone: 'CA9', unlessReport: 'left', report: 'joined' })]);
		// No bridge in: nothing to announce.
		expect(heal([quietRow('CA1', 'waiting')], [ada])).toEqual([]);
	});

	it('leaves alone rows changed within the grace period, and rows whose report is in flight', () => {
		expect(heal([quietRow('CA1', 'waiting', { updatedAt: NOW - HEAL_GRACE_MS + 1000 })])).toEqual([]);
		expect(heal([quietRow('CA1', 'waiting', { report: 'left', updatedAt: NOW - REPORT_LEASE_MS + 1000 })])).toEqual([]);
	});

	it('an open row whose call the provider says has ended (its leave callback was lost) is ended: left if announced', () => {
		expect(shape(heal([quietRow('CA2', 'announced')], [ada, bridge], ['CA2']))).toEqual([
			['call_id', 'CA2', 'announced', 'ended', 'left'],
			['call_id', 'CA2', 'waiting', 'closed', 'none'],
		]);
		// Absent but not known to have ended (the keypad menu, or not looked up): nothing.
		expect(heal([quietRow('CA2', 'announced')], [ada, bridge], [])).toEqual([]);
	});

	it('rows announced under a bridge call that is gone (its leave was lost) go back to waiting with left; with a new bridge in, present callers are announced under it in the same run', () => {
		const rows = [quietRow('CA1', 'announced', { bridgeCall: 'CA8' }), quietRow('CA2', 'announced', { bridgeCall: 'CA8' })];
		expect(shape(heal(rows, [ada, bob]))).toEqual([
			['conference', 'ds-x', 'waiting', 'waiting', 'none'],
			['bridge_call', 'CA8', 'announced', 'waiting', 'left'],
		]);
		const handOver = heal(rows, [ada, bridge]);
		expect(shape(handOver)).toEqual([
			['conference', 'ds-x', 'waiting', 'waiting', 'none'],
			['bridge_call', 'CA8', 'announced', 'waiting', 'left'],
			['call_id', 'CA1', 'waiting', 'announced', 'joined'],
		]);
		// Only a row this execution itself reverted: never over another execution's unconfirmed left.
		expect(handOver[2]).toEqual(expect.objectContaining({ unlessReport: '*', alsoColumn: 'claim', alsoValue: 'EX' }));
	});

	it('a report unconfirmed for longer than the lease is taken over, grouped by the execution that claimed it', () => {
		const stale = NOW - REPORT_LEASE_MS - 1;
		const rows = [
			quietRow('CA1', 'announced', { report: 'joined', claim: '41', updatedAt: stale }),
			quietRow('CA2', 'announced', { report: 'joined', claim: '41', updatedAt: stale }),
			quietRow('CA3', 'ended', { report: 'left', claim: '42', bridgeCall: '', updatedAt: stale }),
		];
		expect(heal(rows, [ada, bob, bridge])).toEqual([
			// Never the same execution's rows that had nothing to report (a bridge leave marks those).
			expect.objectContaining({ matchColumn: 'claim', matchValue: '41', from: 'announced', to: 'announced', bridgeCall: 'CA9', report: 'joined', unlessReport: 'none' }),
			expect.objectContaining({ matchColumn: 'claim', matchValue: '42', from: 'ended', to: 'ended', report: 'left' }),
		]);
	});

	it('rows from before claims were tagged are never taken over (no compare-and-set is possible)', () => {
		expect(heal([quietRow('CA1', 'announced', { report: 'joined', claim: '', updatedAt: NOW - REPORT_LEASE_MS - 1 })])).toEqual([]);
	});

	it('an ended row told but never closed is closed', () => {
		expect(shape(heal([quietRow('CA3', 'ended', { claim: '43', bridgeCall: '' })]))).toEqual([['claim', '43', 'ended', 'closed', 'told']]);
	});

	it('a row in order (announced under the bridge in, caller present) needs nothing', () => {
		expect(heal([quietRow('CA1', 'announced')])).toEqual([]);
	});
});

describe('absentCalls', () => {
	it('picks at most the limit among quiet open rows absent from the conference', () => {
		const rows = ['CA1', 'CA2', 'CA3', 'CA4', 'CA5'].map((id) => quietRow(id, 'announced'));
		const picked = absentCalls(rows, [ada, bridge], NOW, 3, () => 0);
		expect(picked).toEqual(['CA2', 'CA3', 'CA4']);
		expect(absentCalls([quietRow('CA2', 'announced', { updatedAt: NOW })], [ada], NOW, 3)).toEqual([]);
		expect(absentCalls([quietRow('CA2', 'ended')], [ada], NOW, 3)).toEqual([]);
	});
});

describe('openRow', () => {
	it('reads a Data Table row (dates as strings or Dates) and refuses anything else', () => {
		const json = { call_id: 'CA1', state: 'announced', bridge_call: 'CA9', gone_bridge: '', report: 'told', claim: '7', updatedAt: '2026-11-26T12:00:00.000Z' };
		expect(openRow(json)).toEqual({ callId: 'CA1', state: 'announced', bridgeCall: 'CA9', goneBridge: '', report: 'told', claim: '7', updatedAt: NOW });
		expect(openRow({ ...json, updatedAt: new Date(NOW) })?.updatedAt).toBe(NOW);
		expect(openRow({})).toBeUndefined();
		expect(openRow({ ...json, state: 'closed' })).toBeUndefined();
	});
});
