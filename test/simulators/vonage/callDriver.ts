/**
 * Plays a phone call to a Vonage number as Vonage would: the signed answer webhook, then the NCCO
 * it answered, action by action (talk, stream, input → the keys to its eventUrl and the NCCO that
 * answers them instead of the rest; an asynchronous input → a listener for the call's keys;
 * conversation → in it until it leaves), the end of the NCCO ending the call, and the `completed`
 * event. Keys pressed in a conversation go to the listener one at a time.
 */
import type { Ncco, VonageCall, VonageSimulator } from './server';
import { hearBy } from './server';
import { DrivenCall } from '../drivenCall';

export type VonageTranscriptEntry =
	| { type: 'heard'; text: string }
	| { type: 'pressed'; keys: string }
	| { type: 'joined'; conference: string }
	| { type: 'left'; why: string }
	| { type: 'ended'; why: string };

export interface VonageCallOptions {
	to: string;
	from?: string;
	/** Keys to press as prompts ask for them (`W`/`w` are pauses, as in Digital Samba's DTMF). */
	keys?: string;
}

const MAX_STEPS = 50;

export class VonagePhoneCall extends DrivenCall<VonageCall, VonageTranscriptEntry> {
	readonly done: Promise<void>;

	constructor(
		private readonly simulator: VonageSimulator,
		private readonly options: VonageCallOptions,
	) {
		super(simulator.newCall(options.from ?? '+15550100', options.to), options.keys);
		this.call.onHear = (text) => this.transcript.push({ type: 'heard', text });
		this.done = this.run().catch((error: Error) => {
			this.transcript.push({ type: 'ended', why: `driver error: ${error.message}` });
		});
	}

	async hangUp(): Promise<void> {
		await this.simulator.hangUp(this.call, 'user');
		await this.done;
	}

	private async run(): Promise<void> {
		if (!this.simulator.numbers.has(this.options.to)) return this.end('no such number');
		this.simulator.answer(this.call);
		let ncco = await this.simulator.nccoWebhook(this.call, this.simulator.application.answerUrl, {});
		if (!ncco) {
			// Neither URL answered with an NCCO: Vonage ends the call.
			await this.simulator.hangUp(this.call, 'platform');
			return this.end('application error');
		}
		for (let steps = 0; ncco && steps < MAX_STEPS && this.call.status === 'answered'; steps++) ncco = await this.execute(ncco);
		// The NCCO is done: the call ends.
		if (this.call.status === 'answered') await this.simulator.hangUp(this.call, 'platform');
		this.end(this.ended ? '' : 'ncco done');
	}

	private end(why: string): void {
		if (!this.ended) this.transcript.push({ type: 'ended', why });
	}

	/** One NCCO, in order; the NCCO that replaces it (an input's answer, a transfer), if any. */
	private async execute(ncco: Ncco): Promise<Ncco | undefined> {
		for (const action of ncco) {
			if (this.call.status !== 'answered') return undefined;
			switch (action.action) {
				case 'talk': {
					const text = String(action.text ?? '');
					// SSML that only breaks is a silence.
					if (!/^<speak>\s*<break[^>]*\/>\s*<\/speak>$/.test(text)) hearBy(this.call, text);
					break;
				}
				case 'stream':
					for (const url of (action.streamUrl as string[]) ?? []) hearBy(this.call, `[audio ${url}]`);
					break;
				case 'input': {
					if (action.mode === 'asynchronous') {
						if (action.dtmf !== undefined) throw new Error('an asynchronous input with DTMF settings');
						this.call.keyListener = ((action.eventUrl as string[] | undefined) ?? [this.simulator.application.eventUrl])[0];
						break;
					}
					return await this.input(action);
				}
				case 'conversation': {
					const next = await this.conversation(action);
					if (next) return next;
					break;
				}
				default:
					throw new Error(`unsupported NCCO action ${String(action.action)}`);
			}
		}
		return undefined;
	}

	private async input(action: Record<string, unknown>): Promise<Ncco | undefined> {
		const dtmf = (action.dtmf ?? {}) as { maxDigits?: number; timeOut?: number; submitOnHash?: boolean };
		const maxDigits = dtmf.maxDigits ?? 4;
		if (maxDigits < 1 || maxDigits > 20 || (dtmf.timeOut ?? 3) > 10) throw new Error(`input settings out of Vonage's bounds: ${JSON.stringify(dtmf)}`);
		const digits = this.keys.take(maxDigits, dtmf.submitOnHash ? '#' : '');
		this.transcript.push({ type: 'pressed', keys: digits });
		const url = ((action.eventUrl as string[] | undefined) ?? [this.simulator.application.eventUrl])[0];
		const next = await this.simulator.nccoWebhook(this.call, url, { dtmf: { digits, timed_out: digits.length < maxDigits && !dtmf.submitOnHash }, speech: { results: [] } });
		// An answer that is no NCCO leaves the call where it was: nothing follows the input.
		return next ?? [];
	}

	/** In the conversation until the call leaves it: hung up (undefined), or moved to another NCCO. */
	private async conversation(action: Record<string, unknown>): Promise<Ncco | undefined> {
		const left = new Promise<{ why: string; ncco?: Ncco }>((resolve) => (this.call.onLeave = (why, ncco) => resolve({ why, ncco })));
		this.simulator.join(this.call, action);
		this.transcript.push({ type: 'joined', conference: String(action.name) });
		const { why, ncco } = await Promise.race([left, this.sendKeys()]);
		this.call.onLeave = undefined;
		this.transcript.push({ type: 'left', why });
		return ncco;
	}

	/** Keys pressed while in the conversation: one at a time to the listener, if one was started. */
	private async sendKeys(): Promise<never> {
		for (;;) {
			while (this.keys.pending && this.call.conference) {
				const key = this.keys.take(1, '');
				if (!key) continue;
				this.transcript.push({ type: 'pressed', keys: key });
				await this.simulator.key(this.call, key);
			}
			await this.keys.next();
		}
	}
}

export function placeVonageCall(simulator: VonageSimulator, options: VonageCallOptions): VonagePhoneCall {
	return new VonagePhoneCall(simulator, options);
}
