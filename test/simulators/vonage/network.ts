/** The Vonage simulator as the provider conformance suite drives it. */
import type { PhoneNetwork, SimulatedPhone } from '../network';
import { phoneView } from '../network';
import { placeVonageCall } from './callDriver';
import { VonageSimulator } from './server';
import { postSignedWebhook } from './sign';

export async function vonageNetwork(): Promise<PhoneNetwork & { simulator: VonageSimulator }> {
	const vonage = await VonageSimulator.start();
	return {
		provider: 'vonage',
		simulator: vonage,
		credential: {
			type: 'telephonyVonageApi',
			data: {
				applicationId: vonage.applicationId,
				privateKey: vonage.privateKey,
				signatureSecret: vonage.signatureSecret,
				apiKey: vonage.apiKey,
				apiSecret: vonage.apiSecret,
				baseUrl: vonage.baseUrl,
			},
		},
		pointNumber(number, voiceUrl, fallbackUrl) {
			// Vonage calls the application's URLs, whatever number of it was called.
			vonage.numbers.add(number.replace(/^\+/, ''));
			Object.assign(vonage.application, { answerUrl: voiceUrl, eventUrl: voiceUrl, fallbackAnswerUrl: fallbackUrl });
		},
		call(options): SimulatedPhone {
			const phone = placeVonageCall(vonage, { ...options, to: options.to.replace(/^\+/, '') });
			return phoneView(phone, phone.call.uuid, `+${phone.call.from}`);
		},
		members: (conference) => [...(vonage.conversations.get(conference)?.legs ?? [])],
		isMuted: (conference, callId) => (vonage.conversations.get(conference)?.legs.has(callId) ? vonage.calls.get(callId)?.muted : undefined),
		async replayConferenceCallbacks() {
			const ends = vonage.webhooks.filter((webhook) => webhook.body.status === 'completed' && webhook.status === 200);
			for (const webhook of ends.reverse()) {
				await postSignedWebhook(webhook.url, webhook.body, vonage);
				await postSignedWebhook(webhook.url, webhook.body, vonage);
			}
		},
		activity: () => vonage.webhooks.length + vonage.restRequests.length,
		settle: () => vonage.settle(),
		async hangUpAll() {
			for (const call of vonage.calls.values()) if (call.status === 'answered') await vonage.hangUp(call, 'user');
		},
		close: () => vonage.close(),
	};
}
