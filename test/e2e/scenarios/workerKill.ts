/**
 * A worker that dies in the middle of a load, on queue mode: N callers dial one room a group at a
 * time with the bridge in, and the first worker gets SIGKILL at the height of the third group
 * (half of it in the conference, so PIN steps and join callbacks are on both workers). Shared by
 * the queue layer's test (which asserts) and `npm run bench -- --queue` (which prints).
 */
import { HEAL_GRACE_MS } from '../../../nodes/core/ivr/healing';
import { BRIDGE_LABEL } from '../../../nodes/core/ivr/labels';
import { DEFAULT_IVR_SETTINGS } from '../../../nodes/core/ivr/script';
import { REPORT_LEASE_MS } from '../../../nodes/core/ivr/syncPlan';
import type { PhoneCall } from '../../simulators/twilio/callDriver';
import type { RealWorld, Room } from '../realWorld';

export interface KillOptions {
	callers: number;
	atATime: number;
	/** Caller join callbacks (1-based, in arrival order) dropped on purpose, so healing is always needed. */
	dropJoins: number[];
	log?: (line: string) => void;
}

export interface KillLoad {
	callers: PhoneCall[];
	killedAt: number;
	loadMs: number;
}

/** The callers Digital Samba lists for the room, and the callers in its conference (bridge aside). */
export function roomAndConference(world: RealWorld, room: Room): { listed: string[]; inConference: string[] } {
	const participants = world.twilio.conferenceNamed(room.conference)?.participants.values() ?? [];
	return {
		listed: [...world.ds.state.phoneParticipantsOf(room.id).keys()].sort(),
		inConference: [...participants].filter((participant) => participant.label !== BRIDGE_LABEL).map((participant) => participant.call.sid).sort(),
	};
}

export async function dialWithWorkerKill(world: RealWorld, room: Room, options: KillOptions): Promise<KillLoad> {
	const log = options.log ?? (() => {});
	let joins = 0;
	world.twilio.loseCallbacks = (params) => params.StatusCallbackEvent === 'participant-join' && params.ParticipantLabel !== BRIDGE_LABEL && options.dropJoins.includes(++joins);
	const callers: PhoneCall[] = [];
	let killedAt = 0;
	const started = Date.now();
	for (let group = 0; group * options.atATime < options.callers; group++) {
		const dialing = Array.from({ length: options.atATime }, (_, n) => world.call({ from: `+1555${String(group).padStart(2, '0')}${String(n).padStart(5, '0')}`, keys: `${room.callerPin}#` }));
		callers.push(...dialing);
		if (group === 2) {
			while (dialing.filter((caller) => caller.inConference || caller.ended).length < options.atATime / 2) await new Promise((resolve) => setTimeout(resolve, 20));
			killedAt = Date.now();
			await world.cluster!.workers[0].kill();
			log(`worker 1 killed ${killedAt - started} ms into the load, during callers ${group * options.atATime + 1}–${(group + 1) * options.atATime}`);
		}
		await Promise.all(dialing.map((caller) => Promise.race([caller.joined(1, 60_000).catch(() => undefined), caller.done])));
	}
	await world.quiet();
	world.twilio.loseCallbacks = undefined;
	return { callers, killedAt, loadMs: Date.now() - started };
}

/** What the callers experienced. */
export function experience(callers: PhoneCall[]) {
	const gotIn = callers.filter((caller) => caller.inConference);
	const apology = callers.filter((caller) => caller.heard.includes(DEFAULT_IVR_SETTINGS.apology));
	const applicationError = callers.filter((caller) => caller.heard.some((text) => text.includes('application error')));
	const cutOff = callers.filter((caller) => !caller.inConference && !apology.includes(caller) && !applicationError.includes(caller));
	return { gotIn, apology, applicationError, cutOff };
}

/**
 * The next event in the conference: a late caller, once healing may act on everything the dead
 * worker left (rows alone for HEAL_GRACE_MS since the load, reports unconfirmed for REPORT_LEASE_MS
 * since the kill).
 */
export async function lateCaller(world: RealWorld, room: Room, killedAt: number): Promise<PhoneCall> {
	const wait = Math.max(killedAt + REPORT_LEASE_MS, Date.now() + HEAL_GRACE_MS) + 2000 - Date.now();
	if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
	const late = world.call({ from: '+15559999999', keys: `${room.callerPin}#` });
	await late.joined(1, 30_000);
	await world.quiet(3000);
	return late;
}
