import { readdirSync } from 'node:fs';
import path from 'node:path';

import { Expression } from 'n8n-workflow';

import type { WorkflowJson } from '../helpers/workflowHost';
import { CALLER_PIN, Scenario, template } from './scenario';

const files = readdirSync(path.resolve(__dirname, '../../workflows')).filter((file) => file.endsWith('.json'));
const templates: Array<[string, WorkflowJson]> = files.map((file) => [file, template(file)]);

const hasExpression = (value: unknown): boolean =>
	typeof value === 'string' ? value.startsWith('=') : value !== null && typeof value === 'object' && Object.values(value).some(hasExpression);

describe('the shipped templates', () => {
	it('are the four the package promises', () => {
		expect(files.sort()).toEqual(['digitalsamba-to-phone.json', 'phone-bridge.json', 'provision-dial-in-room.json', 'setup-dial-in-directory.json']);
	});

	it.each(templates)('%s has no Code node, no webhook ID, no credential ID, and a sticky note explaining it', (_, workflow) => {
		const types = workflow.nodes.map((node) => node.type);
		expect(types.filter((type) => /\.(code|function|functionItem)$/.test(type))).toEqual([]);
		expect(workflow.nodes.filter((node) => node.webhookId !== undefined || node.credentials !== undefined)).toEqual([]);
		expect(types).toContain('n8n-nodes-base.stickyNote');
	});

	it.each(templates)('%s: every Digital Samba node retries with a wait and keeps the workflow going', (_, workflow) => {
		const dsCalls = workflow.nodes.filter((node) => node.type === 'n8n-nodes-digitalsamba.digitalSamba' && node.parameters.operation === 'applyPhoneEvent');
		for (const node of dsCalls) expect(node).toEqual(expect.objectContaining({ retryOnFail: true, maxTries: 3, waitBetweenTries: 1000, onError: 'continueRegularOutput' }));
	});

	it('the phone bridge saves no successful executions and its webhook paths are short', () => {
		const workflow = template('phone-bridge.json');
		expect(workflow.settings).toEqual(expect.objectContaining({ saveDataSuccessExecution: 'none', executionOrder: 'v1' }));
		const paths = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path);
		expect(paths).toEqual(['voice', 'voice-fallback']);
	});

	it('no expression on the voice path: Webhook, Telephony IVR, the Respond nodes', () => {
		const workflow = template('phone-bridge.json');
		const onVoicePath = ['Voice Webhook', 'Telephony IVR', 'Answer', 'Reject', 'Route PIN', 'Answer PIN', 'Fallback Webhook', 'Apology', 'Answer Fallback'];
		for (const name of onVoicePath) expect([name, hasExpression(workflow.nodes.find((node) => node.name === name)!.parameters)]).toEqual([name, false]);
		// The one expression the PIN step may have: the directory lookup.
		expect(hasExpression(workflow.nodes.find((node) => node.name === 'Find PIN')!.parameters)).toBe(true);
	});
});

describe('running the phone bridge', () => {
	let world: Scenario;
	beforeEach(async () => {
		world = await Scenario.start();
	});
	afterEach(async () => world.stop());

	it('evaluates no expression for an incoming call, wait music or a conference event; one for the PIN lookup', async () => {
		const render = jest.spyOn(Expression.prototype as unknown as { renderExpression: () => unknown }, 'renderExpression');
		const bridge = world.bridge();
		await bridge.joined();
		await world.quiet();
		const bridgeSteps = render.mock.calls.length;
		const caller = world.call({ keys: `${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		// Find PIN's filter has two conditions on $json.digits: the only expressions, once per PIN.
		expect(render.mock.calls.length - bridgeSteps).toBe(2);
		expect(render.mock.calls.length).toBe(4);
		render.mockRestore();
	});
});
