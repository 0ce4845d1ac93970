/**
 * Sinch call control in neutral operations. A Sinch conference is addressed by the id we gave it
 * in `connectConf` (our conference name), so finding one is asking for it. Its participants carry
 * no label: only the call id (`identity: 'directory'`). Callback URLs belong to the application,
 * not to a number: configuring "the number" sets the application's callback and fallback URLs.
 */
import type { HttpFailure, JsonRecord, Send } from '../../../http';
import { record, records, text } from '../../../http';
import type { CallControl, ConferenceRef, Participant, ProviderCredentials } from '../../provider';
import { renderSvaml } from './render';
import { SINCH_CONFIGURATION_URL, sinchRest } from './rest';

export function sinchParticipant(raw: JsonRecord): Participant {
	return { callId: text(raw.id), label: '', muted: raw.muted === true, onHold: raw.onhold === true, raw };
}

export function sinchControl(send: Send, credentials: ProviderCredentials): CallControl {
	const applicationKey = text(credentials.applicationKey);
	const configurationUrl = text(credentials.configurationUrl) || SINCH_CONFIGURATION_URL;
	const participantsOf = async (conference: ConferenceRef) => records((await send(sinchRest.getConference(conference.id))).participants).map(sinchParticipant);

	const control: CallControl = {
		async findConference(name) {
			// Sinch keeps no empty conferences: one nobody is in is not in progress.
			const raw = await send(sinchRest.getConference(name));
			return records(raw.participants).length > 0 ? { id: name, name } : undefined;
		},
		async getConference(id) {
			const raw = await send(sinchRest.getConference(id));
			return records(raw.participants).length > 0 ? { id, name: id, raw } : undefined;
		},
		listParticipants: participantsOf,
		async roster(reference) {
			const participants = records((await send(sinchRest.getConference(reference))).participants).map(sinchParticipant);
			return participants.length > 0 ? { conference: { id: reference, name: reference }, participants } : undefined;
		},
		async getParticipant(conference, callId) {
			return (await participantsOf(conference)).find((participant) => participant.callId === callId);
		},
		async setMuted(conference, callId, muted) {
			await send(sinchRest.manageParticipant(conference.id, callId, muted ? 'mute' : 'unmute'));
			return undefined;
		},
		async setHold(conference, callId, hold) {
			await send(sinchRest.manageParticipant(conference.id, callId, hold ? 'onhold' : 'resume'));
			return undefined;
		},
		async announce(conference, callId, { text: words }) {
			const speech = renderSvaml([{ kind: 'say', text: words }]);
			const callIds = callId === undefined ? (await participantsOf(conference)).map((participant) => participant.callId) : [callId];
			for (const id of callIds) await send(sinchRest.sayToCall(id, speech));
		},
		async remove(conference, callId) {
			await send(sinchRest.kickParticipant(conference.id, callId));
		},
		async endConference(conference) {
			await send(sinchRest.kickAll(conference.id));
		},
		async redirect(callId, instructions) {
			await send(sinchRest.updateCall(callId, renderSvaml(instructions)));
		},
		async hangUp(callId) {
			await send(sinchRest.updateCall(callId, renderSvaml([{ kind: 'hangup' }])));
		},
		async callStatus(callId) {
			const status = text((await send(sinchRest.getCall(callId))).status);
			return status === 'ONGOING' ? 'up' : status === 'FINAL' ? 'ended' : 'unknown';
		},
		async ivrUrlOfCall() {
			return text(record(record(await send(sinchRest.getCallbackUrls(configurationUrl, applicationKey))).url).primary);
		},
		async configureNumber(phoneNumber, urls) {
			const answer = record(await send(sinchRest.updateCallbackUrls(configurationUrl, applicationKey, { primary: urls.voiceUrl, fallback: urls.fallbackUrl })));
			const configured = record(answer.url);
			return { phoneNumber, voiceUrl: text(configured.primary) || urls.voiceUrl, fallbackUrl: text(configured.fallback) || (urls.fallbackUrl ?? '') };
		},
	};
	return control;
}

/** Sinch answers errors as `{ errorCode, message, reference }`. */
export function describeSinchError({ status, body, request }: HttpFailure): { message?: string; description?: string } {
	const description =
		status === 404
			? `Not found: ${request.method} ${request.path}. The call may have ended or left the conference.`
			: status === 401
				? 'Check the application key and secret of the Sinch Voice credential'
				: body.errorCode
					? `Sinch error ${text(body.errorCode)}${body.reference ? ` (reference ${text(body.reference)})` : ''}`
					: undefined;
	return { message: body.message ? `Sinch: ${text(body.message)}` : undefined, description };
}
