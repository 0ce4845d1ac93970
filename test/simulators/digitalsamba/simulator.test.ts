import axios from 'axios';

import { Contract } from './contract';
import { DOCUMENTED_EVENTS } from './events';
import { DigitalSambaSimulator } from './server';

let contract: Contract;
let sim: DigitalSambaSimulator;

beforeAll(async () => {
	contract = await Contract.load();
});
beforeEach(async () => {
	sim = await DigitalSambaSimulator.start({ contract });
});
afterEach(async () => {
	await sim.close();
});

const call = (method: string, path: string, data?: unknown, authorization = `Bearer ${sim?.developerKey}`) =>
	axios.request({
		method,
		url: `${sim.baseUrl}${path}`,
		data,
		headers: authorization ? { authorization } : {},
		validateStatus: () => true,
	});

describe('the contract', () => {
	it('fixes in memory exactly the artifacts the contracts README lists', () => {
		expect(contract.fixes.map((fix) => fix.what).sort()).toEqual(
			[
				"type 'Caller' read as 'string'",
				"type 'datetime' read as 'string'",
				"type 'datetime' read as 'string'",
				"type 'string|string' read as 'string'",
				"'roles' and 'private_group_chat_roles' not required",
				'no field required',
			].sort(),
		);
	});

	it('finds the operations we use', () => {
		expect(contract.operationIdFor('POST', '/api/v1/rooms/x/phone-participants/joined')).toBe('phoneParticipantsJoined');
		expect(contract.operationIdFor('GET', '/api/v1/rooms/live')).toBe('getRoomsWithLiveParticipantsCount');
	});
});

describe('requests the spec forbids are refused and recorded', () => {
	let roomId: string;
	beforeEach(() => {
		roomId = sim.state.createRoom({ privacy: 'public', friendly_url: 'standup' }).id;
	});

	it('camelCase fields in phone-participants/joined: 422 with field errors, nothing joined', async () => {
		const answer = await call('POST', `/rooms/${roomId}/phone-participants/joined`, [{ callId: 'CA1', name: 'Ada' }]);
		expect(answer.status).toBe(422);
		expect(answer.data.errors).toEqual({ '0.call_id': ['is required'], '0.callId': ['is not a field of this request'] });
		expect(sim.state.phoneParticipantsOf(roomId).size).toBe(0);
		expect(sim.violations).toHaveLength(1);
	});

	it('the superseded {ids} form of phone-participants/left: 422', async () => {
		const answer = await call('POST', `/rooms/${roomId}/phone-participants/left`, { ids: ['CA1'] });
		expect(answer.status).toBe(422);
	});

	it('a wrong type in the query: 422', async () => {
		expect((await call('GET', '/rooms?limit=many')).status).toBe(422);
	});

	it('an expiry not in YYYY-MM-DD hh:mm:ss: 422', async () => {
		const answer = await call('POST', '/rooms', { privacy: 'public', expires_at: '2099-01-01T10:00:00Z' });
		expect(answer.status).toBe(422);
		expect(Object.keys(answer.data.errors)).toEqual(['expires_at']);
	});

	it('an unknown path: 404, a wrong method: 405', async () => {
		expect((await call('GET', '/phone-participants')).status).toBe(404);
		expect((await call('PUT', `/rooms/${roomId}`, { privacy: 'public' })).status).toBe(405);
		expect(sim.violations.map((request) => request.unknownRoute)).toEqual(['path', 'method']);
	});
});

describe("Digital Samba's own rules", () => {
	it('answers 401 without a valid key, Bearer or Basic', async () => {
		expect((await call('GET', '/rooms', undefined, '')).status).toBe(401);
		expect((await call('GET', '/rooms', undefined, 'Bearer wrong')).status).toBe(401);
		const basic = Buffer.from(`${sim.teamId}:${sim.developerKey}`).toString('base64');
		expect((await call('GET', '/rooms', undefined, `Basic ${basic}`)).status).toBe(200);
	});

	it('takes only the room UUID on phone endpoints', async () => {
		const room = sim.state.createRoom({ privacy: 'public', friendly_url: 'standup' });
		expect((await call('POST', '/rooms/standup/phone/connect')).status).toBe(404);
		const answer = await call('POST', `/rooms/${room.id}/phone/connect`);
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toMatch(/^text\/plain/);
	});

	it('pages at most 100 and gives total_count as a string', async () => {
		for (let n = 0; n < 3; n++) sim.state.createRoom({ privacy: 'public' });
		expect((await call('GET', '/rooms?limit=101')).status).toBe(422);
		const answer = await call('GET', '/rooms?limit=2&offset=0');
		expect(answer.data.data).toHaveLength(2);
		expect(answer.data.total_count).toBe('3');
	});

	it('refuses webhook endpoints over 100 characters and unknown event names', async () => {
		const long = await call('POST', '/webhooks', { endpoint: `https://x.example.com/${'a'.repeat(80)}`, events: ['session_ended'] });
		expect(long.status).toBe(422);
		expect(long.data.errors.endpoint).toEqual(['must not be greater than 100 characters']);
		const unknown = await call('POST', '/webhooks', { endpoint: 'https://x.example.com/h', events: ['phone_participant_removed'] });
		expect(unknown.data.errors).toEqual({ 'events.0': ['is invalid'] });
	});

	it('lists only documented events: nothing for removing a phone user or a phone hand', async () => {
		const answer = await call('GET', '/events');
		expect(answer.data).toEqual([...DOCUMENTED_EVENTS]);
		expect(answer.data.filter((event: string) => event.startsWith('phone_'))).toEqual([
			'phone_participant_asked_to_unmute',
			'phone_participant_muted',
			'phone_participant_unmuted',
		]);
	});

	it('accepts joined-twice and left-when-absent, and records them as anomalies', async () => {
		const room = sim.state.createRoom({ privacy: 'public' });
		const joined = [{ call_id: 'CA1', name: 'Ada' }];
		expect((await call('POST', `/rooms/${room.id}/phone-participants/joined`, joined)).status).toBe(200);
		expect((await call('POST', `/rooms/${room.id}/phone-participants/joined`, joined)).status).toBe(200);
		expect((await call('POST', `/rooms/${room.id}/phone-participants/left`, ['CA1', 'CA9'])).status).toBe(200);
		expect(sim.anomalies).toEqual([
			{ kind: 'joined-already-present', roomId: room.id, callId: 'CA1' },
			{ kind: 'left-not-present', roomId: room.id, callId: 'CA9' },
		]);
	});
});

describe('faults', () => {
	it('injects a 429 with retry-after for a number of requests, then behaves', async () => {
		sim.injectFault({ method: 'GET', path: '/rooms', status: 429, retryAfter: 5, times: 2 });
		const first = await call('GET', '/rooms');
		expect(first.status).toBe(429);
		expect(first.headers['retry-after']).toBe('5');
		expect(first.data).toEqual({ message: 'Too Many Attempts. You may try again in 5 seconds.', error: 'rate-limit' });
		expect((await call('GET', '/rooms')).status).toBe(429);
		expect((await call('GET', '/rooms')).status).toBe(200);
	});

	it('injects 500s and slow answers by path pattern', async () => {
		sim.injectFault({ path: /^\/webhooks/, status: 500 });
		expect((await call('GET', '/webhooks')).status).toBe(500);
		sim.clearFaults();
		sim.injectFault({ path: '/events', delayMs: 200 });
		const started = Date.now();
		expect((await call('GET', '/events')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
	});

	it('checks the contract before injecting a fault', async () => {
		sim.injectFault({ status: 500 });
		expect((await call('GET', '/rooms?limit=x')).status).toBe(422);
	});
});
