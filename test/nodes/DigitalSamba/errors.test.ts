import { NodeApiError } from 'n8n-workflow';

import { room, runDigitalSamba } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';

const sim = useDigitalSambaSimulator();

const connect = { resource: 'phoneBridge', operation: 'connect' };

describe('remote errors', () => {
	it('429: says when to retry, from retry-after', async () => {
		const created = sim.current.state.createRoom({ privacy: 'public' });
		sim.current.injectFault({ path: `/rooms/${created.id}/phone/connect`, status: 429, retryAfter: 38, times: 1 });
		const { error } = await runDigitalSamba(sim.current, { ...connect, roomId: room(created.id) });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Digital Samba rate limit reached: Too Many Attempts. You may try again in 38 seconds.',
		);
		expect(error?.description).toBe('Retry after 38 seconds (Digital Samba allows 1000 requests per minute)');
		expect((error as NodeApiError).httpCode).toBe('429');
	});

	it('500: passes the message on and suggests a retry', async () => {
		sim.current.injectFault({ path: '/rooms', status: 500 });
		const { error } = await runDigitalSamba(sim.current, { resource: 'room', operation: 'getAll', returnAll: true });
		expect(error?.message).toBe('Digital Samba: Server Error');
		expect(error?.description).toBe('Digital Samba had a server error; retrying later usually helps');
	});

	it('422: lists the field errors in the description', async () => {
		sim.current.state.createRoom({ privacy: 'public', friendly_url: 'taken' });
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'create',
			privacy: 'public',
			friendlyUrl: 'taken',
			additionalFields: { description: 'ab' },
		});
		expect(error?.message).toBe(
			'Digital Samba rejected the request: The friendly_url field has already been taken. (and 1 more error)',
		);
		expect(error?.description).toBe('friendly_url: has already been taken\ndescription: must be at least 3 characters');
	});

	it('401: points at the credential', async () => {
		const { error } = await runDigitalSamba(
			sim.current,
			{ resource: 'room', operation: 'getAll', returnAll: true },
			{ credentials: { apiKey: 'wrong-key' } },
		);
		expect(error?.message).toBe('Digital Samba: Unauthenticated.');
		expect(error?.description).toBe(
			'Check the developer key, the team ID and the authentication scheme of the Digital Samba credential',
		);
	});

	it('a slow answer still succeeds', async () => {
		const created = sim.current.state.createRoom({ privacy: 'public' });
		sim.current.injectFault({ path: `/rooms/${created.id}/phone/connect`, delayMs: 300 });
		const started = Date.now();
		const { error } = await runDigitalSamba(sim.current, { ...connect, roomId: room(created.id) });
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
	});
});

describe('items', () => {
	function threeRooms() {
		const first = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'first' });
		const third = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'third' });
		return [first, third];
	}
	const byExpression = { __rl: true, mode: 'friendlyUrl', value: '={{ $json.room }}' };
	const input = [{ json: { room: 'first' } }, { json: { room: 'missing' } }, { json: { room: 'third' } }];

	it('with Continue On Fail, an error becomes that item’s output and the others go on', async () => {
		const [first, third] = threeRooms();
		const { items, error } = await runDigitalSamba(
			sim.current,
			{ ...connect, roomId: byExpression },
			{ input, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.roomId).toBe(first.id);
		expect(items[1].json.error).toBe('Digital Samba: not found (GET /rooms/missing)');
		expect(items[2].json.roomId).toBe(third.id);
		expect(sim.current.state.bridge.get(third.id)).toBe('connected');
	});

	it('without it, the run stops at the failing item and says which', async () => {
		const [first, third] = threeRooms();
		const { error } = await runDigitalSamba(sim.current, { ...connect, roomId: byExpression }, { input });
		expect(error?.message).toBe('Digital Samba: not found (GET /rooms/missing)');
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(sim.current.state.bridge.get(first.id)).toBe('connected');
		expect(sim.current.state.bridge.has(third.id)).toBe(false);
	});
});

describe('authentication schemes', () => {
	it('sends Bearer <developer key> by default', async () => {
		await runDigitalSamba(sim.current, { resource: 'room', operation: 'getAll', returnAll: true });
		expect(sim.current.requests[0].authorization).toBe(`Bearer ${sim.current.developerKey}`);
	});

	it('sends Basic team ID and key when chosen', async () => {
		const { error } = await runDigitalSamba(
			sim.current,
			{ resource: 'room', operation: 'getAll', returnAll: true },
			{ credentials: { authScheme: 'basic' } },
		);
		expect(error).toBeUndefined();
		const [scheme, encoded] = sim.current.requests[0].authorization!.split(' ');
		expect(scheme).toBe('Basic');
		expect(Buffer.from(encoded, 'base64').toString()).toBe(`${sim.current.teamId}:${sim.current.developerKey}`);
	});
});
