/**
 * Healing: what the "dial-in calls" table says, checked against the provider's participant list
 * after every conference event, so that a callback nobody processed (its worker died, Twilio
 * does not resend it) or a report nobody confirmed (the execution died after its claim, or Digital
 * Samba kept refusing) is made good by the next event in that conference. The claims are ordinary
 * compare-and-set claims (syncPlan.ts): if the lost execution's own claim, or another healer's,
 * gets there first, this one changes nothing. docs/participant-sync.md, "Healing", has the cases.
 *
 * Pure: the adapter (Plan Sync) reads the open rows with a Data Table node before it, fetches the
 * participant list, and the status of a few absent calls (`endedCalls`).
 */
import { BRIDGE_LABEL, parseLabel } from './labels';
import type { CallState, Claim, PresentParticipant, Report } from './syncPlan';
import { announce, bridgeLeft, claim, end, handOver, NEVER_STORED, REPORT_LEASE_MS } from './syncPlan';

/** A row of "dial-in calls" as Open Calls reads it (every row of the conference not yet closed). */
export interface OpenRow {
	callId: string;
	state: CallState;
	bridgeCall: string;
	goneBridge: string;
	report: Report | '';
	/** The execution that made the row's last claim. */
	claim: string;
	/** When the row last changed (ms since the epoch). */
	updatedAt: number;
}

/**
 * How long a row must have stayed as it is before healing acts on it. An event's own execution
 * changes its rows within moments; a row unchanged for this long while the conference says
 * otherwise was missed. It also keeps healing out of a session's teardown, where Digital Samba has
 * been told everyone left and the calls are being ended.
 */
export const HEAL_GRACE_MS = 10_000;

const pending = (row: OpenRow) => row.report === 'joined' || row.report === 'left';
/** Settled (nothing in flight) and unchanged for the grace period. */
const quietSince = (now: number) => (row: OpenRow) => !pending(row) && now - row.updatedAt > HEAL_GRACE_MS;

/**
 * Reports claimed more than a lease ago and still unconfirmed: the claiming execution died, or
 * Digital Samba refused every try. Taking the rows over (same state, claimed again by this
 * execution) makes this execution the one that reports them, once, in the usual way.
 */
function takeOverStale(rows: OpenRow[], now: number): Claim[] {
	const groups = new Map<string, Claim>();
	// Rows from before claims were tagged (no `claim`) cannot be taken over by compare-and-set: left alone.
	for (const row of rows.filter((candidate) => pending(candidate) && candidate.claim !== '' && now - candidate.updatedAt > REPORT_LEASE_MS)) {
		const takeOver = claim({
			matchColumn: 'claim',
			matchValue: row.claim,
			from: row.state,
			unlessGone: NEVER_STORED,
			// The same execution's rows with nothing to report (marked by a bridge's leave) stay as they are.
			unlessReport: 'none',
			to: row.state,
			bridgeCall: row.bridgeCall,
			goneBridge: row.goneBridge,
			report: row.report as Report,
		});
		groups.set(JSON.stringify(takeOver), takeOver);
	}
	return [...groups.values()];
}

/** Rows whose `left` was told but never closed (the execution died between the two). */
function closeTold(rows: OpenRow[]): Claim[] {
	const claims = new Set(rows.filter((row) => row.state === 'ended' && row.report === 'told' && row.claim !== '').map((row) => row.claim));
	return [...claims].map((id) => claim({ matchColumn: 'claim', matchValue: id, from: 'ended', unlessGone: NEVER_STORED, unlessReport: NEVER_STORED, to: 'closed', bridgeCall: '', goneBridge: '', report: 'told' }));
}

/**
 * The calls whose status the adapter should look up: open, settled rows absent from the
 * conference (gone, or in the keypad menu, or not in yet). At most `limit`, chosen by `pick`, so a
 * hang-up wave costs each event a bounded number of lookups.
 */
export function absentCalls(rows: OpenRow[], present: PresentParticipant[], now: number, limit: number, pick: () => number = Math.random): string[] {
	const inConference = new Set(present.map((participant) => participant.callId));
	const absent = rows.filter((row) => quietSince(now)(row) && (row.state === 'waiting' || row.state === 'announced') && !inConference.has(row.callId)).map((row) => row.callId);
	const chosen: string[] = [];
	while (absent.length > 0 && chosen.length < limit) chosen.push(...absent.splice(Math.floor(pick() * absent.length), 1));
	return chosen;
}

/**
 * The claims that bring the table (and so Digital Samba) back in line with the conference:
 *   a stale report           → taken over, reported again (after REPORT_LEASE_MS)
 *   a bridge call gone       → its announced rows back to waiting, reported left (its leave was lost)
 *   a caller in, bridge in, row waiting → announced (the join callback was lost)
 *   a call ended, row open   → ended and reported left, or closed (the leave callback was lost)
 * Rows with a report in flight are left to their claimant until the lease runs out, and rows
 * changed within HEAL_GRACE_MS to whatever is changing them.
 */
export function healingClaims(conference: string, rows: OpenRow[], present: PresentParticipant[], endedCalls: ReadonlySet<string>, now: number, executionId: string): Claim[] {
	const inConference = new Set(present.map((participant) => participant.callId));
	const bridge = present.find((participant) => participant.label === BRIDGE_LABEL);
	const callersIn = new Set(present.filter((participant) => parseLabel(participant.label).kind === 'caller').map((participant) => participant.callId));
	const open = rows.filter(quietSince(now));

	const goneBridges = new Set(open.filter((row) => row.state === 'announced' && row.bridgeCall && !inConference.has(row.bridgeCall)).map((row) => row.bridgeCall));
	const claims = [...takeOverStale(rows, now), ...closeTold(rows), ...[...goneBridges].flatMap((gone) => bridgeLeft(conference, gone))];
	if (bridge) {
		for (const row of open.filter((candidate) => callersIn.has(candidate.callId))) {
			if (row.state === 'waiting') claims.push(announce(row.callId, bridge.callId));
			// Put back to waiting (with its left) just above, if this execution won that: handed over
			// to the bridge that is in, as when a bridge leaves with the next one already in.
			if (row.state === 'announced' && goneBridges.has(row.bridgeCall)) claims.push(handOver(row.callId, bridge.callId, executionId));
		}
	}
	for (const row of open) {
		if ((row.state === 'waiting' || row.state === 'announced') && !inConference.has(row.callId) && endedCalls.has(row.callId)) claims.push(...end(row.callId));
	}
	return claims;
}

/** A Data Table row as the node outputs it, read as an OpenRow; anything else is undefined. */
export function openRow(json: Record<string, unknown>): OpenRow | undefined {
	const callId = typeof json.call_id === 'string' ? json.call_id : '';
	const state = String(json.state ?? '');
	if (!callId || !['waiting', 'announced', 'ended'].includes(state)) return undefined;

	const updated = json.updatedAt instanceof Date ? json.updatedAt.getTime() : Date.parse(String(json.updatedAt ?? ''));
	return {
		callId,
		state: state as CallState,
		bridgeCall: String(json.bridge_call ?? ''),
		goneBridge: String(json.gone_bridge ?? ''),
		report: String(json.report ?? '') as OpenRow['report'],
		claim: String(json.claim ?? ''),
		updatedAt: Number.isFinite(updated) ? updated : 0,
	};
}
