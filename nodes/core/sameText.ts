import { timingSafeEqual } from 'crypto';

/**
 * Whether two texts are equal, in time that does not depend on where they first differ (only on
 * their lengths, which signatures of one scheme share).
 */
export function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}
