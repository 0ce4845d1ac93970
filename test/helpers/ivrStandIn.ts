/**
 * A small HTTP server that hands each provider request to the Telephony IVR exactly as n8n's chain
 * would: Webhook (its item: headers, params, query, body, webhookUrl) → Telephony Request
 * → on PIN Entered, a directory lookup → Telephony IVR (Route PIN); the answer is
 * the binary markup a Respond to Webhook node in binary mode would send, or 403 for Rejected.
 * The nodes run in n8n-core's WorkflowExecute. The directory lookup is a test node standing in for
 * n8n's Data Table node (the workflow tests use the real one).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TelephonyTwilioApi } from '../../credentials/TelephonyTwilioApi.credentials';
import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../nodes/TelephonyRequest/TelephonyRequest.node';
import type { TwilioSimulator } from '../simulators/twilio/server';
import { runWorkflow, TestCredentialsHelper, TestNodeTypes } from './n8nRuntime';

export interface DirectoryRow extends IDataObject {
	caller_pin: string;
	bridge_pin: string;
	conference_name: string;
	room_id: string;
}

/** Stands in for the Data Table node's "get rows where caller_pin = digits or bridge_pin = digits". */
class DirectoryLookup implements INodeType {
	static rows: DirectoryRow[] = [];

	description = {
		displayName: 'Directory Lookup',
		name: 'directoryLookup',
		group: ['transform'],
		version: 1,
		description: 'test stand-in for the Data Table node',
		defaults: { name: 'Directory Lookup' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => {
				const digits = String(item.json.digits ?? '');
				const row = DirectoryLookup.rows.find((entry) => digits !== '' && (entry.caller_pin === digits || entry.bridge_pin === digits));
				// Like the Data Table node with "Always Output Data": an empty item when nothing matched.
				return { json: row ? { ...row } : {}, pairedItem: { item: index } };
			}),
		];
	}
}

const IVR_TYPE = 'n8n-nodes-digitalsamba.telephonyIvr';
const REQUEST_TYPE = 'n8n-nodes-digitalsamba.telephonyRequest';

export interface HandledRequest {
	url: string;
	status: number;
	body: string;
	outputs: Record<string, INodeExecutionData[]>;
}

export class IvrStandIn {
	readonly handled: HandledRequest[] = [];
	private readonly nodeTypes = new TestNodeTypes().register(IVR_TYPE, new TelephonyIvr()).register(REQUEST_TYPE, new TelephonyRequest()).register('test.directoryLookup', new DirectoryLookup());
	private server = createServer();

	constructor(
		private readonly twilio: TwilioSimulator,
		directory: DirectoryRow[],
		private readonly ivrSettings: INodeParameters = {},
		private readonly bridgeChecks: INodeParameters = {},
	) {
		DirectoryLookup.rows = directory;
		this.server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response));
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return this;
	}

	get voiceUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook/voice`;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Every conference event the IVR put out, in the order handled. */
	get conferenceEvents(): IDataObject[] {
		return this.handled.flatMap((request) => (request.outputs['Conference'] ?? []).map((item) => item.json));
	}

	get keypadEvents(): IDataObject[] {
		return this.handled.flatMap((request) => (request.outputs.Keypad ?? []).map((item) => item.json));
	}

	private node(name: string, parameters: INodeParameters, position: number, type = IVR_TYPE): INode {
		return {
			id: name,
			name,
			type,
			typeVersion: 1,
			position: [position, 0],
			parameters: { provider: 'twilio', ...parameters },
			credentials: { telephonyTwilioApi: { id: 'twilio', name: 'Twilio Voice' } },
		};
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.voiceUrl);
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
		const webhookItem = {
			headers: request.headers as IDataObject,
			params: {},
			query: Object.fromEntries(url.searchParams),
			body,
			webhookUrl: `${url.origin}${url.pathname}`,
			executionMode: 'production',
		};
		const run = await runWorkflow({
			nodes: [
				this.node('Telephony Request', { ivr: this.ivrSettings }, 0, REQUEST_TYPE),
				{ id: 'lookup', name: 'Directory Lookup', type: 'test.directoryLookup', typeVersion: 1, position: [200, 0], parameters: {} },
				this.node('Route PIN', { resource: 'response', operation: 'routePin', ivr: this.ivrSettings, bridgeChecks: this.bridgeChecks }, 400),
			],
			connections: {
				'Telephony Request': { main: [[], [{ node: 'Directory Lookup', type: NodeConnectionTypes.Main, index: 0 }]] },
				'Directory Lookup': { main: [[{ node: 'Route PIN', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			nodeTypes: this.nodeTypes,
			credentialsHelper: new TestCredentialsHelper(
				{ telephonyTwilioApi: new TelephonyTwilioApi() },
				{ telephonyTwilioApi: { accountSid: this.twilio.accountSid, authToken: this.twilio.authToken, baseUrl: this.twilio.baseUrl } },
			),
			startNode: 'Telephony Request',
			input: [{ json: webhookItem }],
		});
		const names = ['Answer', 'PIN Entered', 'Keypad', 'Conference', 'Rejected'];
		const outputs: Record<string, INodeExecutionData[]> = Object.fromEntries(names.map((name, index) => [name, run.output('Telephony Request', index)]));
		outputs['Route PIN'] = run.output('Route PIN');
		const markupItem = outputs.Answer[0] ?? outputs['Route PIN'][0];
		let status = 500;
		let text = run.error ? `workflow error: ${run.error.message}` : 'no response';
		if (outputs.Rejected.length > 0) {
			status = 403;
			text = 'Forbidden';
		} else if (markupItem?.binary?.data) {
			status = 200;
			text = Buffer.from(markupItem.binary.data.data, 'base64').toString('utf8');
		}
		this.handled.push({ url: url.toString(), status, body: text, outputs });
		response.writeHead(status, { 'content-type': status === 200 ? 'text/xml' : 'text/plain' });
		response.end(text);
	}
}
