/** Runs the Digital Samba node, as n8n would, against a Digital Samba simulator. */
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DigitalSambaApi } from '../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { DigitalSambaTrigger } from '../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import type { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { WorkflowRun } from './n8nRuntime';
import { loadOptionsContext, runWorkflow, TestCredentialsHelper, TestNodeTypes } from './n8nRuntime';
import { TriggerHarness } from './triggerHarness';

export const NODE_NAME = 'Digital Samba';

const nodeTypes = new TestNodeTypes()
	.register('n8n-nodes-digitalsamba.digitalSamba', new DigitalSamba())
	.register('n8n-nodes-digitalsamba.digitalSambaTrigger', new DigitalSambaTrigger());

export interface RunDigitalSambaOptions {
	continueOnFail?: boolean;
	input?: INodeExecutionData[];
	credentials?: IDataObject;
}

function credentialsFor(simulator: DigitalSambaSimulator, overrides: IDataObject = {}) {
	return new TestCredentialsHelper(
		{ digitalSambaApi: new DigitalSambaApi() },
		{
			digitalSambaApi: {
				teamId: simulator.teamId,
				apiKey: simulator.developerKey,
				baseUrl: simulator.baseUrl,
				...overrides,
			},
		},
	);
}

function nodeWith(parameters: INodeParameters, continueOnFail = false): INode {
	return {
		id: 'ds-node',
		name: NODE_NAME,
		type: 'n8n-nodes-digitalsamba.digitalSamba',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { digitalSambaApi: { id: 'cred-1', name: 'Digital Samba account' } },
		onError: continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
}

/** The context the editor gives the node's list-search and load-options methods. */
export function digitalSambaMethodsContext(simulator: DigitalSambaSimulator, parameters: INodeParameters = {}) {
	return loadOptionsContext(nodeWith(parameters), nodeTypes, credentialsFor(simulator));
}

export async function runDigitalSamba(
	simulator: DigitalSambaSimulator,
	parameters: INodeParameters,
	options: RunDigitalSambaOptions = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const run = await runWorkflow({
		nodes: [nodeWith(parameters, options.continueOnFail)],
		connections: {},
		nodeTypes,
		credentialsHelper: credentialsFor(simulator, options.credentials),
		startNode: NODE_NAME,
		input: options.input,
	});
	return { ...run, items: run.output(NODE_NAME) };
}

/** A room locator value as the editor stores it. */
export const room = (value: string, mode: 'id' | 'friendlyUrl' | 'url' | 'list' = 'id') => ({
	__rl: true,
	mode,
	value,
});

/** The Digital Samba Trigger, activated and fed deliveries as n8n would. */
export function digitalSambaTrigger(
	simulator: DigitalSambaSimulator,
	parameters: INodeParameters,
	webhookBaseUrl?: string,
): TriggerHarness {
	const node: INode = {
		id: 'ds-trigger',
		name: 'Digital Samba Trigger',
		type: 'n8n-nodes-digitalsamba.digitalSambaTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { digitalSambaApi: { id: 'cred-1', name: 'Digital Samba account' } },
	};
	return new TriggerHarness(node, nodeTypes, credentialsFor(simulator), webhookBaseUrl);
}
