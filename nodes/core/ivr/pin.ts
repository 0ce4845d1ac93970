/**
 * PINs from a CSPRNG, as strings so leading zeros survive. A caller PIN is shared with people; the
 * bridge PIN is a secret only Digital Samba's dial-out knows, so it is longer.
 */
import { randomInt } from 'crypto';

export const CALLER_PIN_MIN_LENGTH = 6;
export const BRIDGE_PIN_MIN_LENGTH = 10;
export const PIN_MAX_LENGTH = 20;

export type PinKind = 'caller' | 'bridge';

export type PinResult = { ok: true; pin: string } | { ok: false; reason: string };

const minimum = (kind: PinKind) => (kind === 'caller' ? CALLER_PIN_MIN_LENGTH : BRIDGE_PIN_MIN_LENGTH);

export function generatePin(length: number, kind: PinKind = 'caller'): PinResult {
	if (!Number.isInteger(length) || length < minimum(kind) || length > PIN_MAX_LENGTH) {
		return { ok: false, reason: `A ${kind} PIN has ${minimum(kind)} to ${PIN_MAX_LENGTH} digits` };
	}
	let pin = '';
	for (let i = 0; i < length; i++) pin += String(randomInt(10));
	return { ok: true, pin };
}

/**
 * A caller PIN and a bridge PIN for one room. Neither is a prefix of the other, so a caller who types
 * extra digits after the caller PIN cannot land on the bridge PIN, and both avoid `taken`.
 */
export function generatePinPair(
	callerLength = 6,
	bridgeLength = 12,
	taken: ReadonlySet<string> = new Set(),
): { ok: true; callerPin: string; bridgePin: string } | { ok: false; reason: string } {
	for (let tries = 0; tries < 1000; tries++) {
		const caller = generatePin(callerLength, 'caller');
		if (!caller.ok) return caller;
		const bridge = generatePin(bridgeLength, 'bridge');
		if (!bridge.ok) return bridge;
		const clash =
			taken.has(caller.pin) ||
			taken.has(bridge.pin) ||
			bridge.pin.startsWith(caller.pin) ||
			caller.pin.startsWith(bridge.pin);
		if (!clash) return { ok: true, callerPin: caller.pin, bridgePin: bridge.pin };
	}
	return { ok: false, reason: 'Could not find unused PINs; use longer PINs' };
}
