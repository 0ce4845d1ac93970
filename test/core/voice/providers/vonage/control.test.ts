/**
 * How Vonage's call control finds a conversation by name (the Voice API finds none by name): through
 * the calls known to be in it, the step's own call asked on every poll, the others within a budget
 * for the whole step, and never again once gone or elsewhere.
 */
import type { HttpRequestSpec, JsonRecord } from '../../../../../nodes/core/http';
import { MEMBER_LOOKUPS, vonageControl } from '../../../../../nodes/core/voice/providers/vonage/control';

const ROOM = 'CON-11111111-2222-4333-8444-555555555555';
const ELSEWHERE = 'CON-99999999-2222-4333-8444-555555555555';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A Voice API where calls are as `calls` says at each moment; the requests asked, in order. */
function world(calls: Map<string, { status: string; conversation: string }>) {
	const asked: string[] = [];
	const send = async (spec: HttpRequestSpec): Promise<JsonRecord> => {
		asked.push(`${spec.method} ${spec.path}${spec.query ? `?${new URLSearchParams(spec.query).toString()}` : ''}`);
		const call = /^\/v1\/calls\/(.+)$/.exec(spec.path);
		if (call) {
			const found = calls.get(call[1]);
			return found ? { uuid: call[1], status: found.status, conversation_uuid: found.conversation } : {};
		}
		const conversation = /^\/v1\/conversations\/(.+)$/.exec(spec.path);
		if (conversation) return conversation[1] === ROOM ? { id: ROOM, name: 'ds-room' } : conversation[1] === ELSEWHERE ? { id: ELSEWHERE, name: 'ds-other' } : {};
		const legs = [...calls].filter(([, value]) => value.conversation === spec.query?.conversation_uuid && value.status === 'answered').map(([id, value]) => ({ uuid: id, conversation_uuid: value.conversation, status: value.status }));
		return { _embedded: { calls: legs } };
	};
	return { control: vonageControl(send, { applicationId: 'app' }), asked };
}

it('asks the step’s own call on every poll, the others once each within the budget, and remembers what it found', async () => {
	const own = uuid(0);
	const calls = new Map([[own, { status: 'started', conversation: 'CON-00000000-0000-4000-8000-000000000000' }]]);
	// Eight older rows: six gone (unknown to Vonage), one in another room's conversation, one here.
	calls.set(uuid(7), { status: 'answered', conversation: ELSEWHERE });
	calls.set(uuid(8), { status: 'answered', conversation: ROOM });
	const members = [own, uuid(1), uuid(2), uuid(3), uuid(4), uuid(5), uuid(6), uuid(7), uuid(8)];
	const { control, asked } = world(calls);

	expect(await control.roster('ds-room', members)).toBeUndefined();
	expect(asked).toEqual([own, ...members.slice(1, 1 + MEMBER_LOOKUPS)].map((id) => `GET /v1/calls/${id}`));

	asked.length = 0;
	expect(await control.roster('ds-room', members)).toBeUndefined();
	// The budget is spent: only the step's own call is asked again.
	expect(asked).toEqual([`GET /v1/calls/${own}`]);

	calls.set(own, { status: 'answered', conversation: ROOM });
	asked.length = 0;
	const roster = await control.roster('ds-room', members);
	expect(roster?.conference).toEqual({ id: ROOM, name: 'ds-room' });
	expect(roster?.participants.map((participant) => participant.callId).sort()).toEqual([own, uuid(8)].sort());
	expect(asked).toEqual([`GET /v1/calls/${own}`, `GET /v1/conversations/${ROOM}`, `GET /v1/calls?conversation_uuid=${ROOM}&status=answered&page_size=100`]);

	asked.length = 0;
	await control.roster('ds-room', members);
	expect(asked).toEqual([`GET /v1/calls?conversation_uuid=${ROOM}&status=answered&page_size=100`]);
});

it('calls that are gone or in another conversation are not asked again; a conversation ID is looked up directly', async () => {
	const calls = new Map([[uuid(1), { status: 'answered', conversation: ELSEWHERE }]]);
	const { control, asked } = world(calls);
	expect(await control.findConference('ds-room', [uuid(0), uuid(1)])).toBeUndefined();
	asked.length = 0;
	expect(await control.findConference('ds-room', [uuid(0), uuid(1)])).toBeUndefined();
	// The step's own call is unknown to Vonage (gone), the other is elsewhere: nobody is asked again.
	expect(asked).toEqual([]);
	expect(await control.findConference(ROOM)).toEqual({ id: ROOM, name: 'ds-room' });
});

it('a name with no call to look through is refused with what to give instead', async () => {
	const { control } = world(new Map());
	await expect(control.findConference('ds-room')).rejects.toThrow(/by its ID \(CON-…\)/);
});
