import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TelephonyTwilioApi } from '../../../credentials/TelephonyTwilioApi.credentials';
import { DEFAULT_IVR_SETTINGS } from '../../../nodes/core/ivr/script';
import { ivrSettingsProperty } from '../../../nodes/TelephonyIvr/actions/settings';
import { providers } from '../../../nodes/core/voice/providers';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { TelephonyIvr } from '../../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../../nodes/TelephonyRequest/TelephonyRequest.node';
import { TestNodeTypes } from '../../helpers/n8nRuntime';
import { NO_PROVIDER_OPERATIONS } from '../../helpers/telephonyIvrNode';

const { description } = new TelephonyIvr();

describe('Telephony IVR description', () => {
	it('shows each provider’s credential for that provider, and only on operations that reach it', () => {
		const providerIds = Object.keys(providers);
		expect(description.credentials?.map((credential) => credential.name)).toEqual(Object.values(providers).map((provider) => provider.credential.name));
		expect(description.credentials?.[0].name).toBe(new TelephonyTwilioApi().name);
		const allOperations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => String(option.value)));
		const withoutProvider = NO_PROVIDER_OPERATIONS.map((operation) => operation.operation);
		for (const [index, credential] of (description.credentials ?? []).entries()) {
			expect(credential.required).toBe(true);
			expect(credential.displayOptions?.show?.provider).toEqual([providerIds[index]]);
			// callControl.test.ts runs every operation hidden here without any credential.
			expect(new Set(credential.displayOptions?.show?.operation)).toEqual(new Set(allOperations.filter((operation) => !withoutProvider.includes(operation))));
		}
	});

	const nodeOf = (type: INodeType, parameters: INodeParameters) => {
		const node: INode = { id: '1', name: 'Node', type: `n8n-nodes-digitalsamba.${type.description.name}`, typeVersion: 1, position: [0, 0], parameters };
		const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes: new TestNodeTypes().register(node.type, type), active: false });
		return { node: workflow.getNode('Node')!, workflow };
	};

	it('only Telephony Request routes, on five fixed outputs; the Telephony IVR has one output whatever the operation', () => {
		const request = new TelephonyRequest().description;
		expect(request.outputs).toEqual(['main', 'main', 'main', 'main', 'main']);
		expect(request.outputNames).toEqual(['Answer', 'PIN Entered', 'Keypad', 'Conference', 'Rejected']);
		// Fixed lists, not expressions: n8n evaluates an outputs expression at run time when a later
		// node reads an earlier one's item (Route PIN does), which would cost an isolate per call.
		expect(description.outputs).toEqual(['main']);
		expect(description.outputNames).toBeUndefined();
		const resources = (description.properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		expect(resources.map((option) => option.value)).not.toContain('request');
	});

	it('subtitles come from display names, short enough for the canvas, never raw values', () => {
		const subtitleOf = (type: INodeType, parameters: INodeParameters) => {
			const { node, workflow } = nodeOf(type, parameters);
			return workflow.expression.getSimpleParameterValue(node, type.description.subtitle as string, 'internal', {}) as string;
		};
		const ivr = new TelephonyIvr();
		expect(subtitleOf(ivr, { resource: 'response', operation: 'routePin' })).toBe('Route PIN');
		expect(subtitleOf(ivr, { resource: 'invitation', operation: 'create' })).toBe('Invitation: Create');
		expect(subtitleOf(new DigitalSamba(), { resource: 'room', operation: 'getAll' })).toBe('Room: Get Many');
		expect(subtitleOf(new TelephonyRequest(), { provider: 'sinch' })).toBe('from Sinch');
		for (const type of [ivr, new DigitalSamba()]) {
			for (const property of type.description.properties.filter((candidate) => candidate.name === 'operation')) {
				for (const option of property.options as INodePropertyOptions[]) {
					const resource = (property.displayOptions?.show?.resource as string[])[0];
					const subtitle = subtitleOf(type, { resource, operation: String(option.value) });
					expect([subtitle, subtitle.includes(option.name), subtitle.length <= 28]).toEqual([subtitle, true, true]);
				}
			}
		}
	});

	it('the node creator finds both telephony nodes by every provider’s name (their codex aliases)', () => {
		for (const file of ['TelephonyIvr/TelephonyIvr.node.json', 'TelephonyRequest/TelephonyRequest.node.json']) {
			const codex = JSON.parse(readFileSync(path.resolve(__dirname, '../../../nodes', file), 'utf8')) as { alias: string[] };
			for (const provider of Object.values(providers)) expect([file, codex.alias]).toEqual([file, expect.arrayContaining([provider.name])]);
			expect(codex.alias).toEqual(expect.arrayContaining(['phone', 'dial-in', 'PSTN', 'SIP', 'IVR', 'conference', 'video meeting']));
		}
	});

	it('the IVR settings’ defaults are the core’s defaults', () => {
		for (const option of ivrSettingsProperty.options as INodeProperties[]) {
			const key = option.name as keyof typeof DEFAULT_IVR_SETTINGS;
			if (key in DEFAULT_IVR_SETTINGS) expect([key, option.default]).toEqual([key, DEFAULT_IVR_SETTINGS[key]]);
			else expect([key, option.default]).toEqual([key, '']);
		}
	});

	it('every operation has an action sentence', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		for (const property of operations) {
			for (const option of property.options as INodePropertyOptions[]) expect(option.action).toMatch(/^[A-Z][^.]*[A-Za-z]$/);
		}
		const resources = (description.properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		// Each resource has its operation list (twice where agents see a shorter one: forAgents.test.ts).
		expect([...new Set(operations.map((property) => (property.displayOptions?.show as IDataObject).resource).flat())].sort()).toEqual(
			resources.map((option) => option.value).sort(),
		);
	});

	it('the Twilio credential signs in with the API key when there is one, else the Auth Token', async () => {
		const credential = new TelephonyTwilioApi();
		const basic = async (data: ICredentialDataDecryptedObject) =>
			Buffer.from(String((await credential.authenticate(data, { url: '' })).headers?.Authorization).replace('Basic ', ''), 'base64').toString();
		expect(await basic({ accountSid: 'AC1', authToken: 'tok' })).toBe('AC1:tok');
		expect(await basic({ accountSid: 'AC1', authToken: 'tok', apiKeySid: 'SK1', apiKeySecret: 'sec' })).toBe('SK1:sec');
	});
});
