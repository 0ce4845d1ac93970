/**
 * The Telephony Request node's one job: the step right after n8n's Webhook node. Reads that node's item in code
 * (no expressions on the voice path), verifies the signature, parses, decides what it can decide
 * alone, and routes:
 *   0 Answer            markup for the provider, for a Respond to Webhook node in binary mode
 *   1 PIN Entered       digits to look up in the dial-in directory, then Route PIN
 *   2 Keypad            a caller's *6 / *9 choice, to report to Digital Samba
 *   3 Conference        who joined, left, was muted…; the provider already has its answer
 *   4 Rejected          forged or unreadable: answer 403, do nothing else
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseLabel } from '../core/ivr/labels';
import type { KeypadAction } from '../core/ivr/script';
import { roomIdOf } from '../core/ivr/syncPlan';
import {
	apology,
	announcement,
	keypadMenu,
	menuChoice,
	pinPrompt,
	waitMusic,
} from '../core/ivr/script';
import type { CallEvent, VoiceEvent } from '../core/voice/events';
import type { Instruction } from '../core/voice/instructions';
import { isCallEvent } from '../core/voice/events';
import type { InboundRequest, ProviderCredentials, VoiceProvider } from '../core/voice/provider';
import type { Routed } from '../shared/forEachItem';
import { providerCredentials, providerOf } from '../TelephonyIvr/transport';
import { asItem, pinEnteredItem } from '../TelephonyIvr/actions/contracts';
import { identityOf } from '../TelephonyIvr/actions/identity';
import { markupItem } from '../TelephonyIvr/actions/markup';
import { ivrSettings, ivrSettingsProperty } from '../TelephonyIvr/actions/settings';

export const OUTPUT = { answer: 0, pin: 1, keypad: 2, conferenceEvent: 3, rejected: 4 } as const;
export const OUTPUT_NAMES = ['Answer', 'PIN Entered', 'Keypad', 'Conference', 'Rejected'];

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this node right after a Webhook node (HTTP Method POST, Respond: Using Respond to Webhook Node). Connect Answer to a Respond to Webhook node in binary mode, and Rejected to one that answers 403.',
		name: 'handleNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Public Webhook URL',
		name: 'publicUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/voice',
		description:
			'The URL the provider calls, if it differs from the one n8n reports (for example behind a proxy that rewrites paths). Signatures are checked against it.',
	},
	ivrSettingsProperty,
];

export const description = properties;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function stringRecord(value: unknown): Record<string, string> {
	if (!value || typeof value !== 'object') return {};
	return Object.fromEntries(Object.entries(value as IDataObject).map(([key, item]) => [key, text(item)]));
}

/**
 * The Webhook node's item as the provider sent it: URL with its query, headers, body. `rawBody`
 * is the body's bytes as the Webhook node keeps them with its Raw Body option (for providers that
 * sign the body); n8n's Webhook node only receives POSTs here.
 */
export function inboundRequest(item: IDataObject, publicUrl: string, rawBody?: string): InboundRequest {
	const query = stringRecord(item.query);
	const base = publicUrl || text(item.webhookUrl);
	const queryText = new URLSearchParams(query).toString();
	const headers = Object.fromEntries(
		Object.entries(stringRecord(item.headers)).map(([key, value]) => [key.toLowerCase(), value]),
	);
	const isForm = /x-www-form-urlencoded/i.test(headers['content-type'] ?? '');
	return {
		method: 'POST',
		url: queryText ? `${base}?${queryText}` : base,
		headers,
		params: isForm || !headers['content-type'] ? stringRecord(item.body) : {},
		// A JSON body is read from the bytes the signature covers, not from n8n's parse of them.
		body: rawBody !== undefined && /json/i.test(headers['content-type'] ?? '') ? parsedJson(rawBody) : (item.body ?? {}),
		query,
		rawBody,
	};
}

function parsedJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The raw body the Webhook node kept (its Raw Body option), read only when it is there. */
async function rawBodyOf(context: IExecuteFunctions, item: INodeExecutionData, i: number): Promise<string | undefined> {
	if (!item.binary?.data) return undefined;
	return (await context.helpers.getBinaryDataBuffer(i, 'data')).toString('utf8');
}

function conferenceEventJson(event: VoiceEvent): IDataObject {
	return 'label' in event ? { ...asItem(event), ...identityOf(event.label) } : asItem(event);
}

/** Under Continue On Fail, a request that could not be handled goes where forged ones go. */
export const errorOutput = OUTPUT.rejected;

/** One request: its items on the outputs they belong to. */
export async function execute(this: IExecuteFunctions, i: number): Promise<Routed> {
	const provider = providerOf(this, i);
	const credentials = await providerCredentials(this, provider);
	const outputs: INodeExecutionData[][] = OUTPUT_NAMES.map(() => []);
	await handleItem.call(this, this.getInputData()[i], i, outputs, provider, credentials);
	return { routed: outputs.flatMap((items, output) => items.map((item): [number, INodeExecutionData] => [output, item])) };
}

async function handleItem(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	i: number,
	outputs: INodeExecutionData[][],
	adapter: VoiceProvider,
	credentials: ProviderCredentials,
): Promise<void> {
	const input = item.json;
	const publicUrl = (this.getNodeParameter('publicUrl', i, '') as string).trim();
	const settings = ivrSettings(this, i);
	const request = inboundRequest(input, publicUrl, await rawBodyOf(this, item, i));
	if (!request.url) {
		throw new NodeOperationError(this.getNode(), 'The input has no webhookUrl', {
			itemIndex: i,
			description: "Put this node directly after n8n's Webhook node, or set Public Webhook URL",
		});
	}
	const reject = (reason: string, status = 403) =>
		outputs[OUTPUT.rejected].push({ json: { rejected: true, status, reason }, pairedItem: { item: i } });

	const verified = adapter.verify(request, credentials);
	if (!verified.ok) {
		reject(verified.reason);
		return;
	}
	const parsed = adapter.parse(request);
	if (!parsed.ok) {
		reject(parsed.reason, 400);
		return;
	}
	const event = parsed.event;
	const webhookUrl = publicUrl || text(input.webhookUrl);
	const answer = (instructions: Instruction[], json: IDataObject = {}) =>
		outputs[OUTPUT.answer].push(markupItem(this, adapter, instructions, i, { eventType: event.type, ...json }, isCallEvent(event) ? event : undefined));

	if (!isCallEvent(event)) {
		answer([]);
		outputs[OUTPUT.conferenceEvent].push({ json: conferenceEventJson(event), pairedItem: { item: i } });
		return;
	}
	const call: CallEvent = event;
	switch (call.type) {
		case 'call.incoming':
			answer(pinPrompt(webhookUrl, settings), { callId: call.callId });
			break;
		case 'call.digits':
			if (call.step === 'pin') {
				outputs[OUTPUT.pin].push({
					json: pinEnteredItem(call, webhookUrl),
					pairedItem: { item: i },
				});
			} else {
				const choice = menuChoice(call, webhookUrl, settings);
				answer(choice.instructions, { callId: call.callId, keypad: choice.action ?? null });
				if (choice.action) {
					const label = parseLabel(choice.instructions[0]?.kind === 'joinConference' ? choice.instructions[0].label : '');
					outputs[OUTPUT.keypad].push({
						json: {
							action: choice.action,
							callId: call.callId,
							conference: call.state.conf,
							roomId: roomIdOf(call.state.conf ?? '') ?? null,
							callerNumber: label.kind === 'caller' ? label.number : call.from,
							// The caller's keypad state before and after, for the template's claim on
							// the caller's row: a replayed request finds the row already changed.
							...keypadTransition(call.state, choice.action),
						},
						pairedItem: { item: i },
					});
				}
			}
			break;
		case 'call.menu':
			answer(keypadMenu(call, webhookUrl, settings), { callId: call.callId });
			break;
		case 'call.wait':
			answer(waitMusic(settings), { callId: call.callId });
			break;
		case 'call.announce':
			answer(announcement(call.text, settings), { callId: call.callId });
			break;
		case 'call.fallback':
			answer(apology(settings), { callId: call.callId });
			break;
		case 'call.keypad': {
			// The caller stays in the conference (capabilities.keypad 'detect' or 'asyncInput'): nothing to answer.
			answer([], { callId: call.callId });
			const toggle = KEYPAD_TOGGLES[call.keys];
			if (toggle && (await firstTime(this, i, adapter, request))) {
				outputs[OUTPUT.keypad].push({
					json: { toggle, keys: call.keys, callId: call.callId, conference: call.conference, roomId: roomIdOf(call.conference) ?? null, callerNumber: call.from },
					pairedItem: { item: i },
				});
			}
			break;
		}
		case 'call.ended':
			// A call that never joined a conference (a leave is parsed as a participant event).
			answer([], { callId: call.callId });
			break;
		case 'call.status':
			answer([], { callId: call.callId });
			break;
	}
}

/**
 * Whether this request is seen for the first time, for providers that give each request an ID
 * (`requestId`); the others limit replays by time in their signatures. Kept in n8n's deduplication
 * store (bounded), as keys pressed are rare next to everything else a call sends.
 */
async function firstTime(context: IExecuteFunctions, i: number, provider: VoiceProvider, request: InboundRequest): Promise<boolean> {
	const id = provider.requestId?.(request);
	if (!id) return true;
	try {
		const { new: fresh } = await context.helpers.checkProcessedAndRecord([`${provider.id}:keys:${id}`], 'node', { mode: 'entries', maxEntries: 100000 });
		return fresh.length > 0;
	} catch (error) {
		// Two deliveries racing on the store's first write: one of them records it.
		if (/unique|duplicate key|constraint/i.test((error as Error).message)) return false;
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: i });
	}
}

/** In-conference keys (Sinch's detect mode, Plivo's digitsMatch, Vonage's keys read as star commands): `*6` flips mute, `*9` the hand. */
const KEYPAD_TOGGLES: Record<string, 'mute' | 'hand'> = { '*6': 'mute', '*9': 'hand' };

/** `*6`/`*9` as a compare-and-set on the caller's row ("dial-in calls": muted, hand, keypad). */
function keypadTransition(state: Record<string, string>, action: KeypadAction): IDataObject {
	const wasMuted = state.muted === '1' ? '1' : '0';
	const wasHand = state.hand === '1' ? '1' : '0';
	const muted = action === 'mute' ? '1' : action === 'unmute' ? '0' : wasMuted;
	const hand = action === 'raiseHand' ? '1' : action === 'lowerHand' ? '0' : wasHand;
	return { wasMuted, wasHand, muted, hand };
}
