/** The Twilio simulator as the provider conformance suite drives it. */
import type { PhoneNetwork, SimulatedPhone } from '../network';
import { phoneView } from '../network';
import { placeCall } from './callDriver';
import { TwilioSimulator } from './server';
import { postSigned } from './sign';

/** `simulator`: one already started (whose owner also uses it directly). */
export async function twilioNetwork(simulator?: TwilioSimulator): Promise<PhoneNetwork> {
	const twilio = simulator ?? (await TwilioSimulator.start());
	return {
		provider: 'twilio',
		credential: {
			type: 'telephonyTwilioApi',
			data: { accountSid: twilio.accountSid, authToken: twilio.authToken, apiKeySid: '', apiKeySecret: '', baseUrl: twilio.baseUrl },
		},
		pointNumber: (number, voiceUrl, fallbackUrl) => void twilio.addNumber(number, voiceUrl, fallbackUrl),
		call(options): SimulatedPhone {
			const phone = placeCall(twilio, options);
			return phoneView(phone, phone.call.sid, phone.call.from);
		},
		members: (conference) => [...(twilio.conferenceNamed(conference)?.participants.keys() ?? [])],
		isMuted: (conference, callId) => twilio.conferenceNamed(conference)?.participants.get(callId)?.muted,
		async replayConferenceCallbacks() {
			for (const delivery of [...twilio.deliveries].reverse()) {
				await postSigned(delivery.url, delivery.params, twilio.authToken);
				await postSigned(delivery.url, delivery.params, twilio.authToken);
			}
		},
		activity: () => twilio.deliveries.length + twilio.restRequests.length,
		settle: () => twilio.settle(),
		async hangUpAll() {
			for (const call of twilio.calls.values()) if (call.status === 'in-progress') await twilio.hangUp(call, 'participant_hung_up');
		},
		close: () => twilio.close(),
	};
}
