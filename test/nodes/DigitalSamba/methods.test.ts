import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { searchRooms, searchWebhooks } from '../../../nodes/DigitalSamba/methods/listSearch';
import { getEvents } from '../../../nodes/DigitalSamba/methods/loadOptions';
import { digitalSambaMethodsContext } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';
import { DOCUMENTED_EVENTS } from '../../simulators/digitalsamba/events';

const sim = useDigitalSambaSimulator();

describe('list search and load options (what the editor calls)', () => {
	it('searchRooms filters by friendly URL or description and pages with an offset token', async () => {
		for (let n = 0; n < 150; n++) {
			sim.current.state.createRoom({ privacy: 'public', friendly_url: `room-${n}`, description: n === 120 ? 'Board meeting' : undefined });
		}
		const context = digitalSambaMethodsContext(sim.current);

		const firstPage = await searchRooms.call(context);
		expect(firstPage.results).toHaveLength(100);
		expect(firstPage.paginationToken).toBe('100');
		const secondPage = await searchRooms.call(context, undefined, firstPage.paginationToken);
		expect(secondPage.results).toHaveLength(50);
		expect(secondPage.paginationToken).toBeUndefined();

		const board = sim.current.state.findRoom('room-120')!;
		const found = [
			...(await searchRooms.call(context, 'board')).results,
			...(await searchRooms.call(context, 'board', '100')).results,
		];
		expect(found).toEqual([
			{ name: 'room-120 (Board meeting)', value: board.id, url: 'https://simulated.digitalsamba.com/room-120' },
		]);
	});

	it('searchWebhooks lists webhooks by name and endpoint', async () => {
		const hook = sim.current.state.createWebhook({ endpoint: 'https://n8n.example.com/webhook/a', events: ['session_ended'], name: 'Sync' });
		const { results } = await searchWebhooks.call(digitalSambaMethodsContext(sim.current), 'sync');
		expect(results).toEqual([{ name: 'Sync → https://n8n.example.com/webhook/a', value: hook.id }]);
	});

	it('getEvents offers exactly the events Digital Samba lists', async () => {
		const options = await getEvents.call(digitalSambaMethodsContext(sim.current));
		expect(options.map((option) => option.value).sort()).toEqual([...DOCUMENTED_EVENTS].sort());
		expect(options.find((option) => option.value === 'phone_participant_asked_to_unmute')?.name).toBe(
			'Phone participant asked to unmute',
		);
	});
});

describe('credential test request', () => {
	it('is an authenticated GET that the simulator answers 200 with the right key, 401 without', async () => {
		const credential = new DigitalSambaApi();
		const request = credential.test.request;
		expect(request.method).toBe('GET');
		const url = `${sim.current.baseUrl}${request.url}`;
		const good = await credential.authenticate({ apiKey: sim.current.developerKey, authScheme: 'bearer' }, { url });
		const bad = await credential.authenticate({ apiKey: 'nope', authScheme: 'bearer' }, { url });
		const answer = async (options: { headers?: Record<string, unknown> }) =>
			(await fetch(url, { headers: options.headers as Record<string, string> })).status;
		expect(await answer(good)).toBe(200);
		expect(await answer(bad)).toBe(401);
	});
});
