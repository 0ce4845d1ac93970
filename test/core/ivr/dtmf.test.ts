import { buildDtmfSequence, checkDtmf, dtmfPauseSeconds } from '../../../nodes/core/ivr/dtmf';

describe('checkDtmf', () => {
	it.each(['123W1www2', '0', '*#', 'WW0123456789#', 'w9'])('accepts %s', (sequence) => {
		expect(checkDtmf(sequence)).toEqual({ ok: true });
	});

	it.each([
		['12a3', 'a'],
		['12 34', ' '],
		['+1234', '+'],
		['12-34,5', '- ,'],
		['123X', 'X'],
	])('rejects %s and names the bad characters', (sequence, bad) => {
		const result = checkDtmf(sequence);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason.endsWith(bad)).toBe(true);
	});

	it('rejects an empty sequence', () => {
		expect(checkDtmf('')).toEqual({ ok: false, reason: 'The DTMF sequence is empty' });
	});
});

describe('buildDtmfSequence', () => {
	it('puts the wait, the PIN and # in that order', () => {
		expect(buildDtmfSequence({ pin: '0123456789', waitSeconds: 2 })).toEqual({
			ok: true,
			sequence: 'WW0123456789#',
		});
	});

	it('uses w for a half second and keeps leading zeros', () => {
		const built = buildDtmfSequence({ pin: '000123', waitSeconds: 2.5 });
		expect(built).toEqual({ ok: true, sequence: 'WWw000123#' });
		if (built.ok) expect(dtmfPauseSeconds(built.sequence)).toBe(2.5);
	});

	it('can leave out the wait and the terminator', () => {
		expect(buildDtmfSequence({ pin: '42', waitSeconds: 0, terminator: '' })).toEqual({ ok: true, sequence: '42' });
	});

	it('produces only characters Digital Samba accepts', () => {
		for (const waitSeconds of [0, 0.5, 1, 3.5, 10]) {
			const built = buildDtmfSequence({ pin: '9876543210', waitSeconds });
			expect(built.ok && checkDtmf(built.sequence).ok).toBe(true);
		}
	});

	it.each([
		[{ pin: '12a4', waitSeconds: 1 }, 'The PIN must contain digits only'],
		[{ pin: '', waitSeconds: 1 }, 'The PIN must contain digits only'],
		[{ pin: '1234', waitSeconds: -1 }, 'The wait must be zero or more seconds'],
		[{ pin: '1234', waitSeconds: 1.3 }, 'The wait must be a multiple of 0.5 seconds'],
	])('refuses %j', (input, reason) => {
		expect(buildDtmfSequence(input)).toEqual({ ok: false, reason });
	});
});
