/**
 * What every call driver shares: the keys a simulated caller has pressed and not yet used (in
 * order, `W`/`w` being pauses as in Digital Samba's DTMF), the transcript, and waiting for a call
 * to join. Each provider's driver follows that provider's markup (twilio/, sinch/).
 */
export class Keypad {
	private waiters: Array<() => void> = [];

	constructor(private keys = '') {}

	get pending(): boolean {
		return this.keys.length > 0;
	}

	/** Presses keys now (for example `*6` while in the conference). */
	press(keys: string): void {
		this.keys += keys;
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}

	/** Keys up to `finishOnKey` (not included) or `maxDigits`; pauses are skipped. */
	take(maxDigits = Infinity, finishOnKey = '#'): string {
		let digits = '';
		while (this.keys.length > 0) {
			const key = this.keys[0];
			this.keys = this.keys.slice(1);
			if (key === 'W' || key === 'w') continue;
			if (finishOnKey && key === finishOnKey) break;
			digits += key;
			if (digits.length >= maxDigits) break;
		}
		return digits;
	}

	/** Whether `key` was pressed: the keys up to it are used; without it, all pressed keys are dropped. */
	takeThrough(key: string): boolean {
		const at = this.keys.indexOf(key);
		this.keys = at >= 0 ? this.keys.slice(at + 1) : '';
		return at >= 0;
	}

	/** Resolves at the next press. */
	async next(): Promise<void> {
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}
}

/** A simulated call: what the caller heard and whether it is in a conference. */
export interface HeardCall {
	heard: string[];
	conference?: unknown;
}

export abstract class DrivenCall<Call extends HeardCall, Entry extends { type: string }> {
	readonly transcript: Entry[] = [];
	protected readonly keys: Keypad;

	protected constructor(
		readonly call: Call,
		keys?: string,
	) {
		this.keys = new Keypad(keys);
	}

	/** The texts heard, in order (prompts, announcements, wait music). */
	get heard(): string[] {
		return this.call.heard;
	}

	get inConference(): boolean {
		return this.call.conference !== undefined;
	}

	get ended(): boolean {
		return this.transcript.some((entry) => entry.type === 'ended');
	}

	/** Presses keys now (for example `*6` while in the conference). */
	press(keys: string): void {
		this.keys.press(keys);
	}

	/** Waits until the call has joined a conference `count` times, or has ended. */
	async joined(count = 1, timeoutMs = 5000): Promise<void> {
		const started = Date.now();
		const joins = () => this.transcript.filter((entry) => entry.type === 'joined').length;
		while (joins() < count && !this.ended) {
			if (Date.now() - started > timeoutMs) throw new Error(`the call did not join: ${JSON.stringify(this.transcript)}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	}
}
