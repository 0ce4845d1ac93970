import type { ProviderId, VoiceProvider } from '../provider';
import { twilio } from './twilio';

/** Sinch, Vonage, Plivo and Telnyx join here, one folder each. */
export const providers: Record<ProviderId, VoiceProvider> = { twilio };
