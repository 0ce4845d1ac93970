/**
 * Sinch Voice REST requests, described (the node's transport sends them, signed by the Sinch
 * credential). Paths, verbs and bodies are those `@sinch/voice` sends for the same operations;
 * test/core/voice/providers/sinch/rest.test.ts compares them. Call and conference requests go to
 * the calling host, callback configuration to `callingapi.sinch.com`.
 */
import type { HttpRequestSpec } from '../../../http';
import type { Svaml } from './render';

export const SINCH_CONFIGURATION_URL = 'https://callingapi.sinch.com';

const conference = (conferenceId: string) => `/calling/v1/conferences/id/${encodeURIComponent(conferenceId)}`;
const participant = (conferenceId: string, callId: string) => `${conference(conferenceId)}/${encodeURIComponent(callId)}`;
const call = (callId: string) => `/calling/v1/calls/id/${encodeURIComponent(callId)}`;

export type ParticipantCommand = 'mute' | 'unmute' | 'onhold' | 'resume';

export const sinchRest = {
	getConference: (conferenceId: string): HttpRequestSpec => ({ method: 'GET', path: conference(conferenceId), missingIsEmpty: true }),
	manageParticipant: (conferenceId: string, callId: string, command: ParticipantCommand): HttpRequestSpec => ({
		method: 'PATCH',
		path: participant(conferenceId, callId),
		json: { command },
	}),
	kickParticipant: (conferenceId: string, callId: string): HttpRequestSpec => ({ method: 'DELETE', path: participant(conferenceId, callId) }),
	kickAll: (conferenceId: string): HttpRequestSpec => ({ method: 'DELETE', path: conference(conferenceId) }),
	getCall: (callId: string): HttpRequestSpec => ({ method: 'GET', path: call(callId), missingIsEmpty: true }),
	/** Replaces what the call does with this SVAML (a goodbye and a hang-up). */
	updateCall: (callId: string, svaml: Svaml): HttpRequestSpec => ({ method: 'PATCH', path: call(callId), json: svaml }),
	/** Speaks to one call; in a conference, to that participant. */
	sayToCall: (callId: string, svaml: Svaml): HttpRequestSpec => ({ method: 'PATCH', path: `${call(callId)}/leg/both`, json: svaml }),
	getCallbackUrls: (configurationUrl: string, applicationKey: string): HttpRequestSpec => ({
		method: 'GET',
		baseUrl: configurationUrl,
		path: `/v1/configuration/callbacks/applications/${encodeURIComponent(applicationKey)}`,
	}),
	updateCallbackUrls: (configurationUrl: string, applicationKey: string, urls: { primary: string; fallback?: string }): HttpRequestSpec => ({
		method: 'POST',
		baseUrl: configurationUrl,
		path: `/v1/configuration/callbacks/applications/${encodeURIComponent(applicationKey)}`,
		json: { url: urls },
	}),
};
