/** The Sinch simulator as the provider conformance suite drives it. */
import type { PhoneNetwork, SimulatedPhone } from '../network';
import { phoneView } from '../network';
import { placeSinchCall } from './callDriver';
import { SinchSimulator } from './server';
import { postSignedCallback } from './sign';

export async function sinchNetwork(): Promise<PhoneNetwork & { simulator: SinchSimulator }> {
	const sinch = await SinchSimulator.start();
	return {
		provider: 'sinch',
		simulator: sinch,
		credential: {
			type: 'telephonySinchApi',
			data: { applicationKey: sinch.applicationKey, applicationSecret: sinch.applicationSecret, baseUrl: sinch.baseUrl, configurationUrl: sinch.baseUrl },
		},
		pointNumber(number, voiceUrl, fallbackUrl) {
			// Sinch calls back the application's URLs, whatever number was called.
			sinch.addNumber(number);
			Object.assign(sinch.callbackUrls, { primary: voiceUrl, fallback: fallbackUrl });
		},
		call(options): SimulatedPhone {
			const phone = placeSinchCall(sinch, options);
			return phoneView(phone, phone.call.id, `+${phone.call.cli}`);
		},
		members: (conference) => [...(sinch.conferences.get(conference)?.participants.keys() ?? [])],
		isMuted: (conference, callId) => sinch.conferences.get(conference)?.participants.get(callId)?.muted,
		async replayConferenceCallbacks() {
			const dices = sinch.callbacks.filter((callback) => callback.body.event === 'dice' && callback.status === 200);
			for (const callback of dices.reverse()) {
				await postSignedCallback(callback.url, callback.body, sinch.applicationKey, sinch.applicationSecret);
				await postSignedCallback(callback.url, callback.body, sinch.applicationKey, sinch.applicationSecret);
			}
		},
		activity: () => sinch.callbacks.length + sinch.restRequests.length,
		settle: () => sinch.settle(),
		async hangUpAll() {
			for (const call of sinch.calls.values()) if (call.status === 'ONGOING') await sinch.hangUp(call, 'CALLERHANGUP');
		},
		close: () => sinch.close(),
	};
}
