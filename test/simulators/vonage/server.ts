/**
 * A local stand-in for the parts of Vonage Voice this package uses, as Vonage documents them
 * (NCCO reference, Voice API and webhook reference; docs/research/vonage-voice.md):
 * - one application with an answer URL, an event URL and a fallback answer URL, all POST; every
 *   webhook signed (sign.ts): `Authorization: Bearer` HS256 JWT with `payload_hash`;
 * - call progress on the event URL (`started`, `answered`, `transfer` when a leg moves into a named
 *   conversation, `completed` when the call is over);
 * - named conversations that exist while someone is in them, with an ID (`CON-…`) of their own that
 *   a leg's `conversation_uuid` takes when it moves in; no callbacks when legs join or leave;
 * - REST with an application JWT (RS256, checked with `@vonage/jwt`'s verifySignature against the
 *   application's public key, and its `application_id` claim): calls read, listed by conversation,
 *   muted, earmuffed, hung up, transferred to an NCCO, spoken to; the Conversation API's record of a
 *   conversation; the Applications API with the account's key and secret (Basic).
 * Where Vonage's documentation is silent, the choice made here is named where it is made.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { verifySignature } from '@vonage/jwt';
import jwt from 'jsonwebtoken';

import { HttpSimulator } from '../localServer';
import type { SigningAccount } from './sign';
import { postSignedWebhook } from './sign';

export type Ncco = Array<Record<string, unknown>>;

export interface VonageCall {
	uuid: string;
	conversationUuid: string;
	/** As Vonage writes numbers: digits without the `+`. */
	from: string;
	to: string;
	status: 'started' | 'answered' | 'completed';
	heard: string[];
	/** The name of the conversation the call is in. */
	conference?: string;
	muted: boolean;
	earmuffed: boolean;
	/** Where its keys go, one at a time, once an asynchronous input has started. */
	keyListener?: string;
	/** Resolves the call driver's wait in a conversation: why it left, and the NCCO it moved to. */
	onLeave?: (why: 'transferred' | 'hung-up', ncco?: Ncco) => void;
	onHear?: (text: string) => void;
}

export interface VonageConversation {
	id: string;
	name: string;
	legs: Set<string>;
	/** Whether a leg with startOnEnter has joined (until then, the others hear music on hold). */
	started: boolean;
}

export interface Webhook {
	url: string;
	body: Record<string, unknown>;
	status: number;
}

class VonageError {
	constructor(
		readonly status: number,
		readonly title: string,
		readonly detail: string,
	) {}
}

export function hearBy(call: VonageCall, text: string): void {
	call.heard.push(text);
	call.onHear?.(text);
}

const conversationId = () => `CON-${randomUUID()}`;

export class VonageSimulator extends HttpSimulator implements SigningAccount {
	readonly apiKey = randomUUID().slice(0, 8);
	readonly apiSecret = randomUUID();
	readonly applicationId = randomUUID();
	readonly signatureSecret = randomUUID().replace(/-/g, '');
	readonly privateKey: string;
	readonly publicKey: string;
	readonly application = { name: 'Dial-in', answerUrl: '', eventUrl: '', fallbackAnswerUrl: '' };
	readonly numbers = new Set<string>();
	readonly calls = new Map<string, VonageCall>();
	/** Named conversations by name, while someone is in them. */
	readonly conversations = new Map<string, VonageConversation>();
	/** Every conversation's record by ID (the Conversation API keeps them after the last leg left). */
	readonly conversationRecords = new Map<string, { id: string; name: string }>();
	readonly webhooks: Webhook[] = [];
	readonly restRequests: Array<{ method: string; path: string; body: unknown; status: number }> = [];

	private constructor() {
		super();
		const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
		this.privateKey = pair.privateKey;
		this.publicKey = pair.publicKey;
	}

	static async start(): Promise<VonageSimulator> {
		const simulator = new VonageSimulator();
		await simulator.listen();
		return simulator;
	}

	newCall(from: string, to: string): VonageCall {
		const call: VonageCall = { uuid: randomUUID(), conversationUuid: conversationId(), from: from.replace(/^\+/, ''), to: to.replace(/^\+/, ''), status: 'started', heard: [], muted: false, earmuffed: false };
		this.calls.set(call.uuid, call);
		return call;
	}

	private fields(call: VonageCall) {
		return { from: call.from, to: call.to, uuid: call.uuid, conversation_uuid: call.conversationUuid, timestamp: new Date().toISOString() };
	}

	private async post(url: string, body: Record<string, unknown>): Promise<{ status: number; body: string }> {
		const answer = await this.track(postSignedWebhook(url, body, this));
		this.webhooks.push({ url, body, status: answer.status });
		return answer;
	}

	/** A webhook whose answer is an NCCO (answer URL, input results); the fallback answer URL when it fails. */
	async nccoWebhook(call: VonageCall, url: string, body: Record<string, unknown>): Promise<Ncco | undefined> {
		const full = { ...this.fields(call), ...body };
		for (const [target, payload] of [
			[url, full],
			[this.application.fallbackAnswerUrl, { ...full, reason: 'answer_url_failed', original_request: { url, type: 'input' } }],
		] as const) {
			if (!target) continue;
			const answer = await this.post(target, payload);
			if (answer.status < 200 || answer.status >= 300) continue;
			try {
				const ncco = JSON.parse(answer.body) as unknown;
				if (Array.isArray(ncco)) return ncco as Ncco;
			} catch {
				// Not an NCCO: try the fallback.
			}
		}
		return undefined;
	}

	/** An event on the application's event URL; Vonage does not wait for it, the simulator tracks it. */
	event(call: VonageCall, body: Record<string, unknown>, url = this.application.eventUrl): void {
		if (url) void this.post(url, { ...this.fields(call), ...body });
	}

	answer(call: VonageCall): void {
		call.status = 'answered';
		this.event(call, { status: 'started', direction: 'inbound' });
		this.event(call, { status: 'answered', direction: 'inbound', start_time: new Date().toISOString() });
	}

	/** The `conversation` action: the leg moves into the named conversation (a `transfer` event). */
	join(call: VonageCall, action: Record<string, unknown>): void {
		const name = String(action.name);
		let conversation = this.conversations.get(name);
		if (!conversation) {
			conversation = { id: conversationId(), name, legs: new Set(), started: false };
			this.conversations.set(name, conversation);
			this.conversationRecords.set(conversation.id, { id: conversation.id, name });
		}
		const from = call.conversationUuid;
		conversation.legs.add(call.uuid);
		call.conference = name;
		call.conversationUuid = conversation.id;
		if (action.mute === true) call.muted = true;
		if (action.startOnEnter !== false) conversation.started = true;
		else if (!conversation.started) for (const url of (action.musicOnHoldUrl as string[] | undefined) ?? []) hearBy(call, `[music on hold ${url}]`);
		// As Vonage's SDKs model it: no status, no numbers.
		if (this.application.eventUrl) void this.post(this.application.eventUrl, { type: 'transfer', uuid: call.uuid, conversation_uuid_from: from, conversation_uuid_to: conversation.id, timestamp: new Date().toISOString() });
	}

	private leaveConversation(call: VonageCall): void {
		const conversation = call.conference ? this.conversations.get(call.conference) : undefined;
		call.conference = undefined;
		call.keyListener = undefined;
		if (!conversation) return;
		conversation.legs.delete(call.uuid);
		if (conversation.legs.size === 0) this.conversations.delete(conversation.name);
	}

	/** A key pressed in a conversation, sent alone to the asynchronous input's eventUrl. */
	async key(call: VonageCall, digit: string): Promise<void> {
		if (!call.keyListener || call.status !== 'answered') return;
		await this.post(call.keyListener, { ...this.fields(call), dtmf: { digits: digit, timed_out: false } });
	}

	/** Ends a call: it leaves its conversation and the `completed` event follows. */
	async hangUp(call: VonageCall, by: 'user' | 'platform', why: 'transferred' | 'hung-up' = 'hung-up'): Promise<void> {
		if (call.status === 'completed') return;
		call.status = 'completed';
		this.leaveConversation(call);
		call.onLeave?.(why);
		this.event(call, { status: 'completed', direction: 'inbound', end_time: new Date().toISOString(), duration: '1', disconnected_by: by });
	}

	// ---- REST -------------------------------------------------------------------------------

	private authorize(request: IncomingMessage, path: string): void {
		const header = String(request.headers.authorization ?? '');
		if (path.startsWith('/v2/applications')) {
			if (header !== `Basic ${Buffer.from(`${this.apiKey}:${this.apiSecret}`).toString('base64')}`) throw new VonageError(401, 'Unauthorized', 'The API key and secret do not match');
			return;
		}
		const token = /^Bearer (.+)$/.exec(header)?.[1];
		if (!token || !verifySignature(token, this.publicKey)) throw new VonageError(401, 'Unauthorized', 'Invalid token');
		const claims = jwt.decode(token) as Record<string, unknown> | null;
		if (claims?.application_id !== this.applicationId || typeof claims.jti !== 'string' || typeof claims.iat !== 'number') {
			throw new VonageError(401, 'Unauthorized', 'The token is not for this application');
		}
	}

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.baseUrl);
		const text = await this.bodyOf(request);
		const method = (request.method ?? 'GET').toUpperCase();
		let status = 200;
		let body: unknown;
		let parsed: unknown;
		try {
			this.authorize(request, url.pathname);
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				throw new VonageError(400, 'Bad Request', 'The body is not JSON');
			}
			const answer = await this.route(method, url, parsed);
			if (answer === undefined) status = 204;
			else body = answer;
		} catch (error) {
			if (!(error instanceof VonageError)) throw error;
			status = error.status;
			body = { type: `https://developer.nexmo.com/api-errors#${error.title.toLowerCase().replace(/ /g, '-')}`, title: error.title, detail: error.detail, instance: randomUUID() };
		}
		this.restRequests.push({ method, path: url.pathname, body: parsed, status });
		this.reply(response, status, body);
	}

	private callRecord(call: VonageCall) {
		return {
			uuid: call.uuid,
			conversation_uuid: call.conversationUuid,
			status: call.status,
			direction: 'inbound',
			to: { type: 'phone', number: call.to },
			from: { type: 'phone', number: call.from },
			_links: { self: { href: `/v1/calls/${call.uuid}` } },
		};
	}

	private async route(method: string, url: URL, body: unknown): Promise<unknown> {
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		const notFound = (what: string) => new VonageError(404, 'Not Found', `${what} was not found`);
		if (parts[0] === 'v1' && parts[1] === 'calls' && parts.length === 2 && method === 'GET') {
			const conversation = url.searchParams.get('conversation_uuid');
			const status = url.searchParams.get('status');
			const pageSize = Number(url.searchParams.get('page_size') ?? '10');
			if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new VonageError(400, 'Bad Request', 'page_size must be 1 to 100');
			const calls = [...this.calls.values()].filter((call) => (!conversation || call.conversationUuid === conversation) && (!status || call.status === status)).slice(0, pageSize);
			return { count: calls.length, page_size: pageSize, record_index: 0, _links: { self: { href: url.pathname + url.search } }, _embedded: { calls: calls.map((call) => this.callRecord(call)) } };
		}
		if (parts[0] === 'v1' && parts[1] === 'calls' && parts.length >= 3) {
			const call = this.calls.get(parts[2]);
			if (!call) throw notFound('Call');
			if (parts.length === 3 && method === 'GET') return this.callRecord(call);
			const request = (body ?? {}) as Record<string, unknown>;
			if (parts.length === 3 && method === 'PUT') {
				if (call.status !== 'answered') throw new VonageError(400, 'Bad Request', 'The call is not in progress');
				return await this.modify(call, request);
			}
			if (parts.length === 4 && parts[3] === 'talk' && method === 'PUT') {
				if (call.status !== 'answered') throw new VonageError(400, 'Bad Request', 'The call is not in progress');
				if (typeof request.text !== 'string' || !request.text) throw new VonageError(400, 'Bad Request', 'text is required');
				hearBy(call, request.text);
				return { message: 'Talk started', uuid: call.uuid };
			}
		}
		if (parts[0] === 'v1' && parts[1] === 'conversations' && parts.length === 3 && method === 'GET') {
			const found = this.conversationRecords.get(parts[2]);
			if (!found) throw notFound('Conversation');
			return { id: found.id, name: found.name, display_name: found.name, timestamp: { created: new Date().toISOString() } };
		}
		if (parts[0] === 'v2' && parts[1] === 'applications' && parts[2] === this.applicationId && parts.length === 3) {
			if (method === 'PUT') {
				const webhooks = ((((body ?? {}) as Record<string, Record<string, Record<string, unknown>>>).capabilities?.voice?.webhooks ?? {}) as Record<string, { address?: string; http_method?: string }>);
				if ((body as { name?: unknown } | undefined)?.name === undefined) throw new VonageError(400, 'Bad Request', 'name is required');
				for (const [key, field] of [['answer_url', 'answerUrl'], ['event_url', 'eventUrl'], ['fallback_answer_url', 'fallbackAnswerUrl']] as const) {
					if (webhooks[key]?.address !== undefined) this.application[field] = String(webhooks[key].address);
				}
			} else if (method !== 'GET') throw notFound('Resource');
			const hook = (address: string) => ({ address, http_method: 'POST' });
			return {
				id: this.applicationId,
				name: this.application.name,
				capabilities: { voice: { webhooks: { answer_url: hook(this.application.answerUrl), event_url: hook(this.application.eventUrl), fallback_answer_url: hook(this.application.fallbackAnswerUrl) }, signed_callbacks: true } },
			};
		}
		throw notFound('Resource');
	}

	private async modify(call: VonageCall, request: Record<string, unknown>): Promise<undefined> {
		switch (request.action) {
			case 'mute':
			case 'unmute':
				call.muted = request.action === 'mute';
				return undefined;
			case 'earmuff':
			case 'unearmuff':
				call.earmuffed = request.action === 'earmuff';
				return undefined;
			case 'hangup':
				await this.hangUp(call, 'platform');
				return undefined;
			case 'transfer': {
				const destination = (request.destination ?? {}) as { type?: string; ncco?: unknown };
				if (destination.type !== 'ncco' || !Array.isArray(destination.ncco)) throw new VonageError(400, 'Bad Request', 'destination must be an NCCO');
				// The call leaves what it was doing (its conversation) and runs the NCCO given.
				this.leaveConversation(call);
				call.onLeave?.('transferred', destination.ncco as Ncco);
				return undefined;
			}
			default:
				throw new VonageError(400, 'Bad Request', `Unknown action '${String(request.action)}'`);
		}
	}
}
