/**
 * Plivo's requests (form posts) as neutral events. Which IVR step a request answers comes from
 * the `step` in the URLs we gave Plivo (render.ts); a conference callback (`ConferenceAction`) is
 * about the member its URL's `label` and `from` name:
 *   enter   a member joined                 exit  a member left (hung up, kicked, ended)
 *   digits  a member pressed a `digitsMatch` sequence (`ConferenceDigitsMatch`), staying in
 * A request saying the call is over (`CallStatus` completed: the hang-up URL) is `call.ended`.
 * Plivo writes numbers without their `+`.
 */
import type { CallEvent, ParticipantEventType, RawParams } from '../../events';
import type { ParseResult } from '../../provider';
import { e164, fieldsOutOfBounds } from '../shared';
import { CONFERENCE_STEP } from './render';

/** Keys pressed at a prompt: DTMF keys only, nothing else can reach a PIN comparison. */
const DIGITS = /^[0-9*#]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a Plivo request may carry, at most: UUIDs for calls and conferences (checked by shape),
 * Plivo's own bounds where it states them (32 digits, a conference name of 64 characters…),
 * generous ones elsewhere (a SIP From with a display name).
 */
export const PLIVO_LIMITS = { parameters: 100, value: 4096, from: 1024, callerName: 256, digits: 64, label: 128, conferenceName: 64 };

const MEMBER_EVENTS: Record<string, ParticipantEventType> = { enter: 'participant.joined', exit: 'participant.left' };
const ENDED_STATUSES = new Set(['completed', 'busy', 'failed', 'timeout', 'no-answer', 'cancel', 'canceled']);

const LONGEST: Record<string, number> = {
	From: PLIVO_LIMITS.from,
	To: PLIVO_LIMITS.from,
	from: PLIVO_LIMITS.from,
	CallerName: PLIVO_LIMITS.callerName,
	Digits: PLIVO_LIMITS.digits,
	ConferenceDigitsMatch: PLIVO_LIMITS.digits,
	label: PLIVO_LIMITS.label,
	ConferenceName: PLIVO_LIMITS.conferenceName,
};

function outOfBounds(params: RawParams, query: RawParams): string | undefined {
	const tooLong = fieldsOutOfBounds(params, query, PLIVO_LIMITS, LONGEST);
	if (tooLong) return tooLong;
	for (const name of ['CallUUID', 'ConferenceUUID']) {
		const value = params[name];
		if (value !== undefined && value !== '' && !UUID.test(value)) return `${name} is not a Plivo UUID`;
	}
	return undefined;
}

/** The host of a `sip:user@host` address (a display name and parameters around it allowed). */
function sipHost(address: string): string | undefined {
	const at = address.toLowerCase().indexOf('sip:');
	if (at < 0) return undefined;
	const host = address.slice(at + 4).split(/[>;]/)[0].split('@').pop();
	return host || undefined;
}

/**
 * A call that came in over SIP: the domain is the one it was addressed to (`To`, Plivo's address
 * that received it, as Twilio's SipDomain is), never the caller's own From, which a SIP caller
 * writes as it likes.
 */
function sipOf(from: string, to: string): { domain?: string } | undefined {
	if (sipHost(from) === undefined && sipHost(to) === undefined) return undefined;
	return { domain: sipHost(to) };
}

function conferenceCallback(params: RawParams, query: RawParams): ParseResult {
	const action = params.ConferenceAction ?? '';
	const conference = params.ConferenceName ?? '';
	// Plivo's REST API addresses a conference by its name, not by ConferenceUUID (kept in raw).
	const conferenceId = conference;
	const callId = params.CallUUID ?? '';
	if (!conference) return { ok: false, reason: 'a conference callback without ConferenceName' };
	const memberEvent = MEMBER_EVENTS[action];
	if (memberEvent || action === 'digits') {
		if (!callId) return { ok: false, reason: `a conference ${action} without CallUUID` };
	}
	if (memberEvent) {
		return { ok: true, event: { type: memberEvent, conference, conferenceId, callId, label: query.label ?? '', muted: false, raw: params } };
	}
	if (action === 'digits') {
		const keys = params.ConferenceDigitsMatch ?? '';
		if (!DIGITS.test(keys)) return { ok: false, reason: 'ConferenceDigitsMatch holds something other than keypad keys' };
		return { ok: true, event: { type: 'call.keypad', keys, conference, callId, from: e164(query.from ?? ''), to: '', state: {}, raw: params } };
	}
	return { ok: true, event: { type: 'conference.other', conference, conferenceId, raw: params } };
}

export function parsePlivoRequest(params: RawParams, query: RawParams = {}): ParseResult {
	const tooMuch = outOfBounds(params, query);
	if (tooMuch) return { ok: false, reason: tooMuch };
	if (params.ConferenceAction !== undefined || query.step === CONFERENCE_STEP) return conferenceCallback(params, query);
	const { step = 'incoming', ...state } = query;
	// Hold music is fetched for a waiting member; its request may carry no call.
	const callId = params.CallUUID ?? (step === 'wait' ? '' : undefined);
	if (callId === undefined) return { ok: false, reason: 'neither CallUUID nor ConferenceAction: not a Plivo voice request' };

	const from = params.From ?? '';
	const sip = sipOf(from, params.To ?? '');
	const base = {
		callId,
		from: sipHost(from) === undefined ? e164(from) : from,
		to: e164(params.To ?? ''),
		callerName: params.CallerName || undefined,
		sip,
		state,
		ended: ENDED_STATUSES.has(params.CallStatus ?? '') || undefined,
		raw: params,
	};
	if (base.ended) return { ok: true, event: { type: 'call.ended', reason: params.HangupCause || undefined, ...base } };

	let event: CallEvent;
	switch (step) {
		case 'incoming':
			event = { type: 'call.incoming', ...base };
			break;
		case 'pin': {
			const digits = params.Digits ?? '';
			if (!DIGITS.test(digits)) return { ok: false, reason: 'Digits holds something other than keypad keys' };
			const attempt = Number(state.attempt ?? '1');
			event = { type: 'call.digits', step: 'pin', digits, attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1, ...base };
			break;
		}
		case 'wait':
			event = { type: 'call.wait', ...base };
			break;
		case 'announce':
			event = { type: 'call.announce', text: Buffer.from(state.text ?? '', 'base64url').toString('utf8'), ...base };
			break;
		default:
			return { ok: false, reason: `unknown step '${step.slice(0, 32)}'` };
	}
	return { ok: true, event };
}
