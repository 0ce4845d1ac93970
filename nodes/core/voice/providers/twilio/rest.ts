/**
 * Twilio REST call control, as request descriptions (the node's transport sends them with the
 * Twilio Voice credential). Paths and form fields are those the official `twilio` client sends for
 * the same operations; test/core/voice/providers/twilio/rest.test.ts compares them.
 */
import type { HttpRequestSpec } from '../../../http';

/** Twilio pages lists at 50 by default; `next_page_uri` leads on. */
export const TWILIO_PAGE_SIZE = 50;

const account = (accountSid: string) => `/2010-04-01/Accounts/${encodeURIComponent(accountSid)}`;
const conference = (accountSid: string, conferenceSid: string) =>
	`${account(accountSid)}/Conferences/${encodeURIComponent(conferenceSid)}`;
/** A participant by call SID or by label (non-URL-safe characters percent-encoded). */
const participant = (accountSid: string, conferenceSid: string, callSidOrLabel: string) =>
	`${conference(accountSid, conferenceSid)}/Participants/${encodeURIComponent(callSidOrLabel)}.json`;

const flag = (value: boolean) => (value ? 'true' : 'false');

export const twilioRest = {
	fetchAccount: (accountSid: string): HttpRequestSpec => ({ method: 'GET', path: `${account(accountSid)}.json` }),

	findInProgressConference: (accountSid: string, name: string): HttpRequestSpec => ({
		method: 'GET',
		path: `${account(accountSid)}/Conferences.json`,
		query: { FriendlyName: name, Status: 'in-progress', PageSize: '1' },
	}),

	fetchConference: (accountSid: string, conferenceSid: string): HttpRequestSpec => ({
		method: 'GET',
		path: `${conference(accountSid, conferenceSid)}.json`,
	}),

	listParticipants: (accountSid: string, conferenceSid: string): HttpRequestSpec => ({
		method: 'GET',
		// No PageSize, like the official client: Twilio's default page of 50 applies.
		path: `${conference(accountSid, conferenceSid)}/Participants.json`,
	}),

	getParticipant: (accountSid: string, conferenceSid: string, callSidOrLabel: string): HttpRequestSpec => ({
		method: 'GET',
		path: participant(accountSid, conferenceSid, callSidOrLabel),
	}),

	setMuted: (accountSid: string, conferenceSid: string, callSidOrLabel: string, muted: boolean): HttpRequestSpec => ({
		method: 'POST',
		path: participant(accountSid, conferenceSid, callSidOrLabel),
		form: { Muted: flag(muted) },
	}),

	setHold: (accountSid: string, conferenceSid: string, callSidOrLabel: string, hold: boolean): HttpRequestSpec => ({
		method: 'POST',
		path: participant(accountSid, conferenceSid, callSidOrLabel),
		form: { Hold: flag(hold) },
	}),

	announceToParticipant: (
		accountSid: string,
		conferenceSid: string,
		callSidOrLabel: string,
		announceUrl: string,
	): HttpRequestSpec => ({
		method: 'POST',
		path: participant(accountSid, conferenceSid, callSidOrLabel),
		form: { AnnounceUrl: announceUrl, AnnounceMethod: 'POST' },
	}),

	removeParticipant: (accountSid: string, conferenceSid: string, callSidOrLabel: string): HttpRequestSpec => ({
		method: 'DELETE',
		path: participant(accountSid, conferenceSid, callSidOrLabel),
	}),

	announceToConference: (accountSid: string, conferenceSid: string, announceUrl: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${conference(accountSid, conferenceSid)}.json`,
		form: { AnnounceUrl: announceUrl, AnnounceMethod: 'POST' },
	}),

	endConference: (accountSid: string, conferenceSid: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${conference(accountSid, conferenceSid)}.json`,
		form: { Status: 'completed' },
	}),

	fetchCall: (accountSid: string, callSid: string): HttpRequestSpec => ({
		method: 'GET',
		path: `${account(accountSid)}/Calls/${encodeURIComponent(callSid)}.json`,
	}),

	/** Replaces what a call is doing with this TwiML (it leaves its conference). */
	redirectCall: (accountSid: string, callSid: string, twiml: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${account(accountSid)}/Calls/${encodeURIComponent(callSid)}.json`,
		form: { Twiml: twiml },
	}),

	hangUpCall: (accountSid: string, callSid: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${account(accountSid)}/Calls/${encodeURIComponent(callSid)}.json`,
		form: { Status: 'completed' },
	}),

	findPhoneNumber: (accountSid: string, phoneNumber: string): HttpRequestSpec => ({
		method: 'GET',
		path: `${account(accountSid)}/IncomingPhoneNumbers.json`,
		// Without a number: the first two, enough to tell whether the account has just one.
		query: phoneNumber ? { PhoneNumber: phoneNumber, PageSize: '1' } : { PageSize: '2' },
	}),

	configurePhoneNumber: (
		accountSid: string,
		phoneNumberSid: string,
		urls: { voiceUrl: string; fallbackUrl?: string },
	): HttpRequestSpec => {
		const form: Record<string, string> = { VoiceUrl: urls.voiceUrl, VoiceMethod: 'POST' };
		if (urls.fallbackUrl) {
			form.VoiceFallbackUrl = urls.fallbackUrl;
			form.VoiceFallbackMethod = 'POST';
		}
		return {
			method: 'POST',
			path: `${account(accountSid)}/IncomingPhoneNumbers/${encodeURIComponent(phoneNumberSid)}.json`,
			form,
		};
	},
};
