import { room, runDigitalSamba } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';

const sim = useDigitalSambaSimulator();
const sent = () => sim.current.requests.map(({ method, path, body }) => ({ method, path, body }));
const TWILIO_SID = 'CA0123456789abcdef0123456789abcdef';

function dialInRoom() {
	return sim.current.state.createRoom({ privacy: 'public', friendly_url: 'standup', telephony_enabled: true });
}

describe('phone participant: join', () => {
	it('announces several callers in one request, resolving a friendly URL to the room UUID first', async () => {
		const created = dialInRoom();
		const { items, error } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'join',
			roomId: room('standup', 'friendlyUrl'),
			callersSource: 'fields',
			callers: {
				caller: [
					{ callId: TWILIO_SID, name: 'Ada', callerNumber: '+15550001', externalId: '', muted: true },
					{ callId: 'CA2', name: '', callerNumber: '+15550002', externalId: 'crm-2', muted: false },
				],
			},
		});
		expect(error).toBeUndefined();
		expect(sent()).toEqual([
			{ method: 'GET', path: '/api/v1/rooms/standup', body: undefined },
			{
				method: 'POST',
				path: `/api/v1/rooms/${created.id}/phone-participants/joined`,
				body: [
					{ call_id: TWILIO_SID, name: 'Ada', caller_number: '+15550001', muted: true },
					{ call_id: 'CA2', caller_number: '+15550002', external_id: 'crm-2', muted: false },
				],
			},
		]);
		expect([...sim.current.state.phoneParticipantsOf(created.id).keys()]).toEqual([TWILIO_SID, 'CA2']);
		expect(items).toEqual([
			{ json: { roomId: created.id, joined: [TWILIO_SID, 'CA2'] }, pairedItem: { item: 0 } },
		]);
		expect(sim.current.anomalies).toEqual([]);
	});

	it('takes callers as JSON, in camelCase or snake_case, without a lookup for a UUID', async () => {
		const created = dialInRoom();
		await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'join',
			roomId: room(created.id),
			callersSource: 'json',
			callersJson: JSON.stringify([
				{ callId: 'CA1', name: 'Ada' },
				{ call_id: 'CA2', caller_number: '+15550002', external_id: 'x' },
			]),
		});
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: `/api/v1/rooms/${created.id}/phone-participants/joined`,
				body: [
					{ call_id: 'CA1', name: 'Ada' },
					{ call_id: 'CA2', caller_number: '+15550002', external_id: 'x' },
				],
			},
		]);
	});

	it.each([
		['an empty list', '[]', 'No callers were given'],
		['a caller with neither name nor number', '[{"callId":"CA1"}]', 'Caller 1 (CA1) needs a name or a caller number'],
		['something that is not a list of objects', '"CA1"', 'Callers (JSON) must be an array of objects'],
	])('refuses %s before sending anything', async (_, callersJson, message) => {
		const created = dialInRoom();
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'join',
			roomId: room(created.id),
			callersSource: 'json',
			callersJson,
		});
		expect(error?.message).toBe(message);
		expect(sim.current.requests).toEqual([]);
	});
});

describe('phone participant: leave', () => {
	it('sends one request with every call ID as a bare array', async () => {
		const created = dialInRoom();
		const participants = sim.current.state.phoneParticipantsOf(created.id);
		for (const callId of ['CA1', 'CA2', 'CA3']) {
			participants.set(callId, { call_id: callId, name: callId, muted: false, hand_raised: false, joined_at: '' });
		}
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'leave',
			roomId: room(created.id),
			callIds: 'CA1, CA3',
		});
		expect(sent()).toEqual([
			{ method: 'POST', path: `/api/v1/rooms/${created.id}/phone-participants/left`, body: ['CA1', 'CA3'] },
		]);
		expect([...participants.keys()]).toEqual(['CA2']);
		expect(items[0].json).toEqual({ roomId: created.id, left: ['CA1', 'CA3'] });
		expect(sim.current.anomalies).toEqual([]);
	});

	it('refuses an empty list of call IDs', async () => {
		const created = dialInRoom();
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'leave',
			roomId: room(created.id),
			callIds: ' , ',
		});
		expect(error?.message).toBe('No call IDs were given');
		expect(sim.current.requests).toEqual([]);
	});
});

describe('phone participant: hand and mute', () => {
	it.each([
		['raiseHand', 'raise-hand', { hand_raised: true, muted: false }],
		['lowerHand', 'lower-hand', { hand_raised: false, muted: true }],
		['mute', 'mute', { hand_raised: true, muted: true }],
		['unmute', 'unmute', { hand_raised: true, muted: false }],
	])('%s reports to POST …/%s for a Twilio call SID', async (operation, endpoint, expected) => {
		const created = dialInRoom();
		const start = { raiseHand: [false, false], lowerHand: [true, true], mute: [true, false], unmute: [true, true] }[
			operation
		]!;
		sim.current.state.phoneParticipantsOf(created.id).set(TWILIO_SID, {
			call_id: TWILIO_SID,
			name: 'Ada',
			hand_raised: start[0],
			muted: start[1],
			joined_at: '',
		});
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation,
			roomId: room('standup', 'friendlyUrl'),
			callId: TWILIO_SID,
		});
		expect(sent()[1]).toEqual({
			method: 'POST',
			path: `/api/v1/rooms/${created.id}/phone-participants/${TWILIO_SID}/${endpoint}`,
			body: undefined,
		});
		expect(sim.current.state.phoneParticipantsOf(created.id).get(TWILIO_SID)).toEqual(
			expect.objectContaining(expected),
		);
		expect(items[0].json).toEqual(expect.objectContaining({ roomId: created.id, callId: TWILIO_SID }));
	});

	it('says which call was not found', async () => {
		const created = dialInRoom();
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'phoneParticipant',
			operation: 'mute',
			roomId: room(created.id),
			callId: 'CA-gone',
		});
		expect(error?.message).toBe(
			`Digital Samba: Phone participant not found (POST /rooms/${created.id}/phone-participants/CA-gone/mute)`,
		);
		expect(error?.description).toMatch(/^Check the room, call, session or webhook ID/);
	});
});

describe('phone bridge', () => {
	it.each(['connect', 'disconnect'] as const)('%s posts to the room UUID', async (operation) => {
		const created = dialInRoom();
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'phoneBridge',
			operation,
			roomId: room('https://simulated.digitalsamba.com/standup', 'url'),
		});
		expect(sent()).toEqual([
			{ method: 'GET', path: '/api/v1/rooms/standup', body: undefined },
			{ method: 'POST', path: `/api/v1/rooms/${created.id}/phone/${operation}`, body: undefined },
		]);
		expect(sim.current.state.bridge.get(created.id)).toBe(operation === 'connect' ? 'connected' : 'disconnected');
		expect(items[0].json.roomId).toBe(created.id);
	});

	it('says which room was not found', async () => {
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'phoneBridge',
			operation: 'connect',
			roomId: room('no-such-room', 'friendlyUrl'),
		});
		expect(error?.message).toBe('Digital Samba: not found (GET /rooms/no-such-room)');
		expect(sim.current.requests).toHaveLength(1);
	});
});
