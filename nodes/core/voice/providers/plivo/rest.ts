/**
 * Plivo REST call control, as request descriptions (the node's transport sends them with the Plivo
 * Voice credential: Basic auth ID and token). Paths (each with its trailing slash) and JSON bodies
 * are those the official `plivo` client sends for the same operations;
 * test/core/voice/providers/plivo/rest.test.ts compares them. A conference is addressed by its name,
 * a member by the `member_id` Plivo gave it.
 */
import type { HttpRequestSpec } from '../../../http';

const account = (authId: string) => `/v1/Account/${encodeURIComponent(authId)}`;
const conference = (authId: string, name: string) => `${account(authId)}/Conference/${encodeURIComponent(name)}/`;
const member = (authId: string, name: string, memberId: string) => `${conference(authId, name)}Member/${encodeURIComponent(memberId)}/`;
const call = (authId: string, callUuid: string) => `${account(authId)}/Call/${encodeURIComponent(callUuid)}/`;

export const plivoRest = {
	fetchAccount: (authId: string): HttpRequestSpec => ({ method: 'GET', path: `${account(authId)}/` }),

	/** The conference with its members; 404 (answered `{}`) when none of that name is in progress. */
	getConference: (authId: string, name: string): HttpRequestSpec => ({ method: 'GET', path: conference(authId, name), missingIsEmpty: true }),

	hangUpConference: (authId: string, name: string): HttpRequestSpec => ({ method: 'DELETE', path: conference(authId, name) }),

	mute: (authId: string, name: string, memberId: string): HttpRequestSpec => ({ method: 'POST', path: `${member(authId, name, memberId)}Mute/`, json: {} }),
	unmute: (authId: string, name: string, memberId: string): HttpRequestSpec => ({ method: 'DELETE', path: `${member(authId, name, memberId)}Mute/` }),
	deaf: (authId: string, name: string, memberId: string): HttpRequestSpec => ({ method: 'POST', path: `${member(authId, name, memberId)}Deaf/`, json: {} }),
	undeaf: (authId: string, name: string, memberId: string): HttpRequestSpec => ({ method: 'DELETE', path: `${member(authId, name, memberId)}Deaf/` }),
	kick: (authId: string, name: string, memberId: string): HttpRequestSpec => ({ method: 'POST', path: `${member(authId, name, memberId)}Kick/`, json: {} }),

	/** Speech to a member, or to everyone (`member_id` all). */
	speak: (authId: string, name: string, memberId: string, text: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${member(authId, name, memberId)}Speak/`,
		json: { text },
	}),

	/** A call in progress; 404 (answered `{}`) when it is not live. The one path without its slash, as the client sends it. */
	getLiveCall: (authId: string, callUuid: string): HttpRequestSpec => ({
		method: 'GET',
		path: `${account(authId)}/Call/${encodeURIComponent(callUuid)}`,
		query: { status: 'live' },
		missingIsEmpty: true,
	}),

	/** Plivo fetches new XML for the call from this URL: the call leaves what it was doing. */
	transfer: (authId: string, callUuid: string, url: string): HttpRequestSpec => ({
		method: 'POST',
		path: call(authId, callUuid),
		json: { legs: 'aleg', aleg_url: url, aleg_method: 'POST' },
	}),

	/** A call that is already over (404) is hung up. */
	hangUpCall: (authId: string, callUuid: string): HttpRequestSpec => ({ method: 'DELETE', path: call(authId, callUuid), missingIsEmpty: true }),

	/** One of the account's numbers (digits only, no `+`); 404 (answered `{}`) when it is not there. */
	getNumber: (authId: string, number: string): HttpRequestSpec => ({ method: 'GET', path: `${account(authId)}/Number/${encodeURIComponent(number)}/`, missingIsEmpty: true }),
	/** The first two numbers, enough to tell whether the account has just one. */
	listNumbers: (authId: string): HttpRequestSpec => ({ method: 'GET', path: `${account(authId)}/Number/`, query: { limit: '2' } }),
	linkNumber: (authId: string, number: string, appId: string): HttpRequestSpec => ({
		method: 'POST',
		path: `${account(authId)}/Number/${encodeURIComponent(number)}/`,
		json: { app_id: appId },
	}),

	getApplication: (authId: string, appId: string): HttpRequestSpec => ({ method: 'GET', path: `${account(authId)}/Application/${encodeURIComponent(appId)}/` }),

	/** Answer, fallback and hang-up URLs, all POST; the hang-up URL is the answer URL (the IVR ignores it). */
	updateApplication: (authId: string, appId: string, urls: ApplicationUrls): HttpRequestSpec => ({
		method: 'POST',
		path: `${account(authId)}/Application/${encodeURIComponent(appId)}/`,
		json: applicationUrls(urls),
	}),
	createApplication: (authId: string, name: string, urls: ApplicationUrls): HttpRequestSpec => ({
		method: 'POST',
		path: `${account(authId)}/Application/`,
		json: { app_name: name, ...applicationUrls(urls) },
	}),
};

export interface ApplicationUrls {
	voiceUrl: string;
	fallbackUrl?: string;
}

function applicationUrls({ voiceUrl, fallbackUrl }: ApplicationUrls): Record<string, string> {
	return {
		answer_url: voiceUrl,
		answer_method: 'POST',
		hangup_url: voiceUrl,
		hangup_method: 'POST',
		...(fallbackUrl ? { fallback_answer_url: fallbackUrl, fallback_method: 'POST' } : {}),
	};
}
