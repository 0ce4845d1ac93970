/**
 * One Digital Samba simulator per test file (the contract takes ~2 s to load), fresh state per
 * test, and after every test the promise this suite exists to keep: no request broke the spec.
 */
import { Contract } from '../simulators/digitalsamba/contract';
import { DigitalSambaSimulator } from '../simulators/digitalsamba/server';

let contract: Promise<Contract> | undefined;

export function useDigitalSambaSimulator(): { readonly current: DigitalSambaSimulator } {
	const holder: { current: DigitalSambaSimulator } = {} as never;
	beforeEach(async () => {
		contract ??= Contract.load();
		holder.current = await DigitalSambaSimulator.start({ contract: await contract });
	});
	afterEach(async () => {
		const simulator = holder.current;
		await simulator.close();
		expect(simulator.violations).toEqual([]);
	});
	return holder;
}
