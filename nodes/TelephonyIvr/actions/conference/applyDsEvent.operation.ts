/**
 * Apply Digital Samba Event: what a Digital Samba Trigger item asks of the phone side. A moderator
 * muted or unmuted a phone user → the same on the provider (and nothing is reported back: no echo);
 * asked a phone user to unmute → a private announcement to that caller; the session ended → every
 * caller hears goodbye and is hung up, and the conference ends.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseLabel } from '../../../core/ivr/labels';
import { announceUrl } from '../../../core/ivr/script';
import { conferenceNameFor } from '../../../core/ivr/syncPlan';
import { renderTwiml } from '../../../core/voice/providers/twilio/render';
import { twilioRest } from '../../../core/voice/providers/twilio/rest';
import { ivrWebhookUrlOfCall, sendTwilio, sendTwilioAllPages, twilioCredentials } from '../../transport';

const properties: INodeProperties[] = [
	{ displayName: 'Input: items from the Digital Samba Trigger', name: 'applyDsNotice', type: 'notice', default: '' },
	{
		displayName: 'Unmute Request Text',
		name: 'askToUnmuteText',
		type: 'string',
		default: 'The host asks you to unmute. Press star, then 6, to unmute.',
	},
	{
		displayName: 'Session Ended Text',
		name: 'goodbyeText',
		type: 'string',
		default: 'The meeting has ended. Goodbye.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['applyDsEvent'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const event = this.getInputData()[i].json;
	const eventType = String(event.eventType ?? '');
	const callId = event.callId ? String(event.callId) : '';
	const conference = conferenceNameFor(String(event.roomId ?? ''));
	const { accountSid } = await twilioCredentials(this);
	const found = await sendTwilio.call(this, twilioRest.findInProgressConference(accountSid, conference));
	const conferenceSid = (((found.conferences as IDataObject[] | undefined) ?? [])[0]?.sid as string | undefined) ?? '';
	const outcome = { eventType, conference, callId: callId || null };
	if (!conferenceSid) return { ...outcome, applied: false, reason: 'no conference in progress' };

	switch (eventType) {
		case 'phone_participant_muted':
		case 'phone_participant_unmuted':
			await sendTwilio.call(this, twilioRest.setMuted(accountSid, conferenceSid, callId, eventType === 'phone_participant_muted'));
			return { ...outcome, applied: true };
		case 'phone_participant_asked_to_unmute': {
			const webhookUrl = await ivrWebhookUrlOfCall.call(this, accountSid, callId);
			const text = String(this.getNodeParameter('askToUnmuteText', i));
			await sendTwilio.call(this, twilioRest.announceToParticipant(accountSid, conferenceSid, callId, announceUrl(webhookUrl, text)));
			return { ...outcome, applied: true };
		}
		case 'session_ended': {
			const participants = await sendTwilioAllPages.call(this, twilioRest.listParticipants(accountSid, conferenceSid), 'participants');
			const goodbye = renderTwiml([{ kind: 'say', text: String(this.getNodeParameter('goodbyeText', i)) }, { kind: 'hangup' }]);
			for (const participant of participants) {
				if (parseLabel(String(participant.label ?? '')).kind === 'caller') {
					await sendTwilio.call(this, twilioRest.redirectCall(accountSid, String(participant.call_sid), goodbye));
				}
			}
			await sendTwilio.call(this, twilioRest.endConference(accountSid, conferenceSid));
			return { ...outcome, applied: true, callersHungUp: participants.length };
		}
		default:
			return { ...outcome, applied: false, reason: 'nothing to do on the phone for this event' };
	}
}
