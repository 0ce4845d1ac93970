import { BRIDGE_LABEL, callerLabel, LABEL_MAX_LENGTH, parseLabel } from '../../../nodes/core/ivr/labels';

const SID = 'CA0123456789abcdef0123456789abcdef';

test('a caller label gives back the call ID, number and name', () => {
	const label = callerLabel(SID, '+15551234567', 'Ada "The Countess" Lovelace');
	expect(label).toMatch(/^p\.CA[0-9a-f]{32}\.[A-Za-z0-9_-]+$/);
	expect(parseLabel(label)).toEqual({ kind: 'caller', callId: SID, number: '+15551234567', name: 'Ada "The Countess" Lovelace' });
});

test('labels stay within 128 characters by shortening the name only', () => {
	const label = callerLabel(SID, '+15551234567', 'Ż'.repeat(200));
	expect(label.length).toBeLessThanOrEqual(LABEL_MAX_LENGTH);
	const parsed = parseLabel(label);
	expect(parsed.kind === 'caller' && parsed.callId === SID && parsed.number === '+15551234567').toBe(true);
	expect(parsed.kind === 'caller' && parsed.name.length).toBeGreaterThan(10);
});

test('the bridge and foreign labels are told apart', () => {
	expect(parseLabel(BRIDGE_LABEL)).toEqual({ kind: 'bridge' });
	expect(parseLabel('ds-bridge2')).toEqual({ kind: 'unknown' });
	expect(parseLabel('p.CA1.!!')).toEqual({ kind: 'unknown' });
	expect(parseLabel(`p.CA1.${Buffer.from('{"a":1}').toString('base64url')}`)).toEqual({ kind: 'unknown' });
});
