/**
 * The provider conformance suite in the workflow layer: every scenario of
 * test/conformance/scenarios.ts, for every provider's simulator and templates, each in a fresh
 * world. Every Digital Samba request is checked against the official OpenAPI spec.
 */
import { conformanceScenarios } from '../conformance/scenarios';
import { networks } from '../simulators/networks';
import { ConformanceWorld } from './conformance';

describe.each(Object.keys(networks))('provider %s', (provider) => {
	let world: ConformanceWorld;
	beforeEach(async () => {
		world = await ConformanceWorld.start(provider);
	});
	afterEach(async () => {
		await world.stop();
		expect(world.ds.violations).toEqual([]);
		expect(world.ds.anomalies).toEqual([]);
	});

	it.each(conformanceScenarios)('%s', async (_name, run) => {
		await run(world);
	});
});
