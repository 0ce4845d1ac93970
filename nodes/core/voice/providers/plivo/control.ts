/**
 * Plivo call control in neutral operations. A Plivo conference is addressed by its name, and one
 * request gives it with its members; a member is acted on by the `member_id` Plivo gave it, found
 * among them by its call. Members carry no label (`identity: 'directory'`). Hold is mute and deaf
 * (Plivo has no hold), so unhold also unmutes. Plivo takes new XML for a call only from a URL: a
 * goodbye is our IVR webhook's announce step, which speaks it and ends (Plivo hangs up at the end).
 */
import type { HttpFailure, JsonRecord, Send } from '../../../http';
import { record, records, text } from '../../../http';
import type { CallControl, CallStatus, ConferenceRef, Participant, ProviderCredentials } from '../../provider';
import { plivoRest } from './rest';

export function plivoParticipant(raw: JsonRecord): Participant {
	const flag = (value: unknown) => value === true || value === 'true';
	return { callId: text(raw.call_uuid), label: '', muted: flag(raw.muted), onHold: flag(raw.muted) && flag(raw.deaf), raw };
}

/** The application Configure Number makes for a number (and later changes, only it). */
export const applicationName = (number: string) => `Digital Samba dial-in ${number}`;

/** Plivo writes numbers as digits alone. */
const digitsOf = (number: string) => number.replace(/^\+/, '');

/** The application ID at the end of an application's URI (`/v1/Account/MA…/Application/123/`). */
const appIdOf = (uri: unknown) => /\/Application\/([^/]+)\/?$/.exec(text(uri))?.[1] ?? text(uri);

/** The texts of instructions Plivo can carry out as our announce step: speech, then the end. */
function goodbyeText(instructions: Parameters<CallControl['redirect']>[1]): string {
	const spoken: string[] = [];
	for (const instruction of instructions) {
		if (instruction.kind === 'say') spoken.push(instruction.text);
		else if (instruction.kind !== 'hangup' && instruction.kind !== 'pause') {
			throw new Error(`Plivo takes new instructions for a call from a URL: only speech and a hang-up can be sent this way, not '${instruction.kind}'`);
		}
	}
	return spoken.join(' ');
}

export function plivoControl(send: Send, credentials: ProviderCredentials): CallControl {
	const authId = text(credentials.authId);

	async function roster(name: string) {
		const raw = await send(plivoRest.getConference(authId, name));
		if (!text(raw.conference_name)) return undefined;
		return { conference: { id: name, name: text(raw.conference_name) }, participants: records(raw.members).map(plivoParticipant), raw };
	}

	async function memberIdOf(conference: ConferenceRef, callId: string): Promise<string> {
		const found = (await roster(conference.id))?.participants.find((participant) => participant.callId === callId);
		if (!found) throw new Error(`Call ${callId} is not in Plivo conference ${conference.name}`);
		return text(found.raw.member_id);
	}

	/** Each number's IVR URL, asked once per control (a session's end says goodbye to every caller of one number). */
	const ivrUrls = new Map<string, Promise<string>>();
	function ivrUrlOfNumber(number: string): Promise<string> {
		const known = ivrUrls.get(number);
		if (known) return known;
		const asked = (async () => {
			const found = await send(plivoRest.getNumber(authId, digitsOf(number)));
			const appId = appIdOf(found.application);
			return appId ? text((await send(plivoRest.getApplication(authId, appId))).answer_url) : '';
		})();
		ivrUrls.set(number, asked);
		// A failed lookup is not kept: the next caller asks again.
		asked.catch(() => ivrUrls.delete(number));
		return asked;
	}

	const control: CallControl = {
		async findConference(name) {
			return (await roster(name))?.conference;
		},
		async getConference(id) {
			const found = await roster(id);
			return found ? { ...found.conference, raw: found.raw } : undefined;
		},
		async listParticipants(conference) {
			return (await roster(conference.id))?.participants ?? [];
		},
		async roster(reference) {
			const found = await roster(reference);
			return found ? { conference: found.conference, participants: found.participants } : undefined;
		},
		async getParticipant(conference, callId) {
			return (await roster(conference.id))?.participants.find((participant) => participant.callId === callId);
		},
		async setMuted(conference, callId, muted) {
			const memberId = await memberIdOf(conference, callId);
			await send((muted ? plivoRest.mute : plivoRest.unmute)(authId, conference.id, memberId));
			return undefined;
		},
		async setHold(conference, callId, hold) {
			const memberId = await memberIdOf(conference, callId);
			await send((hold ? plivoRest.mute : plivoRest.unmute)(authId, conference.id, memberId));
			await send((hold ? plivoRest.deaf : plivoRest.undeaf)(authId, conference.id, memberId));
			return undefined;
		},
		async announce(conference, callId, { text: words }) {
			const memberId = callId === undefined ? 'all' : await memberIdOf(conference, callId);
			await send(plivoRest.speak(authId, conference.id, memberId, words));
		},
		async remove(conference, callId) {
			await send(plivoRest.kick(authId, conference.id, await memberIdOf(conference, callId)));
		},
		async endConference(conference) {
			await send(plivoRest.hangUpConference(authId, conference.id));
		},
		async redirect(callId, instructions) {
			const words = goodbyeText(instructions);
			const live = await send(plivoRest.getLiveCall(authId, callId));
			// A call that is over needs no goodbye.
			if (!text(live.call_status)) return;
			const ivrUrl = words ? await ivrUrlOfNumber(text(live.to)) : '';
			if (!ivrUrl) return await control.hangUp(callId);
			const url = new URL(ivrUrl);
			url.searchParams.set('step', 'announce');
			url.searchParams.set('text', Buffer.from(words, 'utf8').toString('base64url'));
			// Queued by Plivo: the call leaves the conference a moment later (Apply Digital Samba Event waits for it).
			await send(plivoRest.transfer(authId, callId, url.toString()));
		},
		async hangUp(callId) {
			await send(plivoRest.hangUpCall(authId, callId));
		},
		async callStatus(callId): Promise<CallStatus> {
			const live = await send(plivoRest.getLiveCall(authId, callId));
			const status = text(live.call_status);
			// Only live calls are found this way: one that is not is over.
			return !status ? 'ended' : status === 'in-progress' ? 'up' : 'unknown';
		},
		async ivrUrlOfCall(callId) {
			const to = text((await send(plivoRest.getLiveCall(authId, callId))).to);
			return to ? await ivrUrlOfNumber(to) : '';
		},
		async configureNumber(phoneNumber, urls) {
			let number = phoneNumber ? digitsOf(phoneNumber) : '';
			if (!number) {
				const numbers = records((await send(plivoRest.listNumbers(authId))).objects);
				if (numbers.length !== 1) {
					return { refused: `The account has ${numbers.length === 0 ? 'no' : 'several'} numbers: say which one to configure`, hint: 'Give the number in E.164, e.g. +15551234567' };
				}
				number = text(numbers[0].number);
			}
			const found = await send(plivoRest.getNumber(authId, number));
			if (!text(found.number)) {
				return { refused: `The number ${phoneNumber} is not in this Plivo account`, hint: 'Check the number (E.164, e.g. +15551234567) and the credential’s Auth ID' };
			}
			// An application serves every number linked to it: only one this package made for the
			// number is changed; any other stays as it is, and the number gets one of its own.
			const linked = appIdOf(found.application);
			const current = linked ? await send(plivoRest.getApplication(authId, linked)) : {};
			let appId = linked;
			if (text(current.app_name) === applicationName(number)) {
				await send(plivoRest.updateApplication(authId, appId, urls));
			} else {
				appId = text((await send(plivoRest.createApplication(authId, applicationName(number), urls))).app_id);
				await send(plivoRest.linkNumber(authId, number, appId));
			}
			const application = await send(plivoRest.getApplication(authId, appId));
			return { phoneNumber: `+${number}`, voiceUrl: text(application.answer_url), fallbackUrl: text(application.fallback_answer_url) };
		},
	};
	return control;
}

/** Plivo answers errors as `{ api_id, error }` (the error a text, or an object of field messages). */
export function describePlivoError({ status, body, request }: HttpFailure): { message?: string; description?: string } {
	const error = typeof body.error === 'string' ? body.error : Object.keys(record(body.error)).length > 0 ? JSON.stringify(body.error) : '';
	const description =
		status === 404
			? `Not found: ${request.method} ${request.path}. A conference that has ended, a call that is over, or a number or application not in this account.`
			: status === 401
				? 'Check the Auth ID and Auth Token of the Plivo Voice credential'
				: body.api_id
					? `Plivo API request ${text(body.api_id)}`
					: undefined;
	return { message: error ? `Plivo: ${error}` : undefined, description };
}
