/**
 * A local stand-in for the parts of Plivo Voice this package uses, as Plivo documents them
 * (docs/research/plivo-voice.md):
 * - numbers linked to an application (answer, fallback and hang-up URLs, POST); every request to
 *   our URLs is a form POST signed with the Auth Token (X-Plivo-Signature-V3, sign.ts);
 * - conferences exist while members are in them and are addressed by name; each member has a
 *   `member_id` (a string) and gets callbacks about itself only, at the `callbackUrl` of its own
 *   `<Conference>`: `enter`, `exit` (on a hang-up, a kick, a transfer, the end), and `digits` when
 *   its keys match one of its `digitsMatch` sequences (the member stays in);
 * - at most 20 members (`maxMembers`): a call joining a full conference goes on with its XML;
 * - a member with startConferenceOnEnter false waits, hearing the XML its `waitSound` URL answers,
 *   until one with true is in; endConferenceOnExit ends the conference for everyone;
 * - a transfer is accepted (202) and carried out a moment later: the call leaves its conference
 *   then, and fetches its next XML from the transfer URL;
 * - the hang-up URL is called when a call ends; REST with Basic auth, JSON bodies, paths with their
 *   trailing slash (the live-call lookup with or without), errors as `{ api_id, error }`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HttpSimulator } from '../localServer';
import type { Verb } from '../responseXml';
import { parseResponseXml } from '../responseXml';
import { postSigned } from './sign';

export type LeaveReason = 'hung-up' | 'kicked' | 'transferred' | 'conference-ended';

export interface PlivoCall {
	uuid: string;
	/** As Plivo writes numbers: digits, no `+`. */
	from: string;
	to: string;
	callerName?: string;
	status: 'ringing' | 'in-progress' | 'completed';
	startedAt: number;
	heard: string[];
	conference?: string;
	/** Where a transfer sent the call: the call driver fetches its next XML there. */
	transferUrl?: string;
	/** Resolves the call driver's wait in a conference: why the call left it. */
	onLeave?: (why: LeaveReason) => void;
	/** Tells the call driver the call was transferred while it was elsewhere than a conference. */
	onTransfer?: () => void;
	onHear?: (text: string) => void;
}

export interface MemberOptions {
	muted: boolean;
	startConferenceOnEnter: boolean;
	endConferenceOnExit: boolean;
	waitSound?: string;
	callbackUrl?: string;
	digitsMatch: string[];
	maxMembers?: number;
}

export interface Member extends MemberOptions {
	memberId: string;
	call: PlivoCall;
	deaf: boolean;
	joinedAt: number;
	/** Keys pressed since the last match, for `digitsMatch`. */
	keys: string;
}

export interface Conference {
	name: string;
	uuid: string;
	members: Map<string, Member>;
	started: boolean;
	createdAt: number;
}

export interface Application {
	app_id: string;
	app_name: string;
	answer_url: string;
	answer_method: string;
	fallback_answer_url: string;
	fallback_method: string;
	hangup_url: string;
	hangup_method: string;
}

export interface Delivery {
	url: string;
	params: Record<string, string>;
	status: number;
}

export function hearBy(call: PlivoCall, text: string): void {
	call.heard.push(text);
	call.onHear?.(text);
}

/** What a caller hears of Plivo XML's sound elements (Speak, Play; Wait is silence). */
export function hearElements(call: PlivoCall, elements: Verb[]): void {
	for (const element of elements) {
		if (element.name === 'Speak') hearBy(call, element.text);
		else if (element.name === 'Play') hearBy(call, `[audio ${element.text}]`);
	}
}

class PlivoError {
	constructor(
		readonly status: number,
		readonly error: string,
	) {}
}

const digitsOnly = (number: string) => number.replace(/^\+/, '');
/** How long after accepting a transfer the simulator carries it out. */
const TRANSFER_DELAY_MS = 150;
/** Plivo's `maxMembers`: 20 by default, and at most. */
export const MAX_MEMBERS = 20;

export class PlivoSimulator extends HttpSimulator {
	readonly authId = 'MA' + randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase();
	readonly authToken = Buffer.from(randomUUID()).toString('base64').slice(0, 40);
	/** Numbers (digits, no `+`) and the application each is linked to. */
	readonly numbers = new Map<string, { appId?: string }>();
	readonly applications = new Map<string, Application>();
	readonly calls = new Map<string, PlivoCall>();
	readonly conferences = new Map<string, Conference>();
	/** Requests made to our URLs (answer, action, callbacks…), in order of sending. */
	readonly deliveries: Delivery[] = [];
	readonly restRequests: Array<{ method: string; path: string; body: unknown; status: number }> = [];
	private memberSequence = 10;
	private appSequence = 20372631212782780n;

	static async start(): Promise<PlivoSimulator> {
		const simulator = new PlivoSimulator();
		await simulator.listen();
		return simulator;
	}

	createApplication(name: string, urls: Partial<Application> = {}): Application {
		this.appSequence += 1n;
		const application: Application = {
			app_id: String(this.appSequence),
			app_name: name,
			answer_url: '',
			answer_method: 'POST',
			fallback_answer_url: '',
			fallback_method: 'POST',
			hangup_url: '',
			hangup_method: 'POST',
			...urls,
		};
		this.applications.set(application.app_id, application);
		return application;
	}

	addNumber(number: string, appId?: string): void {
		this.numbers.set(digitsOnly(number), { appId });
	}

	applicationOf(number: string): Application | undefined {
		const appId = this.numbers.get(digitsOnly(number))?.appId;
		return appId ? this.applications.get(appId) : undefined;
	}

	newCall(from: string, to: string, callerName?: string): PlivoCall {
		const call: PlivoCall = { uuid: randomUUID(), from: digitsOnly(from), to: digitsOnly(to), callerName, status: 'ringing', startedAt: Date.now(), heard: [] };
		this.calls.set(call.uuid, call);
		return call;
	}

	/** The fields Plivo sends about a call with every request for it. */
	callParams(call: PlivoCall): Record<string, string> {
		return {
			CallUUID: call.uuid,
			From: call.from,
			To: call.to,
			CallStatus: call.status,
			Direction: 'inbound',
			BillRate: '0.0085',
			...(call.callerName ? { CallerName: call.callerName } : {}),
		};
	}

	/** A signed form POST to one of our URLs, recorded; resolves to the answer. */
	async post(url: string, params: Record<string, string>) {
		const answer = await this.track(postSigned(url, params, this.authToken));
		this.deliveries.push({ url, params, status: answer.status });
		return answer;
	}

	// ---- Conferences ------------------------------------------------------------------------

	conferenceOf(call: PlivoCall): Conference | undefined {
		return call.conference ? this.conferences.get(call.conference) : undefined;
	}

	/**
	 * `<Conference>`: the call becomes a member; the conference exists from its first member on.
	 * Undefined when the conference is full (`maxMembers`, at most 20): the call's XML goes on.
	 */
	join(call: PlivoCall, name: string, options: MemberOptions): Member | undefined {
		let conference = this.conferences.get(name);
		if (!conference) {
			conference = { name, uuid: randomUUID(), members: new Map(), started: false, createdAt: Date.now() };
			this.conferences.set(name, conference);
		}
		if (conference.members.size >= Math.min(options.maxMembers ?? MAX_MEMBERS, MAX_MEMBERS)) return undefined;
		this.memberSequence += 1;
		const member: Member = { ...options, memberId: String(this.memberSequence), call, deaf: false, joinedAt: Date.now(), keys: '' };
		conference.members.set(call.uuid, member);
		call.conference = name;
		this.emit(conference, member, 'enter');
		if (!conference.started && member.startConferenceOnEnter) {
			conference.started = true;
		} else if (!conference.started && member.waitSound) {
			// Played while the member waits; the call goes on waiting meanwhile.
			void this.track(this.playWaitSound(conference, member));
		}
		return member;
	}

	/** The XML a waiting member's `waitSound` URL answers, heard by it. */
	private async playWaitSound(conference: Conference, member: Member): Promise<void> {
		const answer = await this.post(member.waitSound ?? '', { ...this.callParams(member.call), ConferenceName: conference.name });
		if (answer.status !== 200) return;
		try {
			hearElements(member.call, parseResponseXml(answer.body, 'Plivo XML'));
		} catch {
			// Plivo plays nothing for a waitSound answer that is not XML.
		}
	}

	/** A member leaves; everyone leaves when one with endConferenceOnExit does. */
	async leave(member: Member, why: LeaveReason): Promise<void> {
		const conference = this.conferenceOf(member.call);
		if (!conference?.members.delete(member.call.uuid)) return;
		member.call.conference = undefined;
		this.emit(conference, member, 'exit');
		member.call.onLeave?.(why);
		if (member.endConferenceOnExit) await this.end(conference);
		if (conference.members.size === 0) this.conferences.delete(conference.name);
	}

	/** The conference ends: every member leaves it (each call goes on with its XML). */
	async end(conference: Conference): Promise<void> {
		for (const member of [...conference.members.values()]) await this.leave(member, 'conference-ended');
		this.conferences.delete(conference.name);
	}

	/** A key a member pressed: a callback when the keys since the last match end with one of its sequences. */
	pressInConference(call: PlivoCall, key: string): void {
		const conference = this.conferenceOf(call);
		const member = conference?.members.get(call.uuid);
		if (!conference || !member) return;
		member.keys = (member.keys + key).slice(-16);
		const match = member.digitsMatch.find((sequence) => member.keys.endsWith(sequence));
		if (!match) return;
		member.keys = '';
		this.emit(conference, member, 'digits', { ConferenceDigitsMatch: match });
	}

	/** A callback about this member, to its own callbackUrl; Plivo does not wait for it. */
	private emit(conference: Conference, member: Member, action: 'enter' | 'exit' | 'digits', extra: Record<string, string> = {}): void {
		if (!member.callbackUrl) return;
		void this.post(member.callbackUrl, {
			ConferenceAction: action,
			ConferenceName: conference.name,
			ConferenceUUID: conference.uuid,
			ConferenceMemberID: member.memberId,
			CallUUID: member.call.uuid,
			...extra,
		});
	}

	/** A call ends: it leaves its conference, and the application's hang-up URL is told. */
	async hangUp(call: PlivoCall, cause = 'NORMAL_CLEARING'): Promise<void> {
		if (call.status === 'completed') return;
		call.status = 'completed';
		const member = this.conferenceOf(call)?.members.get(call.uuid);
		if (member) await this.leave(member, 'hung-up');
		else call.onLeave?.('hung-up');
		const application = this.applicationOf(call.to);
		if (application?.hangup_url) {
			const seconds = String(Math.max(1, Math.round((Date.now() - call.startedAt) / 1000)));
			void this.post(application.hangup_url, { ...this.callParams(call), HangupCause: cause, Duration: seconds, BillDuration: seconds, Event: 'Hangup' });
		}
	}

	// ---- REST -------------------------------------------------------------------------------

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.baseUrl);
		const text = await this.bodyOf(request);
		const method = (request.method ?? 'GET').toUpperCase();
		let status = 200;
		let body: unknown;
		let parsed: Record<string, unknown> = {};
		try {
			if (request.headers.authorization !== `Basic ${Buffer.from(`${this.authId}:${this.authToken}`).toString('base64')}`) {
				throw new PlivoError(401, 'authentication failed');
			}
			try {
				parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
			} catch {
				throw new PlivoError(400, 'the body is not JSON');
			}
			const answer = await this.route(method, url, parsed);
			status = answer.status;
			body = answer.body === undefined ? undefined : { api_id: randomUUID(), ...answer.body };
		} catch (error) {
			if (!(error instanceof PlivoError)) throw error;
			status = error.status;
			body = { api_id: randomUUID(), error: error.error };
		}
		this.restRequests.push({ method, path: url.pathname + url.search, body: parsed, status });
		this.reply(response, status, body);
	}

	private async route(method: string, url: URL, body: Record<string, unknown>): Promise<{ status: number; body?: Record<string, unknown> }> {
		const prefix = `/v1/Account/${this.authId}/`;
		const notFound = new PlivoError(404, 'not found');
		if (!url.pathname.startsWith(prefix) && url.pathname !== prefix.slice(0, -1)) throw notFound;
		const parts = url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
		const ok = (payload: Record<string, unknown>, status = 200) => ({ status, body: payload });
		const accepted = (payload: Record<string, unknown>) => ok(payload, 202);
		const deleted = { status: 204 };
		const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

		if (parts.length === 0 && method === 'GET') return ok({ auth_id: this.authId, name: 'Simulated account', account_type: 'standard' });

		if (parts[0] === 'Conference' && parts.length >= 2) {
			const conference = this.conferences.get(parts[1]);
			if (!conference) throw notFound;
			if (parts.length === 2 && method === 'GET') return ok(this.conferenceJson(conference));
			if (parts.length === 2 && method === 'DELETE') {
				for (const member of [...conference.members.values()]) await this.hangUp(member.call, 'NORMAL_CLEARING');
				return deleted;
			}
			if (parts[2] !== 'Member' || parts.length < 4) throw notFound;
			const wanted = parts[3] === 'all' ? [...conference.members.values()] : parts[3].split(',').map((id) => [...conference.members.values()].find((member) => member.memberId === id));
			const members = wanted.filter((member): member is Member => member !== undefined);
			if (members.length === 0 || members.length !== wanted.length) throw notFound;
			const action = parts[4] ?? '';
			const done = (message: string) => accepted({ message, member_id: parts[3] });
			if (action === '' && method === 'DELETE') {
				for (const member of members) await this.hangUp(member.call, 'NORMAL_CLEARING');
				return done('hangup');
			}
			if (action === 'Mute' || action === 'Deaf') {
				if (method !== 'POST' && method !== 'DELETE') throw new PlivoError(405, 'method not allowed');
				for (const member of members) member[action === 'Mute' ? 'muted' : 'deaf'] = method === 'POST';
				return method === 'POST' ? done(action === 'Mute' ? 'muted' : 'deaf') : deleted;
			}
			if (action === 'Kick' && method === 'POST') {
				for (const member of members) await this.leave(member, 'kicked');
				return done('kicked');
			}
			if (action === 'Speak' && method === 'POST') {
				const words = field('text');
				if (!words) throw new PlivoError(400, 'text is required');
				for (const member of members) hearBy(member.call, words);
				return done('speak queued into conference');
			}
			throw notFound;
		}

		if (parts[0] === 'Call' && parts.length === 2) {
			const call = this.calls.get(parts[1]);
			if (!call) throw notFound;
			if (method === 'GET') {
				// Live details for a call in progress; a call that is over is not live.
				if (url.searchParams.get('status') === 'live') {
					if (call.status === 'completed') throw notFound;
					return ok({ call_uuid: call.uuid, call_status: call.status, direction: 'inbound', from: `+${call.from}`, to: call.to, caller_name: call.callerName ?? '', session_start: new Date(call.startedAt).toISOString() });
				}
				if (call.status !== 'completed') throw notFound;
				return ok({ call_uuid: call.uuid, call_direction: 'inbound', from_number: `+${call.from}`, to_number: call.to, resource_uri: `${prefix}Call/${call.uuid}/` });
			}
			if (method === 'DELETE') {
				if (call.status === 'completed') throw notFound;
				await this.hangUp(call, 'NORMAL_CLEARING');
				return deleted;
			}
			if (method === 'POST') {
				if (call.status === 'completed') throw notFound;
				if (field('legs') !== 'aleg' || !field('aleg_url')) throw new PlivoError(400, 'legs=aleg needs aleg_url');
				// Accepted now, carried out a moment later (as a queued transfer is): until then the call
				// is still where it was.
				const url = field('aleg_url');
				void this.track(
					new Promise((resolve) => setTimeout(resolve, TRANSFER_DELAY_MS)).then(async () => {
						if (call.status === 'completed') return;
						call.transferUrl = url;
						const member = this.conferenceOf(call)?.members.get(call.uuid);
						if (member) await this.leave(member, 'transferred');
						else call.onTransfer?.();
					}),
				);
				return accepted({ message: 'call transfered' });
			}
		}

		if (parts[0] === 'Number') {
			if (parts.length === 1 && method === 'GET') {
				const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 20);
				const all = [...this.numbers.keys()].map((number) => this.numberJson(number, prefix));
				return ok({ meta: { limit, offset: 0, total_count: all.length, next: null, previous: null }, objects: all.slice(0, limit) });
			}
			const number = this.numbers.get(parts[1] ?? '');
			if (!number || parts.length !== 2) throw notFound;
			if (method === 'GET') return ok(this.numberJson(parts[1], prefix));
			if (method === 'POST') {
				const appId = field('app_id');
				if (appId && !this.applications.has(appId)) throw new PlivoError(400, 'invalid app_id');
				number.appId = appId || number.appId;
				return accepted({ message: 'changed' });
			}
		}

		if (parts[0] === 'Application') {
			const urls = Object.fromEntries(
				['answer_url', 'answer_method', 'fallback_answer_url', 'fallback_method', 'hangup_url', 'hangup_method'].filter((name) => field(name)).map((name) => [name, field(name)]),
			);
			if (parts.length === 1 && method === 'POST') {
				if (!field('app_name')) throw new PlivoError(400, 'app_name is required');
				return ok({ message: 'created', app_id: this.createApplication(field('app_name'), urls).app_id }, 201);
			}
			const application = this.applications.get(parts[1] ?? '');
			if (!application || parts.length !== 2) throw notFound;
			if (method === 'GET') return ok({ ...application, resource_uri: `${prefix}Application/${application.app_id}/`, sip_uri: `sip:${application.app_id}@app.plivo.com` });
			if (method === 'POST') {
				Object.assign(application, urls);
				return accepted({ message: 'changed' });
			}
		}
		throw notFound;
	}

	private conferenceJson(conference: Conference) {
		const now = Date.now();
		const seconds = (since: number) => String(Math.round((now - since) / 1000));
		return {
			conference_name: conference.name,
			conference_run_time: seconds(conference.createdAt),
			conference_member_count: String(conference.members.size),
			members: [...conference.members.values()].map((member) => ({
				member_id: member.memberId,
				call_uuid: member.call.uuid,
				muted: member.muted,
				deaf: member.deaf,
				from: member.call.from,
				to: member.call.to,
				caller_name: member.call.callerName ?? '',
				direction: 'inbound',
				join_time: seconds(member.joinedAt),
			})),
		};
	}

	private numberJson(number: string, prefix: string) {
		const appId = this.numbers.get(number)?.appId;
		return {
			number,
			number_type: 'local',
			voice_enabled: true,
			application: appId ? `${prefix}Application/${appId}/` : null,
			resource_uri: `${prefix}Number/${number}/`,
		};
	}
}
