import type { VoiceProvider } from '../provider';
import { sinch } from './sinch';
import { twilio } from './twilio';
import { vonage } from './vonage';

/** Every voice provider, one folder each; Plivo and Telnyx join here. */
export const providers = { twilio, sinch, vonage } satisfies Record<string, VoiceProvider>;

export type ProviderId = keyof typeof providers;
