/**
 * What Digital Samba must be told after a conference event, as **claims** on the callers' rows in
 * the "dial-in calls" Data Table (docs/participant-sync.md has the design and the alternatives).
 *
 * Each admitted caller gets one row at the PIN step, before the caller can be in the conference:
 * `state` is `waiting`, then `announced` (under one bridge call), then `ended` (its `left` not yet
 * confirmed) and `closed`. A claim is a compare-and-set: "the rows whose <column> is <value>, whose
 * state is <from>, whose gone_bridge is not <unlessGone> and whose report is not <unlessReport>:
 * set state, bridge_call, gone_bridge, report, and claim (this execution's ID)". n8n's Data Table
 * node performs it as one atomic update (a transaction on SQLite's single writer,
 * `UPDATE … WHERE … RETURNING` on Postgres) and outputs only the rows it changed, so when
 * executions race for the same transition exactly one wins, and only the winner's rows reach
 * Digital Samba; once told, the template marks them `told` (and closes ended rows). Which claims
 * to make is decided here from the provider's current participant list (never from event order):
 *   the bridge joins   → each caller present: waiting → announced, report joined
 *   a caller joins     → that caller, if the bridge is in: waiting → announced, report joined
 *   a caller's call ends → announced → ended (report left), or waiting → closed (report nothing:
 *                        a caller Digital Samba never heard of is never reported, nor announced late)
 *   the bridge leaves  → its conference's waiting rows are marked with it (gone_bridge), then every
 *                        row announced under it goes back to waiting, report left (a caller in
 *                        the keypad menu too); with another bridge call already in, the callers
 *                        present are then announced under it
 * A caller who left the conference for the keypad menu (call still up) changes nothing. What a
 * lost callback or an unconfirmed report leaves behind is healed by later events (healing.ts).
 */
import type { ParticipantEvent } from '../voice/events';
import { BRIDGE_LABEL, parseLabel } from './labels';

export interface PresentParticipant {
	callId: string;
	label: string;
}

/**
 * `ended`: the call is over and its `left` is still to be confirmed; `closed`: nothing more will
 * ever be said about it (the rows Open Calls no longer reads).
 */
export type CallState = 'waiting' | 'announced' | 'ended' | 'closed';
/**
 * A "dial-in calls" row that names the bridge's call, for providers whose participants carry no
 * label; it never takes part in claims.
 */
export const BRIDGE_STATE = 'bridge';
/** `joined`/`left`: claimed and not yet confirmed told; `told` once Mark Told has run; `none`: nothing to tell. */
export type Report = 'joined' | 'left' | 'none' | 'told';

/** One compare-and-set on the "dial-in calls" table; the field names are what the template maps. */
export interface Claim {
	/**
	 * Which rows: `call_id` (one caller), `bridge_call` (callers announced under a bridge call),
	 * `conference`, or `claim` (the rows one execution claimed: the ID of that execution).
	 */
	matchColumn: 'call_id' | 'bridge_call' | 'conference' | 'claim';
	matchValue: string;
	/** A second condition the rows must meet (`alsoColumn` = `alsoValue`); by default the match again. */
	alsoColumn: string;
	alsoValue: string;
	from: CallState;
	/** The rows must not carry this bridge call as gone (see `goneBridge`); `*` is never stored. */
	unlessGone: string;
	/**
	 * The rows' report must not be this: a claim never overwrites an unconfirmed report it would
	 * contradict (`left` over a pending `joined`, or the reverse); healing acts once it is confirmed.
	 * `*` excludes nothing.
	 */
	unlessReport: string;
	to: CallState;
	/** The bridge call the rows are announced under after the claim ('' unless announced). */
	bridgeCall: string;
	/**
	 * The bridge call that left, written on every row of its conference when it leaves. A caller's
	 * join execution that saw that bridge in, but claims only after it left, then finds its row
	 * marked and announces nothing: the stale view loses instead of listing a caller with no bridge.
	 */
	goneBridge: string;
	/** What the winner tells Digital Samba about the rows it changed. */
	report: Report;
}

/**
 * Digital Samba requests time out after 10 s (nodes/DigitalSamba/transport); *Tell Digital Samba*
 * makes 5 tries, 1 s apart: at most about 55 s.
 */
const TELL_DIGITAL_SAMBA_AT_MOST_MS = 5 * (10_000 + 1_000);

/**
 * How long a claim's report may stay unconfirmed (Digital Samba not yet told, or the telling not
 * yet recorded) before a later event in the conference takes it over and reports it again: longer
 * than *Tell Digital Samba* can take with all its retries.
 */
export const REPORT_LEASE_MS = TELL_DIGITAL_SAMBA_AT_MOST_MS + 20_000;

/** The table the templates create in Setup and write at the PIN step. */
export const CALLS_TABLE = 'dial-in calls';

/** A value no row carries: `unlessGone` or `unlessReport` that excludes nothing. */
export const NEVER_STORED = '*';

type ClaimFields = Omit<Claim, 'alsoColumn' | 'alsoValue'> & Partial<Pick<Claim, 'alsoColumn' | 'alsoValue'>>;

/** A claim whose second condition is its match unless given. */
export const claim = (fields: ClaimFields): Claim => ({ alsoColumn: fields.matchColumn, alsoValue: fields.matchValue, ...fields });

/**
 * A waiting caller announced under a bridge call; not over an unconfirmed `left` (healing announces
 * the caller once it is confirmed).
 */
export const announce = (callId: string, bridgeCall: string): Claim =>
	claim({ matchColumn: 'call_id', matchValue: callId, from: 'waiting', unlessGone: bridgeCall, unlessReport: 'left', to: 'announced', bridgeCall, goneBridge: '', report: 'joined' });

/**
 * A hand-over: a caller whose row this very execution has just put back to waiting (its `left`
 * still unconfirmed, and reported first by this execution) announced under the next bridge call.
 * Only that execution's own rows (`claim` = its ID): another execution's unconfirmed `left` is not
 * overtaken, so the two reports can never reach Digital Samba in the wrong order.
 */
export const handOver = (callId: string, bridgeCall: string, executionId: string): Claim =>
	claim({ ...announce(callId, bridgeCall), unlessReport: NEVER_STORED, alsoColumn: 'claim', alsoValue: executionId });

/**
 * A call that ended: `left` if it was announced (confirmed later, then closed), else closed at once.
 * Neither over an unconfirmed report: a `joined` still being told, or a `left` not yet told.
 */
export const end = (callId: string): Claim[] => [
	claim({ matchColumn: 'call_id', matchValue: callId, from: 'announced', unlessGone: NEVER_STORED, unlessReport: 'joined', to: 'ended', bridgeCall: '', goneBridge: '', report: 'left' }),
	claim({ matchColumn: 'call_id', matchValue: callId, from: 'waiting', unlessGone: NEVER_STORED, unlessReport: 'left', to: 'closed', bridgeCall: '', goneBridge: '', report: 'none' }),
];

/** The bridge call left: mark its conference's waiting rows, then put its announced rows back to waiting. */
export function bridgeLeft(conference: string, bridgeCall: string): Claim[] {
	const common = { unlessGone: NEVER_STORED, to: 'waiting' as const, bridgeCall: '', goneBridge: bridgeCall };
	return [
		// Not the rows whose earlier `left` is unconfirmed: this claim would overwrite it.
		claim({ matchColumn: 'conference', matchValue: conference, from: 'waiting', ...common, unlessReport: 'left', report: 'none' }),
		// Not over a `joined` still being told: healing reverts those rows once it is confirmed.
		claim({ matchColumn: 'bridge_call', matchValue: bridgeCall, from: 'announced', ...common, unlessReport: 'joined', report: 'left' }),
	];
}

/**
 * Checks a conference callback against the provider's own records before anything is decided from
 * it: the conference its SID names must carry the name the callback gives (the room comes from
 * that name), and a participant said to have joined must be in the provider's list under the label
 * the callback gives (so only the call the bridge PIN admitted, labelled by us, is ever the bridge).
 * A disagreement is an answer (`reason`), never acted on. A participant said to have left but still
 * listed is not a disagreement (a caller back from the keypad menu): `planClaims` claims nothing.
 */
export function disagreement(event: ParticipantEvent, conferenceName: string, present: PresentParticipant[]): string | undefined {
	if (conferenceName !== event.conference) {
		return `conference ${event.conferenceId} is '${conferenceName.slice(0, 128)}', not '${event.conference.slice(0, 128)}' as the callback says`;
	}
	if (event.type !== 'participant.joined') return undefined;
	const record = present.find((participant) => participant.callId === event.callId);
	if (record && record.label !== event.label) return `call ${event.callId} is labelled '${record.label}' in the conference, not '${event.label.slice(0, 128)}'`;
	return undefined;
}

/** `executionId`: the execution that will make the claims (hand-overs announce only its own rows). */
export function planClaims(event: ParticipantEvent, present: PresentParticipant[], callStillUp: boolean, executionId: string): Claim[] {
	const label = parseLabel(event.label);
	const callers = present.filter((participant) => parseLabel(participant.label).kind === 'caller');
	const bridgeIn = (except?: string) => present.find((participant) => participant.label === BRIDGE_LABEL && participant.callId !== except);

	if (event.type === 'participant.joined') {
		// A late or replayed bridge join for a bridge call that is gone announces nobody.
		if (label.kind === 'bridge') return present.some((p) => p.callId === event.callId) ? callers.map((caller) => announce(caller.callId, event.callId)) : [];
		if (label.kind !== 'caller') return [];
		const bridge = bridgeIn();
		const stillHere = callers.some((caller) => caller.callId === event.callId);
		return bridge && stillHere ? [announce(event.callId, bridge.callId)] : [];
	}
	if (event.type === 'participant.left') {
		// Still (or again) in the conference: it has not left, whatever the callback says.
		if (present.some((participant) => participant.callId === event.callId)) return [];
		if (label.kind === 'bridge') {
			const next = bridgeIn(event.callId);
			// The next bridge: its callers reverted just above are handed over; any others waiting are announced.
			const announceUnderNext = next ? callers.flatMap((caller) => [handOver(caller.callId, next.callId, executionId), announce(caller.callId, next.callId)]) : [];
			return [...bridgeLeft(event.conference, event.callId), ...announceUnderNext];
		}
		if (label.kind !== 'caller' || callStillUp) return [];
		return end(event.callId);
	}
	return [];
}

/** A row of the "dial-in calls" table as the Data Table node outputs it. */
export interface CallRow {
	call_id: string;
	conference: string;
	state: string;
	report: string;
	caller_number?: string | null;
	name?: string | null;
}

/** How a caller with neither a number nor a name is listed in the room. */
export const ANONYMOUS_CALLER = 'Phone caller';

export interface RoomReport {
	roomId: string;
	left: string[];
	joined: Array<{ callId: string; callerNumber: string; name: string }>;
}

/**
 * The rows claims changed, as Digital Samba requests: per room, one `left` and one `joined` batch.
 * `left` goes first: when a bridge call hands over to the next, its callers leave, then join again.
 */
export function roomReports(rows: CallRow[]): RoomReport[] {
	const rooms = new Map<string, RoomReport>();
	for (const row of rows) {
		const roomId = roomIdOf(String(row.conference ?? ''));
		if (!roomId || (row.report !== 'joined' && row.report !== 'left')) continue;
		const room = rooms.get(roomId) ?? { roomId, left: [], joined: [] };
		rooms.set(roomId, room);
		const callId = String(row.call_id);
		if (row.report === 'left' && !room.left.includes(callId)) room.left.push(callId);
		if (row.report === 'joined' && !room.joined.some((caller) => caller.callId === callId)) {
			const callerNumber = String(row.caller_number ?? '');
			// Digital Samba needs a name or a number: a withheld number still gets a name.
			const name = String(row.name ?? '') || (callerNumber ? '' : ANONYMOUS_CALLER);
			room.joined.push({ callId, callerNumber, name });
		}
	}
	return [...rooms.values()];
}

/** Our conference names are `ds-<room UUID>`. */
export function roomIdOf(conference: string): string | undefined {
	const match = /^ds-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(conference);
	return match?.[1];
}

/** Conference names are the room's UUID after this: 39 characters, within every provider's limit. */
export const CONFERENCE_PREFIX = 'ds-';
export const conferenceNameFor = (roomId: string) => `${CONFERENCE_PREFIX}${roomId}`;
