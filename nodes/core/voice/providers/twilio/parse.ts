/**
 * Twilio's voice webhooks and conference status callbacks as normalized events. Which IVR step a
 * voice request answers comes from the `step` parameter in the URLs we gave Twilio; the other
 * parameters we put there (attempt, muted, hand…) come back as `state`.
 */
import type { CallEvent, ParticipantEventType, RawParams } from '../../events';
import type { ParseResult } from '../../provider';
import { fieldsOutOfBounds } from '../shared';

const PARTICIPANT_EVENTS: Record<string, ParticipantEventType> = {
	'participant-join': 'participant.joined',
	'participant-leave': 'participant.left',
	'participant-mute': 'participant.muted',
	'participant-unmute': 'participant.unmuted',
	'participant-hold': 'participant.held',
	'participant-unhold': 'participant.unheld',
};

/** Keys pressed at a prompt: DTMF keys only, nothing else can reach a PIN comparison. */
const DIGITS = /^[0-9*#]*$/;

function sequenceOf(params: RawParams): number | undefined {
	const sequence = Number(params.SequenceNumber);
	return Number.isInteger(sequence) ? sequence : undefined;
}

function conferenceEvent(params: RawParams): ParseResult {
	const name = params.StatusCallbackEvent;
	const conference = params.FriendlyName ?? '';
	const conferenceId = params.ConferenceSid ?? '';
	if (!conferenceId) return { ok: false, reason: 'a conference callback without ConferenceSid' };
	const participantType = PARTICIPANT_EVENTS[name];
	if (participantType) {
		if (!params.CallSid) return { ok: false, reason: `${name} without CallSid` };
		return {
			ok: true,
			event: {
				type: participantType,
				conference,
				conferenceId,
				callId: params.CallSid,
				label: params.ParticipantLabel ?? '',
				muted: params.Muted === 'true',
				sequence: sequenceOf(params),
				reason: params.ReasonParticipantLeft,
				raw: params,
			},
		};
	}
	const type = name === 'conference-start' ? 'conference.started' : name === 'conference-end' ? 'conference.ended' : 'conference.other';
	return { ok: true, event: { type, conference, conferenceId, sequence: sequenceOf(params), raw: params } };
}

/**
 * SIP From display name: `"Name" <sip:user@host>` (Twilio passes the header as `From` for SIP
 * calls). Found by position, not by a backtracking pattern: the caller controls this header, and a
 * pattern that backtracks blocks n8n's event loop for seconds on a few thousand spaces.
 */
function sipDisplayName(from: string): string | undefined {
	const end = from.toLowerCase().indexOf('<sip:');
	if (end <= 0) return undefined;
	let name = from.slice(0, end).trim();
	if (name.startsWith('"')) name = name.slice(1);
	if (name.endsWith('"')) name = name.slice(0, -1);
	return name.includes('"') || name.includes('<') ? undefined : name.trim() || undefined;
}

/**
 * What a Twilio request may carry, at most. Twilio's own limits where it documents them (SIDs are
 * two letters and 32 hex digits; a participant label is at most 128 characters; a conference's
 * friendly name at most 128); generous bounds elsewhere (a SIP From header with a display name).
 */
export const TWILIO_LIMITS = { parameters: 100, value: 4096, from: 1024, callerName: 256, digits: 64, label: 128, friendlyName: 128 };
const SID = { CallSid: /^CA[0-9a-fA-F]{32}$/, ConferenceSid: /^CF[0-9a-fA-F]{32}$/, AccountSid: /^AC[0-9a-fA-F]{32}$/ } as const;

const LONGEST: Record<string, number> = {
	From: TWILIO_LIMITS.from,
	To: TWILIO_LIMITS.from,
	CallerName: TWILIO_LIMITS.callerName,
	Digits: TWILIO_LIMITS.digits,
	ParticipantLabel: TWILIO_LIMITS.label,
	FriendlyName: TWILIO_LIMITS.friendlyName,
};

function outOfBounds(params: RawParams, query: RawParams): string | undefined {
	const tooLong = fieldsOutOfBounds(params, query, TWILIO_LIMITS, LONGEST);
	if (tooLong) return tooLong;
	for (const [name, shape] of Object.entries(SID)) {
		const value = params[name];
		if (value !== undefined && !shape.test(value)) return `${name} is not a Twilio ${name.replace('Sid', '')} SID`;
	}
	return undefined;
}

function decodeText(encoded: string): string {
	return Buffer.from(encoded, 'base64url').toString('utf8');
}

export function parseTwilioRequest(params: RawParams, query: RawParams = {}): ParseResult {
	const tooMuch = outOfBounds(params, query);
	if (tooMuch) return { ok: false, reason: tooMuch };
	if (params.StatusCallbackEvent) return conferenceEvent(params);
	const { step = 'incoming', ...state } = query;
	// Hold music and announcements are fetched by Twilio for the conference, and a conference-wide
	// announcement has no call: those two steps answer with markup that needs none.
	const callId = params.CallSid ?? (step === 'wait' || step === 'announce' ? '' : undefined);
	if (callId === undefined) return { ok: false, reason: 'neither CallSid nor StatusCallbackEvent: not a Twilio voice request' };

	const isSip = params.SipDomain !== undefined || /^sip:/i.test(params.To ?? '') || /<?sip:/i.test(params.From ?? '');
	const base = {
		callId,
		from: params.From ?? '',
		to: params.To ?? '',
		callerName: params.CallerName || (isSip ? sipDisplayName(params.From ?? '') : undefined),
		sip: isSip
			? { domain: params.SipDomain, username: params.SipUsername, sourceIp: params.SipSourceIp, callId: params.SipCallId }
			: undefined,
		state,
		ended: params.CallStatus !== undefined && params.CallStatus !== 'in-progress' && params.CallStatus !== 'ringing' ? true : undefined,
		raw: params,
	};

	let event: CallEvent;
	switch (step) {
		case 'incoming':
			event = { type: 'call.incoming', ...base };
			break;
		case 'pin':
		case 'menu': {
			const digits = params.Digits ?? '';
			if (!DIGITS.test(digits)) return { ok: false, reason: 'Digits holds something other than keypad keys' };
			const attempt = Number(state.attempt ?? '1');
			event = { type: 'call.digits', step, digits, attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1, ...base };
			break;
		}
		case 'dial':
			event = { type: 'call.menu', ...base };
			break;
		case 'wait':
			event = { type: 'call.wait', ...base };
			break;
		case 'announce':
			event = { type: 'call.announce', text: decodeText(state.text ?? ''), ...base };
			break;
		case 'fallback':
			event = { type: 'call.fallback', errorCode: params.ErrorCode, ...base };
			break;
		default:
			return { ok: false, reason: `unknown step '${step}'` };
	}
	return { ok: true, event };
}
