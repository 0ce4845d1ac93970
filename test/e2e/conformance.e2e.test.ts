/**
 * The provider conformance suite in a real n8n: every scenario of test/conformance/scenarios.ts,
 * for every provider's simulator, with that provider's templates imported and published in one n8n
 * process with the packed package. Each scenario gets a room of its own (the Provision template
 * makes it), so the scenarios share the n8n but not their calls.
 */
import type { ConformanceTarget } from '../conformance/target';
import { conformanceScenarios } from '../conformance/scenarios';
import { networks } from '../simulators/networks';
import type { Room } from './realWorld';
import { NUMBER, RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';

/** One room of a real world, as the scenarios see a world; failures counted from now on. */
async function roomTarget(world: RealWorld, room: Room): Promise<ConformanceTarget> {
	const failedBefore = new Set(await world.failedExecutions());
	const { bridge_pin: bridgePin } = await world.directoryRow(room.id);
	return {
		ds: world.ds,
		phones: world.phones,
		roomId: room.id,
		conferenceName: room.conference,
		callerPin: room.callerPin,
		bridgePin,
		call: (options) => world.phones.call({ to: NUMBER, ...options }),
		bridge() {
			const stored = world.ds.state.rooms.get(room.id)!;
			return world.phones.call({ to: String(stored.telephony_phone_number), from: '+4930123456', keys: String(stored.telephony_pin_dtmf) });
		},
		quiet: () => world.quiet(),
		failedExecutions: async () => (await world.failedExecutions()).filter((failure) => !failedBefore.has(failure)).map((failure) => failure.replace(/^\w+ \d+: /, '')),
	};
}

describe.each(Object.keys(networks))('provider %s in a real n8n', (provider) => {
	let world: RealWorld;
	let rooms = 0;

	beforeAll(async () => {
		world = await RealWorld.start(ensureRuntime((line) => process.stdout.write(`[e2e] ${line}\n`)), { provider });
		await world.install(`conformance-${provider}-setup`);
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await world?.stop();
	}, 60_000);

	afterEach(async () => {
		await world.phones.hangUpAll();
		await world.quiet();
		expect(world.ds.violations).toEqual([]);
		expect(world.ds.anomalies).toEqual([]);
	}, 60_000);

	it.each(conformanceScenarios)('%s', async (_name, run) => {
		const room = await world.provision(`conformance-${provider}-${++rooms}`);
		await run(await roomTarget(world, room));
	}, 180_000);
});
