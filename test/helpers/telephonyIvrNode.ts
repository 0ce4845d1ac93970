/** Runs a Telephony IVR operation, as n8n would, against the Twilio simulator. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { TelephonyTwilioApi } from '../../credentials/TelephonyTwilioApi.credentials';
import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import type { TwilioSimulator } from '../simulators/twilio/server';
import type { WorkflowRun } from './n8nRuntime';
import { runWorkflow, TestCredentialsHelper, TestNodeTypes } from './n8nRuntime';

const nodeTypes = new TestNodeTypes().register('n8n-nodes-digitalsamba.telephonyIvr', new TelephonyIvr());

export async function runTelephonyIvr(
	twilio: TwilioSimulator,
	parameters: INodeParameters,
	options: { input?: INodeExecutionData[]; continueOnFail?: boolean } = {},
): Promise<WorkflowRun & { items: INodeExecutionData[] }> {
	const run = await runWorkflow({
		nodes: [
			{
				id: 'ivr',
				name: 'Telephony IVR',
				type: 'n8n-nodes-digitalsamba.telephonyIvr',
				typeVersion: 1,
				position: [0, 0],
				parameters: { provider: 'twilio', ...parameters },
				credentials: { telephonyTwilioApi: { id: 'twilio', name: 'Twilio Voice' } },
				onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
			},
		],
		connections: {},
		nodeTypes,
		credentialsHelper: new TestCredentialsHelper(
			{ telephonyTwilioApi: new TelephonyTwilioApi() },
			{ telephonyTwilioApi: { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.baseUrl } },
		),
		startNode: 'Telephony IVR',
		input: options.input,
	});
	return { ...run, items: run.output('Telephony IVR') };
}
