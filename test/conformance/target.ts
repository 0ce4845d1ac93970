/**
 * What the provider conformance scenarios need of a world: one room with a caller PIN, Digital
 * Samba's simulator, one provider's simulator, and a way to wait until things have settled. The
 * workflow layer (test/workflows/conformance.ts) and the real-n8n layer (test/e2e/conformance.ts)
 * each provide one.
 */
import type { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { PhoneNetwork, SimulatedPhone } from '../simulators/network';

export type DsEndpoint = 'joined' | 'left' | 'mute' | 'unmute' | 'raise-hand' | 'lower-hand' | 'connect';

export interface ConformanceTarget {
	readonly ds: DigitalSambaSimulator;
	readonly phones: PhoneNetwork;
	readonly roomId: string;
	readonly conferenceName: string;
	readonly callerPin: string;
	readonly bridgePin: string;
	call(options: { from?: string; keys: string }): SimulatedPhone;
	/** Digital Samba dials the bridge number and plays the room's DTMF. */
	bridge(): SimulatedPhone;
	quiet(): Promise<void>;
	/** Executions that failed since the scenario began, with their error messages. */
	failedExecutions(): Promise<string[]>;
}

/** Successful requests about this room's phone participants (or its bridge) to one endpoint kind. */
export function dsRequests(target: ConformanceTarget, kind: DsEndpoint) {
	return phoneRequests(target).filter((request) => request.status < 300 && request.path.endsWith(kind === 'connect' ? '/phone/connect' : `/${kind}`));
}

/** Every request about this room's phone participants or bridge that reached Digital Samba. */
export function phoneRequests(target: ConformanceTarget) {
	return target.ds.requests.filter((request) => request.path.startsWith(`/api/v1/rooms/${target.roomId}/`) && /\/phone(-participants)?\//.test(request.path));
}
