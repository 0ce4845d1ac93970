import { BRIDGE_PIN_MIN_LENGTH, CALLER_PIN_MIN_LENGTH, generatePin, generatePinPair } from '../../../nodes/core/ivr/pin';

describe('generatePin', () => {
	it('gives strings of the asked length, digits only, keeping leading zeros', () => {
		const pins = Array.from({ length: 2000 }, () => generatePin(6));
		for (const result of pins) expect(result.ok && /^\d{6}$/.test(result.pin)).toBe(true);
		expect(pins.some((result) => result.ok && result.pin.startsWith('0'))).toBe(true);
	});

	it('spreads over all digits (no digit is rare)', () => {
		const counts = new Array(10).fill(0);
		for (let i = 0; i < 2000; i++) {
			const result = generatePin(10, 'bridge');
			if (result.ok) for (const digit of result.pin) counts[Number(digit)]++;
		}
		for (const count of counts) expect(count).toBeGreaterThan(1500);
	});

	it('refuses PINs shorter than the minimum for their kind', () => {
		expect(generatePin(CALLER_PIN_MIN_LENGTH - 1)).toEqual({ ok: false, reason: 'A caller PIN has 6 to 20 digits' });
		expect(generatePin(BRIDGE_PIN_MIN_LENGTH - 1, 'bridge')).toEqual({ ok: false, reason: 'A bridge PIN has 10 to 20 digits' });
		expect(generatePin(21).ok).toBe(false);
	});
});

describe('generatePinPair', () => {
	it('never makes one PIN a prefix of the other, and avoids taken PINs', () => {
		for (let i = 0; i < 500; i++) {
			const pair = generatePinPair(6, 10);
			expect(pair.ok).toBe(true);
			if (pair.ok) expect(pair.bridgePin.startsWith(pair.callerPin)).toBe(false);
		}
	});

	it('reports when it cannot find free PINs', () => {
		expect(generatePinPair(3, 10)).toEqual({ ok: false, reason: 'A caller PIN has 6 to 20 digits' });
	});
});
