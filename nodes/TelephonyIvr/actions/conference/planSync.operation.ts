/**
 * Plan Digital Samba Sync: after a Conference, what Digital Samba must be told. Reads the
 * conference's participants from the provider (the truth) and outputs one **claim** per item for
 * the Data Table node that follows (Update rows of "dial-in calls"): only the rows that update
 * changes go on to Digital Samba, so a callback that arrives twice, late, or together with others
 * announces nothing twice (core/ivr/syncPlan.ts). With Ask for Bridge When Callers Wait on, a caller who waits
 * with no bridge in also gives an item with `action: connectBridge`.
 *
 * Its input is either the Conference item itself, or (as in the template) the conference's
 * open "dial-in calls" rows read by a Data Table node in between, with the event taken from the
 * Telephony Request (or Route PIN's join) before them. With the rows, it also heals what lost callbacks and unconfirmed reports left behind
 * (core/ivr/healing.ts), looking up the status of at most HEAL_STATUS_CHECKS absent calls.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import { BRIDGE_LABEL } from '../../../core/ivr/labels';
import type { OpenRow } from '../../../core/ivr/healing';
import { absentCalls, healingClaims, openRow } from '../../../core/ivr/healing';
import type { Claim, PresentParticipant } from '../../../core/ivr/syncPlan';
import { disagreement, planClaims, roomIdOf } from '../../../core/ivr/syncPlan';
import type { ParticipantEvent } from '../../../core/voice/events';
import type { CallControl } from '../../../core/voice/provider';
import { namesOf, readUpstream } from '../../../shared/upstream';
import { phoneApi, providerOf } from '../../transport';
import { readParticipantEvent } from '../contracts';
import { directoryLabels, labelOf } from './directory';

const properties: INodeProperties[] = [
	{
		displayName: "Input: a Conference item from Telephony Request, or the conference's open rows of \"dial-in calls\" (Data Table, Get Rows) after it",
		name: 'planNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Ask for Bridge When Callers Wait',
		name: 'connectBridge',
		type: 'boolean',
		default: false,
		description:
			'Whether a caller who joins before the room’s audio makes Digital Samba connect the phone bridge, if a meeting is live in the room. Asked once per conference.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['planSync'] } }, properties);

const PARTICIPANT_TYPES = new Set(['participant.joined', 'participant.left']);
/** Absent calls whose status one event looks up for healing: bounds a hang-up wave's cost. */
export const HEAL_STATUS_CHECKS = 3;

/** An item that is a conference event at all (its participant fields are checked by readParticipantEvent). */
const isEvent = (json: IDataObject) => typeof json.type === 'string' && 'conferenceId' in json;

/**
 * The Conference the rows belong to: from the Telephony Request node before them, or Route
 * PIN's answer (its join, for providers whose answer is the join: no join callbacks).
 */
function eventFromNode(context: IExecuteFunctions, i: number): ParticipantEvent | undefined {
	const { value, looked } = readUpstream(context, i, ['telephonyRequest', 'telephonyIvr'], (item) => {
		const source = item('first');
		const event = isEvent(source) ? source : (source.joinEvent as IDataObject | undefined);
		// Found even when it is not about a participant (a conference start or end): nothing to plan.
		return event && isEvent(event) ? { participantEvent: readParticipantEvent(event) } : undefined;
	});
	if (value) return value.participantEvent;
	throw new NodeOperationError(context.getNode(), `No Conference reached Plan Sync (nodes before it: ${namesOf(looked)})`, {
		itemIndex: i,
		description: "Connect Plan Sync after a Telephony Request node's 'Conference' output (or Route PIN), directly or through the rows of \"dial-in calls\"",
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const input = this.getInputData();
	if (isEvent(input[i].json)) {
		const event = readParticipantEvent(input[i].json);
		return event ? await plan(this, i, event) : [];
	}
	// Rows of the conference: one plan for all of them, made once.
	if (i > 0) return [];
	const rows = input.map((item) => openRow(item.json)).filter((row): row is OpenRow => row !== undefined);
	const labels = directoryLabels(input.map((item) => item.json));
	const found = eventFromNode(this, i);
	const event = providerOf(this, i).capabilities.leaveNamesConference ? found : withDirectory(found, input.map((item) => item.json), labels);
	return event ? await plan(this, i, event, rows, labels) : [];
}

/**
 * A leave that names no conference (Vonage's event for a call that is over names its conversation
 * by ID only) takes the conference from the rows, which the template read for that call, and the
 * label the row gives the call; the conference is then asked for by that name (found through its
 * calls), whichever conversation ID the event carried.
 */
function withDirectory(event: ParticipantEvent | undefined, rows: IDataObject[], labels: Map<string, string>): ParticipantEvent | undefined {
	if (!event || event.conference) return event;
	const conference = rows.map((row) => row.conference).find((name): name is string => typeof name === 'string' && name !== '');
	if (!conference) return event;
	return { ...event, conference, conferenceId: conference, label: event.label || (labels.get(event.callId) ?? '') };
}

async function plan(context: IExecuteFunctions, i: number, given: ParticipantEvent, rows?: OpenRow[], labels = new Map<string, string>()): Promise<IDataObject[]> {
	if (!PARTICIPANT_TYPES.has(given.type) || !given.conferenceId || !given.callId) return [];
	const { provider, control } = await phoneApi(context, i);
	const { conferenceEvents } = provider.capabilities;

	// Calls known to be in the conference, for providers that find one only through its calls: the
	// event's own first, then the rows' newest first.
	const members = [given.callId, ...[...labels.keys()].reverse()];
	const { conference, participants } = await listWhenJoined(control, given, members, !conferenceEvents && given.type === 'participant.joined');
	// Where neither the event nor the rows named the conference, the provider does (or nothing is known).
	const event = given.conference || provider.capabilities.leaveNamesConference ? given : { ...given, conference: conference?.name ?? '' };
	if (!event.conference && !provider.capabilities.leaveNamesConference) return [];
	const roomId = roomIdOf(event.conference) ?? null;
	const present: PresentParticipant[] = participants.map((participant) => ({ callId: participant.callId, label: labelOf(provider, participant, labels) }));
	// A provider that keeps no empty conferences knows none after its last participant left: those
	// without conference callbacks (Sinch, Vonage) and those that address a conference by its name
	// (Plivo: a late or replayed callback for one that has emptied). Twilio keeps ended conferences
	// by ID: one it does not know was never its own.
	const keepsNoEmptyConferences = !conferenceEvents || event.conferenceId === event.conference;
	const conferenceName = conference?.name ?? (keepsNoEmptyConferences ? event.conference : '');
	const disagrees = disagreement(event, conferenceName, present);
	if (disagrees) {
		throw new NodeOperationError(context.getNode(), `The conference callback disagrees with ${provider.name}'s records: ${disagrees}`, {
			itemIndex: i,
			description: `Nothing was decided from it. A genuine ${provider.name} callback always agrees: check who can sign requests with this account.`,
		});
	}
	let callStillUp = false;
	if (event.type === 'participant.left' && event.label !== BRIDGE_LABEL) {
		callStillUp = (await control.callStatus(event.callId)) === 'up';
	}

	const base = { roomId, conference: event.conference, conferenceId: event.conferenceId, trigger: event.type, sequence: event.sequence ?? null };
	const executionId = String(context.getExecutionId());
	const planned = planClaims(event, present, callStillUp, executionId);
	const now = Date.now();
	const healing = rows ? healingClaims(event.conference, rows, present, await endedCalls(control, absentCalls(rows, present, now, HEAL_STATUS_CHECKS)), now, executionId) : [];
	const claims = withoutRepeats([...planned, ...healing]).map((claim): IDataObject => ({ ...base, ...claim }));

	const callerWaits = event.type === 'participant.joined' && event.label !== BRIDGE_LABEL && !present.some((p) => p.label === BRIDGE_LABEL);
	if (planned.length > 0 || !callerWaits || !context.getNodeParameter('connectBridge', i, false)) return claims;
	return (await firstAskFor(context, event.conferenceId)) ? [...claims, { ...base, action: 'connectBridge' }] : claims;
}

/** How long a join we answered may take to show in the provider's list, and how often to look. */
export const JOIN_WAIT = { totalMs: 3000, everyMs: 150 };

/**
 * The conference and its participants. For a join we answered ourselves (providers without join
 * callbacks), read once the provider lists the call: two joins answered together then each see the
 * other, whichever the provider carried out first, and a replayed answer for a call that is gone
 * never shows, so it announces nobody.
 */
async function listWhenJoined(control: CallControl, event: ParticipantEvent, members: string[], waitForCall: boolean) {
	for (let waited = 0; ; waited += JOIN_WAIT.everyMs) {
		const roster = await control.roster(event.conferenceId, members);
		const conference = roster?.conference;
		const participants = roster?.participants ?? [];
		if (!waitForCall || waited >= JOIN_WAIT.totalMs || participants.some((participant) => participant.callId === event.callId)) return { conference, participants };
		await sleep(JOIN_WAIT.everyMs);
	}
}

/** Of the given calls, those the provider says have ended; a lookup that fails decides nothing. */
async function endedCalls(control: CallControl, callIds: string[]): Promise<Set<string>> {
	const ended = new Set<string>();
	await Promise.all(
		callIds.map(async (callId) => {
			const status = await control.callStatus(callId).catch(() => 'unknown');
			if (status === 'ended') ended.add(callId);
		}),
	);
	return ended;
}

function withoutRepeats(claims: Claim[]): Claim[] {
	const seen = new Set<string>();
	return claims.filter((claim) => {
		const key = JSON.stringify(claim);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Ask Digital Samba to connect the bridge once per conference: callers arriving together must not
 * make it dial twice. Kept in n8n's deduplication store, whose first concurrent writes can race on
 * its unique key (one row per workflow and node): the loser of that race has, by definition, not
 * asked first. Best effort, and only for this optional step; what Digital Samba is told about
 * callers never depends on this store (docs/participant-sync.md).
 */
async function firstAskFor(context: IExecuteFunctions, conferenceId: string): Promise<boolean> {
	try {
		const { new: first } = await context.helpers.checkProcessedAndRecord([`${conferenceId}:connectBridge`], 'node', { mode: 'entries', maxEntries: 100000 });
		return first.length > 0;
	} catch (error) {
		if (/unique|duplicate key|constraint/i.test((error as Error).message)) return false;
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}
