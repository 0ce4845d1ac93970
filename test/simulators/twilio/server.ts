/**
 * A local stand-in for the parts of Twilio Voice this package uses: phone numbers, calls and
 * conferences over REST, and the conference semantics callers meet. Callbacks are signed with the
 * Auth Token by the `twilio` package. Conference rules kept (research/telephony.md §1.6, §2.1):
 * labels are unique in a conference (a duplicate joins nothing), the first participant's
 * statusCallback and events are the conference's, callers with startConferenceOnEnter=false wait
 * (hearing the waitUrl) until one with true is in, every event carries a SequenceNumber, and
 * participant lists page at 50.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { HttpSimulator } from '../localServer';
import { postSigned } from './sign';
import { parseTwiml } from '../responseXml';

export const PAGE_SIZE = 50;

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');
const now = () => new Date().toUTCString().replace('GMT', '+0000');

export interface SimCall {
	sid: string;
	from: string;
	to: string;
	status: 'in-progress' | 'completed';
	/** What the caller heard, in order. */
	heard: string[];
	/** Set while the call is in a conference; resolved when it leaves (with why). */
	conference?: { sid: string; label: string };
	onDialEnd?: (reason: DialEnd) => void;
	/** Told of everything the caller hears, as it happens (the call driver keeps a transcript). */
	onHear?: (text: string) => void;
}

/** Something reaches the caller's ear. */
export function hearBy(call: SimCall, text: string): void {
	call.heard.push(text);
	call.onHear?.(text);
}

export type DialEnd = 'star' | 'removed' | 'conference-ended' | 'hung-up';

export interface Participant {
	call: SimCall;
	label: string;
	muted: boolean;
	hold: boolean;
	startConferenceOnEnter: boolean;
	endConferenceOnExit: boolean;
	waiting: boolean;
	waitUrl?: string;
	created: string;
}

export interface Conference {
	sid: string;
	friendlyName: string;
	status: 'init' | 'in-progress' | 'completed';
	participants: Map<string, Participant>;
	statusCallback?: string;
	statusCallbackEvents: Set<string>;
	sequence: number;
	created: string;
}

export interface PhoneNumber {
	sid: string;
	phone_number: string;
	voice_url: string;
	voice_method: string;
	voice_fallback_url: string;
	voice_fallback_method: string;
}

export interface Delivery {
	url: string;
	params: Record<string, string>;
	status: number;
}

export interface JoinOptions {
	label?: string;
	muted: boolean;
	startConferenceOnEnter: boolean;
	endConferenceOnExit: boolean;
	waitUrl?: string;
	statusCallback?: string;
	statusCallbackEvents: string[];
}

class TwilioError {
	constructor(
		readonly status: number,
		readonly code: number,
		readonly message: string,
	) {}
}

export class TwilioSimulator extends HttpSimulator {
	readonly accountSid = 'AC' + 'a1'.repeat(16);
	readonly authToken = randomBytes(16).toString('hex');
	readonly numbers = new Map<string, PhoneNumber>();
	readonly conferences = new Map<string, Conference>();
	readonly calls = new Map<string, SimCall>();
	/** Status callbacks delivered, in order of sending. */
	readonly deliveries: Delivery[] = [];
	/**
	 * Callbacks that are sent but never processed, as when the n8n worker running them dies (Twilio
	 * does not resend a status callback): matching ones are recorded in `lost`, not posted.
	 */
	loseCallbacks?: (params: Record<string, string>) => boolean;
	readonly lost: Array<{ url: string; params: Record<string, string> }> = [];
	/** REST requests received: method, path, form. */
	readonly restRequests: Array<{ method: string; path: string; form: Record<string, string> }> = [];
	static async start(): Promise<TwilioSimulator> {
		const simulator = new TwilioSimulator();
		await simulator.listen();
		return simulator;
	}

	addNumber(phoneNumber: string, voiceUrl = '', fallbackUrl = ''): PhoneNumber {
		const number: PhoneNumber = {
			sid: sid('PN'),
			phone_number: phoneNumber,
			voice_url: voiceUrl,
			voice_method: 'POST',
			voice_fallback_url: fallbackUrl,
			voice_fallback_method: 'POST',
		};
		this.numbers.set(number.sid, number);
		return number;
	}

	numberFor(phoneNumber: string): PhoneNumber | undefined {
		return [...this.numbers.values()].find((number) => number.phone_number === phoneNumber);
	}

	newCall(from: string, to: string): SimCall {
		const call: SimCall = { sid: sid('CA'), from, to, status: 'in-progress', heard: [] };
		this.calls.set(call.sid, call);
		return call;
	}

	conferenceNamed(name: string): Conference | undefined {
		return [...this.conferences.values()].find((conference) => conference.friendlyName === name && conference.status !== 'completed');
	}

	/** `<Dial><Conference>`: false when the label is taken (Twilio notification 16025; the call moves on). */
	async join(call: SimCall, name: string, options: JoinOptions): Promise<boolean> {
		let conference = this.conferenceNamed(name);
		if (!conference) {
			conference = { sid: sid('CF'), friendlyName: name, status: 'init', participants: new Map(), statusCallbackEvents: new Set(), sequence: 0, created: now() };
			this.conferences.set(conference.sid, conference);
		}
		const label = options.label ?? call.sid;
		if ([...conference.participants.values()].some((participant) => participant.label === label)) return false;
		if (conference.participants.size === 0 && !conference.statusCallback && options.statusCallback) {
			// The first participant's callback and events are the conference's; later ones are ignored.
			conference.statusCallback = options.statusCallback;
			conference.statusCallbackEvents = new Set(options.statusCallbackEvents);
		}
		const participant: Participant = {
			call,
			label,
			muted: options.muted,
			hold: false,
			startConferenceOnEnter: options.startConferenceOnEnter,
			endConferenceOnExit: options.endConferenceOnExit,
			waiting: false,
			waitUrl: options.waitUrl,
			created: now(),
		};
		conference.participants.set(call.sid, participant);
		call.conference = { sid: conference.sid, label };
		await this.emit(conference, 'participant-join', participant);
		const present = [...conference.participants.values()];
		if (conference.status === 'init' && present.some((p) => p.startConferenceOnEnter) && present.length >= 2) {
			conference.status = 'in-progress';
			for (const other of present) other.waiting = false;
			await this.emit(conference, 'conference-start');
		} else if (conference.status === 'init') {
			participant.waiting = true;
			if (participant.waitUrl) await this.playTo(participant, participant.waitUrl, conference);
		}
		return true;
	}

	/** A participant leaves; the conference ends when it empties or an endConferenceOnExit one leaves. */
	async leave(conference: Conference, participant: Participant, why: DialEnd, reason?: string): Promise<void> {
		if (!conference.participants.delete(participant.call.sid)) return;
		participant.call.conference = undefined;
		await this.emit(conference, 'participant-leave', participant, {
			...(reason ? { ReasonParticipantLeft: reason } : {}),
			ParticipantCallStatus: participant.call.status === 'completed' ? 'completed' : 'in-progress',
		});
		participant.call.onDialEnd?.(why);
		if (conference.status !== 'completed' && (conference.participants.size === 0 || participant.endConferenceOnExit)) {
			await this.end(conference, conference.participants.size === 0 ? 'last-participant-left' : 'participant-with-end-conference-on-exit-left');
		}
	}

	async end(conference: Conference, reason: string): Promise<void> {
		if (conference.status === 'completed') return;
		conference.status = 'completed';
		for (const participant of [...conference.participants.values()]) {
			await this.leave(conference, participant, 'conference-ended', 'conference_ended_via_api');
		}
		await this.emit(conference, 'conference-end', undefined, { ReasonConferenceEnded: reason });
	}

	private async emit(conference: Conference, event: string, participant?: Participant, extra: Record<string, string> = {}) {
		conference.sequence += 1;
		const category = event.replace(/^(participant|conference)-/, '').replace(/^un/, '');
		if (!conference.statusCallback || !conference.statusCallbackEvents.has(category)) return;
		const params: Record<string, string> = {
			AccountSid: this.accountSid,
			ConferenceSid: conference.sid,
			FriendlyName: conference.friendlyName,
			SequenceNumber: String(conference.sequence),
			StatusCallbackEvent: event,
			Timestamp: now(),
			...extra,
		};
		if (participant) {
			Object.assign(params, {
				CallSid: participant.call.sid,
				Coaching: 'false',
				EndConferenceOnExit: String(participant.endConferenceOnExit),
				Hold: String(participant.hold),
				Muted: String(participant.muted),
				ParticipantLabel: participant.label,
				StartConferenceOnEnter: String(participant.startConferenceOnEnter),
			});
		}
		const url = conference.statusCallback;
		if (this.loseCallbacks?.(params)) {
			this.lost.push({ url, params });
			return;
		}
		// Twilio does not wait for our answer before going on; neither does the simulator.
		void this.track(
			postSigned(url, params, this.authToken).then(
				(answer) => this.deliveries.push({ url, params, status: answer.status }),
				() => this.deliveries.push({ url, params, status: 0 }),
			),
		);
	}

	/** Fetches TwiML (a waitUrl or an announceUrl) for a participant and records what they hear. */
	private async playTo(participant: Participant, url: string, conference: Conference, hearers = [participant]) {
		const answer = await this.track(
			postSigned(url, { AccountSid: this.accountSid, CallSid: participant.call.sid, ConferenceSid: conference.sid, FriendlyName: conference.friendlyName }, this.authToken),
		);
		if (answer.status !== 200) return;
		for (const verb of parseTwiml(answer.body)) {
			const heard = verb.name === 'Say' ? verb.text : verb.name === 'Play' ? `[audio ${verb.text}]` : undefined;
			if (heard) for (const hearer of hearers) hearBy(hearer.call, heard);
		}
	}

	// ---- REST -------------------------------------------------------------------------------

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.baseUrl);
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
		const method = (request.method ?? 'GET').toUpperCase();
		this.restRequests.push({ method, path: url.pathname + url.search, form });
		let status = 200;
		let body: unknown;
		try {
			if (!this.authorized(request.headers.authorization)) throw new TwilioError(401, 20003, 'Authenticate');
			const answer = await this.route(method, url, form);
			if (answer === undefined) status = 204;
			else body = answer;
		} catch (error) {
			if (!(error instanceof TwilioError)) throw error;
			status = error.status;
			body = { code: error.code, message: error.message, more_info: `https://www.twilio.com/docs/errors/${error.code}`, status: error.status };
		}
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(body === undefined ? undefined : JSON.stringify(body));
	}

	private authorized(header: string | undefined): boolean {
		return header === `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
	}

	private async route(method: string, url: URL, form: Record<string, string>): Promise<unknown> {
		const prefix = `/2010-04-01/Accounts/${this.accountSid}`;
		const path = decodeURIComponent(url.pathname);
		const notFound = () => new TwilioError(404, 20404, `The requested resource ${url.pathname} was not found`);
		if (path === `${prefix}.json` && method === 'GET') return { sid: this.accountSid, status: 'active', friendly_name: 'Simulated account' };
		if (!path.startsWith(`${prefix}/`)) throw notFound();
		const rest = path.slice(prefix.length + 1).replace(/\.json$/, '').split('/');

		if (rest[0] === 'Conferences') {
			if (rest.length === 1 && method === 'GET') return this.listConferences(url);
			const conference = this.conferences.get(rest[1]);
			if (!conference) throw notFound();
			if (rest.length === 2) return await this.updateConference(method, conference, form);
			if (rest[2] === 'Participants' && rest.length === 3 && method === 'GET') return this.listParticipants(conference, url, prefix);
			if (rest[2] === 'Participants' && rest.length === 4) return await this.participantRequest(method, conference, rest[3], form);
		}
		if (rest[0] === 'Calls' && rest.length === 2) {
			const call = this.calls.get(rest[1]);
			if (!call) throw notFound();
			if (method === 'POST' && form.Twiml) {
				// New TwiML takes the call out of what it was doing; the simulator plays what it says.
				for (const verb of parseTwiml(form.Twiml)) if (verb.name === 'Say') hearBy(call, verb.text);
				if (parseTwiml(form.Twiml).some((verb) => verb.name === 'Hangup')) await this.hangUp(call, 'participant_updated_via_api');
			}
			if (method === 'POST' && form.Status === 'completed') await this.hangUp(call, 'participant_updated_via_api');
			return { sid: call.sid, account_sid: this.accountSid, from: call.from, to: call.to, status: call.status, direction: 'inbound' };
		}
		if (rest[0] === 'IncomingPhoneNumbers') {
			if (rest.length === 1 && method === 'GET') {
				const wanted = url.searchParams.get('PhoneNumber');
				const numbers = [...this.numbers.values()].filter((number) => !wanted || number.phone_number === wanted);
				return { incoming_phone_numbers: numbers, next_page_uri: null, page: 0, page_size: numbers.length };
			}
			const number = this.numbers.get(rest[1]);
			if (!number) throw notFound();
			if (method === 'POST') {
				if (form.VoiceUrl !== undefined) number.voice_url = form.VoiceUrl;
				if (form.VoiceMethod !== undefined) number.voice_method = form.VoiceMethod;
				if (form.VoiceFallbackUrl !== undefined) number.voice_fallback_url = form.VoiceFallbackUrl;
				if (form.VoiceFallbackMethod !== undefined) number.voice_fallback_method = form.VoiceFallbackMethod;
			}
			return number;
		}
		throw notFound();
	}

	/** Hangs a call up; if it is in a conference it leaves it. */
	async hangUp(call: SimCall, reason: string): Promise<void> {
		if (call.status === 'completed') return;
		call.status = 'completed';
		const conference = call.conference && this.conferences.get(call.conference.sid);
		const participant = conference?.participants.get(call.sid);
		if (conference && participant) await this.leave(conference, participant, 'hung-up', reason);
		else call.onDialEnd?.('hung-up');
	}

	private conferenceJson(conference: Conference) {
		return {
			sid: conference.sid,
			account_sid: this.accountSid,
			friendly_name: conference.friendlyName,
			status: conference.status,
			date_created: conference.created,
			region: 'us1',
		};
	}

	private listConferences(url: URL) {
		const name = url.searchParams.get('FriendlyName');
		const status = url.searchParams.get('Status');
		const size = Number(url.searchParams.get('PageSize') ?? PAGE_SIZE);
		const found = [...this.conferences.values()].filter(
			(conference) => (!name || conference.friendlyName === name) && (!status || conference.status === status),
		);
		return { conferences: found.slice(0, size).map((conference) => this.conferenceJson(conference)), next_page_uri: null, page: 0, page_size: size };
	}

	private async updateConference(method: string, conference: Conference, form: Record<string, string>) {
		if (method === 'POST') {
			if (form.AnnounceUrl) {
				const everyone = [...conference.participants.values()];
				if (everyone.length > 0) await this.playTo(everyone[0], form.AnnounceUrl, conference, everyone);
			}
			if (form.Status === 'completed') await this.end(conference, 'conference-ended-via-api');
		}
		return this.conferenceJson(conference);
	}

	private participantJson(conference: Conference, participant: Participant) {
		return {
			account_sid: this.accountSid,
			call_sid: participant.call.sid,
			conference_sid: conference.sid,
			label: participant.label,
			muted: participant.muted,
			hold: participant.hold,
			coaching: false,
			end_conference_on_exit: participant.endConferenceOnExit,
			start_conference_on_enter: participant.startConferenceOnEnter,
			status: 'connected',
			date_created: participant.created,
		};
	}

	private listParticipants(conference: Conference, url: URL, prefix: string) {
		const size = Math.min(Number(url.searchParams.get('PageSize') ?? PAGE_SIZE), 1000);
		const page = Number(url.searchParams.get('Page') ?? 0);
		const all = [...conference.participants.values()];
		const slice = all.slice(page * size, (page + 1) * size);
		const more = (page + 1) * size < all.length;
		const base = `${prefix}/Conferences/${conference.sid}/Participants.json`;
		return {
			participants: slice.map((participant) => this.participantJson(conference, participant)),
			page,
			page_size: size,
			next_page_uri: more ? `${base}?PageSize=${size}&Page=${page + 1}&PageToken=PA${page + 1}` : null,
		};
	}

	private async participantRequest(method: string, conference: Conference, callSidOrLabel: string, form: Record<string, string>) {
		const participant =
			conference.participants.get(callSidOrLabel) ??
			[...conference.participants.values()].find((candidate) => candidate.label === callSidOrLabel);
		if (!participant) throw new TwilioError(404, 20404, `The requested resource Participants/${callSidOrLabel} was not found`);
		if (method === 'DELETE') {
			await this.leave(conference, participant, 'removed', 'participant_updated_via_api');
			return undefined;
		}
		if (method === 'POST') {
			if (form.Muted !== undefined && (form.Muted === 'true') !== participant.muted) {
				participant.muted = form.Muted === 'true';
				await this.emit(conference, participant.muted ? 'participant-mute' : 'participant-unmute', participant);
			}
			if (form.Hold !== undefined && (form.Hold === 'true') !== participant.hold) {
				participant.hold = form.Hold === 'true';
				await this.emit(conference, participant.hold ? 'participant-hold' : 'participant-unhold', participant);
			}
			if (form.AnnounceUrl) await this.playTo(participant, form.AnnounceUrl, conference);
		}
		return this.participantJson(conference, participant);
	}
}
