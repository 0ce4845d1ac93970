import { room, runDigitalSamba } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';

const sim = useDigitalSambaSimulator();
const sent = () => sim.current.requests.map(({ method, path, body }) => ({ method, path, body }));

describe('room: create', () => {
	it('always sends privacy, and builds the DTMF from the bridge PIN', async () => {
		const { items, error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'create',
			privacy: 'private',
			friendlyUrl: 'standup',
			additionalFields: { description: 'Daily standup', max_participants: 50, tags: 'team, daily' },
			telephony: { phoneNumber: '+15551234567', bridgePin: '0012345678', waitSeconds: 1.5 },
		});
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/api/v1/rooms',
				body: {
					privacy: 'private',
					friendly_url: 'standup',
					description: 'Daily standup',
					max_participants: 50,
					tags: ['team', 'daily'],
					telephony_enabled: true,
					telephony_phone_number: '+15551234567',
					telephony_pin_dtmf: 'Ww0012345678#',
				},
			},
		]);
		const created = sim.current.state.findRoom('standup');
		expect(items).toEqual([{ json: expect.objectContaining({ id: created?.id }), pairedItem: { item: 0 } }]);
	});

	it('sends a typed DTMF sequence and the expiry in the API format', async () => {
		await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'create',
			privacy: 'public',
			additionalFields: { expires_at: '2099-01-02T03:04:05' },
			telephony: { phoneNumber: '+442071234567', pinDtmf: '123W1www2#' },
		});
		expect(sent()[0].body).toEqual({
			privacy: 'public',
			expires_at: '2099-01-02 03:04:05',
			telephony_enabled: true,
			telephony_phone_number: '+442071234567',
			telephony_pin_dtmf: '123W1www2#',
		});
	});

	it('refuses an invalid DTMF sequence before sending anything', async () => {
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'create',
			privacy: 'public',
			telephony: { pinDtmf: 'WW12-34#' },
		});
		expect(error?.message).toBe(
			'Invalid DTMF sequence: The DTMF sequence contains characters other than 0-9 * # W w: -',
		);
		expect(sim.current.requests).toEqual([]);
	});

	it('refuses both a bridge PIN and a DTMF sequence', async () => {
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'create',
			privacy: 'public',
			telephony: { pinDtmf: 'WW1#', bridgePin: '1234567890' },
		});
		expect(error?.message).toBe('Give either a Bridge PIN or a DTMF Sequence, not both');
		expect(sim.current.requests).toEqual([]);
	});
});

describe('room: get', () => {
	it.each([
		['id', (id: string) => id],
		['friendlyUrl', () => 'standup'],
		['url', () => 'https://simulated.digitalsamba.com/standup?token=abc'],
	] as const)('finds a room given %s', async (mode, value) => {
		const created = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'standup' });
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'get',
			roomId: room(value(created.id), mode),
		});
		expect(items.map((item) => item.json.id)).toEqual([created.id]);
	});
});

describe('room: get many', () => {
	beforeEach(() => {
		for (let n = 0; n < 230; n++) sim.current.state.createRoom({ privacy: 'public', friendly_url: `room-${n}` });
	});

	it('pages through all rooms 100 at a time when Return All is on', async () => {
		const { items } = await runDigitalSamba(sim.current, { resource: 'room', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(230);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(230);
		expect(sim.current.requests.map((request) => request.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
	});

	it('asks for no more than the limit', async () => {
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
			filters: { order: 'asc' },
		});
		expect(items.map((item) => item.json.friendly_url)).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `room-${n}`));
		expect(sim.current.requests.map((request) => request.query)).toEqual([{ order: 'asc', limit: '7', offset: '0' }]);
	});
});

describe('room: update and enable dial-in', () => {
	it('sends the current privacy with a change that does not set one', async () => {
		const created = sim.current.state.createRoom({ privacy: 'private', friendly_url: 'standup' });
		await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'update',
			roomId: room('standup', 'friendlyUrl'),
			updateFields: { description: 'New text' },
		});
		expect(sent()).toEqual([
			{ method: 'GET', path: '/api/v1/rooms/standup', body: undefined },
			{ method: 'PATCH', path: '/api/v1/rooms/standup', body: { description: 'New text', privacy: 'private' } },
		]);
		expect(sim.current.state.rooms.get(created.id)?.description).toBe('New text');
	});

	it('needs no read when the change sets privacy', async () => {
		sim.current.state.createRoom({ privacy: 'private', friendly_url: 'standup' });
		await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'update',
			roomId: room('standup', 'friendlyUrl'),
			updateFields: { privacy: 'public' },
		});
		expect(sent()).toEqual([{ method: 'PATCH', path: '/api/v1/rooms/standup', body: { privacy: 'public' } }]);
	});

	it('refuses an update with nothing to change', async () => {
		sim.current.state.createRoom({ privacy: 'private', friendly_url: 'standup' });
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'update',
			roomId: room('standup', 'friendlyUrl'),
		});
		expect(error?.message).toBe('Nothing to update');
		expect(sim.current.requests).toEqual([]);
	});

	it('enables dial-in on an existing room: reads it, then PATCHes telephony with its privacy', async () => {
		const created = sim.current.state.createRoom({ privacy: 'private', friendly_url: 'standup' });
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'enableDialIn',
			roomId: room(created.id),
			phoneNumber: '+15551234567',
			dtmfSource: 'bridgePin',
			bridgePin: '9876543210',
			waitSeconds: 2,
		});
		expect(sent()).toEqual([
			{ method: 'GET', path: `/api/v1/rooms/${created.id}`, body: undefined },
			{
				method: 'PATCH',
				path: `/api/v1/rooms/${created.id}`,
				body: {
					privacy: 'private',
					telephony_enabled: true,
					telephony_phone_number: '+15551234567',
					telephony_pin_dtmf: 'WW9876543210#',
				},
			},
		]);
		expect(items[0].json).toEqual(expect.objectContaining({ telephony_pin_dtmf: 'WW9876543210#', privacy: 'private' }));
	});

	it('checks a typed DTMF sequence when enabling dial-in', async () => {
		const created = sim.current.state.createRoom({ privacy: 'public' });
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'enableDialIn',
			roomId: room(created.id),
			phoneNumber: '+15551234567',
			dtmfSource: 'sequence',
			pinDtmf: 'WW 1234#',
		});
		expect(error?.message).toMatch(/^Invalid DTMF sequence/);
		expect(sim.current.requests).toEqual([]);
	});
});

describe('room: delete', () => {
	it('deletes a room (204, no body) and reports it', async () => {
		const created = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'old-room' });
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'delete',
			roomId: room('old-room', 'friendlyUrl'),
		});
		expect(items[0].json).toEqual({ deleted: true, room: 'old-room' });
		expect(sent()).toEqual([{ method: 'DELETE', path: '/api/v1/rooms/old-room', body: undefined }]);
		expect(sim.current.state.rooms.has(created.id)).toBe(false);
	});

	it('sends the clean-up flags when they are set', async () => {
		sim.current.state.createRoom({ privacy: 'public', friendly_url: 'old-room' });
		await runDigitalSamba(sim.current, {
			resource: 'room',
			operation: 'delete',
			roomId: room('old-room', 'friendlyUrl'),
			options: { delete_resources: true },
		});
		expect(sent()[0].body).toEqual({ delete_resources: true });
	});
});
