/**
 * Bodies of Digital Samba's phone-participant notifications. Both are arrays (one request can carry
 * many callers) with snake_case fields. Call IDs are any non-empty string: Twilio's `CA…` SIDs are
 * not UUIDs.
 */

export interface PhoneCaller {
	callId: string;
	name?: string;
	callerNumber?: string;
	externalId?: string;
	muted?: boolean;
}

export interface JoinedCall {
	call_id: string;
	name?: string;
	caller_number?: string;
	external_id?: string;
	muted?: boolean;
}

export type BodyResult<T> = { ok: true; body: T } | { ok: false; reason: string };

export function toJoinedBody(callers: PhoneCaller[]): BodyResult<JoinedCall[]> {
	if (callers.length === 0) return { ok: false, reason: 'No callers were given' };
	const body: JoinedCall[] = [];
	for (const [index, caller] of callers.entries()) {
		const callId = caller.callId.trim();
		const label = `Caller ${index + 1}`;
		if (!callId) return { ok: false, reason: `${label} has no call ID` };
		const name = caller.name?.trim();
		const number = caller.callerNumber?.trim();
		if (!name && !number) {
			return { ok: false, reason: `${label} (${callId}) needs a name or a caller number` };
		}
		const call: JoinedCall = { call_id: callId };
		if (name) call.name = name;
		if (number) call.caller_number = number;
		if (caller.externalId?.trim()) call.external_id = caller.externalId.trim();
		if (caller.muted !== undefined) call.muted = caller.muted;
		body.push(call);
	}
	return { ok: true, body };
}

/** Accepts call IDs as a list or as one comma-separated string. */
export function toLeftBody(callIds: string[] | string): BodyResult<string[]> {
	const list = (Array.isArray(callIds) ? callIds : callIds.split(','))
		.map((id) => String(id).trim())
		.filter((id) => id.length > 0);
	if (list.length === 0) return { ok: false, reason: 'No call IDs were given' };
	return { ok: true, body: [...new Set(list)] };
}
