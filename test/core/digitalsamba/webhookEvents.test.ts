import { MAX_EVENTS_PER_DELIVERY, parseDelivery } from '../../../nodes/core/digitalsamba/webhookEvents';
import { checkEndpoint } from '../../../nodes/core/digitalsamba/webhooks';

describe('parseDelivery', () => {
	it('reads a timestamp in milliseconds as seconds', () => {
		const parsed = parseDelivery({ eventType: 'session_ended', timestamp: 1675790387123 });
		expect(parsed.ok && parsed.events[0].timestamp).toBe(1675790387);
	});

	it('accepts a numeric string timestamp and missing optional fields', () => {
		const parsed = parseDelivery({ eventType: 'room_locked', timestamp: '1675790387' });
		expect(parsed).toEqual({
			ok: true,
			events: [
				{
					eventType: 'room_locked',
					roomId: null,
					sessionId: null,
					timestamp: 1675790387,
					timestampIso: '2023-02-07T17:19:47.000Z',
					callId: null,
					data: {},
					payload: { eventType: 'room_locked', timestamp: '1675790387' },
				},
			],
		});
	});

	it('prefers the top-level call ID', () => {
		const parsed = parseDelivery({ eventType: 'phone_participant_muted', callId: 'CA1', data: { call_id: 'CA2' } });
		expect(parsed.ok && parsed.events[0].callId).toBe('CA1');
	});

	it('limits a batch', () => {
		const batch = Array.from({ length: MAX_EVENTS_PER_DELIVERY + 1 }, () => ({ eventType: 'session_ended' }));
		expect(parseDelivery(batch).ok).toBe(false);
		expect(parseDelivery([]).ok).toBe(false);
	});
});

describe('checkEndpoint', () => {
	it('takes http(s) URLs of up to 100 characters', () => {
		const base = 'https://n8n.example.com/webhook/';
		expect(checkEndpoint(base + 'a'.repeat(100 - base.length))).toEqual({ ok: true });
		expect(checkEndpoint(base + 'a'.repeat(101 - base.length))).toEqual({
			ok: false,
			reason: 'the URL has 101 characters; Digital Samba accepts at most 100',
		});
		expect(checkEndpoint('ftp://x.example.com/a').ok).toBe(false);
	});
});

describe('timestamps are range-checked at validation', () => {
	it.each([1e20, '99999999999999999999', Number.MAX_SAFE_INTEGER, 253402300800000])('%p is refused with a reason, never thrown later', (timestamp) => {
		const parsed = parseDelivery({ eventType: 'session_ended', roomId: 'r', timestamp });
		expect(parsed).toEqual({ ok: false, reason: expect.stringContaining('timestamp') });
	});

	it.each([
		[1795708428, '2026-11-26T15:53:48.000Z'],
		['1795708428', '2026-11-26T15:53:48.000Z'],
		[1795708428123, '2026-11-26T15:53:48.000Z'],
		[253402300799, '9999-12-31T23:59:59.000Z'],
	])('%p is read as %s', (timestamp, iso) => {
		const parsed = parseDelivery({ eventType: 'session_ended', roomId: 'r', timestamp });
		expect(parsed.ok && parsed.events[0].timestampIso).toBe(iso);
	});
});
