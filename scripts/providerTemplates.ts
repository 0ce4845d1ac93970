/**
 * Templates for every voice provider, from one source: the Twilio templates in workflows/ are
 * written by hand; every other provider's (workflows/<provider>/) are derived from them here, by
 * what the provider's capabilities say differs. `npm run templates` writes them;
 * test/workflows/templates.test.ts fails when a committed one is not what this derives.
 *
 *   signsRawBody          the Webhook node keeps the raw body (the signature covers its bytes)
 *   !conferenceEvents     no join callbacks: Route PIN's answer is the join, so after answering
 *                         the caller (or the bridge) the same sync runs from Route PIN's joinEvent
 *   !leaveNamesConference a leave reads the call's row for its conference first
 *   identity: directory   participants carry no label: the bridge's call is recorded as a
 *                         "dial-in calls" row (state `bridge`) before it is let in, and what
 *                         Digital Samba asks of the phone side reads the room's rows first
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { BRIDGE_STATE, CALLS_TABLE, CONFERENCE_PREFIX } from '../nodes/core/ivr/syncPlan';
import type { VoiceProvider } from '../nodes/core/voice/provider';
import { providers } from '../nodes/core/voice/providers';

export interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Template {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export const WORKFLOWS = path.resolve(__dirname, '../workflows');
/** The templates that talk to a voice provider (Provision needs none: it is the same for every provider). */
export const PROVIDER_TEMPLATES = ['setup-dial-in-directory.json', 'phone-bridge.json', 'digitalsamba-to-phone.json'];
/** Our nodes that talk to the provider: both carry its choice in `provider`. */
const PROVIDER_NODE_TYPES = ['n8n-nodes-digitalsamba.telephonyIvr', 'n8n-nodes-digitalsamba.telephonyRequest'];

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const link = (node: string, index = 0) => ({ node, type: 'main' as const, index });

function node(template: Template, name: string): TemplateNode {
	const found = template.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`${template.name} has no node '${name}'`);
	return found;
}

function connect(template: Template, from: string, to: string, output = 0, input = 0): void {
	const outputs = (template.connections[from] ??= { main: [] }).main;
	while (outputs.length <= output) outputs.push([]);
	outputs[output].push(link(to, input));
}

/** A copy of `source` under another name and id, moved by `offset`. */
function clone(template: Template, source: string, name: string, offset: [number, number], parameters: Record<string, unknown> = {}): TemplateNode {
	const original = node(template, source);
	const cloned = { ...copy(original), name, id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), position: [original.position[0] + offset[0], original.position[1] + offset[1]] as [number, number] };
	cloned.parameters = { ...cloned.parameters, ...parameters };
	template.nodes.push(cloned);
	return cloned;
}

/** The branch that lets the bridge in: recorded as a row first, then answered; its leave closes the row. */
function recordBridge(template: Template, conferenceEvents: boolean): void {
	const admitted = node(template, 'Caller Admitted?');
	const isBridge = clone(template, 'Caller Admitted?', 'Bridge Admitted?', [240, 240]);
	const condition = (isBridge.parameters.conditions as { conditions: Array<{ rightValue: string }> }).conditions[0];
	condition.rightValue = 'bridge';
	const record = clone(template, 'Record Caller', 'Record Bridge', [240, 560]);
	const columns = record.parameters.columns as { value: Record<string, string> };
	columns.value = Object.fromEntries(Object.keys(columns.value).map((column) => [column, '']));
	Object.assign(columns.value, { call_id: '={{ $json.callId }}', conference: '={{ $json.conference }}', state: BRIDGE_STATE });
	clone(template, 'Once Recorded', 'Once Bridge Recorded', [240, 560]);
	clone(template, 'Answer Caller', 'Answer Bridge', [0, 560]);

	// Caller Admitted? false → Bridge Admitted?; its false → Answer PIN (wrong PINs), true → record, answer.
	const otherwise = template.connections[admitted.name].main[1];
	template.connections[admitted.name].main[1] = [link(isBridge.name)];
	template.connections[isBridge.name] = { main: [[link(record.name), link('Once Bridge Recorded', 0)], otherwise] };
	template.connections[record.name] = { main: [[link('Once Bridge Recorded', 1)]] };
	template.connections['Once Bridge Recorded'] = { main: [[link('Answer Bridge')]] };

	// The bridge's leave closes its row, so Open Calls does not read old bridges for ever.
	const close = clone(template, 'Close Reported', 'Close Bridge Row', [-1440, 240]);
	close.parameters.filters = {
		conditions: [
			{ keyName: 'call_id', condition: 'eq', keyValue: '={{ $json.callId }}' },
			{ keyName: 'state', condition: 'eq', keyValue: BRIDGE_STATE },
		],
	};
	(close.parameters.columns as { value: Record<string, string> }).value = { state: 'closed' };
	(close.parameters.columns as { schema: Array<{ id: string }> }).schema = (close.parameters.columns as { schema: Array<{ id: string }> }).schema.filter((column) => column.id === 'state');
	if (!conferenceEvents) {
		// Every Conference item is a leave here (joins are Route PIN's answers).
		connect(template, 'Telephony Request', close.name, 3);
		return;
	}
	// Joins arrive as Conference items too: only a leave closes the bridge's row.
	const left = clone(template, 'Caller Admitted?', 'Participant Left?', [0, 0]);
	const leftCondition = (left.parameters.conditions as { conditions: Array<{ leftValue: string; rightValue: string }> }).conditions[0];
	Object.assign(leftCondition, { leftValue: '={{ $json.type }}', rightValue: 'participant.left' });
	connect(template, 'Telephony Request', left.name, 3);
	connect(template, left.name, close.name);
}

/** After answering a join, the sync that a join callback would have started. */
function syncAfterJoin(template: Template, answers: string[]): void {
	clone(template, 'Open Calls', 'Open Calls at Join', [1600, -480]);
	clone(template, 'Plan Sync', 'Plan Join', [1600, -480]);
	for (const answer of answers) connect(template, answer, 'Open Calls at Join');
	connect(template, 'Open Calls at Join', 'Plan Join');
	connect(template, 'Plan Join', 'Connect Bridge?');
}

/** Digital Samba → phone: the room's rows, read before Apply to Phone, say who each call is. */
function readRoomRows(template: Template): void {
	const apply = node(template, 'Apply to Phone');
	template.nodes.push({
		parameters: {
			resource: 'row',
			operation: 'get',
			dataTableId: { __rl: true, mode: 'name', value: CALLS_TABLE },
			matchType: 'allConditions',
			filters: {
				conditions: [
					{ keyName: 'conference', condition: 'eq', keyValue: `=${CONFERENCE_PREFIX}{{ $json.roomId }}` },
					{ keyName: 'state', condition: 'neq', keyValue: 'closed' },
				],
			},
			returnAll: true,
			options: {},
		},
		name: 'Calls in Room',
		type: 'n8n-nodes-base.dataTable',
		typeVersion: 1.1,
		position: [apply.position[0], apply.position[1] + 200],
		id: 'calls-in-room',
		alwaysOutputData: true,
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 100,
	});
	apply.position = [apply.position[0] + 240, apply.position[1] + 200];
	const trigger = template.connections['Digital Samba Trigger'].main[0];
	template.connections['Digital Samba Trigger'].main[0] = trigger.map((target) => (target.node === apply.name ? link('Calls in Room') : target));
	template.connections['Calls in Room'] = { main: [[link(apply.name)]] };
}

/** Keys pressed in the conference: the caller's row, then Apply Keypad, then the same claim. */
function keypadInConference(template: Template): void {
	const claim = node(template, 'Claim Keypad');
	const row = clone(template, 'Open Calls', 'Caller Row', [240, -120]);
	row.parameters.filters = {
		conditions: [
			{ keyName: 'call_id', condition: 'eq', keyValue: '={{ $json.callId }}' },
			{ keyName: 'conference', condition: 'eq', keyValue: '={{ $json.conference }}' },
		],
	};
	delete row.alwaysOutputData;
	delete row.onError;
	const apply = clone(template, 'Plan Sync', 'Apply Keypad', [480, -120], { resource: 'conference', operation: 'applyKeypad' });
	delete apply.parameters.connectBridge;
	template.connections['Telephony Request'].main[2] = [link(row.name)];
	template.connections[row.name] = { main: [[link(apply.name)]] };
	template.connections[apply.name] = { main: [[link(claim.name)]] };
	claim.position = [claim.position[0] + 720, claim.position[1] - 120];
	node(template, 'Report Keypad').position = [claim.position[0] + 240, claim.position[1]];
}

/**
 * A leave that names no conference (Vonage): the call's row first, whose conference Open Calls
 * then reads, as it reads a Conference item's. A call without a row (never let in) stops there.
 */
function rowOfCall(template: Template): void {
	const row = clone(template, 'Open Calls', 'Row of Call', [0, 0]);
	row.parameters.filters = { conditions: [{ keyName: 'call_id', condition: 'eq', keyValue: '={{ $json.callId }}' }] };
	row.parameters.returnAll = false;
	row.parameters.limit = 1;
	delete row.alwaysOutputData;
	const outputs = template.connections['Telephony Request'].main[3];
	template.connections['Telephony Request'].main[3] = outputs.map((target) => (target.node === 'Open Calls' ? link(row.name) : target));
	template.connections[row.name] = { main: [[link('Open Calls')]] };
}

/**
 * Where a derived phone bridge puts its nodes: the paths a provider adds on rows of their own, the
 * rows ≥ 160 px apart so no node's name or subtitle runs into the node below (the editor test
 * checks every template for overlaps). Nodes not in the template are skipped.
 */
const DERIVED_PHONE_BRIDGE_LAYOUT: Record<string, [number, number]> = {
	'Open Calls at Join': [2000, -60],
	'Plan Join': [2240, -60],
	'Bridge Admitted?': [1280, 120],
	'Record Bridge': [1520, 120],
	'Once Bridge Recorded': [1760, 120],
	'Answer Bridge': [2000, 120],
	'Answer PIN': [1520, 280],
	'Caller Row': [560, 300],
	'Apply Keypad': [800, 300],
	'Claim Keypad': [1040, 300],
	'Report Keypad': [1280, 300],
	'Open Calls': [560, 460],
	'Plan Sync': [800, 460],
	'Connect Bridge?': [1040, 460],
	'Tell Digital Samba': [1760, 460],
	'Mark Told': [2000, 460],
	'Close Reported': [2240, 460],
	'Claim Calls': [1280, 580],
	Claimed: [1520, 580],
	'Close Bridge Row': [800, 620],
	Reject: [560, 760],
	Fallback: [-560, 840],
	'Fallback Webhook': [0, 920],
	Apology: [240, 920],
	'Answer Fallback': [480, 920],
};

/** With the call's row read first, the leave path moves one place to the right. */
const ROW_OF_CALL_LAYOUT: Record<string, [number, number]> = {
	'Row of Call': [560, 460],
	'Open Calls': [800, 460],
	'Plan Sync': [1040, 460],
	'Connect Bridge?': [1280, 460],
	'Claim Calls': [1520, 620],
	Claimed: [1760, 620],
};

/** With joins as Conference items too, the bridge's row is closed after an If: one place to the right. */
const BRIDGE_LEFT_LAYOUT: Record<string, [number, number]> = {
	'Participant Left?': [800, 620],
	'Close Bridge Row': [1040, 620],
};

function layOutPhoneBridge(template: Template, provider: VoiceProvider): void {
	const { leaveNamesConference, conferenceEvents } = provider.capabilities;
	const layout = { ...DERIVED_PHONE_BRIDGE_LAYOUT, ...(leaveNamesConference ? {} : ROW_OF_CALL_LAYOUT), ...(conferenceEvents ? BRIDGE_LEFT_LAYOUT : {}) };
	for (const item of template.nodes) {
		const at = layout[item.name];
		if (at) item.position = [...at];
	}
}

function mentionProvider(text: string, provider: VoiceProvider): string {
	return text.replace(/Twilio/g, provider.name);
}

export function deriveTemplate(source: Template, provider: VoiceProvider): Template {
	const template = copy(source);
	template.name = `${source.name} (${provider.name})`;
	for (const item of template.nodes) {
		if (PROVIDER_NODE_TYPES.includes(item.type)) item.parameters.provider = provider.id;
		if (item.type === 'n8n-nodes-base.stickyNote') item.parameters.content = mentionProvider(String(item.parameters.content ?? ''), provider);
	}
	const webhook = template.nodes.find((item) => item.name === 'Voice Webhook');
	if (webhook && provider.capabilities.signsRawBody) webhook.parameters.options = { ...(webhook.parameters.options as object), rawBody: true };

	if (template.nodes.some((item) => item.name === 'Apply to Phone') && provider.capabilities.identity === 'directory') readRoomRows(template);
	const isPhoneBridge = template.nodes.some((item) => item.name === 'Route PIN');
	if (isPhoneBridge) {
		const answers = ['Answer Caller'];
		if (provider.capabilities.identity === 'directory') {
			recordBridge(template, provider.capabilities.conferenceEvents);
			answers.push('Answer Bridge');
		}
		if (!provider.capabilities.conferenceEvents) syncAfterJoin(template, answers);
		// Keys reported while the caller stays in, as sequences (Sinch) or one at a time (Vonage).
		if (provider.capabilities.keypad !== 'menuOnStar') keypadInConference(template);
		if (!provider.capabilities.leaveNamesConference) rowOfCall(template);
		layOutPhoneBridge(template, provider);
	}
	return template;
}

export function readTemplate(file: string): Template {
	return JSON.parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Template;
}

/** Every derived template: `<provider>/<file>` → its JSON text. */
export function derivedTemplates(): Map<string, string> {
	const derived = new Map<string, string>();
	for (const provider of Object.values(providers)) {
		if (provider.id === 'twilio') continue;
		for (const file of PROVIDER_TEMPLATES) {
			derived.set(`${provider.id}/${file}`, `${JSON.stringify(deriveTemplate(readTemplate(file), provider), null, 2)}\n`);
		}
	}
	return derived;
}

if (require.main === module) {
	for (const [file, text] of derivedTemplates()) {
		mkdirSync(path.dirname(path.join(WORKFLOWS, file)), { recursive: true });
		writeFileSync(path.join(WORKFLOWS, file), text);
		console.log(`wrote workflows/${file}`);
	}
}
