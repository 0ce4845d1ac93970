/**
 * Vonage Voice webhooks (JSON bodies) as neutral events. Which step a request answers comes from
 * the `step` in the URLs we gave Vonage (render.ts), as with Twilio:
 *   no step            the answer URL: an incoming call
 *   step=pin|menu      an `input` result: `dtmf.digits`
 *   step=dial          a key from the asynchronous `input` beside the conversation, alone
 *   step=fallback      the fallback answer URL
 * and the application's event URL (the same webhook, no step) carries the call's progress in
 * `status` (a `transfer` event in `type`). A call that is over (`completed`…) is the leave of the conversation it was in: Vonage
 * sends no conversation callbacks, and its event names the conversation by ID only
 * (`conversation_uuid`), so the leave's conference name is left empty for Plan Sync to fill from
 * the call's row.
 *
 * In the conference each key comes alone and we keep no per-call state, so a key is read as the
 * star command it ends: `6` is `*6`, `9` is `*9`, and `*` itself does nothing.
 */
import type { RawParams, VoiceEvent } from '../../events';
import type { ParseResult } from '../../provider';
import type { JsonRecord as Json } from '../../../http';
import { record as object } from '../../../http';
import { e164 } from '../shared';

/** Bounds on what a webhook may carry: Vonage's IDs are UUIDs; generous bounds elsewhere. */
export const VONAGE_LIMITS = { number: 64, digits: 64, status: 32, value: 1024 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONVERSATION = /^CON-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^[0-9*#]*$/;
/** Statuses after which the call is over. */
const ENDED = new Set(['completed', 'busy', 'cancelled', 'failed', 'rejected', 'timeout', 'unanswered']);

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

function flatten(body: Json): RawParams {
	return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'object' && value !== null ? JSON.stringify(value) : str(value)]));
}

export function parseVonageWebhook(body: unknown, query: Record<string, string>): ParseResult {
	const webhook = object(body);
	const callId = str(webhook.uuid);
	if (!UUID.test(callId)) return { ok: false, reason: 'uuid is missing or not a Vonage call UUID' };
	const conversationId = str(webhook.conversation_uuid);
	if (conversationId && !CONVERSATION.test(conversationId)) return { ok: false, reason: 'conversation_uuid is not a Vonage conversation ID' };
	const from = str(webhook.from ?? webhook.from_user);
	const to = str(webhook.to);
	if (from.length > VONAGE_LIMITS.number || to.length > VONAGE_LIMITS.number) return { ok: false, reason: `a number is longer than ${VONAGE_LIMITS.number} characters` };
	const raw = flatten(webhook);
	if (Object.values(raw).some((value) => value.length > VONAGE_LIMITS.value)) return { ok: false, reason: `a field is longer than ${VONAGE_LIMITS.value} characters` };
	const { step, ...state } = query;
	const isSip = str(webhook.endpoint_type) === 'sip' || /^sip:/i.test(from);
	const base = { callId, from: e164(from), to: e164(to), sip: isSip ? {} : undefined, state, raw };

	// A leg moved to another conversation: `{type: 'transfer', conversation_uuid_from, _to}`, no status.
	const status = str(webhook.status) || (str(webhook.type) === 'transfer' || webhook.conversation_uuid_to !== undefined ? 'transfer' : '');
	if (status) {
		if (status.length > VONAGE_LIMITS.status) return { ok: false, reason: 'status is longer than Vonage sends' };
		if (!ENDED.has(status)) return { ok: true, event: { type: 'call.status', status, ...base } };
		const reason = str(webhook.disconnected_by) || status;
		return { ok: true, event: { type: 'participant.left', conference: '', conferenceId: conversationId, callId, label: '', muted: false, reason, raw } };
	}

	const dtmf = object(webhook.dtmf);
	const digits = str(dtmf.digits);
	if (digits.length > VONAGE_LIMITS.digits || !DIGITS.test(digits)) return { ok: false, reason: 'dtmf.digits holds something other than keypad keys' };
	let event: VoiceEvent;
	switch (step ?? 'incoming') {
		case 'incoming':
			event = { type: 'call.incoming', ...base };
			break;
		case 'pin':
		case 'menu': {
			if (webhook.dtmf === undefined) return { ok: false, reason: 'an input result without dtmf' };
			const attempt = Number(state.attempt ?? '1');
			event = { type: 'call.digits', step: step === 'pin' ? 'pin' : 'menu', digits: digits.replace(/#$/, ''), attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1, ...base };
			break;
		}
		case 'dial': {
			if (digits.length !== 1) return { ok: false, reason: 'an asynchronous key event without exactly one key' };
			event = { type: 'call.keypad', keys: digits === '*' ? '*' : `*${digits}`, conference: state.conf ?? '', ...base };
			break;
		}
		case 'fallback':
			event = { type: 'call.fallback', errorCode: str(webhook.reason) || undefined, ...base };
			break;
		default:
			return { ok: false, reason: `unknown step '${step.slice(0, 32)}'` };
	}
	return { ok: true, event };
}
