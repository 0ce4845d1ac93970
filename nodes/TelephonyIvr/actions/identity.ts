/** Who a participant is, from the label it joined with: the neutral fields our outputs carry. */
import type { IDataObject } from 'n8n-workflow';

import { parseLabel } from '../../core/ivr/labels';
import type { ConferenceRef, Participant } from '../../core/voice/provider';

export interface Identity {
	isBridge: boolean;
	isCaller: boolean;
	callerNumber: string | null;
	callerName: string | null;
}

export function identityOf(label: string): Identity {
	const parsed = parseLabel(label);
	return {
		isBridge: parsed.kind === 'bridge',
		isCaller: parsed.kind === 'caller',
		callerNumber: parsed.kind === 'caller' ? parsed.number : null,
		callerName: parsed.kind === 'caller' ? parsed.name : null,
	};
}

/** A participant as our nodes output it; the provider's own record stays under `raw`. */
export function participantJson(participant: Participant, conference: ConferenceRef): IDataObject {
	return {
		callId: participant.callId,
		conference: conference.name,
		conferenceId: conference.id,
		label: participant.label,
		muted: participant.muted,
		onHold: participant.onHold,
		...identityOf(participant.label),
		raw: participant.raw as IDataObject,
	};
}
