import { room, runDigitalSamba } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';

const sim = useDigitalSambaSimulator();

describe('live and session', () => {
	it("reads a room's live state and participants by friendly URL", async () => {
		const created = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'standup', external_id: 'ext-1' });
		const session = sim.current.state.startSession(created.id);
		session.participants = [{ id: 'p1', external_id: null, name: 'Grace', role: 'moderator', join_time: '' }];

		const live = await runDigitalSamba(sim.current, { resource: 'live', operation: 'get', roomId: room('standup', 'friendlyUrl') });
		expect(live.items[0].json).toEqual(
			expect.objectContaining({ id: created.id, external_id: 'ext-1', live_participants: 1 }),
		);

		const participants = await runDigitalSamba(sim.current, {
			resource: 'live',
			operation: 'getParticipants',
			roomId: room('standup', 'friendlyUrl'),
		});
		expect(participants.items[0].json.live_participants).toEqual([expect.objectContaining({ name: 'Grace' })]);
		expect(sim.current.requests.map((request) => request.path)).toEqual([
			'/api/v1/rooms/standup/live',
			'/api/v1/rooms/standup/live/participants',
		]);
	});

	it('lists live sessions of one room, then ends one', async () => {
		const standup = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'standup' });
		const other = sim.current.state.createRoom({ privacy: 'public', friendly_url: 'other' });
		const ended = sim.current.state.startSession(standup.id);
		sim.current.state.endSession(ended);
		const live = sim.current.state.startSession(standup.id);
		sim.current.state.startSession(other.id);

		const listed = await runDigitalSamba(sim.current, {
			resource: 'session',
			operation: 'getAll',
			byRoom: true,
			roomId: room('standup', 'friendlyUrl'),
			returnAll: true,
			filters: { live: true, date_start: '2020-01-01T00:00:00' },
		});
		expect(listed.items.map((item) => item.json.id)).toEqual([live.id]);
		expect(sim.current.requests[0].query).toEqual({
			live: 'true',
			date_start: '2020-01-01',
			limit: '100',
			offset: '0',
		});

		const all = await runDigitalSamba(sim.current, { resource: 'session', operation: 'getAll', byRoom: false, returnAll: true });
		expect(all.items).toHaveLength(3);

		const end = await runDigitalSamba(sim.current, { resource: 'session', operation: 'end', sessionId: live.id });
		expect(end.items[0].json).toEqual({ sessionId: live.id, ended: true });
		expect(sim.current.state.sessions.get(live.id)?.live).toBe(false);
	});
});
