/** Every provider's simulator, one line each: the conformance suite runs for all of them. */
import type { PhoneNetwork } from './network';
import { plivoNetwork } from './plivo/network';
import { sinchNetwork } from './sinch/network';
import { vonageNetwork } from './vonage/network';
import { twilioNetwork } from './twilio/network';

export const networks: Record<string, () => Promise<PhoneNetwork>> = { twilio: twilioNetwork, sinch: sinchNetwork, vonage: vonageNetwork, plivo: plivoNetwork };
