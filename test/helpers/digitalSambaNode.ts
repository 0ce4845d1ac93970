/** Runs the Digital Samba node, as n8n would, against a Digital Samba simulator. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DigitalSambaApi } from '../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import type { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { WorkflowRun } from './n8nRuntime';
import { runWorkflow, TestCredentialsHelper, TestNodeTypes } from './n8nRuntime';

export const NODE_NAME = 'Digital Samba';

const nodeTypes = new TestNodeTypes().register('n8n-nodes-digitalsamba.digitalSamba', new DigitalSamba());

export interface RunDigitalSambaOptions {
	continueOnFail?: boolean;
	input?: INodeExecutionData[];
	credentials?: IDataObject;
}

export async function runDigitalSamba(
	simulator: DigitalSambaSimulator,
	parameters: INodeParameters,
	options: RunDigitalSambaOptions = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const credentials = {
		teamId: simulator.teamId,
		apiKey: simulator.developerKey,
		baseUrl: simulator.baseUrl,
		...options.credentials,
	};
	const run = await runWorkflow({
		nodes: [
			{
				id: 'ds-node',
				name: NODE_NAME,
				type: 'n8n-nodes-digitalsamba.digitalSamba',
				typeVersion: 1,
				position: [0, 0],
				parameters,
				credentials: { digitalSambaApi: { id: 'cred-1', name: 'Digital Samba account' } },
				onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
			},
		],
		connections: {},
		nodeTypes,
		credentialsHelper: new TestCredentialsHelper(
			{ digitalSambaApi: new DigitalSambaApi() },
			{ digitalSambaApi: credentials },
		),
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
