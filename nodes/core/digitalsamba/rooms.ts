/**
 * Rooms as Digital Samba's API sees them: references (UUID or friendly URL), the telephony fields,
 * and the few value formats its API wants.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID_PATTERN.test(value);
}

/** Friendly URLs are 3–32 characters (Digital Samba's rule); n8n anchors locator patterns. */
export const FRIENDLY_URL_PATTERN = '[A-Za-z0-9_-]{3,32}';

/**
 * A room link (`https://team.digitalsamba.com/standup?token=…`) names its room by the last path
 * segment, which is either the friendly URL or the UUID.
 */
export const ROOM_LINK_PATTERN = '^https?://[^/]+/([^/?#]+)';

/** The whole link, for n8n's locator validation (which anchors the pattern at both ends). */
export const ROOM_LINK_VALIDATION = 'https?://[^/]+/[^/?#]+/?([?#].*)?';

export function roomFromLink(link: string): string | undefined {
	return new RegExp(ROOM_LINK_PATTERN).exec(link.trim())?.[1];
}

/** Digital Samba returns `total_count` as a string in some answers and a number in others. */
export function parseTotalCount(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
	return undefined;
}

/**
 * `expires_at` must be `YYYY-MM-DD hh:mm:ss`. n8n's date fields give ISO 8601 (with or without a
 * zone); a value with a zone is converted to UTC, one without is taken as written.
 */
export function toApiDateTime(value: string): string | undefined {
	const trimmed = value.trim();
	const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?$/.exec(trimmed);
	if (local) return `${local[1]} ${local[2]}${local[3] ?? ':00'}`;
	if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
	const date = new Date(trimmed);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

export interface TelephonySettings {
	enabled: boolean;
	phoneNumber?: string;
	pinDtmf?: string;
}

/** The room fields Digital Samba uses to dial the bridge (POST/PATCH `/rooms`). */
export function toTelephonyFields(settings: TelephonySettings): Record<string, string | boolean> {
	const fields: Record<string, string | boolean> = { telephony_enabled: settings.enabled };
	if (settings.phoneNumber) fields.telephony_phone_number = settings.phoneNumber;
	if (settings.pinDtmf) fields.telephony_pin_dtmf = settings.pinDtmf;
	return fields;
}
