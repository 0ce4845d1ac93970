/**
 * Digital Samba authenticates its webhook calls with one shared secret, sent as
 * `Authorization: Bearer <secret>` (its docs); some senders put the bare secret. Both are accepted,
 * compared in constant time. This never throws.
 */
import { createHash, timingSafeEqual } from 'crypto';

export type AuthorizationCheck = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'no-secret' };

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function checkAuthorization(header: unknown, secret: string): AuthorizationCheck {
	if (!secret) return { ok: false, reason: 'no-secret' };
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: 'missing' };
	const presented = value.trim().replace(/^bearer\s+/i, '');
	// Hashing first gives equal lengths, so the comparison leaks neither content nor length.
	return timingSafeEqual(digest(presented), digest(secret)) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
