/**
 * Plays a phone call to a Sinch number as Sinch would: the signed ICE, then the SVAML answers
 * followed (say, playFiles, setCookie; runMenu → PIE with the keys pressed; connectConf → in the
 * conference until it leaves; hangup), and the DICE when it ends. Keys pressed in a conference
 * with `detect` on are sent as a PIE, as Sinch sends them.
 */
import type { SinchCall, SinchSimulator } from './server';
import { hearBy } from './server';

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

export class SinchPhoneCall {
	readonly transcript: SinchTranscriptEntry[] = [];
	readonly call: SinchCall;
	readonly done: Promise<void>;
	private keys: string;
	private keyWaiters: Array<() => void> = [];

	constructor(
		private readonly simulator: SinchSimulator,
		private readonly options: SinchCallOptions,
	) {
		this.call = simulator.newCall(options.from ?? '+15550100', options.to);
		this.call.onHear = (text) => this.transcript.push({ type: 'heard', text });
		this.keys = options.keys ?? '';
		this.done = this.run().catch((error: Error) => {
			this.transcript.push({ type: 'ended', why: `driver error: ${error.message}` });
		});
	}

	get heard(): string[] {
		return this.call.heard;
	}

	get inConference(): boolean {
		return this.call.conference !== undefined;
	}

	get ended(): boolean {
		return this.transcript.some((entry) => entry.type === 'ended');
	}

	press(keys: string): void {
		this.keys += keys;
		const waiters = this.keyWaiters;
		this.keyWaiters = [];
		for (const wake of waiters) wake();
	}

	async hangUp(): Promise<void> {
		await this.simulator.hangUp(this.call, 'CALLERHANGUP');
		await this.done;
	}

	async joined(count = 1, timeoutMs = 5000): Promise<void> {
		const started = Date.now();
		const joins = () => this.transcript.filter((entry) => entry.type === 'joined').length;
		while (joins() < count && !this.ended) {
			if (Date.now() - started > timeoutMs) throw new Error(`the call did not join: ${JSON.stringify(this.transcript)}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
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
		const digits = this.takeDigits(Number(main.maxDigits ?? 1));
		this.transcript.push({ type: 'pressed', keys: digits });
		const menuResult = digits ? { menuId: 'main', type: 'sequence', value: digits, inputMethod: 'dtmf' } : { menuId: 'main', type: 'timeout', value: '', inputMethod: 'dtmf' };
		return (await this.simulator.callback(this.call, { event: 'pie', menuResult })) as Svaml | undefined;
	}

	/** Keys up to `#` (not included) or `maxDigits`; `W` and `w` are pauses. */
	private takeDigits(maxDigits: number): string {
		let digits = '';
		while (this.keys.length > 0) {
			const key = this.keys[0];
			this.keys = this.keys.slice(1);
			if (key === 'W' || key === 'w') continue;
			if (key === '#') break;
			digits += key;
			if (digits.length >= maxDigits) break;
		}
		return digits;
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
			while (this.keys.length > 0 && this.call.conference) {
				const sequence = this.takeDigits(maxDigits);
				if (sequence) {
					this.transcript.push({ type: 'pressed', keys: sequence });
					await this.simulator.conferenceKeys(this.call, sequence);
				}
			}
			await new Promise<void>((resolve) => this.keyWaiters.push(resolve));
		}
	}
}

export function placeSinchCall(simulator: SinchSimulator, options: SinchCallOptions): SinchPhoneCall {
	return new SinchPhoneCall(simulator, options);
}
