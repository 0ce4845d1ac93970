/**
 * Who each call is, for providers whose participants carry no label (`identity: 'directory'`):
 * the "dial-in calls" rows read by a Data Table node before our node say it. A caller's row gives
 * the label its join used; a bridge row (state `bridge`, written before the bridge was let in)
 * the bridge's.
 */
import type { IDataObject } from 'n8n-workflow';

import { BRIDGE_LABEL, callerLabel } from '../../../core/ivr/labels';
import { BRIDGE_STATE } from '../../../core/ivr/syncPlan';
import type { Participant, VoiceProvider } from '../../../core/voice/provider';

export function directoryLabels(rows: IDataObject[]): Map<string, string> {
	const labels = new Map<string, string>();
	for (const row of rows) {
		const callId = typeof row.call_id === 'string' ? row.call_id : '';
		if (!callId) continue;
		labels.set(callId, row.state === BRIDGE_STATE ? BRIDGE_LABEL : callerLabel(callId, String(row.caller_number ?? ''), String(row.name ?? '')));
	}
	return labels;
}

/** The participant's label: its own, or the directory's for providers that keep none. */
export function labelOf(provider: VoiceProvider, participant: Participant, labels: Map<string, string>): string {
	return provider.capabilities.identity === 'label' ? participant.label : (labels.get(participant.callId) ?? '');
}
