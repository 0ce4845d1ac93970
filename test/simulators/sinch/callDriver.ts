/**
 * Plays a phone call to a Sinch number as Sinch would: the signed ICE, then the SVAML answers
 * followed (say, playFiles, setCookie; runMenu → PIE with the keys pressed; connectConf → in the
 * conference until it leaves; hangup), and the DICE when it ends. Keys pressed in a conference
 * with `detect` on are sent as a PIE, as Sinch sends them.
 */
import type { SinchCall, SinchSimulator } from './server';
import { hearBy } from './server';
import { DrivenCall } from '../drivenCall';

export type SinchTranscriptEntry =
	| { type: 'heard'; text: string }
	| { type: 'pressed'; keys: string }
	| { type: 'joined'; conference: string }
	| { type: 'left'; why: string }
	| { type: 'ended'; why: string };

export interface SinchCallOptions {
	to: string;
	from?: string;
	/** Keys to press as prompts ask for them (`W`/`w` are pauses, as in Digital Samba's DTMF). */
	keys?: string;
}

const MAX_STEPS = 50;
type Svaml = { instructions?: Array<Record<string, unknown>>; action?: Record<string, unknown> };

/** Sinch prompt text (`#tts[...]`, `#ssml[...]`, a URL; `;`-separated) as the caller hears it. */
function spoken(prompt: string): string[] {
	return prompt
		.split(';')
		.filter(Boolean)
		.map((part) => /^#tts\[(.*)\]$/s.exec(part)?.[1] ?? `[audio ${part}]`);
}

export class SinchPhoneCall extends DrivenCall<SinchCall, SinchTranscriptEntry> {
	readonly done: Promise<void>;

	constructor(
		private readonly simulator: SinchSimulator,
		private readonly options: SinchCallOptions,
	) {
		super(simulator.newCall(options.from ?? '+15550100', options.to), options.keys);
		this.call.onHear = (text) => this.transcript.push({ type: 'heard', text });
		this.done = this.run().catch((error: Error) => {
			this.transcript.push({ type: 'ended', why: `driver error: ${error.message}` });
		});
	}

	async hangUp(): Promise<void> {
		await this.simulator.hangUp(this.call, 'CALLERHANGUP');
		await this.done;
	}

	private async run(): Promise<void> {
		if (!this.simulator.numbers.has(this.options.to)) return this.end('no such number');
		let svaml = (await this.simulator.callback(this.call, {
			event: 'ice',
			cli: this.call.cli,
			to: { type: 'number', endpoint: this.options.to },
			originationType: 'PSTN',
			domain: 'pstn',
		})) as Svaml | undefined;
		if (!svaml) {
			// Sinch plays an error message and disconnects when no callback answers.
			hearBy(this.call, 'The call could not be connected.');
			await this.simulator.hangUp(this.call, 'CALLEEHANGUP');
			return this.end('application error');
		}
		for (let steps = 0; svaml && steps < MAX_STEPS && this.call.status === 'ONGOING'; steps++) {
			svaml = await this.execute(svaml);
		}
		if (this.call.status === 'ONGOING') await this.simulator.hangUp(this.call, 'CALLEEHANGUP');
		this.end(this.ended ? '' : 'hung up');
	}

	private end(why: string): void {
		if (!this.ended) this.transcript.push({ type: 'ended', why });
	}

	/** One SVAML answer: its instructions in order, then its action; the next answer, if any. */
	private async execute(svaml: Svaml): Promise<Svaml | undefined> {
		for (const instruction of svaml.instructions ?? []) {
			if (instruction.name === 'say') hearBy(this.call, String(instruction.text));
			else if (instruction.name === 'playFiles') for (const id of (instruction.ids as string[]) ?? []) spoken(id).forEach((text) => hearBy(this.call, text));
			else if (instruction.name === 'setCookie') this.simulator.setCookie(this.call, String(instruction.key), String(instruction.value ?? ''));
			else throw new Error(`unsupported SVAML instruction ${String(instruction.name)}`);
		}
		const action = svaml.action;
		if (!action) throw new Error('an SVAML answer without an action');
		switch (action.name) {
			case 'hangup':
				await this.simulator.hangUp(this.call, 'CALLEEHANGUP');
				this.end('hangup');
				return undefined;
			case 'runMenu':
				return await this.runMenu(action);
			case 'connectConf':
				await this.conference(action);
				return undefined;
			default:
				throw new Error(`unsupported SVAML action ${String(action.name)}`);
		}
	}

	private async runMenu(action: Record<string, unknown>): Promise<Svaml | undefined> {
		const menus = (action.menus as Array<Record<string, unknown>>) ?? [];
		const main = menus.find((menu) => menu.id === 'main');
		if (!main) throw new Error("runMenu without a menu whose id is 'main'");
		spoken(String(main.mainPrompt ?? '')).forEach((text) => hearBy(this.call, text));
		const digits = this.keys.take(Number(main.maxDigits ?? 1));
		this.transcript.push({ type: 'pressed', keys: digits });
		const menuResult = digits ? { menuId: 'main', type: 'sequence', value: digits, inputMethod: 'dtmf' } : { menuId: 'main', type: 'timeout', value: '', inputMethod: 'dtmf' };
		return (await this.simulator.callback(this.call, { event: 'pie', menuResult })) as Svaml | undefined;
	}

	private async conference(action: Record<string, unknown>): Promise<void> {
		const conferenceId = String(action.conferenceId);
		const options = (action.conferenceDtmfOptions ?? {}) as { mode?: string; maxDigits?: number; timeoutMills?: number };
		const dtmf = options.mode === 'detect' ? { maxDigits: options.maxDigits ?? 1, timeoutMills: options.timeoutMills ?? 3000 } : undefined;
		const left = new Promise<string>((resolve) => (this.call.onLeave = resolve));
		this.simulator.join(this.call, conferenceId, { moh: action.moh as string | undefined, dtmf });
		this.transcript.push({ type: 'joined', conference: conferenceId });
		const why = await Promise.race([left, dtmf ? this.detectKeys(dtmf.maxDigits) : new Promise<never>(() => undefined)]);
		this.call.onLeave = undefined;
		this.transcript.push({ type: 'left', why });
	}

	/** With `detect`: every sequence pressed (up to maxDigits, or `#`) goes to Sinch as a PIE. */
	private async detectKeys(maxDigits: number): Promise<never> {
		for (;;) {
			while (this.keys.pending && this.call.conference) {
				const sequence = this.keys.take(maxDigits);
				if (sequence) {
					this.transcript.push({ type: 'pressed', keys: sequence });
					await this.simulator.conferenceKeys(this.call, sequence);
				}
			}
			await this.keys.next();
		}
	}
}

export function placeSinchCall(simulator: SinchSimulator, options: SinchCallOptions): SinchPhoneCall {
	return new SinchPhoneCall(simulator, options);
}
