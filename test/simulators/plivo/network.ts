/** The Plivo simulator as the provider conformance suite drives it. */
import type { PhoneNetwork, SimulatedPhone } from '../network';
import { phoneView } from '../network';
import { placePlivoCall } from './callDriver';
import { PlivoSimulator } from './server';
import { postSigned } from './sign';

export async function plivoNetwork(): Promise<PhoneNetwork & { simulator: PlivoSimulator }> {
	const plivo = await PlivoSimulator.start();
	return {
		provider: 'plivo',
		simulator: plivo,
		credential: { type: 'telephonyPlivoApi', data: { authId: plivo.authId, authToken: plivo.authToken, baseUrl: plivo.baseUrl } },
		pointNumber(number, voiceUrl, fallbackUrl) {
			// As Configure Number (and the README's console steps) set the number's application.
			const application = plivo.createApplication(`Dial-in ${number}`, { answer_url: voiceUrl, hangup_url: voiceUrl, fallback_answer_url: fallbackUrl });
			plivo.addNumber(number, application.app_id);
		},
		call(options): SimulatedPhone {
			const phone = placePlivoCall(plivo, options);
			return phoneView(phone, phone.call.uuid, `+${phone.call.from}`);
		},
		members: (conference) => [...(plivo.conferences.get(conference)?.members.keys() ?? [])],
		isMuted: (conference, callId) => plivo.conferences.get(conference)?.members.get(callId)?.muted,
		async replayConferenceCallbacks() {
			const joinsAndLeaves = plivo.deliveries.filter((delivery) => ['enter', 'exit'].includes(delivery.params.ConferenceAction ?? '') && delivery.status === 200);
			for (const delivery of joinsAndLeaves.reverse()) {
				await postSigned(delivery.url, delivery.params, plivo.authToken);
				await postSigned(delivery.url, delivery.params, plivo.authToken);
			}
		},
		activity: () => plivo.deliveries.length + plivo.restRequests.length,
		settle: () => plivo.settle(),
		async hangUpAll() {
			for (const call of plivo.calls.values()) if (call.status !== 'completed') await plivo.hangUp(call, 'NORMAL_CLEARING');
		},
		close: () => plivo.close(),
	};
}
