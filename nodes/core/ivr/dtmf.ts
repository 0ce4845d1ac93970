/**
 * DTMF strings as Digital Samba plays them when it dials the bridge: digits, `*` and `#`, with `W`
 * for a 1-second pause and `w` for a half-second pause (room field `telephony_pin_dtmf`).
 */

export const DTMF_ALLOWED = '0-9 * # W w';

const DTMF_PATTERN = /^[0-9*#Ww]+$/;

export type DtmfCheck = { ok: true } | { ok: false; reason: string };

export function checkDtmf(sequence: string): DtmfCheck {
	if (sequence.length === 0) return { ok: false, reason: 'The DTMF sequence is empty' };
	if (DTMF_PATTERN.test(sequence)) return { ok: true };
	const invalid = [...new Set(sequence.replace(/[0-9*#Ww]/g, ''))].join(' ');
	return {
		ok: false,
		reason: `The DTMF sequence contains characters other than ${DTMF_ALLOWED}: ${invalid}`,
	};
}

export interface DtmfSequenceInput {
	/** The bridge PIN: digits only, kept as a string so leading zeros survive. */
	pin: string;
	/** Seconds to wait before the PIN (the IVR greeting plays meanwhile), in steps of 0.5. */
	waitSeconds: number;
	/** Key that ends the PIN; the IVR's prompt finishes on `#`. Empty for none. */
	terminator?: '#' | '';
}

export type DtmfBuild = { ok: true; sequence: string } | { ok: false; reason: string };

/** `{ pin: '0123456789', waitSeconds: 2.5 }` gives `WWw0123456789#`. */
export function buildDtmfSequence({ pin, waitSeconds, terminator = '#' }: DtmfSequenceInput): DtmfBuild {
	if (!/^[0-9]+$/.test(pin)) return { ok: false, reason: 'The PIN must contain digits only' };
	if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
		return { ok: false, reason: 'The wait must be zero or more seconds' };
	}
	const halfSeconds = Math.round(waitSeconds * 2);
	if (halfSeconds / 2 !== waitSeconds) {
		return { ok: false, reason: 'The wait must be a multiple of 0.5 seconds' };
	}
	const pause = 'W'.repeat(Math.floor(halfSeconds / 2)) + (halfSeconds % 2 === 1 ? 'w' : '');
	return { ok: true, sequence: `${pause}${pin}${terminator}` };
}

/** Total pause a sequence asks for, in seconds (`W` = 1 s, `w` = 0.5 s). */
export function dtmfPauseSeconds(sequence: string): number {
	let seconds = 0;
	for (const key of sequence) {
		if (key === 'W') seconds += 1;
		else if (key === 'w') seconds += 0.5;
	}
	return seconds;
}
