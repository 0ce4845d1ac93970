import { toJoinedBody, toLeftBody } from '../../../nodes/core/digitalsamba/phoneParticipants';

describe('toJoinedBody', () => {
	it('writes snake_case calls, one entry per caller', () => {
		expect(
			toJoinedBody([
				{ callId: 'CA1', name: 'Ada', callerNumber: '+15550001', externalId: 'x-1', muted: true },
				{ callId: ' CA2 ', callerNumber: '+15550002' },
			]),
		).toEqual({
			ok: true,
			body: [
				{ call_id: 'CA1', name: 'Ada', caller_number: '+15550001', external_id: 'x-1', muted: true },
				{ call_id: 'CA2', caller_number: '+15550002' },
			],
		});
	});

	it('keeps muted: false when it is given', () => {
		const result = toJoinedBody([{ callId: 'CA1', name: 'Ada', muted: false }]);
		expect(result.ok && result.body[0].muted).toBe(false);
	});

	it('refuses an empty list, a missing call ID, and a caller with neither name nor number', () => {
		expect(toJoinedBody([])).toEqual({ ok: false, reason: 'No callers were given' });
		expect(toJoinedBody([{ callId: '  ', name: 'Ada' }])).toEqual({ ok: false, reason: 'Caller 1 has no call ID' });
		expect(toJoinedBody([{ callId: 'CA1', name: 'Ada' }, { callId: 'CA2', name: ' ' }])).toEqual({
			ok: false,
			reason: 'Caller 2 (CA2) needs a name or a caller number',
		});
	});
});

describe('toLeftBody', () => {
	it('takes a list or a comma-separated string, trims and removes repeats', () => {
		expect(toLeftBody(['CA1', ' CA2', 'CA1'])).toEqual({ ok: true, body: ['CA1', 'CA2'] });
		expect(toLeftBody('CA1, CA2,,CA3')).toEqual({ ok: true, body: ['CA1', 'CA2', 'CA3'] });
	});

	it('refuses an empty list', () => {
		expect(toLeftBody(' , ')).toEqual({ ok: false, reason: 'No call IDs were given' });
		expect(toLeftBody([])).toEqual({ ok: false, reason: 'No call IDs were given' });
	});
});
