import type { VoiceProvider } from '../provider';
import { sinch } from './sinch';
import { twilio } from './twilio';

/** Every voice provider, one folder each; Vonage, Plivo and Telnyx join here. */
export const providers = { twilio, sinch } satisfies Record<string, VoiceProvider>;

export type ProviderId = keyof typeof providers;
