/**
 * Vonage call control in neutral operations. A conversation is addressed by its ID (`CON-…`);
 * the Voice API lists a conversation's legs by that ID but finds none by name, so a conference
 * named by us is found through a call known to be in it (`members`: the call the event is about,
 * the rows of "dial-in calls"): the call's conversation, whose name the Conversation API gives.
 * Legs carry no label (`identity: 'directory'`) and the Voice API does not say whether a leg is
 * muted: `muted` is false in what it lists, and getParticipant finds no one by name (the caller's
 * row is then the record). Mute, hang up and speech act on the call itself.
 */
import type { HttpFailure, JsonRecord, Send } from '../../../http';
import { record, records, text } from '../../../http';
import type { CallControl, Participant, ProviderCredentials } from '../../provider';
import { renderNcco } from './render';
import { vonageRest } from './rest';

const CONVERSATION = /^CON-[0-9a-f-]{36}$/i;
const ENDED = new Set(['completed', 'busy', 'cancelled', 'failed', 'rejected', 'timeout', 'unanswered']);
/** Calls other than the step's own asked for their conversation, at most, in one step. */
export const MEMBER_LOOKUPS = 5;

export function vonageParticipant(raw: JsonRecord): Participant {
	return { callId: text(raw.uuid), label: '', muted: false, onHold: false, raw };
}

export function vonageControl(send: Send, credentials: ProviderCredentials): CallControl {
	const applicationId = text(credentials.applicationId);
	const legsOf = async (conversationId: string) => records(record((await send(vonageRest.listLegs(conversationId)))._embedded).calls).map(vonageParticipant);
	const nameOf = async (conversationId: string) => text((await send(vonageRest.getConversation(conversationId))).name);

	// What this control learned, for the polls of one step (Plan Sync waits for a join to show):
	// conversations found by name, and calls that cannot lead to one (gone, or in another).
	const conversationIds = new Map<string, string>();
	const deadEnds = new Set<string>();
	let lookups = 0;

	/** The conversation with this name that one of these calls is in now. */
	async function conversationNamed(name: string, members: string[]): Promise<string | undefined> {
		const known = conversationIds.get(name);
		if (known) return known;
		// The call the step is about on every poll; the others within one budget for the whole step.
		const live = [...new Set(members)].filter((callId) => !deadEnds.has(callId));
		const own = live.filter((callId) => callId === members[0]);
		const others = live.filter((callId) => callId !== members[0]).slice(0, Math.max(0, MEMBER_LOOKUPS - lookups));
		for (const callId of [...own, ...others]) {
			if (callId !== members[0]) lookups += 1;
			const leg = await send(vonageRest.getCall(callId));
			const status = text(leg.status);
			const conversationId = text(leg.conversation_uuid);
			if (status !== 'answered' || !CONVERSATION.test(conversationId)) {
				if (status !== 'started' && status !== 'ringing') deadEnds.add(callId);
				continue;
			}
			if ((await nameOf(conversationId)) === name) {
				conversationIds.set(name, conversationId);
				return conversationId;
			}
			// The call the step is about may still be on its way in; any other is elsewhere.
			if (callId !== members[0]) deadEnds.add(callId);
		}
		return undefined;
	}

	const control: CallControl = {
		async findConference(reference, members) {
			if (CONVERSATION.test(reference)) {
				const name = await nameOf(reference);
				return name ? { id: reference, name } : undefined;
			}
			// Asked by name with no call to look through (a Conference operation given a name): say so.
			if (members === undefined) throw new Error(`Vonage finds a conversation by its ID (CON-…), not by name ('${reference.slice(0, 64)}'): give the conversation ID`);
			const id = await conversationNamed(reference, members);
			return id ? { id, name: reference } : undefined;
		},
		async getConference(id) {
			const raw = await send(vonageRest.getConversation(id));
			return text(raw.name) ? { id, name: text(raw.name), raw } : undefined;
		},
		listParticipants: (conference) => legsOf(conference.id),
		async roster(reference, members) {
			const conference = await control.findConference(reference, members);
			const participants = conference ? await legsOf(conference.id) : [];
			// Vonage keeps no conversation for us once its last leg is gone: one nobody is in is not in progress.
			return conference && participants.length > 0 ? { conference, participants } : undefined;
		},
		async getParticipant(conference, callId) {
			const leg = await send(vonageRest.getCall(callId));
			return text(leg.status) === 'answered' && text(leg.conversation_uuid) === conference.id ? vonageParticipant(leg) : undefined;
		},
		async setMuted(_conference, callId, muted) {
			await send(vonageRest.modifyCall(callId, muted ? 'mute' : 'unmute'));
			return undefined;
		},
		async setHold(_conference, callId, hold) {
			// On hold: neither heard nor hearing.
			await send(vonageRest.modifyCall(callId, hold ? 'mute' : 'unmute'));
			await send(vonageRest.modifyCall(callId, hold ? 'earmuff' : 'unearmuff'));
			return undefined;
		},
		async announce(conference, callId, { text: words }) {
			const callIds = callId === undefined ? (await legsOf(conference.id)).map((participant) => participant.callId) : [callId];
			for (const id of callIds) await send(vonageRest.talk(id, words));
		},
		async remove(_conference, callId) {
			await send(vonageRest.modifyCall(callId, 'hangup'));
		},
		async endConference(conference) {
			for (const participant of await legsOf(conference.id)) await send(vonageRest.modifyCall(participant.callId, 'hangup'));
		},
		async redirect(callId, instructions) {
			const ncco = renderNcco(instructions);
			// Nothing to run is the end of the call: said as a hang-up, not an empty NCCO.
			await send(ncco.length > 0 ? vonageRest.transfer(callId, ncco) : vonageRest.modifyCall(callId, 'hangup'));
		},
		async hangUp(callId) {
			await send(vonageRest.modifyCall(callId, 'hangup'));
		},
		async callStatus(callId) {
			const status = text((await send(vonageRest.getCall(callId))).status);
			return status === 'answered' ? 'up' : ENDED.has(status) ? 'ended' : 'unknown';
		},
		// Announcements are spoken from text (capabilities.announcement): no URL is needed.
		ivrUrlOfCall: async () => '',
		async configureNumber(phoneNumber, urls) {
			if (!text(credentials.apiKey) || !text(credentials.apiSecret)) {
				return {
					refused: 'The Vonage credential has no API key and secret',
					hint: "Vonage routes a number's calls through its application's answer URL, which only the account key and secret may change: add them to the credential, or set the URLs in the dashboard (Applications, Voice)",
				};
			}
			const application = await send(vonageRest.getApplication(applicationId));
			const capabilities = record(application.capabilities);
			const voice = record(capabilities.voice);
			const hook = (address: string) => ({ address, http_method: 'POST' });
			const webhooks = {
				...record(voice.webhooks),
				answer_url: hook(urls.voiceUrl),
				event_url: hook(urls.voiceUrl),
				...(urls.fallbackUrl ? { fallback_answer_url: hook(urls.fallbackUrl) } : {}),
			};
			// The Applications API replaces the whole application: what it said, with the voice webhooks changed.
			// The number itself is linked to the application in the dashboard (or the Numbers API).
			const updated = { ...application, id: applicationId, capabilities: { ...capabilities, voice: { ...voice, webhooks, signed_callbacks: true } } };
			const answer = record(record(record(await send(vonageRest.updateApplication(applicationId, updated))).capabilities).voice);
			const configured = record(answer.webhooks);
			return {
				phoneNumber,
				voiceUrl: text(record(configured.answer_url).address) || urls.voiceUrl,
				fallbackUrl: text(record(configured.fallback_answer_url).address) || (urls.fallbackUrl ?? ''),
			};
		},
	};
	return control;
}

/** Vonage answers errors as problem details: `{ type, title, detail, instance }` (older APIs: `error_title`). */
export function describeVonageError({ status, body, request }: HttpFailure): { message?: string; description?: string } {
	const title = text(body.title ?? body.error_title);
	const detail = text(body.detail);
	const description =
		status === 404
			? `Not found: ${request.method} ${request.path}. The call may have ended or left the conversation.`
			: status === 401
				? 'Check the application ID and private key of the Vonage credential (and the API key and secret, for the Applications API)'
				: detail || undefined;
	return { message: title ? `Vonage: ${title}` : undefined, description };
}

