/**
 * Sinch Voice callbacks (JSON bodies) as neutral events:
 *   ice   an incoming call
 *   pie   digits from our PIN menu (`main`), or keys a caller pressed in a conference (its menu
 *         id is then the conference id)
 *   dice  the call is over; for a call we put in a conference (its cookies say which, and as
 *         whom), that is its leave: Sinch Voice v1 sends no conference callbacks
 * State comes back in the cookies our answers set (render.ts). Callback fields are lower-case
 * (`callid`); `cli` may come without its `+`.
 */
import type { RawParams, VoiceEvent } from '../../events';
import type { ParseResult } from '../../provider';
import type { JsonRecord as Json } from '../../../http';
import { record as object } from '../../../http';
import { e164 } from '../shared';
import { PIN_MENU_ID } from './render';

/** Bounds on what a callback may carry: generous against Sinch's documented fields. */
export const SINCH_LIMITS = { callId: 128, number: 64, value: 64, menuId: 64, conferenceId: 64, cookies: 1024, label: 128 };
const DIGITS = /^[0-9*#]*$/;
const CALL_ID = /^[A-Za-z0-9_-]{1,128}$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** The flat fields of a callback, for `raw` and the label: nested objects as JSON text. */
function flatten(body: Json): RawParams {
	return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : str(value)]));
}

/** `cookies: [{ key, value }]`, as set by our answers; Sinch caps them at 1024 bytes in all. */
function cookiesOf(value: unknown): Record<string, string> | string {
	if (value === undefined) return {};
	if (!Array.isArray(value)) return 'cookies is not a list';
	const pairs = value.map(object).map((pair) => [str(pair.key), str(pair.value)] as const);
	if (pairs.reduce((total, [key, item]) => total + key.length + item.length, 0) > SINCH_LIMITS.cookies) return 'the cookies are longer than Sinch allows';
	return Object.fromEntries(pairs.filter(([key]) => key !== ''));
}

export function parseSinchCallback(body: unknown): ParseResult {
	const callback = object(body);
	const event = str(callback.event).toLowerCase();
	const callId = str(callback.callid ?? callback.callId);
	if (!event) return { ok: false, reason: 'no event: not a Sinch voice callback' };
	if (!CALL_ID.test(callId)) return { ok: false, reason: 'callid is missing or not a Sinch call id' };
	const cookies = cookiesOf(callback.cookies);
	if (typeof cookies === 'string') return { ok: false, reason: cookies };
	const to = object(callback.to);
	const from = e164(str(callback.cli ?? cookies.cli ?? callback.from));
	if (from.length > SINCH_LIMITS.number || str(to.endpoint).length > SINCH_LIMITS.number) return { ok: false, reason: 'a number is longer than 64 characters' };
	const raw = flatten(callback);
	const base = {
		callId,
		from,
		to: str(to.endpoint ?? callback.to),
		// `to.type` is the number called, not how the call came in; Sinch documents `pstn` and `mxp` origins.
		sip: str(callback.originationType).toLowerCase() === 'sip' ? {} : undefined,
		state: cookies,
		raw,
	};

	let parsed: VoiceEvent;
	switch (event) {
		case 'ice':
			parsed = { type: 'call.incoming', ...base };
			break;
		case 'dice': {
			const reason = str(callback.reason) || undefined;
			const { conf, label } = cookies;
			if (conf && label !== undefined) {
				if (conf.length > SINCH_LIMITS.conferenceId || label.length > SINCH_LIMITS.label) return { ok: false, reason: 'a conference cookie is longer than Sinch allows' };
				parsed = { type: 'participant.left', conference: conf, conferenceId: conf, callId, label, muted: false, reason, raw };
			} else {
				parsed = { type: 'call.ended', reason, ...base };
			}
			break;
		}
		case 'pie': {
			const result = object(callback.menuResult);
			const menuId = str(result.menuId);
			const value = str(result.value);
			if (menuId.length > SINCH_LIMITS.menuId || value.length > SINCH_LIMITS.value) return { ok: false, reason: 'menuResult is longer than Sinch sends' };
			if (!DIGITS.test(value)) return { ok: false, reason: 'menuResult.value holds something other than keypad keys' };
			const type = str(result.type);
			if (menuId !== PIN_MENU_ID) {
				if (menuId.length > SINCH_LIMITS.conferenceId) return { ok: false, reason: 'the conference id is longer than 64 characters' };
				parsed = { type: 'call.keypad', keys: value, conference: menuId, ...base };
				break;
			}
			const attempt = Number(cookies.attempt ?? '1');
			// A timeout or no keys counts as an attempt with no digits, like Twilio's actionOnEmptyResult.
			const digits = type === 'sequence' || type === 'return' ? value.replace(/#$/, '') : '';
			parsed = { type: 'call.digits', step: 'pin', digits, attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1, ...base };
			break;
		}
		default:
			return { ok: false, reason: `Sinch '${event.slice(0, 16)}' callbacks are not used by the IVR` };
	}
	return { ok: true, event: parsed };
}
