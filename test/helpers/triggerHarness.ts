/**
 * A trigger node the way n8n drives one, with n8n-core's own HookContext and WebhookContext:
 * activation runs `checkExists` and, when that says no, `create`; deactivation runs `delete`; a
 * delivery runs `webhook()` with the request and a response object, and an execution starts only
 * if it returns workflow data. (The real HTTP path through n8n comes with the end-to-end stage.)
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialsHelper,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestNodeTypes } from './n8nRuntime';
import { buildAdditionalData } from './n8nRuntime';

export interface Delivery {
	headers?: Record<string, string>;
	body: unknown;
	/** Bytes as received; defaults to the JSON of `body`. */
	rawBody?: Buffer;
}

export interface DeliveryOutcome {
	status: number;
	body: unknown;
	/** What the execution would start with; undefined when none starts. */
	items?: INodeExecutionData[];
}

export class TriggerHarness {
	readonly workflow: Workflow;
	private readonly node: INode;

	constructor(
		node: INode,
		private readonly nodeTypes: TestNodeTypes,
		private readonly credentialsHelper: ICredentialsHelper,
		private readonly webhookBaseUrl = 'http://localhost:5678/webhook',
	) {
		this.node = { webhookId: '5b0e3c2a-9d4f-4e61-8a7b-1c2d3e4f5a6b', ...node };
		this.workflow = new Workflow({
			id: 'wf-trigger',
			name: 'Phone sync',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
	}

	private get type(): INodeType {
		return this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	private additionalData(request?: unknown, response?: unknown) {
		const data = buildAdditionalData(this.credentialsHelper);
		Object.assign(data, { webhookBaseUrl: this.webhookBaseUrl, httpRequest: request, httpResponse: response });
		return data;
	}

	private webhookData(): IWebhookData {
		const description = this.type.description.webhooks![0] as IWebhookDescription;
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: this.node.webhookId!,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
		};
	}

	private async hook(name: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const context = new HookContext(this.workflow, this.node, this.additionalData(), 'trigger', 'activate', this.webhookData());
		const method = this.type.webhookMethods!.default![name];
		return (await method.call(context)) as boolean;
	}

	/** The URL n8n gives this node's webhook in production. */
	get url(): string {
		const context = new HookContext(this.workflow, this.node, this.additionalData(), 'trigger', 'activate');
		return context.getNodeWebhookUrl('default') as string;
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** What n8n does on activation: create the webhook unless checkExists finds it. */
	async activate(): Promise<'existed' | 'created'> {
		if (await this.hook('checkExists')) return 'existed';
		await this.hook('create');
		return 'created';
	}

	async deactivate(): Promise<void> {
		await this.hook('delete');
	}

	async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
		const headers = Object.fromEntries(
			Object.entries(delivery.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
		);
		const request = {
			headers,
			body: delivery.body,
			query: {},
			params: {},
			rawBody: delivery.rawBody ?? Buffer.from(JSON.stringify(delivery.body ?? null)),
		};
		const written: { status?: number; body?: unknown } = {};
		const response = {
			status(code: number) {
				written.status = code;
				return response;
			},
			json(body: unknown) {
				written.body = body;
				return response;
			},
			send(body: unknown) {
				written.body = body;
				return response;
			},
			end() {
				return response;
			},
		};
		const context = new WebhookContext(
			this.workflow,
			this.node,
			this.additionalData(request, response),
			'webhook',
			this.webhookData(),
			[],
			null,
		);
		const result = await this.type.webhook!.call(context);
		// As n8n: a node that answered itself (noWebhookResponse) may still start the workflow.
		if (result.noWebhookResponse) return { status: written.status ?? 200, body: written.body, items: result.workflowData?.[0] };
		if (!result.workflowData) return { status: 200, body: result.webhookResponse ?? { message: 'Webhook call received' } };
		// responseMode onReceived: n8n answers at once and starts the execution.
		return { status: 200, body: { message: 'Workflow was started' }, items: result.workflowData[0] };
	}
}
