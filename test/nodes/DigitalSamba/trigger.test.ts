import { digitalSambaTrigger } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';
import type { TriggerHarness } from '../../helpers/triggerHarness';
import { dsEvent, participantJoined, phoneEvent, ROOM_ID, SESSION_ID, TIMESTAMP } from '../../fixtures/digitalSambaEvents';
import { DOCUMENTED_EVENTS } from '../../simulators/digitalsamba/events';

const sim = useDigitalSambaSimulator();
const PHONE_EVENTS = ['phone_participant_muted', 'phone_participant_unmuted', 'phone_participant_asked_to_unmute'];
const sent = () => sim.current.requests.map(({ method, path, body }) => ({ method, path, body }));

async function activated(events: string[] = PHONE_EVENTS, extra: Record<string, unknown> = {}) {
	const trigger = digitalSambaTrigger(sim.current, { registration: 'automatic', events, ...extra });
	expect(await trigger.activate()).toBe('created');
	return trigger;
}

const bearer = (trigger: TriggerHarness) => ({ authorization: `Bearer ${String(trigger.staticData.secret)}` });

describe('activation lifecycle', () => {
	it('registers our URL with the events and a fresh secret, finds it again, and removes it', async () => {
		const trigger = await activated();
		const [webhook] = sim.current.state.webhooks.values();
		expect(webhook.endpoint).toBe(trigger.url);
		expect(trigger.url).toBe('http://localhost:5678/webhook/5b0e3c2a-9d4f-4e61-8a7b-1c2d3e4f5a6b');
		expect(webhook.events).toEqual([...PHONE_EVENTS].sort());
		expect(webhook.name).toBe('n8n: Phone sync');
		expect(trigger.staticData).toEqual({ webhookId: webhook.id, secret: webhook.authorization_header });
		expect(String(webhook.authorization_header)).toMatch(/^[0-9a-f]{48}$/);

		// Reactivation (n8n restarts): checkExists finds it by endpoint, nothing is created twice.
		expect(await trigger.activate()).toBe('existed');
		expect(sim.current.state.webhooks.size).toBe(1);

		await trigger.deactivate();
		expect(sim.current.state.webhooks.size).toBe(0);
		expect(trigger.staticData).toEqual({});
		expect(sent().map(({ method, path }) => `${method} ${path}`)).toEqual([
			'GET /api/v1/webhooks',
			'POST /api/v1/webhooks',
			'GET /api/v1/webhooks',
			`DELETE /api/v1/webhooks/${webhook.id}`,
		]);
	});

	it('secrets differ from one registration to the next', async () => {
		const first = await activated();
		const secret = first.staticData.secret;
		await first.deactivate();
		const second = await activated();
		expect(second.staticData.secret).not.toBe(secret);
	});

	it('replaces a registration for other events when the selection changed', async () => {
		const trigger = await activated(['session_ended']);
		const old = [...sim.current.state.webhooks.keys()];
		(trigger.workflow.getNode('Digital Samba Trigger')!.parameters.events as string[]).push('session_started');
		expect(await trigger.activate()).toBe('created');
		const [current] = sim.current.state.webhooks.values();
		expect(old).not.toContain(current.id);
		expect(current.events).toEqual(['session_ended', 'session_started']);
	});

	it('"All Events" registers every event Digital Samba lists', async () => {
		await activated(['*']);
		const [webhook] = sim.current.state.webhooks.values();
		expect(webhook.events).toEqual([...DOCUMENTED_EVENTS].sort());
	});

	it('a webhook already gone at Digital Samba is no error on deactivation', async () => {
		const trigger = await activated();
		sim.current.state.webhooks.clear();
		await expect(trigger.deactivate()).resolves.toBeUndefined();
	});

	it('with "A Webhook I Manage", activation and deactivation touch nothing', async () => {
		const trigger = digitalSambaTrigger(sim.current, { registration: 'manual', secret: 'mine', events: PHONE_EVENTS });
		expect(await trigger.activate()).toBe('existed');
		await trigger.deactivate();
		expect(sim.current.requests).toEqual([]);
	});

	it('fails activation with a clear message when the URL is over 100 characters', async () => {
		const base = `https://automation.internal.example-company.com/some/long/reverse-proxy/prefix/webhook`;
		const trigger = digitalSambaTrigger(sim.current, { registration: 'automatic', events: PHONE_EVENTS }, base);
		const length = trigger.url.length;
		expect(length).toBeGreaterThan(100);
		await expect(trigger.activate()).rejects.toMatchObject({
			message: `Digital Samba cannot call this workflow: the URL has ${length} characters; Digital Samba accepts at most 100 (${trigger.url})`,
			description: expect.stringContaining('N8N_WEBHOOK_URL'),
		});
		expect(sim.current.requests.filter((request) => request.method === 'POST')).toEqual([]);
	});
});

describe('authentication', () => {
	it.each([
		['Bearer <secret>', (secret: string) => `Bearer ${secret}`],
		['the bare secret', (secret: string) => secret],
		['lower-case bearer', (secret: string) => `bearer ${secret}`],
	])('accepts %s', async (_, header) => {
		const trigger = await activated();
		const outcome = await trigger.deliver({
			headers: { Authorization: header(String(trigger.staticData.secret)) },
			body: phoneEvent('phone_participant_muted', 'CA1'),
		});
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
		// A small JSON acknowledgement (n8n's default for an "on received" trigger is the text `firstEntryJson`).
		expect(outcome.body).toEqual({ received: true, events: 1 });
	});

	it.each([
		['a wrong secret', { authorization: 'Bearer not-the-secret' }],
		['a missing header', {}],
		['an empty header', { authorization: '' }],
		['"Bearer" alone', { authorization: 'Bearer ' }],
	])('answers 401 to %s and starts nothing', async (_, headers) => {
		const trigger = await activated();
		const outcome = await trigger.deliver({ headers, body: phoneEvent('phone_participant_muted', 'CA1') });
		expect(outcome).toEqual({ status: 401, body: { message: 'Unauthorized' } });
	});

	it('checks a managed webhook against the secret typed into the node', async () => {
		const trigger = digitalSambaTrigger(sim.current, { registration: 'manual', secret: 'typed-secret', events: PHONE_EVENTS });
		const body = phoneEvent('phone_participant_unmuted', 'CA1');
		expect((await trigger.deliver({ headers: { authorization: 'Bearer typed-secret' }, body })).items).toHaveLength(1);
		expect((await trigger.deliver({ headers: { authorization: 'Bearer other' }, body })).status).toBe(401);
	});

	it('answers 401 before reading the body', async () => {
		const trigger = await activated();
		const outcome = await trigger.deliver({ headers: { authorization: 'wrong' }, body: 'not json at all' });
		expect(outcome.status).toBe(401);
	});
});

describe('normalization', () => {
	const iso = new Date(TIMESTAMP * 1000).toISOString();

	it.each(PHONE_EVENTS)('%s carries the call ID', async (eventType) => {
		const trigger = await activated();
		const body = phoneEvent(eventType as 'phone_participant_muted', 'CA0123456789abcdef0123456789abcdef');
		const { items } = await trigger.deliver({ headers: bearer(trigger), body });
		expect(items).toEqual([
			{
				json: {
					eventType,
					roomId: ROOM_ID,
					sessionId: SESSION_ID,
					timestamp: TIMESTAMP,
					timestampIso: iso,
					callId: 'CA0123456789abcdef0123456789abcdef',
					data: {},
					payload: body,
				},
			},
		]);
	});

	it.each([
		['data.callId', { data: { callId: 'CA7' } }],
		['data.call_id', { data: { call_id: 'CA7' } }],
	])('reads the call ID from %s too', async (_, extra) => {
		const trigger = await activated();
		const { items } = await trigger.deliver({ headers: bearer(trigger), body: dsEvent('phone_participant_muted', extra) });
		expect(items?.[0].json.callId).toBe('CA7');
	});

	it.each(['participant_joined', 'participant_left', 'session_started', 'session_ended'] as const)(
		'%s keeps room, session, time and data',
		async (eventType) => {
			const trigger = await activated([eventType]);
			const body = eventType === 'participant_joined' ? participantJoined() : dsEvent(eventType);
			const { items } = await trigger.deliver({ headers: bearer(trigger), body });
			expect(items?.[0].json).toEqual({
				eventType,
				roomId: ROOM_ID,
				sessionId: SESSION_ID,
				timestamp: TIMESTAMP,
				timestampIso: iso,
				callId: null,
				data: body.data,
				payload: body,
			});
		},
	);

	it('emits one item per event when a delivery holds several', async () => {
		const trigger = await activated(['session_started', 'session_ended']);
		const { items } = await trigger.deliver({
			headers: bearer(trigger),
			body: [dsEvent('session_started'), dsEvent('participant_left'), dsEvent('session_ended')],
		});
		expect(items?.map((item) => item.json.eventType)).toEqual(['session_started', 'session_ended']);
	});

	it('acknowledges an event that was not selected and starts nothing', async () => {
		const trigger = await activated(['session_ended']);
		const outcome = await trigger.deliver({ headers: bearer(trigger), body: participantJoined() });
		expect(outcome).toEqual({ status: 200, body: { received: true, events: 0, ignored: ['participant_joined'] }, items: undefined });
	});
});

describe('bad bodies', () => {
	it.each([
		['no eventType', { roomId: ROOM_ID }, 'eventType: is required'],
		['an event name that is not one', { eventType: 'Participant Joined!' }, 'eventType: must be an event name such as participant_joined'],
		['a text timestamp', { eventType: 'session_ended', timestamp: 'yesterday' }, 'timestamp'],
		['data that is not an object', { eventType: 'session_ended', data: 'x' }, 'data'],
		['an empty body', {}, 'the body is empty'],
		['a string', 'session_ended', 'body'],
	])('%s: 400 with a clear message, nothing started', async (_, body, reason) => {
		const trigger = await activated(['*']);
		const outcome = await trigger.deliver({ headers: bearer(trigger), body });
		expect(outcome.status).toBe(400);
		expect(outcome.items).toBeUndefined();
		expect((outcome.body as { message: string }).message).toMatch(/^Not a Digital Samba webhook event: /);
		expect((outcome.body as { message: string }).message).toContain(reason);
	});

	it('an oversized body: 413, nothing started', async () => {
		const trigger = await activated(['*']);
		const body = dsEvent('session_ended', { data: { note: 'x'.repeat(70 * 1024) } });
		const outcome = await trigger.deliver({ headers: bearer(trigger), body });
		expect(outcome).toEqual({ status: 413, body: { message: 'The body is larger than 65536 bytes' } });
	});
});
