/**
 * Callers in bursts, as at the start of every meeting: N callers enter their PIN at the same
 * instant with the bridge in, callbacks are replayed (duplicated, newest first) while they arrive,
 * the bridge may leave and come back in the middle, then everyone hangs up in random order, a few
 * at the same instant. After every phase Digital Samba's list must be exactly the callers in the
 * conference while a bridge is in (nothing otherwise): no phantom, no duplicate, none missing.
 * Shared by the workflow layer (templates in n8n-core) and the e2e layer (a real n8n).
 */
import { BRIDGE_LABEL } from '../../nodes/core/ivr/labels';
import type { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { CallOptions, PhoneCall } from '../simulators/twilio/callDriver';
import type { TwilioSimulator } from '../simulators/twilio/server';
import { postSigned } from '../simulators/twilio/sign';

export interface BurstWorld {
	ds: DigitalSambaSimulator;
	twilio: TwilioSimulator;
	roomId: string;
	conferenceName: string;
	callerPin: string;
	call(options: Partial<CallOptions> & { keys: string }): PhoneCall;
	bridge(): PhoneCall;
	quiet(): Promise<void>;
	/** Executions that ended in an error since the world started. */
	failedExecutions(): Promise<string[]>;
}

export interface BurstOptions {
	callers: number;
	rounds: number;
	/** In this round the bridge leaves after the callers are in, and a new bridge call comes back. */
	bridgeBounceRound?: number;
	joinTimeoutMs?: number;
	log?: (line: string) => void;
}

/** A small seeded generator: the random orders are the same on every run of a test. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

export interface RoomView {
	listed: string[];
	expected: string[];
	anomalies: unknown[];
}

/** What Digital Samba lists for the room, and what it should list given the conference now. */
export function roomView(world: BurstWorld, callers: PhoneCall[]): RoomView {
	const conference = world.twilio.conferenceNamed(world.conferenceName);
	const present = [...(conference?.participants.values() ?? [])];
	const bridgeIn = present.some((participant) => participant.label === BRIDGE_LABEL);
	const inConference = new Set(present.map((participant) => participant.call.sid));
	return {
		listed: [...world.ds.state.phoneParticipantsOf(world.roomId).keys()].sort(),
		expected: bridgeIn ? callers.filter((caller) => inConference.has(caller.call.sid)).map((caller) => caller.call.sid).sort() : [],
		anomalies: [...world.ds.anomalies],
	};
}

/** Replays, newest first, the conference callbacks Twilio sent since `from`, each twice, all at once. */
async function replayCallbacks(world: BurstWorld, from: number): Promise<void> {
	const recent = world.twilio.deliveries.slice(from).reverse();
	await Promise.all(recent.flatMap((delivery) => [0, 1].map(() => postSigned(delivery.url, delivery.params, world.twilio.authToken))));
}

/** The check every burst test makes after each phase: exactly the expected callers, no anomaly. */
export function expectExact(phase: string, view: RoomView): void {
	expect({ phase, listed: view.listed, anomalies: view.anomalies }).toEqual({ phase, listed: view.expected, anomalies: [] });
}

/**
 * Runs the rounds and calls `check` with the room's view after every phase (callers in; bridge
 * bounced; everyone gone). Returns the views for reporting.
 */
export async function burstRounds(world: BurstWorld, options: BurstOptions, check: (phase: string, view: RoomView) => void): Promise<void> {
	const random = seeded(20261126);
	const log = options.log ?? (() => {});
	let bridge = world.bridge();
	await bridge.joined(1, options.joinTimeoutMs ?? 30_000);
	await world.quiet();
	for (let round = 1; round <= options.rounds; round++) {
		const deliveriesBefore = world.twilio.deliveries.length;
		const callers = Array.from({ length: options.callers }, (_, n) =>
			world.call({ from: `+1555${String(round).padStart(2, '0')}${String(n).padStart(5, '0')}`, callerName: `Caller ${round}.${n}`, keys: `${world.callerPin}#` }),
		);
		const started = Date.now();
		await Promise.all(callers.map((caller) => caller.joined(1, options.joinTimeoutMs ?? 30_000)));
		await replayCallbacks(world, deliveriesBefore);
		await world.quiet();
		log(`round ${round}: ${callers.length} callers in after ${Date.now() - started} ms`);
		check(`round ${round}: callers in`, roomView(world, callers));

		if (round === options.bridgeBounceRound) {
			await bridge.hangUp();
			await world.quiet();
			check(`round ${round}: bridge gone`, roomView(world, callers));
			bridge = world.bridge();
			await bridge.joined(1, options.joinTimeoutMs ?? 30_000);
			await world.quiet();
			check(`round ${round}: bridge back`, roomView(world, callers));
		}

		// Hang up in random order, in small groups that hang up at the same instant.
		const leaving = shuffle(callers, random);
		const hangUpsFrom = world.twilio.deliveries.length;
		while (leaving.length > 0) {
			const group = leaving.splice(0, 1 + Math.floor(random() * 4));
			await Promise.all(group.map((caller) => caller.hangUp()));
			await new Promise((resolve) => setTimeout(resolve, random() * 50));
		}
		await replayCallbacks(world, hangUpsFrom);
		await world.quiet();
		check(`round ${round}: everyone gone`, roomView(world, callers));
		const failures = await world.failedExecutions();
		if (failures.length) throw new Error(`failed executions after round ${round}: ${failures.join('; ')}`);
	}
	await bridge.hangUp();
	await world.quiet();
}
