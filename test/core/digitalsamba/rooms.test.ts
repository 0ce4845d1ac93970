import {
	FRIENDLY_URL_PATTERN,
	isUuid,
	parseTotalCount,
	roomFromLink,
	toApiDateTime,
	toTelephonyFields,
} from '../../../nodes/core/digitalsamba/rooms';

test('isUuid tells UUIDs from friendly URLs and call SIDs', () => {
	expect(isUuid('a853d608-e6cf-48eb-a3c9-7d089bbc09b0')).toBe(true);
	expect(isUuid('A853D608-E6CF-48EB-A3C9-7D089BBC09B0')).toBe(true);
	expect(isUuid('weekly-standup')).toBe(false);
	expect(isUuid('CA0123456789abcdef0123456789abcdef')).toBe(false);
});

test('roomFromLink reads the friendly URL or ID from a room link', () => {
	expect(roomFromLink('https://myteam.digitalsamba.com/standup')).toBe('standup');
	expect(roomFromLink('https://myteam.digitalsamba.com/standup?token=abc.def')).toBe('standup');
	expect(roomFromLink(' https://myteam.digitalsamba.com/a853d608-e6cf-48eb-a3c9-7d089bbc09b0#x ')).toBe(
		'a853d608-e6cf-48eb-a3c9-7d089bbc09b0',
	);
	expect(roomFromLink('standup')).toBeUndefined();
});

test('friendly URLs are 3 to 32 characters', () => {
	const pattern = new RegExp(`^${FRIENDLY_URL_PATTERN}$`);
	expect(pattern.test('abc')).toBe(true);
	expect(pattern.test('a'.repeat(32))).toBe(true);
	expect(pattern.test('ab')).toBe(false);
	expect(pattern.test('a'.repeat(33))).toBe(false);
	expect(pattern.test('has space')).toBe(false);
});

test('parseTotalCount accepts the string form Digital Samba sends', () => {
	expect(parseTotalCount('2')).toBe(2);
	expect(parseTotalCount(' 150 ')).toBe(150);
	expect(parseTotalCount(7)).toBe(7);
	expect(parseTotalCount('many')).toBeUndefined();
	expect(parseTotalCount(undefined)).toBeUndefined();
});

describe('toApiDateTime', () => {
	it('writes local date-times as YYYY-MM-DD hh:mm:ss', () => {
		expect(toApiDateTime('2026-12-31T18:30:00')).toBe('2026-12-31 18:30:00');
		expect(toApiDateTime('2026-12-31T18:30')).toBe('2026-12-31 18:30:00');
		expect(toApiDateTime('2026-12-31 18:30:15.250')).toBe('2026-12-31 18:30:15');
	});

	it('converts a date-time with a zone to UTC', () => {
		expect(toApiDateTime('2026-12-31T18:30:00.000+02:00')).toBe('2026-12-31 16:30:00');
		expect(toApiDateTime('2026-12-31T18:30:00Z')).toBe('2026-12-31 18:30:00');
	});

	it('refuses what is not a date-time', () => {
		expect(toApiDateTime('tomorrow')).toBeUndefined();
		expect(toApiDateTime('2026-13-45T99:00:00Z')).toBeUndefined();
	});
});

test('toTelephonyFields names the fields as the API does and leaves out empty ones', () => {
	expect(toTelephonyFields({ enabled: true, phoneNumber: '+15551234567', pinDtmf: 'WW123#' })).toEqual({
		telephony_enabled: true,
		telephony_phone_number: '+15551234567',
		telephony_pin_dtmf: 'WW123#',
	});
	expect(toTelephonyFields({ enabled: false })).toEqual({ telephony_enabled: false });
});
