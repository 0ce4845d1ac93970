/**
 * Vonage REST requests, described (the node's transport sends them with the Vonage credential,
 * which signs each with an application JWT, or the account key and secret for the Applications
 * API). Paths, verbs and bodies are those `@vonage/voice` and `@vonage/applications` send for the
 * same operations; test/core/voice/providers/vonage/rest.test.ts compares them.
 */
import type { HttpRequestSpec } from '../../../http';
import type { NccoAction } from './render';

const call = (callId: string) => `/v1/calls/${encodeURIComponent(callId)}`;

export type CallAction = 'mute' | 'unmute' | 'earmuff' | 'unearmuff' | 'hangup';

/** Legs asked for at once: a conversation's answered calls fit in one page. */
export const LEGS_PAGE_SIZE = 100;

export const vonageRest = {
	getCall: (callId: string): HttpRequestSpec => ({ method: 'GET', path: call(callId), missingIsEmpty: true }),
	/** The answered calls (legs) of one conversation. */
	listLegs: (conversationId: string): HttpRequestSpec => ({
		method: 'GET',
		path: '/v1/calls',
		query: { conversation_uuid: conversationId, status: 'answered', page_size: String(LEGS_PAGE_SIZE) },
	}),
	modifyCall: (callId: string, action: CallAction): HttpRequestSpec => ({ method: 'PUT', path: call(callId), json: { action } }),
	/** Replaces what the call does with this NCCO (a goodbye, then the end of the call). */
	transfer: (callId: string, ncco: NccoAction[]): HttpRequestSpec => ({ method: 'PUT', path: call(callId), json: { action: 'transfer', destination: { type: 'ncco', ncco } } }),
	/** Speaks to one call (what the others in its conversation hear is not documented; the simulator plays it to that call). */
	talk: (callId: string, text: string): HttpRequestSpec => ({ method: 'PUT', path: `${call(callId)}/talk`, json: { text } }),
	/** The Conversation API's record of a conversation: its `name` is the one our NCCO gave it. */
	getConversation: (conversationId: string): HttpRequestSpec => ({ method: 'GET', path: `/v1/conversations/${encodeURIComponent(conversationId)}`, missingIsEmpty: true }),
	getApplication: (applicationId: string): HttpRequestSpec => ({ method: 'GET', path: `/v2/applications/${encodeURIComponent(applicationId)}` }),
	updateApplication: (applicationId: string, application: Record<string, unknown>): HttpRequestSpec => ({ method: 'PUT', path: `/v2/applications/${encodeURIComponent(applicationId)}`, json: application }),
};
