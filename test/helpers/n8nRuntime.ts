/**
 * Just enough of n8n's server for n8n-core's own WorkflowExecute to run our nodes in-process: node
 * types, a credentials helper that hands out test credentials and applies each credential type's
 * own `authenticate`, and the lifecycle hooks that report the finished run. Everything between the
 * node and the HTTP socket is n8n's real code (parameters, resource locators, request helpers,
 * error wrapping, continueOnFail, pairedItem).
 */
import { checkOutputs } from './outputSchemas';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	register(name: string, type: INodeType | IVersionedNodeType): this {
		this.types.set(name, type);
		return this;
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate) throw new Error(`Generic authentication of ${typeName} is not supported by the test runtime`);
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the test runtime');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		// Like n8n, fill in the type's defaults for anything the stored credential leaves out.
		const defaults = Object.fromEntries(
			(this.types[type]?.properties ?? []).map((property: INodeProperties) => [property.name, property.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}

/** The parts of n8n's per-execution context our nodes and n8n-core's helpers read. */
export function buildAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function buildWorkflow(nodes: INode[], connections: IConnections, nodeTypes: TestNodeTypes): Workflow {
	return new Workflow({
		id: 'test-workflow',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
}

/** n8n's own context for a node's list-search and load-options methods (what the editor calls). */
export function loadOptionsContext(
	node: INode,
	nodeTypes: TestNodeTypes,
	credentialsHelper: ICredentialsHelper,
): LoadOptionsContext {
	const workflow = buildWorkflow([node], {}, nodeTypes);
	return new LoadOptionsContext(workflow, node, buildAdditionalData(credentialsHelper), '');
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node's first run, per output. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error that stopped the workflow, if one did. */
	error: IRun['data']['resultData']['error'];
}

export interface RunWorkflowOptions {
	nodes: INode[];
	connections: IConnections;
	nodeTypes: TestNodeTypes;
	credentialsHelper: ICredentialsHelper;
	startNode: string;
	input?: INodeExecutionData[];
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
	const workflow = buildWorkflow(options.nodes, options.connections, options.nodeTypes);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	let reportRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (reportRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => reportRun(run));

	const additionalData = buildAdditionalData(options.credentialsHelper, hooks);

	const start = workflow.getNode(options.startNode);
	if (!start) throw new Error(`No node named ${options.startNode}`);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: start, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});

	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	checkOutputs(run, workflow);
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName, outputIndex = 0) {
			return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
		},
	};
}
