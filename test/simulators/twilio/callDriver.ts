/**
 * Plays a phone call against the voice URL of a simulated number, as Twilio would: posts the signed
 * voice webhook, reads the TwiML, and follows it (Say, Play, Pause, Gather, Dial/Conference,
 * Redirect, Hangup), pressing the keys it was given. The transcript records what the caller heard,
 * the keys sent, the conference joined and how the call ended.
 */
import type { DialEnd, SimCall, TwilioSimulator } from './server';
import { hearBy } from './server';
import { postSigned } from './sign';
import type { Verb } from '../responseXml';
import { parseTwiml } from '../responseXml';
import { DrivenCall } from '../drivenCall';

export type TranscriptEntry =
	| { type: 'heard'; text: string }
	| { type: 'pressed'; keys: string }
	| { type: 'joined'; conference: string; label: string; muted: boolean }
	| { type: 'join-refused'; conference: string; label: string }
	| { type: 'left'; why: DialEnd }
	| { type: 'http'; url: string; status: number }
	| { type: 'ended'; why: string };

export interface CallOptions {
	to: string;
	from?: string;
	/** Twilio's CallerName (caller-ID lookup). */
	callerName?: string;
	/** A call arriving through a Twilio SIP Domain: From becomes a SIP URI with this display name. */
	sip?: { domain: string; displayName?: string; user?: string };
	/** Keys to press, in order, as prompts ask for them (`W`/`w` are pauses, as in Digital Samba's DTMF). */
	keys?: string;
}

const MAX_STEPS = 50;

/** From as Twilio gives it: the number, or for a SIP Domain call a SIP URI with a display name. */
const fromOf = (options: CallOptions) =>
	options.sip ? `"${options.sip.displayName ?? ''}" <sip:${options.sip.user ?? 'bridge'}@${options.sip.domain}>` : (options.from ?? '+15550100');

export class PhoneCall extends DrivenCall<SimCall, TranscriptEntry> {
	readonly done: Promise<void>;
	private readonly from: string;

	constructor(
		private readonly simulator: TwilioSimulator,
		private readonly options: CallOptions,
	) {
		super(simulator.newCall(fromOf(options), options.to), options.keys);
		this.from = fromOf(options);
		this.call.onHear = (text) => this.transcript.push({ type: 'heard', text });
		this.done = this.run().catch((error: Error) => {
			this.transcript.push({ type: 'ended', why: `driver error: ${error.message}` });
		});
	}

	async hangUp(): Promise<void> {
		await this.simulator.hangUp(this.call, 'participant_hung_up');
		await this.done;
	}

	private params(extra: Record<string, string> = {}): Record<string, string> {
		const params: Record<string, string> = {
			AccountSid: this.simulator.accountSid,
			ApiVersion: '2010-04-01',
			CallSid: this.call.sid,
			CallStatus: this.call.status,
			Called: this.options.to,
			Caller: this.from,
			Direction: 'inbound',
			From: this.from,
			To: this.options.to,
		};
		if (this.options.callerName) params.CallerName = this.options.callerName;
		if (this.options.sip) {
			params.SipDomain = this.options.sip.domain;
			params.SipCallId = `${this.call.sid}@sim`;
			params.SipSourceIp = '192.0.2.10';
		}
		return { ...params, ...extra };
	}

	/** Posts to a TwiML URL and returns its verbs, or undefined when nothing usable came back. */
	private async fetchVerbs(url: string, extra: Record<string, string> = {}): Promise<Verb[] | undefined> {
		const answer = await postSigned(url, this.params(extra), this.simulator.authToken);
		this.transcript.push({ type: 'http', url, status: answer.status });
		if (answer.status !== 200) return undefined;
		try {
			return parseTwiml(answer.body);
		} catch {
			return undefined;
		}
	}

	private async run(): Promise<void> {
		const number = this.simulator.numberFor(this.options.to);
		if (!number?.voice_url) return this.end('no such number');
		let verbs = await this.fetchVerbs(number.voice_url);
		if (!verbs && number.voice_fallback_url) {
			// Twilio tries the fallback URL when the voice URL fails (error 11200 and alike).
			verbs = await this.fetchVerbs(number.voice_fallback_url, { ErrorCode: '11200', ErrorUrl: number.voice_url });
		}
		if (!verbs) {
			hearBy(this.call, 'We are sorry, an application error has occurred. Goodbye.');
			return this.end('application error');
		}
		for (let steps = 0; verbs && steps < MAX_STEPS && this.call.status === 'in-progress'; steps++) {
			verbs = await this.execute(verbs);
		}
		if (this.call.status === 'in-progress') {
			this.call.status = 'completed';
			return this.end('end of TwiML');
		}
		this.end('hung up');
	}

	private end(why: string): void {
		this.call.status = 'completed';
		if (!this.ended) this.transcript.push({ type: 'ended', why });
	}

	private hear(verb: Verb): void {
		if (verb.name === 'Say') hearBy(this.call, verb.text);
		if (verb.name === 'Play') hearBy(this.call, `[audio ${verb.text}]`);
	}

	/** Runs verbs until one hands control to a new document (returned), or the document ends. */
	private async execute(verbs: Verb[]): Promise<Verb[] | undefined> {
		for (const verb of verbs) {
			if (this.call.status !== 'in-progress') return undefined;
			switch (verb.name) {
				case 'Say':
				case 'Play':
				case 'Pause':
					this.hear(verb);
					break;
				case 'Hangup':
					this.call.status = 'completed';
					this.end('hangup');
					return undefined;
				case 'Redirect':
					return await this.fetchVerbs(verb.text);
				case 'Gather': {
					verb.children.forEach((child) => this.hear(child));
					const digits = this.takeDigits(verb.attributes);
					if (digits === '' && verb.attributes.actionOnEmptyResult !== 'true') break;
					this.transcript.push({ type: 'pressed', keys: digits });
					return await this.fetchVerbs(verb.attributes.action, { Digits: digits, FinishedOnKey: verb.attributes.finishOnKey ?? '#' });
				}
				case 'Dial': {
					const next = await this.dial(verb);
					if (next !== 'continue') return next;
					break;
				}
				default:
					throw new Error(`unsupported TwiML verb <${verb.name}>`);
			}
		}
		return undefined;
	}

	/** Keys for a Gather: up to finishOnKey (not included) or numDigits. */
	private takeDigits(attributes: Record<string, string>): string {
		return this.keys.take(attributes.numDigits ? Number(attributes.numDigits) : Infinity, attributes.finishOnKey ?? '#');
	}

	private async dial(verb: Verb): Promise<Verb[] | undefined | 'continue'> {
		const conferenceVerb = verb.children.find((child) => child.name === 'Conference');
		if (!conferenceVerb) throw new Error('only <Dial><Conference> is simulated');
		const a = conferenceVerb.attributes;
		const ended = new Promise<DialEnd>((resolve) => (this.call.onDialEnd = resolve));
		const joined = await this.simulator.join(this.call, conferenceVerb.text, {
			label: a.participantLabel,
			muted: a.muted === 'true',
			startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
			endConferenceOnExit: a.endConferenceOnExit === 'true',
			waitUrl: a.waitUrl,
			statusCallback: a.statusCallback,
			statusCallbackEvents: (a.statusCallbackEvent ?? '').split(' ').filter(Boolean),
		});
		if (!joined) {
			this.transcript.push({ type: 'join-refused', conference: conferenceVerb.text, label: a.participantLabel ?? '' });
			return 'continue';
		}
		this.transcript.push({ type: 'joined', conference: conferenceVerb.text, label: a.participantLabel ?? this.call.sid, muted: a.muted === 'true' });
		const starPressed = verb.attributes.hangupOnStar === 'true' ? this.waitForStar() : new Promise<never>(() => undefined);
		const why = await Promise.race([ended, starPressed]);
		this.call.onDialEnd = undefined;
		if (why === 'star') {
			const conference = this.call.conference && this.simulator.conferences.get(this.call.conference.sid);
			const participant = conference?.participants.get(this.call.sid);
			if (conference && participant) await this.simulator.leave(conference, participant, 'star');
		}
		this.transcript.push({ type: 'left', why });
		if (this.call.status !== 'in-progress') return undefined;
		if (!verb.attributes.action) return 'continue';
		return await this.fetchVerbs(verb.attributes.action, { DialCallStatus: 'answered' });
	}

	/** Resolves when `*` is the next key; other keys pressed in the conference do nothing. */
	private async waitForStar(): Promise<'star'> {
		while (!this.keys.takeThrough('*')) await this.keys.next();
		return 'star';
	}
}

export function placeCall(simulator: TwilioSimulator, options: CallOptions): PhoneCall {
	return new PhoneCall(simulator, options);
}
