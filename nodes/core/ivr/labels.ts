/**
 * Conference participant labels carry what Digital Samba needs about a caller, so no per-call state
 * is kept anywhere: the call ID, and the number and name, recoverable. Twilio allows 128 characters
 * and wants them unique in the conference (a call ID is).
 *
 *   ds-bridge                        the Digital Samba bridge
 *   p.<callId>.<base64url([number, name])>   a caller
 */
export const BRIDGE_LABEL = 'ds-bridge';
export const LABEL_MAX_LENGTH = 128;

export type LabelInfo =
	| { kind: 'bridge' }
	| { kind: 'caller'; callId: string; number: string; name: string }
	| { kind: 'unknown' };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function callerLabel(callId: string, number = '', name = ''): string {
	const prefix = `p.${callId}.`;
	// No more of the name than could ever fit (each character takes at least one of the 128), so
	// the shortening below runs a bounded number of times whatever length the caller sent.
	let trimmedName = Array.from(name).slice(0, LABEL_MAX_LENGTH).join('');
	let label = prefix + encode([number, trimmedName]);
	// Shorten the name (never the call ID or number) until the label fits.
	while (label.length > LABEL_MAX_LENGTH && trimmedName.length > 0) {
		trimmedName = Array.from(trimmedName).slice(0, -1).join('');
		label = prefix + encode([number, trimmedName]);
	}
	return label.length > LABEL_MAX_LENGTH ? prefix + encode(['', '']) : label;
}

export function parseLabel(label: string): LabelInfo {
	if (label === BRIDGE_LABEL) return { kind: 'bridge' };
	const match = /^p\.([^.]+)\.([A-Za-z0-9_-]*)$/.exec(label);
	if (!match) return { kind: 'unknown' };
	try {
		const decoded: unknown = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8'));
		if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
			return { kind: 'caller', callId: match[1], number: decoded[0], name: decoded[1] };
		}
	} catch {
		// Not one of ours: treated as unknown below.
	}
	return { kind: 'unknown' };
}
