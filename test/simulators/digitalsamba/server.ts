/**
 * A local stand-in for Digital Samba's REST API. Every request is checked against the official
 * OpenAPI spec (path, method, query and body) before anything else happens; an invalid one gets the
 * 4xx Digital Samba (a Laravel application) gives and changes nothing. It keeps a team's state in
 * memory, records every request, and can inject faults (429 with retry-after, 500, slow answers).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Contract } from './contract';
import { DOCUMENTED_EVENTS } from './events';
import type { Json, PhoneParticipant, Room } from './state';
import { TeamState } from './state';

const API_PREFIX = '/api/v1';
const PAGE_SIZE_MAX = 100;
const ENDPOINT_MAX_LENGTH = 100;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: unknown;
	authorization?: string;
	operationId?: string;
	status: number;
	/** Why the contract refused the request, if it did. */
	contractErrors?: Record<string, string[]>;
	unknownRoute?: 'path' | 'method';
}

/** Requests the API accepts but a correct middleware never sends (kept so tests can assert on them). */
export interface Anomaly {
	kind: 'joined-already-present' | 'left-not-present';
	roomId: string;
	callId: string;
}

export interface Fault {
	method?: string;
	/** Matched against the path after `/api/v1`, e.g. `/rooms` or /phone-participants/. */
	path?: string | RegExp;
	status?: number;
	retryAfter?: number;
	delayMs?: number;
	body?: Json;
	/** How many matching requests it applies to; unlimited when absent. */
	times?: number;
}

export interface SimulatorOptions {
	teamId?: string;
	developerKey?: string;
	port?: number;
	contract?: Contract;
}

class HttpAnswer {
	constructor(
		readonly status: number,
		readonly body?: unknown,
		readonly headers: Record<string, string> = {},
	) {}
}

const notFound = () => new HttpAnswer(404, { message: 'Not Found', error: 'not-found' });
const ok = () => new HttpAnswer(200, 'HTTP/1.1 200 OK', { 'content-type': 'text/plain' });

function unprocessable(errors: Record<string, string[]>): HttpAnswer {
	const fields = Object.entries(errors);
	const [field, problems] = fields[0] ?? ['request', ['is invalid']];
	const more = fields.length > 1 ? ` (and ${fields.length - 1} more error${fields.length > 2 ? 's' : ''})` : '';
	return new HttpAnswer(422, { message: `The ${field} field ${problems[0]}.${more}`, errors });
}

export class DigitalSambaSimulator {
	readonly state = new TeamState();
	readonly requests: RecordedRequest[] = [];
	readonly anomalies: Anomaly[] = [];
	readonly teamId: string;
	readonly developerKey: string;
	private faults: Fault[] = [];
	/**
	 * What "connect telephony" does at Digital Samba: dial the room's telephony number and play its
	 * DTMF. Wired to the Twilio call driver where both simulators run together.
	 */
	onBridgeConnect?: (room: Room) => void;

	private constructor(
		private readonly server: Server,
		readonly contract: Contract,
		options: SimulatorOptions,
	) {
		this.teamId = options.teamId ?? 'b4c8f9d2-5e1a-4f7b-9c3d-2a6e8f0b1c4d';
		this.developerKey = options.developerKey ?? 'sim-developer-key';
	}

	static async start(options: SimulatorOptions = {}): Promise<DigitalSambaSimulator> {
		const contract = options.contract ?? (await Contract.load());
		const server = createServer();
		const simulator = new DigitalSambaSimulator(server, contract, options);
		server.on('request', (request: IncomingMessage, response: ServerResponse) => {
			void simulator.handle(request, response);
		});
		await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
		return simulator;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	/** What a credential's Base URL is set to. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}${API_PREFIX}`;
	}

	/** Requests the official spec does not allow. A correct client makes none. */
	get violations(): RecordedRequest[] {
		return this.requests.filter((request) => request.contractErrors || request.unknownRoute);
	}

	/** Calls every registered webhook that listens to this event, as Digital Samba does. */
	async deliver(eventType: string, fields: Json = {}): Promise<Array<{ endpoint: string; status: number }>> {
		const payload = { eventType, timestamp: Math.floor(Date.now() / 1000), data: {}, ...fields };
		const results: Array<{ endpoint: string; status: number }> = [];
		for (const webhook of this.state.webhooks.values()) {
			if (!webhook.events.includes(eventType)) continue;
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (webhook.authorization_header) headers.authorization = `Bearer ${String(webhook.authorization_header)}`;
			const answer = await fetch(webhook.endpoint, { method: 'POST', headers, body: JSON.stringify(payload) });
			results.push({ endpoint: webhook.endpoint, status: answer.status });
		}
		return results;
	}

	injectFault(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	clearFaults(): void {
		this.faults = [];
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://simulator');
		const method = (request.method ?? 'GET').toUpperCase();
		const query = queryOf(url);
		const raw = await readBody(request);
		const recorded: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			body: undefined,
			authorization: request.headers.authorization,
			status: 0,
		};
		this.requests.push(recorded);

		const answer = await this.answer(request, recorded, url, raw);
		recorded.status = answer.status;
		const isText = typeof answer.body === 'string';
		const payload = answer.body === undefined ? '' : isText ? String(answer.body) : JSON.stringify(answer.body);
		response.writeHead(answer.status, {
			'content-type': isText ? 'text/plain' : 'application/json',
			...answer.headers,
		});
		response.end(answer.status === 204 ? undefined : payload);
	}

	private async answer(
		request: IncomingMessage,
		recorded: RecordedRequest,
		url: URL,
		raw: string,
	): Promise<HttpAnswer> {
		if (raw.length > 0) {
			try {
				recorded.body = JSON.parse(raw);
			} catch {
				return new HttpAnswer(400, { message: 'The request body is not valid JSON.' });
			}
		}
		if (!this.authorized(request.headers.authorization)) {
			return new HttpAnswer(401, { message: 'Unauthenticated.' });
		}

		const check = this.contract.validate({
			method: recorded.method,
			path: recorded.path,
			query: recorded.query,
			headers: request.headers,
			body: recorded.body,
		});
		recorded.operationId = check.operationId;
		if (check.unknownRoute === 'path') {
			recorded.unknownRoute = 'path';
			return new HttpAnswer(404, { message: `The route ${url.pathname.slice(1)} could not be found.` });
		}
		if (check.unknownRoute === 'method') {
			recorded.unknownRoute = 'method';
			return new HttpAnswer(405, {
				message: `The ${recorded.method} method is not supported for route ${url.pathname.slice(1)}.`,
			});
		}
		if (!check.valid) {
			recorded.contractErrors = check.errors;
			return unprocessable(check.errors);
		}

		const fault = this.takeFault(recorded.method, recorded.path.slice(API_PREFIX.length));
		if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault?.status) {
			const headers: Record<string, string> = {};
			if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
			const body =
				fault.body ??
				(fault.status === 429
					? { message: `Too Many Attempts. You may try again in ${fault.retryAfter ?? 60} seconds.`, error: 'rate-limit' }
					: { message: 'Server Error' });
			return new HttpAnswer(fault.status, body, headers);
		}

		return this.route(recorded.operationId ?? '', recorded.path.slice(API_PREFIX.length), recorded);
	}

	private authorized(header: string | undefined): boolean {
		if (!header) return false;
		const expected = [
			`Bearer ${this.developerKey}`,
			`Basic ${Buffer.from(`${this.teamId}:${this.developerKey}`).toString('base64')}`,
		];
		return expected.some((value) => {
			const a = Buffer.from(header);
			const b = Buffer.from(value);
			return a.length === b.length && timingSafeEqual(a, b);
		});
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method) &&
				(!fault.path || (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path))),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** Business rules Digital Samba states in its field descriptions, applied after the schema. */
	private route(operationId: string, path: string, request: RecordedRequest): HttpAnswer {
		const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
		const body = request.body as Json;
		const limitError = pageLimitError(request.query);
		if (limitError) return unprocessable(limitError);

		switch (operationId) {
			case 'getWebhooksEvents':
				return new HttpAnswer(200, [...DOCUMENTED_EVENTS]);
			case 'getDefaultRoomSettings':
				return new HttpAnswer(200, { default_role: { name: 'attendee' }, max_participants: 100 });

			case 'getAllTeamRooms': {
				const tag = request.query.tag;
				const rooms = [...this.state.rooms.values()].filter(
					(room) => !tag || (Array.isArray(room.tags) && room.tags.includes(String(tag))),
				);
				return page(rooms, request.query);
			}
			case 'createANewRoom': {
				const errors = roomErrors(body, this.state, undefined);
				if (errors) return unprocessable(errors);
				return new HttpAnswer(200, this.state.createRoom(body));
			}
			case 'getTheSpecifiedRoom':
			case 'updateRoom':
			case 'deleteRoom': {
				const room = this.state.findRoom(segments[1]);
				if (!room) return notFound();
				if (operationId === 'getTheSpecifiedRoom') return new HttpAnswer(200, room);
				if (operationId === 'deleteRoom') {
					if (this.state.liveSession(room.id) && body && Object.values(body).some(Boolean)) {
						return new HttpAnswer(422, { message: 'Cannot delete resources of a live room.' });
					}
					this.state.deleteRoom(room);
					return new HttpAnswer(204);
				}
				const errors = roomErrors(body, this.state, room);
				if (errors) return unprocessable(errors);
				return new HttpAnswer(200, this.state.updateRoom(room, body));
			}

			case 'getSingleRoomWithLiveParticipantsCount':
			case 'getSingleRoomWithLiveParticipantsData': {
				const room = this.state.findRoom(segments[1]);
				if (!room) return notFound();
				const session = this.state.liveSession(room.id);
				const participants = session ? ((session.participants as Json[] | undefined) ?? []) : [];
				return new HttpAnswer(200, {
					id: room.id,
					external_id: room.external_id ?? null,
					start_time: session?.start_time ?? null,
					session_duration: session ? Math.round((Date.now() - Date.parse(session.start_time)) / 1000) : 0,
					live_participants:
						operationId === 'getSingleRoomWithLiveParticipantsCount' ? participants.length : participants,
				});
			}

			case 'getAllSessions':
			case 'getAllRoomSessions': {
				let sessions = [...this.state.sessions.values()];
				if (operationId === 'getAllRoomSessions') {
					const room = this.state.findRoom(segments[1]);
					if (!room) return notFound();
					sessions = sessions.filter((session) => session.room_id === room.id);
				} else if (request.query.room_id) {
					sessions = sessions.filter((session) => session.room_id === request.query.room_id);
				}
				if (request.query.live !== undefined) {
					const live = request.query.live === 'true' || request.query.live === '1';
					sessions = sessions.filter((session) => session.live === live);
				}
				return page(sessions, request.query);
			}
			case 'endTheSpecifiedLiveSession': {
				const session = this.state.sessions.get(segments[1]);
				if (!session) return notFound();
				this.state.endSession(session);
				return ok();
			}

			case 'phoneParticipantsJoined':
			case 'phoneParticipantsLeft':
			case 'raiseHand':
			case 'lowerHand':
			case 'mute':
			case 'unmute':
			case 'connectToThePhoneBridgeSIP':
			case 'disconnectFromThePhoneBridgeSIP':
				return this.phone(operationId, segments, body);

			case 'getWebhooksForTheTeam':
				return page([...this.state.webhooks.values()], request.query);
			case 'createANewWebhook': {
				const errors = webhookErrors(body);
				if (errors) return unprocessable(errors);
				return new HttpAnswer(200, this.state.createWebhook(body));
			}
			case 'getTheSpecifiedWebhook':
			case 'updateTheSpecifiedWebhook':
			case 'deleteTheSpecifiedWebhook': {
				const webhook = this.state.webhooks.get(segments[1]);
				if (!webhook) return notFound();
				if (operationId === 'getTheSpecifiedWebhook') return new HttpAnswer(200, webhook);
				if (operationId === 'deleteTheSpecifiedWebhook') {
					this.state.webhooks.delete(webhook.id);
					return new HttpAnswer(204);
				}
				const errors = webhookErrors(body ?? {}, true);
				if (errors) return unprocessable(errors);
				Object.assign(webhook, body, { updated_at: new Date().toISOString() });
				return new HttpAnswer(200, webhook);
			}
			default:
				return new HttpAnswer(501, { message: `The simulator does not implement ${operationId}.` });
		}
	}

	/**
	 * Phone endpoints document `{room}` as the room's UUID: a friendly URL finds nothing here.
	 * `joined` for a call already in the room and `left` for one that is not are accepted (as
	 * Digital Samba most likely does) and recorded as anomalies.
	 */
	private phone(operationId: string, segments: string[], body: unknown): HttpAnswer {
		const room: Room | undefined = this.state.rooms.get(segments[1]);
		if (!room) return notFound();
		const participants = this.state.phoneParticipantsOf(room.id);

		if (operationId === 'phoneParticipantsJoined') {
			const errors: Record<string, string[]> = {};
			(body as Json[]).forEach((call, index) => {
				if (!call.name && !call.caller_number) {
					errors[`${index}.name`] = ['is required when caller number is not present'];
				}
			});
			if (Object.keys(errors).length > 0) return unprocessable(errors);
			for (const call of body as Json[]) {
				const callId = String(call.call_id);
				if (participants.has(callId)) this.anomalies.push({ kind: 'joined-already-present', roomId: room.id, callId });
				const participant: PhoneParticipant = {
					call_id: callId,
					name: call.name as string | undefined,
					caller_number: call.caller_number as string | undefined,
					external_id: call.external_id as string | undefined,
					muted: call.muted === true,
					hand_raised: false,
					joined_at: new Date().toISOString(),
				};
				participants.set(callId, participant);
			}
			return ok();
		}
		if (operationId === 'phoneParticipantsLeft') {
			for (const callId of body as string[]) {
				if (!participants.delete(callId)) this.anomalies.push({ kind: 'left-not-present', roomId: room.id, callId });
			}
			return ok();
		}
		if (operationId === 'connectToThePhoneBridgeSIP' || operationId === 'disconnectFromThePhoneBridgeSIP') {
			const connect = operationId === 'connectToThePhoneBridgeSIP';
			this.state.bridge.set(room.id, connect ? 'connected' : 'disconnected');
			if (connect) this.onBridgeConnect?.(room);
			return ok();
		}
		const participant = participants.get(segments[3]);
		if (!participant) return new HttpAnswer(404, { message: 'Phone participant not found.', error: 'not-found' });
		if (operationId === 'raiseHand' || operationId === 'lowerHand') participant.hand_raised = operationId === 'raiseHand';
		else participant.muted = operationId === 'mute';
		return ok();
	}
}

function queryOf(url: URL): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length > 1 ? values : values[0];
	}
	return query;
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function pageLimitError(query: Record<string, string | string[]>): Record<string, string[]> | undefined {
	if (query.limit !== undefined && Number(query.limit) > PAGE_SIZE_MAX) {
		return { limit: [`must not be greater than ${PAGE_SIZE_MAX}`] };
	}
	return undefined;
}

/** `{ data, total_count }` with `total_count` a string, as Digital Samba's examples show it. */
function page(records: Json[], query: Record<string, string | string[]>): HttpAnswer {
	const ordered = query.order === 'asc' ? records : [...records].reverse();
	const offset = Number(query.offset ?? 0);
	const limit = Number(query.limit ?? PAGE_SIZE_MAX);
	return new HttpAnswer(200, {
		data: ordered.slice(offset, offset + limit),
		total_count: String(records.length),
	});
}

function lengthError(value: unknown, min: number, max: number): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (value.length < min) return `must be at least ${min} characters`;
	if (value.length > max) return `must not be greater than ${max} characters`;
	return undefined;
}

function roomErrors(body: Json, state: TeamState, current: Room | undefined): Record<string, string[]> | undefined {
	const errors: Record<string, string[]> = {};
	const add = (field: string, problem: string | undefined) => {
		if (problem) (errors[field] ??= []).push(problem);
	};
	if (body.privacy !== undefined && !['public', 'private'].includes(String(body.privacy))) {
		add('privacy', 'must be one of public, private');
	}
	add('friendly_url', lengthError(body.friendly_url, 3, 32));
	if (typeof body.friendly_url === 'string') {
		const owner = state.findRoom(body.friendly_url);
		if (owner && owner !== current) add('friendly_url', 'has already been taken');
	}
	add('description', lengthError(body.description, 3, 500));
	if (typeof body.max_participants === 'number' && (body.max_participants < 2 || body.max_participants > 2000)) {
		add('max_participants', 'must be between 2 and 2000');
	}
	if (typeof body.expires_at === 'string' && Date.parse(body.expires_at.replace(' ', 'T') + 'Z') <= Date.now()) {
		add('expires_at', 'must be a date after now');
	}
	return Object.keys(errors).length > 0 ? errors : undefined;
}

function webhookErrors(body: Json, partial = false): Record<string, string[]> | undefined {
	const errors: Record<string, string[]> = {};
	const add = (field: string, problem: string | undefined) => {
		if (problem) (errors[field] ??= []).push(problem);
	};
	if (body.endpoint !== undefined || !partial) {
		const endpoint = String(body.endpoint ?? '');
		if (!/^https?:\/\/[^\s/]+/.test(endpoint)) add('endpoint', 'must be a valid URL');
		add('endpoint', lengthError(endpoint, 3, ENDPOINT_MAX_LENGTH));
	}
	if (body.name !== undefined && body.name !== null) add('name', lengthError(body.name, 3, 100));
	if (Array.isArray(body.events)) {
		body.events.forEach((event, index) => {
			if (!(DOCUMENTED_EVENTS as readonly string[]).includes(String(event))) add(`events.${index}`, 'is invalid');
		});
	}
	return Object.keys(errors).length > 0 ? errors : undefined;
}
