import { runDigitalSamba } from '../../helpers/digitalSambaNode';
import { useDigitalSambaSimulator } from '../../helpers/simulatorFixture';

const sim = useDigitalSambaSimulator();
const sent = () => sim.current.requests.map(({ method, path, body }) => ({ method, path, body }));
const webhookRef = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('webhook', () => {
	it('creates a webhook with events, name and secret', async () => {
		const { items } = await runDigitalSamba(sim.current, {
			resource: 'webhook',
			operation: 'create',
			endpoint: 'https://n8n.example.com/webhook/ds',
			events: ['phone_participant_muted', 'phone_participant_unmuted'],
			additionalFields: { name: 'Phone sync', authorization_header: 's3cret' },
		});
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/api/v1/webhooks',
				body: {
					endpoint: 'https://n8n.example.com/webhook/ds',
					events: ['phone_participant_muted', 'phone_participant_unmuted'],
					name: 'Phone sync',
					authorization_header: 's3cret',
				},
			},
		]);
		const [stored] = sim.current.state.webhooks.values();
		expect(items[0].json).toEqual(expect.objectContaining({ id: stored.id, name: 'Phone sync' }));
	});

	it('refuses an endpoint over 100 characters before sending it', async () => {
		const endpoint = `https://n8n.example.com/webhook/${'x'.repeat(70)}`;
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'webhook',
			operation: 'create',
			endpoint,
			events: ['session_ended'],
		});
		expect(error?.message).toBe(
			`Invalid webhook URL: the URL has ${endpoint.length} characters; Digital Samba accepts at most 100`,
		);
		expect(sim.current.requests).toEqual([]);
	});

	it('gets, lists, updates and deletes webhooks', async () => {
		const first = sim.current.state.createWebhook({ endpoint: 'https://a.example.com/hook', events: ['session_ended'] });
		sim.current.state.createWebhook({ endpoint: 'https://b.example.com/hook', events: ['session_started'] });

		const got = await runDigitalSamba(sim.current, { resource: 'webhook', operation: 'get', webhookId: webhookRef(first.id) });
		expect(got.items[0].json.endpoint).toBe('https://a.example.com/hook');

		const listed = await runDigitalSamba(sim.current, { resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(listed.items.map((item) => item.json.endpoint).sort()).toEqual([
			'https://a.example.com/hook',
			'https://b.example.com/hook',
		]);

		const updated = await runDigitalSamba(sim.current, {
			resource: 'webhook',
			operation: 'update',
			webhookId: webhookRef(first.id),
			updateFields: { events: ['participant_joined', 'participant_left'], name: '' },
		});
		expect(updated.items[0].json.events).toEqual(['participant_joined', 'participant_left']);
		expect(sim.current.requests.at(-1)?.body).toEqual({ events: ['participant_joined', 'participant_left'] });

		const deleted = await runDigitalSamba(sim.current, {
			resource: 'webhook',
			operation: 'delete',
			webhookId: webhookRef(first.id),
		});
		expect(deleted.items[0].json).toEqual({ deleted: true, webhookId: first.id });
		expect([...sim.current.state.webhooks.keys()]).not.toContain(first.id);
	});

	it('shows the field errors Digital Samba gives for an unknown event', async () => {
		const { error } = await runDigitalSamba(sim.current, {
			resource: 'webhook',
			operation: 'create',
			endpoint: 'https://n8n.example.com/webhook/ds',
			events: ['phone_participant_removed'],
		});
		expect(error?.message).toBe('Digital Samba rejected the request: The events.0 field is invalid.');
		expect(error?.description).toBe('events.0: is invalid');
	});
});
