/**
 * Plays a phone call to a Plivo number as Plivo would: the signed answer request to the number's
 * application (its fallback URL when that fails), then the XML followed element by element
 * (Speak, Play, Wait, GetInput, Redirect, Conference, Hangup), pressing the keys it was given; the
 * end of the XML hangs up. GetInput without keys goes on to the next element, as Plivo documents;
 * keys pressed in a conference are matched against the member's `digitsMatch`. A transfer over
 * REST fetches the call's next XML from the transfer URL.
 */
import { DrivenCall } from '../drivenCall';
import type { Verb } from '../responseXml';
import { parseResponseXml } from '../responseXml';
import type { LeaveReason, PlivoCall, PlivoSimulator } from './server';
import { hearBy, hearElements } from './server';

export type PlivoTranscriptEntry =
	| { type: 'heard'; text: string }
	| { type: 'pressed'; keys: string }
	| { type: 'joined'; conference: string; muted: boolean }
	| { type: 'join-refused'; conference: string }
	| { type: 'left'; why: LeaveReason }
	| { type: 'http'; url: string; status: number }
	| { type: 'ended'; why: string };

export interface PlivoCallOptions {
	to: string;
	from?: string;
	/** Plivo's CallerName, where the caller's network gives one. */
	callerName?: string;
	/** Keys to press as prompts ask for them (`W`/`w` are pauses, as in Digital Samba's DTMF). */
	keys?: string;
}

const MAX_STEPS = 50;

export class PlivoPhoneCall extends DrivenCall<PlivoCall, PlivoTranscriptEntry> {
	readonly done: Promise<void>;

	constructor(
		private readonly simulator: PlivoSimulator,
		options: PlivoCallOptions,
	) {
		super(simulator.newCall(options.from ?? '15550100', options.to, options.callerName), options.keys);
		this.call.onHear = (text) => this.transcript.push({ type: 'heard', text });
		this.done = this.run().catch((error: Error) => {
			this.transcript.push({ type: 'ended', why: `driver error: ${error.message}` });
		});
	}

	async hangUp(): Promise<void> {
		await this.simulator.hangUp(this.call, 'NORMAL_CLEARING');
		await this.done;
	}

	/** Posts to one of our URLs for the call and reads the XML, or undefined when none came back. */
	private async fetchXml(url: string, extra: Record<string, string> = {}): Promise<Verb[] | undefined> {
		const answer = await this.simulator.post(url, { ...this.simulator.callParams(this.call), ...extra });
		this.transcript.push({ type: 'http', url, status: answer.status });
		if (answer.status !== 200) return undefined;
		try {
			return parseResponseXml(answer.body, 'Plivo XML');
		} catch {
			return undefined;
		}
	}

	private async run(): Promise<void> {
		const application = this.simulator.applicationOf(this.call.to);
		if (!application?.answer_url) return this.end('no such number');
		let elements = await this.fetchXml(application.answer_url);
		if (!elements && application.fallback_answer_url) elements = await this.fetchXml(application.fallback_answer_url);
		if (!elements) {
			hearBy(this.call, 'We are sorry, the application could not be reached. Goodbye.');
			await this.simulator.hangUp(this.call, 'ANSWER_URL_FAILURE');
			return this.end('application error');
		}
		this.call.status = 'in-progress';
		for (let steps = 0; elements && steps < MAX_STEPS && this.call.status === 'in-progress'; steps++) {
			elements = await this.execute(elements);
		}
		// The end of the XML ends the call.
		if (this.call.status === 'in-progress') {
			await this.simulator.hangUp(this.call, 'END_OF_XML');
			return this.end('end of XML');
		}
		this.end('hung up');
	}

	private end(why: string): void {
		if (!this.ended) this.transcript.push({ type: 'ended', why });
	}

	/** Runs elements until one hands control to a new document (returned), or the document ends. */
	private async execute(elements: Verb[]): Promise<Verb[] | undefined> {
		for (const element of elements) {
			if (this.call.status !== 'in-progress') return undefined;
			if (this.call.transferUrl) return await this.transferred();
			switch (element.name) {
				case 'Speak':
				case 'Play':
				case 'Wait':
					hearElements(this.call, [element]);
					break;
				case 'Hangup':
					await this.simulator.hangUp(this.call, 'NORMAL_CLEARING');
					this.end('hangup');
					return undefined;
				case 'Redirect':
					return await this.fetchXml(element.text);
				case 'GetInput': {
					if (element.attributes.inputType !== 'dtmf') throw new Error('only <GetInput inputType="dtmf"> is simulated');
					for (const child of element.children) if (!['Speak', 'Play', 'Wait'].includes(child.name)) throw new Error(`<${child.name}> cannot be inside <GetInput>`);
					hearElements(this.call, element.children);
					const finishOnKey = element.attributes.finishOnKey ?? '#';
					const digits = this.keys.take(Number(element.attributes.numDigits ?? 32), finishOnKey === 'none' ? '' : finishOnKey);
					// Nothing pressed: the next element runs, the action URL is not called.
					if (digits === '') break;
					this.transcript.push({ type: 'pressed', keys: digits });
					const next = await this.fetchXml(element.attributes.action, { Digits: digits, InputType: 'dtmf' });
					if (element.attributes.redirect !== 'false') return next;
					break;
				}
				case 'Conference': {
					const next = await this.conference(element);
					if (next !== 'continue') return next;
					break;
				}
				default:
					throw new Error(`unsupported Plivo XML element <${element.name}>`);
			}
		}
		return this.call.transferUrl ? await this.transferred() : undefined;
	}

	private async transferred(): Promise<Verb[] | undefined> {
		const url = this.call.transferUrl ?? '';
		this.call.transferUrl = undefined;
		return await this.fetchXml(url);
	}

	private async conference(element: Verb): Promise<Verb[] | undefined | 'continue'> {
		const a = element.attributes;
		if (a.waitMethod !== undefined || a.participantLabel !== undefined) throw new Error('not a Plivo <Conference> attribute');
		const left = new Promise<LeaveReason>((resolve) => (this.call.onLeave = resolve));
		const muted = a.muted === 'true';
		const member = this.simulator.join(this.call, element.text, {
			muted,
			startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
			endConferenceOnExit: a.endConferenceOnExit === 'true',
			waitSound: a.waitSound,
			callbackUrl: a.callbackUrl,
			digitsMatch: (a.digitsMatch ?? '').split(',').map((sequence) => sequence.trim()).filter(Boolean),
			maxMembers: a.maxMembers ? Number(a.maxMembers) : undefined,
		});
		if (!member) {
			this.call.onLeave = undefined;
			this.transcript.push({ type: 'join-refused', conference: element.text });
			return 'continue';
		}
		this.transcript.push({ type: 'joined', conference: element.text, muted });
		const why = await Promise.race([left, this.pressKeysInConference()]);
		this.call.onLeave = undefined;
		this.transcript.push({ type: 'left', why });
		if (this.call.status !== 'in-progress') return undefined;
		if (why === 'transferred') return await this.transferred();
		if (a.action) return await this.fetchXml(a.action, { ConferenceName: element.text });
		return 'continue';
	}

	/** Every key pressed while in the conference reaches Plivo, one at a time. */
	private async pressKeysInConference(): Promise<never> {
		for (;;) {
			while (this.keys.pending && this.call.conference) {
				const key = this.keys.take(1, '');
				if (!key) continue;
				this.transcript.push({ type: 'pressed', keys: key });
				this.simulator.pressInConference(this.call, key);
			}
			await this.keys.next();
		}
	}
}

export function placePlivoCall(simulator: PlivoSimulator, options: PlivoCallOptions): PlivoPhoneCall {
	return new PlivoPhoneCall(simulator, options);
}
