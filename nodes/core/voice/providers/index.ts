import type { VoiceProvider } from '../provider';
import { plivo } from './plivo';
import { sinch } from './sinch';
import { twilio } from './twilio';
import { vonage } from './vonage';

/** Every voice provider, one folder each; Telnyx joins here. */
export const providers = { twilio, sinch, vonage, plivo } satisfies Record<string, VoiceProvider>;

export type ProviderId = keyof typeof providers;
