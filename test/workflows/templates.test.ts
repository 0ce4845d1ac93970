import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Expression } from 'n8n-workflow';

import { REPORT_LEASE_MS } from '../../nodes/core/ivr/syncPlan';
import { providers } from '../../nodes/core/voice/providers';
import { derivedTemplates, PROVIDER_TEMPLATES } from '../../scripts/providerTemplates';
import { REQUEST_TIMEOUT_MS } from '../../nodes/DigitalSamba/transport';
import type { WorkflowJson } from '../helpers/workflowHost';
import { postSigned } from '../simulators/twilio/sign';
import { CALLER_PIN, NUMBER, Scenario, template } from './scenario';

const files = readdirSync(path.resolve(__dirname, '../../workflows'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
const templates: Array<[string, WorkflowJson]> = files.map((file) => [file, template(file)]);

const hasExpression = (value: unknown): boolean =>
	typeof value === 'string' ? value.startsWith('=') : value !== null && typeof value === 'object' && Object.values(value).some(hasExpression);

describe('the shipped templates', () => {
	it('are the four the package promises, and each other provider’s three derived from them', () => {
		const derived = Object.keys(providers).filter((id) => id !== 'twilio').flatMap((id) => PROVIDER_TEMPLATES.map((file) => `${id}/${file}`));
		expect(files.sort()).toEqual(['digitalsamba-to-phone.json', 'phone-bridge.json', 'provision-dial-in-room.json', 'setup-dial-in-directory.json', ...derived].sort());
	});

	it('every provider’s templates are what npm run templates derives from the Twilio ones (one source)', () => {
		for (const [file, text] of derivedTemplates()) expect([file, readFileSync(path.resolve(__dirname, '../../workflows', file), 'utf8')]).toEqual([file, text]);
	});

	it.each(templates)('%s has no Code node, no webhook ID, no credential ID, and a sticky note explaining it', (_, workflow) => {
		const types = workflow.nodes.map((node) => node.type);
		expect(types.filter((type) => /\.(code|function|functionItem)$/.test(type))).toEqual([]);
		expect(workflow.nodes.filter((node) => node.webhookId !== undefined || node.credentials !== undefined)).toEqual([]);
		expect(types).toContain('n8n-nodes-base.stickyNote');
	});

	it.each(templates)('%s: every Digital Samba node retries with a wait, and a failure that remains fails the execution', (_, workflow) => {
		// Swallowing the error (Continue On Fail) would leave a caller unreported with nothing to show for it.
		const dsCalls = workflow.nodes.filter((node) => node.type === 'n8n-nodes-digitalsamba.digitalSamba' && node.parameters.operation === 'applyPhoneEvent');
		for (const node of dsCalls) {
			expect(node).toEqual(expect.objectContaining({ retryOnFail: true, waitBetweenTries: 1000 }));
			expect(node.maxTries).toBeGreaterThanOrEqual(3);
			const sync = /Tell Digital Samba/.test(node.name);
			if (sync) expect([node.name, node.onError]).toEqual([node.name, undefined]);
		}
	});

	it('a report is taken over only after Tell Digital Samba has had all its tries', () => {
		// The lease (healing) must outlast the node's retries, each bounded by the request timeout.
		const tell = template('phone-bridge.json').nodes.find((node) => node.name === 'Tell Digital Samba')!;
		const longest = Number(tell.maxTries) * (REQUEST_TIMEOUT_MS + Number(tell.waitBetweenTries));
		expect(REPORT_LEASE_MS).toBeGreaterThan(longest);
	});

	it('the phone bridge saves no successful executions and its webhook paths are short', () => {
		const workflow = template('phone-bridge.json');
		expect(workflow.settings).toEqual(expect.objectContaining({ saveDataSuccessExecution: 'none', executionOrder: 'v1' }));
		const paths = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook').map((node) => node.parameters.path);
		expect(paths).toEqual(['voice', 'voice-fallback']);
	});

	it('no expression on the voice path: Webhook, Telephony Request, the Respond nodes', () => {
		const workflow = template('phone-bridge.json');
		const onVoicePath = ['Voice Webhook', 'Telephony Request', 'Answer', 'Reject', 'Route PIN', 'Answer PIN', 'Fallback Webhook', 'Apology', 'Answer Fallback'];
		for (const name of onVoicePath) expect([name, hasExpression(workflow.nodes.find((node) => node.name === name)!.parameters)]).toEqual([name, false]);
		// The PIN step's expressions: the directory lookup and, for an admitted caller, its record
		// (one execution, so one isolate whatever their number: DESIGN D11).
		expect(hasExpression(workflow.nodes.find((node) => node.name === 'Find PIN')!.parameters)).toBe(true);
		expect(hasExpression(workflow.nodes.find((node) => node.name === 'Record Caller')!.parameters)).toBe(true);
	});
});

describe('running the phone bridge', () => {
	let world: Scenario;
	beforeEach(async () => {
		world = await Scenario.start();
	});
	afterEach(async () => world.stop());

	it('evaluates no expression for an incoming call or wait music; the PIN step evaluates its lookup and record in one execution', async () => {
		const render = jest.spyOn(Expression.prototype as unknown as { renderExpression: () => unknown }, 'renderExpression');
		const url = `${world.host.webhookBase}/voice`;
		const call = { AccountSid: world.twilio.accountSid, CallSid: 'CA' + '0'.repeat(32), From: '+15550001111', To: NUMBER, CallStatus: 'ringing' };
		expect((await postSigned(url, call, world.twilio.authToken)).status).toBe(200);
		expect((await postSigned(`${url}?step=wait`, { AccountSid: world.twilio.accountSid }, world.twilio.authToken)).status).toBe(200);
		await world.quiet();
		expect(render).not.toHaveBeenCalled();

		const caller = world.call({ keys: `${CALLER_PIN}#` });
		await caller.joined();
		await world.quiet();
		expect(render).toHaveBeenCalled();
		render.mockRestore();
	});
});
