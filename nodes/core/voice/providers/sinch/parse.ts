/**
 * Sinch Voice callbacks (JSON bodies) as neutral events:
 *   ice   an incoming call
 *   pie   digits from our runMenu (its menu id carries the step and state: render.ts), or keys a
 *         caller pressed in a conference (its menu id is then the conference id)
 *   dice  the call is over
 * Callback fields are lower-case (`callid`); `cli` may come without its `+`.
 */
import type { CallEvent, RawParams } from '../../events';
import type { ParseResult } from '../../provider';

/** Bounds on what a callback may carry: generous against Sinch's documented fields. */
export const SINCH_LIMITS = { callId: 128, number: 64, value: 64, menuId: 512, conferenceId: 64 };
const DIGITS = /^[0-9*#]*$/;
const CALL_ID = /^[A-Za-z0-9_-]{1,128}$/;

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** E.164 with its `+`, as the rest of the package writes numbers. */
export function e164(number: string): string {
	return /^[0-9]{6,15}$/.test(number) ? `+${number}` : number;
}

/** The flat fields of a callback, for `raw` and the label: nested objects as JSON text. */
function flatten(body: Json): RawParams {
	return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : str(value)]));
}

export function parseSinchCallback(body: unknown): ParseResult {
	const callback = object(body);
	const event = str(callback.event).toLowerCase();
	const callId = str(callback.callid ?? callback.callId);
	if (!event) return { ok: false, reason: 'no event: not a Sinch voice callback' };
	if (!CALL_ID.test(callId)) return { ok: false, reason: 'callid is missing or not a Sinch call id' };
	const to = object(callback.to);
	const from = e164(str(callback.cli ?? callback.from));
	if (from.length > SINCH_LIMITS.number || str(to.endpoint).length > SINCH_LIMITS.number) return { ok: false, reason: 'a number is longer than 64 characters' };
	const raw = flatten(callback);
	const base = {
		callId,
		from,
		to: str(to.endpoint ?? callback.to),
		sip: str(to.type).toLowerCase() === 'sip' || str(callback.originationType).toLowerCase() === 'sip' ? {} : undefined,
		state: {},
		raw,
	};

	let parsed: CallEvent;
	switch (event) {
		case 'ice':
			parsed = { type: 'call.incoming', ...base };
			break;
		case 'dice':
			parsed = { type: 'call.ended', reason: str(callback.reason) || undefined, ...base };
			break;
		case 'pie': {
			const result = object(callback.menuResult);
			const menuId = str(result.menuId);
			const value = str(result.value);
			if (menuId.length > SINCH_LIMITS.menuId || value.length > SINCH_LIMITS.value) return { ok: false, reason: 'menuResult is longer than Sinch sends' };
			if (!DIGITS.test(value)) return { ok: false, reason: 'menuResult.value holds something other than keypad keys' };
			const type = str(result.type);
			// Our menus' ids are step queries (render.ts); anything else is a conference id.
			if (!menuId.startsWith('step=')) {
				if (menuId.length > SINCH_LIMITS.conferenceId) return { ok: false, reason: 'the conference id is longer than 64 characters' };
				parsed = { type: 'call.keypad', keys: value, conference: menuId, ...base };
				break;
			}
			const { step = 'pin', ...state } = Object.fromEntries(new URLSearchParams(menuId));
			if (step !== 'pin' && step !== 'menu') return { ok: false, reason: `unknown step '${step.slice(0, 32)}'` };
			const attempt = Number(state.attempt ?? '1');
			// A timeout or no keys counts as an attempt with no digits, like Twilio's actionOnEmptyResult.
			const digits = type === 'sequence' || type === 'return' ? value : '';
			parsed = { type: 'call.digits', step, digits, attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1, ...base, state };
			break;
		}
		default:
			return { ok: false, reason: `Sinch '${event.slice(0, 16)}' callbacks are not used by the IVR` };
	}
	return { ok: true, event: parsed };
}
