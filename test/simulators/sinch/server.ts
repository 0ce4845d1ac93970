/**
 * A local stand-in for the parts of Sinch Voice (Callback API v1 and the Calling REST API) this
 * package uses, as Sinch documents them (docs/research/sinch-voice-v1.md):
 * - one callback URL per application (a fallback when it fails); callbacks signed with the
 *   application key and secret by the official SDK's helper (sign.ts);
 * - cookies set by `setCookie` come back in every later callback of the call (`cookies`, a list of
 *   `{key, value}`; 1024 bytes at most);
 * - conferences exist while someone is in them, are addressed by the id given in `connectConf`, and
 *   send no join or leave callbacks; `moh` plays to a participant alone; with `detect`, a key
 *   sequence is a PIE whose menu id is the conference id, and the participant is out of the
 *   conference while the keys are collected;
 * - the DICE on every hang-up; REST requests must be signed (checked by the SDK's validator).
 * Kicking a participant ends its call here (Sinch's documentation does not say what follows a kick).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { validateAuthenticationHeader } from '@sinch/sdk-client';

import { HttpSimulator } from '../localServer';
import { postSignedCallback } from './sign';

export interface SinchCall {
	id: string;
	/** As Sinch sends `cli`: E.164 digits without the `+`. */
	cli: string;
	to: string;
	status: 'ONGOING' | 'FINAL';
	heard: string[];
	cookies: Map<string, string>;
	conference?: string;
	/** Resolves the call driver's wait in a conference: why the call left it. */
	onLeave?: (why: 'kicked' | 'hung-up') => void;
	onHear?: (text: string) => void;
}

export interface SinchParticipant {
	call: SinchCall;
	muted: boolean;
	onhold: boolean;
	joinedAt: number;
	dtmf?: { maxDigits: number; timeoutMills: number };
	/** Out of the conference while Sinch collects its keys (`detect`). */
	collecting: boolean;
}

export interface SinchConference {
	id: string;
	participants: Map<string, SinchParticipant>;
}

export interface Callback {
	url: string;
	body: Record<string, unknown>;
	status: number;
}

class SinchError {
	constructor(
		readonly status: number,
		readonly errorCode: number,
		readonly message: string,
	) {}
}

export function hearBy(call: SinchCall, text: string): void {
	call.heard.push(text);
	call.onHear?.(text);
}

const MAX_COOKIE_BYTES = 1024;

export class SinchSimulator extends HttpSimulator {
	readonly applicationKey = randomUUID();
	readonly applicationSecret = Buffer.from(randomUUID()).toString('base64');
	readonly callbackUrls: { primary: string; fallback?: string } = { primary: '' };
	readonly numbers = new Set<string>();
	readonly calls = new Map<string, SinchCall>();
	readonly conferences = new Map<string, SinchConference>();
	/** Callbacks sent, in order, with the status they got. */
	readonly callbacks: Callback[] = [];
	readonly restRequests: Array<{ method: string; path: string; body: unknown; status: number }> = [];
	static async start(): Promise<SinchSimulator> {
		const simulator = new SinchSimulator();
		await simulator.listen();
		return simulator;
	}

	addNumber(number: string): void {
		this.numbers.add(number);
	}

	newCall(from: string, to: string): SinchCall {
		const call: SinchCall = { id: randomUUID(), cli: from.replace(/^\+/, ''), to, status: 'ONGOING', heard: [], cookies: new Map() };
		this.calls.set(call.id, call);
		return call;
	}

	/**
	 * Posts a callback of the call (its cookies added) to the application's URL, or its fallback
	 * when that fails; answers the SVAML, or undefined when neither answered with it.
	 */
	async callback(call: SinchCall, body: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
		const full = {
			...body,
			callid: call.id,
			timestamp: new Date().toISOString(),
			version: 1,
			applicationKey: this.applicationKey,
			...(call.cookies.size > 0 ? { cookies: [...call.cookies].map(([key, value]) => ({ key, value })) } : {}),
		};
		for (const url of [this.callbackUrls.primary, this.callbackUrls.fallback]) {
			if (!url) continue;
			const answer = await this.track(postSignedCallback(url, full, this.applicationKey, this.applicationSecret));
			this.callbacks.push({ url, body: full, status: answer.status });
			if (answer.status !== 200) continue;
			try {
				return answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {};
			} catch {
				continue;
			}
		}
		return undefined;
	}

	/** `setCookie`: kept for the call's later callbacks, within Sinch's 1024 bytes. */
	setCookie(call: SinchCall, key: string, value: string): void {
		const next = new Map(call.cookies).set(key, value);
		const size = [...next].reduce((total, [k, v]) => total + k.length + v.length, 0);
		if (size <= MAX_COOKIE_BYTES) call.cookies = next;
	}

	/** `connectConf`: the conference exists from its first participant on. */
	join(call: SinchCall, conferenceId: string, options: { moh?: string; dtmf?: { maxDigits: number; timeoutMills: number } }): void {
		let conference = this.conferences.get(conferenceId);
		if (!conference) {
			conference = { id: conferenceId, participants: new Map() };
			this.conferences.set(conferenceId, conference);
		}
		conference.participants.set(call.id, { call, muted: false, onhold: false, joinedAt: Date.now(), dtmf: options.dtmf, collecting: false });
		call.conference = conferenceId;
		if (conference.participants.size === 1 && options.moh) hearBy(call, `[music on hold ${options.moh}]`);
	}

	private removeFromConference(call: SinchCall): void {
		const conference = call.conference ? this.conferences.get(call.conference) : undefined;
		call.conference = undefined;
		if (!conference) return;
		conference.participants.delete(call.id);
		if (conference.participants.size === 0) this.conferences.delete(conference.id);
	}

	/** Keys a participant pressed, with `detect` on: a PIE while it is out of the conference. */
	async conferenceKeys(call: SinchCall, keys: string): Promise<void> {
		const conference = call.conference ? this.conferences.get(call.conference) : undefined;
		const participant = conference?.participants.get(call.id);
		if (!conference || !participant?.dtmf) return;
		participant.collecting = true;
		try {
			await this.callback(call, { event: 'pie', menuResult: { menuId: conference.id, type: 'sequence', value: keys, inputMethod: 'dtmf' } });
		} finally {
			participant.collecting = false;
		}
	}

	/** Ends a call: it leaves its conference and Sinch sends the DICE. */
	async hangUp(call: SinchCall, reason: 'CALLERHANGUP' | 'CALLEEHANGUP' | 'MANAGERHANGUP', why: 'kicked' | 'hung-up' = 'hung-up'): Promise<void> {
		if (call.status === 'FINAL') return;
		call.status = 'FINAL';
		this.removeFromConference(call);
		call.onLeave?.(why);
		await this.callback(call, { event: 'dice', reason, result: 'ANSWERED', from: call.cli, to: { type: 'number', endpoint: call.to }, duration: 1 });
	}

	/** SVAML given over REST: speech is heard, a hangup action ends the call. */
	private async applySvaml(call: SinchCall, svaml: Record<string, unknown>): Promise<void> {
		for (const instruction of (svaml.instructions as Array<Record<string, unknown>> | undefined) ?? []) {
			if (instruction.name === 'say') hearBy(call, String(instruction.text));
			if (instruction.name === 'playFiles') for (const id of (instruction.ids as string[]) ?? []) hearBy(call, `[audio ${id}]`);
		}
		const action = svaml.action as Record<string, unknown> | undefined;
		if (action?.name === 'hangup') await this.hangUp(call, 'MANAGERHANGUP');
	}

	// ---- REST -------------------------------------------------------------------------------

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.baseUrl);
		const text = await this.bodyOf(request);
		const method = (request.method ?? 'GET').toUpperCase();
		let status = 200;
		let body: unknown;
		let parsed: unknown;
		try {
			if (!validateAuthenticationHeader(this.applicationKey, this.applicationSecret, request.headers, text, url.pathname, method)) {
				throw new SinchError(401, 40100, 'Invalid Application authorization');
			}
			if (!/^application /i.test(String(request.headers.authorization))) throw new SinchError(401, 40100, 'Requests must be signed');
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				throw new SinchError(400, 40000, 'The body is not JSON');
			}
			const answer = await this.route(method, url.pathname, parsed);
			if (answer === undefined) status = 204;
			else body = answer;
		} catch (error) {
			if (!(error instanceof SinchError)) throw error;
			status = error.status;
			body = { errorCode: error.errorCode, message: error.message, reference: randomUUID() };
		}
		this.restRequests.push({ method, path: url.pathname, body: parsed, status });
		this.reply(response, status, body);
	}

	private async route(method: string, path: string, body: unknown): Promise<unknown> {
		const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
		const notFound = (what: string) => new SinchError(404, 40400, `${what} not found`);
		if (parts[0] === 'calling' && parts[1] === 'v1' && parts[2] === 'conferences' && parts[3] === 'id') {
			const conference = this.conferences.get(parts[4] ?? '');
			if (parts.length === 5 && method === 'GET') {
				if (!conference) throw notFound('Conference');
				const now = Date.now();
				const listed = [...conference.participants.values()].filter((participant) => !participant.collecting);
				return {
					participants: listed.map((participant) => ({
						cli: participant.call.cli,
						id: participant.call.id,
						duration: Math.round((now - participant.joinedAt) / 1000),
						muted: participant.muted,
						onhold: participant.onhold,
					})),
				};
			}
			if (parts.length === 5 && method === 'DELETE') {
				if (!conference) throw notFound('Conference');
				for (const participant of [...conference.participants.values()]) await this.hangUp(participant.call, 'MANAGERHANGUP', 'kicked');
				return undefined;
			}
			const participant = conference?.participants.get(parts[5] ?? '');
			if (parts.length === 6 && !participant) throw notFound('Participant');
			if (parts.length === 6 && participant && method === 'DELETE') {
				await this.hangUp(participant.call, 'MANAGERHANGUP', 'kicked');
				return undefined;
			}
			if (parts.length === 6 && participant && method === 'PATCH') {
				const command = String((body as { command?: unknown } | undefined)?.command ?? '');
				if (command === 'mute' || command === 'unmute') participant.muted = command === 'mute';
				else if (command === 'onhold' || command === 'resume') participant.onhold = command === 'onhold';
				else throw new SinchError(400, 40001, `Unknown command '${command}'`);
				return undefined;
			}
		}
		if (parts[0] === 'calling' && parts[1] === 'v1' && parts[2] === 'calls' && parts[3] === 'id') {
			const call = this.calls.get(parts[4] ?? '');
			if (!call) throw notFound('Call');
			if (parts.length === 5 && method === 'GET') {
				return { callId: call.id, from: { type: 'number', endpoint: `+${call.cli}` }, to: { type: 'number', endpoint: call.to }, domain: 'pstn', status: call.status };
			}
			const svaml = (body ?? {}) as Record<string, unknown>;
			if (method === 'PATCH' && (parts.length === 5 || (parts.length === 7 && parts[5] === 'leg'))) {
				if (call.status !== 'ONGOING') throw new SinchError(409, 40900, 'The call is not ongoing');
				// The leg endpoint takes only say and playFiles.
				await this.applySvaml(call, parts.length === 7 ? { instructions: svaml.instructions } : svaml);
				return undefined;
			}
		}
		if (parts.join('/') === `v1/configuration/callbacks/applications/${this.applicationKey}`) {
			if (method === 'POST') {
				const url = ((body ?? {}) as { url?: { primary?: string; fallback?: string } }).url ?? {};
				this.callbackUrls.primary = url.primary ?? '';
				this.callbackUrls.fallback = url.fallback;
				return undefined;
			}
			if (method === 'GET') return { url: { ...this.callbackUrls } };
		}
		throw notFound('Resource');
	}
}
