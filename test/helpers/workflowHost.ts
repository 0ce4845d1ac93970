/**
 * A small n8n for the shipped templates: it loads the workflow JSON as an import would (fresh
 * webhook IDs), serves production webhooks over HTTP (n8n's own Webhook node code reads the
 * request; a Respond to Webhook node's answer is sent back), activates trigger nodes, and runs
 * executions with n8n-core's WorkflowExecute. Built-in nodes come from n8n-nodes-base; the Data
 * Table and deduplication stores, which n8n's server provides, are in memory. The real server is
 * the end-to-end stage's.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type { IConnections, ICredentialType, IDataObject, INode, INodeExecutionData, INodeType, IRun, IWebhookDescription, IWorkflowSettings } from 'n8n-workflow';
import { createRunExecutionData, Node, Workflow } from 'n8n-workflow';

import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { DigitalSambaTrigger } from '../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../nodes/TelephonyRequest/TelephonyRequest.node';
import { InMemoryDataTables } from './inMemoryDataTables';
import { sharedDeduplicator } from './inMemoryDeduplicator';
import { checkOutputs } from './outputSchemas';
import { buildAdditionalData, TestCredentialsHelper, TestNodeTypes } from './n8nRuntime';

/** Every credential type the package declares (package.json `n8n.credentials`), by name. */
function credentialTypes(): Record<string, ICredentialType> {
	const root = path.resolve(__dirname, '../..');
	const declared = (require(path.join(root, 'package.json')) as { n8n: { credentials: string[] } }).n8n.credentials;
	const types: Record<string, ICredentialType> = {};
	for (const file of declared) {
		const source = path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		for (const CredentialClass of Object.values(require(source) as Record<string, unknown>)) {
			if (typeof CredentialClass !== 'function') continue;
			const credential = new (CredentialClass as new () => ICredentialType)();
			types[credential.name] = credential;
		}
	}
	return types;
}

// Built-in nodes the templates use, loaded from n8n's own package.
/* eslint-disable @typescript-eslint/no-require-imports */
const builtIn = (path: string, name: string) => new (require(`n8n-nodes-base/dist/nodes/${path}`)[name])() as INodeType;

export interface WorkflowJson {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

interface LoadedWorkflow {
	id: string;
	workflow: Workflow;
	json: WorkflowJson;
}

export interface HttpAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export class WorkflowHost {
	readonly dataTables = new InMemoryDataTables();
	readonly runs: Array<{ workflow: string; run: IRun }> = [];
	private readonly nodeTypes = new TestNodeTypes();
	private readonly loaded: LoadedWorkflow[] = [];
	private readonly running = new Set<Promise<unknown>>();
	/** As n8n numbers its executions (`$execution.id`): the templates tag their claims with it. */
	private executions = 0;
	private readonly server = createServer();
	private readonly credentialsHelper: TestCredentialsHelper;

	constructor(credentials: Record<string, IDataObject>) {
		this.nodeTypes
			.register('n8n-nodes-digitalsamba.digitalSamba', new DigitalSamba())
			.register('n8n-nodes-digitalsamba.digitalSambaTrigger', new DigitalSambaTrigger())
			.register('n8n-nodes-digitalsamba.telephonyIvr', new TelephonyIvr())
			.register('n8n-nodes-digitalsamba.telephonyRequest', new TelephonyRequest())
			.register('n8n-nodes-base.webhook', builtIn('Webhook/Webhook.node', 'Webhook'))
			.register('n8n-nodes-base.respondToWebhook', builtIn('RespondToWebhook/RespondToWebhook.node', 'RespondToWebhook'))
			.register('n8n-nodes-base.dataTable', builtIn('DataTable/DataTable.node', 'DataTable'))
			.register('n8n-nodes-base.switch', builtIn('Switch/Switch.node', 'Switch'))
			.register('n8n-nodes-base.manualTrigger', builtIn('ManualTrigger/ManualTrigger.node', 'ManualTrigger'))
			.register('n8n-nodes-base.stickyNote', builtIn('StickyNote/StickyNote.node', 'StickyNote'))
			.register('n8n-nodes-base.if', builtIn('If/If.node', 'If'))
			.register('n8n-nodes-base.merge', builtIn('Merge/Merge.node', 'Merge'))
			.register('n8n-nodes-base.aggregate', builtIn('Transform/Aggregate/Aggregate.node', 'Aggregate'));
		this.credentialsHelper = new TestCredentialsHelper(credentialTypes(), credentials as never);
		this.server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.serve(request, response));
	}

	async start(): Promise<this> {
		(await sharedDeduplicator()).reset();
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return this;
	}

	get webhookBase(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
	}

	async close(): Promise<void> {
		await this.settle();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Waits for every execution started so far (and those they lead to) to finish. */
	async settle(): Promise<void> {
		while (this.running.size > 0) await Promise.allSettled([...this.running]);
	}

	/** As the editor's import: every webhook node gets a fresh webhookId. */
	load(json: WorkflowJson): Workflow {
		const id = `wf${this.loaded.length + 1}`;
		const nodes = json.nodes.map((template) => {
			const node: INode = JSON.parse(JSON.stringify(template));
			const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			if (type.description.webhooks?.length) node.webhookId = randomUUID();
			// As a user does after import: pick a credential for each node that needs one.
			for (const { name } of type.description.credentials ?? []) node.credentials = { ...node.credentials, [name]: { id: name, name } };
			return node;
		});
		const workflow = new Workflow({ id, name: json.name, nodes, connections: json.connections, nodeTypes: this.nodeTypes, active: true, staticData: {}, settings: { executionOrder: 'v1', ...json.settings } });
		this.loaded.push({ id, workflow, json });
		return workflow;
	}

	private additionalData(workflow: Workflow, hooks?: ExecutionLifecycleHooks) {
		const data = buildAdditionalData(this.credentialsHelper, hooks);
		Object.assign(data, {
			webhookBaseUrl: this.webhookBase,
			webhookWaitingBaseUrl: this.webhookBase.replace(/webhook$/, 'webhook-waiting'),
			// As with N8N_EDITOR_BASE_URL set (queue mode): the editor is another host than the webhooks.
			instanceBaseUrl: 'http://editor.example.invalid/',
			webhookTestBaseUrl: this.webhookBase.replace('/webhook', '/webhook-test'),
			'data-table': { dataTableProxyProvider: this.dataTables.provider },
			dataTableProjectId: 'project',
			workflowId: workflow.id,
		});
		return data;
	}

	/** Activation: each trigger node with webhook methods runs checkExists, then create if needed. */
	async activate(workflow: Workflow): Promise<void> {
		for (const node of Object.values(workflow.nodes)) {
			const methods = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).webhookMethods?.default;
			if (!methods) continue;
			const context = new HookContext(workflow, node, this.additionalData(workflow), 'trigger', 'activate');
			if (!(await methods.checkExists.call(context))) await methods.create.call(context);
		}
	}

	async deactivate(workflow: Workflow): Promise<void> {
		for (const node of Object.values(workflow.nodes)) {
			const methods = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).webhookMethods?.default;
			if (methods) await methods.delete.call(new HookContext(workflow, node, this.additionalData(workflow), 'trigger', 'manual'));
		}
	}

	/** The production URL of a node's webhook. */
	webhookUrl(workflow: Workflow, nodeName: string): string {
		const node = workflow.getNode(nodeName)!;
		return new HookContext(workflow, node, this.additionalData(workflow), 'trigger', 'activate').getNodeWebhookUrl('default')!;
	}

	/** Runs a workflow from its start node with the given items and waits for the end. */
	async execute(workflow: Workflow, startNode: string, input: INodeExecutionData[] = [{ json: {} }], onResponse?: (response: IDataObject) => void): Promise<IRun> {
		const executionId = String(++this.executions);
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, { id: workflow.id, name: workflow.name ?? '', active: true, activeVersionId: null, isArchived: false, nodes: Object.values(workflow.nodes), connections: workflow.connectionsBySourceNode, createdAt: new Date(), updatedAt: new Date() });
		let finish: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (finish = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
		if (onResponse) hooks.addHandler('sendResponse', (response) => onResponse(response as IDataObject));
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: workflow.getNode(startNode)!, data: { main: [input] }, source: null }] },
		});
		const execution = (async () => {
			await new WorkflowExecute({ ...this.additionalData(workflow, hooks), executionId }, 'webhook', runData).processRunExecutionData(workflow);
			const run = await finished;
			checkOutputs(run, workflow);
			this.runs.push({ workflow: workflow.name ?? workflow.id, run });
			return run;
		})();
		this.running.add(execution);
		void execution.finally(() => this.running.delete(execution)).catch(() => undefined);
		return await execution;
	}

	private findWebhook(path: string): { workflow: Workflow; node: INode } | undefined {
		for (const { workflow } of this.loaded) {
			for (const node of Object.values(workflow.nodes)) {
				if (node.disabled) continue;
				if (node.type === 'n8n-nodes-base.webhook' && String(node.parameters.path ?? '').replace(/^\//, '') === path) return { workflow, node };
				if (node.type !== 'n8n-nodes-base.webhook' && node.webhookId === path) return { workflow, node };
			}
		}
		return undefined;
	}

	private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.webhookBase);
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);
		const answer = await this.handle(url, request, raw).catch((error: Error): HttpAnswer => ({ status: 500, headers: {}, body: `host error: ${error.stack}` }));
		response.writeHead(answer.status, answer.headers);
		response.end(answer.body);
	}

	private async handle(url: URL, request: IncomingMessage, raw: Buffer): Promise<HttpAnswer> {
		const found = this.findWebhook(url.pathname.replace(/^\/webhook\//, ''));
		if (!found) return { status: 404, headers: {}, body: 'The requested webhook is not registered.' };
		const { workflow, node } = found;
		const contentType = String(request.headers['content-type'] ?? '').split(';')[0];
		let body: unknown = {};
		if (raw.length) body = contentType === 'application/json' ? JSON.parse(raw.toString('utf8')) : Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
		const written: HttpAnswer = { status: 200, headers: {}, body: '' };
		let wroteDirectly = false;
		const res = {
			writeHead(status: number, headers: Record<string, string> = {}) {
				written.status = status;
				Object.assign(written.headers, headers);
				wroteDirectly = true;
				return res;
			},
			status(status: number) {
				written.status = status;
				wroteDirectly = true;
				return res;
			},
			json(data: unknown) {
				written.headers['content-type'] = 'application/json';
				written.body = JSON.stringify(data);
				wroteDirectly = true;
				return res;
			},
			end(data?: unknown) {
				if (data !== undefined) written.body = String(data);
				wroteDirectly = true;
				return res;
			},
			send(data: unknown) {
				written.body = typeof data === 'string' ? data : JSON.stringify(data);
				wroteDirectly = true;
				return res;
			},
			setHeader(name: string, value: string) {
				written.headers[name.toLowerCase()] = value;
			},
		};
		const req = {
			method: request.method,
			headers: request.headers,
			query: Object.fromEntries(url.searchParams),
			params: {},
			body,
			rawBody: raw,
			contentType,
			ip: '127.0.0.1',
			ips: [],
		};
		const type = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = type.description.webhooks![0] as IWebhookDescription;
		const additionalData = this.additionalData(workflow);
		Object.assign(additionalData, { httpRequest: req, httpResponse: res });
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', { httpMethod: 'POST', node: node.name, path: url.pathname, webhookDescription: description, workflowId: workflow.id, workflowExecuteAdditionalData: additionalData }, [], null);
		// Newer built-in nodes (class Node) take the context as an argument; others are called on it.
		const result = type instanceof Node ? await type.webhook!(context) : await type.webhook!.call(context);
		if (result.noWebhookResponse && !result.workflowData) return written;
		if (!result.workflowData) {
			return wroteDirectly ? written : { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }) };
		}
		const responseMode = node.type === 'n8n-nodes-base.webhook' ? node.parameters.responseMode : description.responseMode;
		if (result.noWebhookResponse) {
			// As n8n: the node answered itself, and the workflow still starts.
			void this.execute(workflow, node.name, result.workflowData[0]);
			return written;
		}
		if (responseMode !== 'responseNode') {
			void this.execute(workflow, node.name, result.workflowData[0]);
			return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Workflow was started' }) };
		}
		// Answer as soon as a Respond to Webhook node sends; the execution goes on after.
		return await new Promise<HttpAnswer>((resolve) => {
			void this.execute(workflow, node.name, result.workflowData![0], (sent) => {
				const headers = (sent.headers ?? {}) as Record<string, string>;
				const payload = sent.body;
				const text = Buffer.isBuffer(payload) ? payload.toString('utf8') : typeof payload === 'string' ? payload : JSON.stringify(payload ?? '');
				resolve({ status: Number(sent.statusCode ?? 200), headers: { 'content-type': headers['content-type'] ?? 'application/json' }, body: text });
			}).then((run) => {
				const error = run.data.resultData.error;
				resolve({ status: 500, headers: {}, body: error ? `Workflow failed: ${error.message}` : 'No Respond to Webhook node ran' });
			});
		});
	}
}
