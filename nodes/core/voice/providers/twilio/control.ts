/**
 * Twilio call control in neutral operations, over the request descriptions of rest.ts. Twilio
 * participants carry the label we gave them, so they say who they are on their own.
 */
import type { HttpFailure, JsonRecord, Send } from '../../../http';
import { record, records, text } from '../../../http';
import type { CallControl, CallStatus, Participant, ProviderCredentials } from '../../provider';
import { renderTwiml } from './render';
import { twilioRest } from './rest';

const CONFERENCE_SID = /^CF[0-9a-f]{32}$/i;
const ENDED_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export function twilioParticipant(raw: JsonRecord): Participant {
	return { callId: text(raw.call_sid), label: text(raw.label), muted: raw.muted === true, onHold: raw.hold === true, raw };
}

export function twilioControl(send: Send, credentials: ProviderCredentials): CallControl {
	const accountSid = text(credentials.accountSid);

	/** Every page of a Twilio list, following `next_page_uri`. */
	async function allPages(first: Parameters<Send>[0], key: string): Promise<JsonRecord[]> {
		const found: JsonRecord[] = [];
		let next: Parameters<Send>[0] | undefined = first;
		while (next) {
			const page: JsonRecord = await send(next);
			found.push(...records(page[key]));
			const uri = text(page.next_page_uri);
			if (!uri) break;
			const url = new URL(uri, 'https://api.twilio.com');
			next = { method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) };
		}
		return found;
	}

	const control: CallControl = {
		async findConference(name) {
			if (CONFERENCE_SID.test(name)) return await control.getConference(name);
			const [found] = records((await send(twilioRest.findInProgressConference(accountSid, name))).conferences);
			return found ? { id: text(found.sid), name: text(found.friendly_name) } : undefined;
		},
		async getConference(id) {
			const raw = await send(twilioRest.fetchConference(accountSid, id));
			return { id: text(raw.sid) || id, name: text(raw.friendly_name), raw };
		},
		async listParticipants(conference) {
			return (await allPages(twilioRest.listParticipants(accountSid, conference.id), 'participants')).map(twilioParticipant);
		},
		async roster(reference) {
			const conference = await control.findConference(reference);
			return conference ? { conference, participants: await control.listParticipants(conference) } : undefined;
		},
		async getParticipant(conference, callId) {
			return twilioParticipant(await send(twilioRest.getParticipant(accountSid, conference.id, callId)));
		},
		async setMuted(conference, callId, muted) {
			return twilioParticipant(await send(twilioRest.setMuted(accountSid, conference.id, callId, muted)));
		},
		async setHold(conference, callId, hold) {
			return twilioParticipant(await send(twilioRest.setHold(accountSid, conference.id, callId, hold)));
		},
		async announce(conference, callId, { url }) {
			await send(
				callId === undefined
					? twilioRest.announceToConference(accountSid, conference.id, url)
					: twilioRest.announceToParticipant(accountSid, conference.id, callId, url),
			);
		},
		async remove(conference, callId) {
			await send(twilioRest.removeParticipant(accountSid, conference.id, callId));
		},
		async endConference(conference) {
			await send(twilioRest.endConference(accountSid, conference.id));
		},
		async redirect(callId, instructions) {
			await send(twilioRest.redirectCall(accountSid, callId, renderTwiml(instructions)));
		},
		async hangUp(callId) {
			await send(twilioRest.hangUpCall(accountSid, callId));
		},
		async callStatus(callId): Promise<CallStatus> {
			const status = text((await send(twilioRest.fetchCall(accountSid, callId))).status);
			return status === 'in-progress' ? 'up' : ENDED_STATUSES.has(status) ? 'ended' : 'unknown';
		},
		async ivrUrlOfCall(callId) {
			const call = await send(twilioRest.fetchCall(accountSid, callId));
			if (!call.to) return '';
			const found = await send(twilioRest.findPhoneNumber(accountSid, text(call.to)));
			return text(records(found.incoming_phone_numbers)[0]?.voice_url);
		},
		async configureNumber(phoneNumber, urls) {
			const numbers = records((await send(twilioRest.findPhoneNumber(accountSid, phoneNumber))).incoming_phone_numbers);
			if (numbers.length !== 1) {
				return {
					refused: phoneNumber
						? `The number ${phoneNumber} is not in this Twilio account`
						: `The account has ${numbers.length} numbers: say which one to configure`,
					hint: 'Check the number (E.164, e.g. +15551234567) and the credential’s account',
				};
			}
			const configured = await send(twilioRest.configurePhoneNumber(accountSid, text(numbers[0].sid), urls));
			return { phoneNumber: text(configured.phone_number), voiceUrl: text(configured.voice_url), fallbackUrl: text(configured.voice_fallback_url) };
		},
	};
	return control;
}

/** Twilio answers errors as `{ code, message, more_info, status }`. */
export function describeTwilioError({ status, body, request }: HttpFailure): { message?: string; description?: string } {
	const data = record(body);
	const description =
		status === 404
			? `Not found: ${request.method} ${request.path}. The conference may have ended or the participant left.`
			: status === 401
				? 'Check the Account SID, Auth Token or API key of the Twilio Voice credential'
				: [data.code ? `Twilio error ${text(data.code)}` : undefined, data.more_info ? text(data.more_info) : undefined].filter(Boolean).join(': ') ||
					undefined;
	return { message: data.message ? `Twilio: ${text(data.message)}` : undefined, description };
}
