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
	options: { input?: INodeExecutionData[]; continueOnFail?: boolean; noCredential?: boolean } = {},
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
				credentials: options.noCredential ? undefined : { telephonyTwilioApi: { id: 'twilio', name: 'Twilio Voice' } },
				onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
			},
		],
		connections: {},
		nodeTypes,
		credentialsHelper: options.noCredential
			? new TestCredentialsHelper({}, {})
			: new TestCredentialsHelper(
					{ telephonyTwilioApi: new TelephonyTwilioApi() },
					{ telephonyTwilioApi: { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.baseUrl } },
				),
		startNode: 'Telephony IVR',
		input: options.input,
	});
	return { ...run, items: run.output('Telephony IVR') };
}

/** One run of every operation that needs no provider (the node hides the credential for these). */
export const NO_PROVIDER_OPERATIONS = [
	{ resource: 'pin', operation: 'generate', callerLength: 6, bridgeLength: 12 },
	{ resource: 'pin', operation: 'buildDtmf', pin: '1234567890', waitSeconds: 1 },
	{ resource: 'invitation', operation: 'create', numbers: { number: [{ country: 'US', number: '+15557654321' }] }, pin: '012345', roomName: 'Standup' },
	{ resource: 'call', operation: 'classify', digits: '1', callerPin: '123456', bridgePin: '9876543210' },
	{ resource: 'response', operation: 'render', steps: { step: [{ kind: 'hangup' }] } },
	{ resource: 'response', operation: 'routePin' },
];
/** Route PIN's input when run alone: the PIN Entered item itself, with no directory row. */
export const PIN_ENTERED = {
	json: {
		webhookUrl: 'https://n8n.example.com/webhook/voice',
		event: { type: 'call.digits', step: 'pin', digits: '1', attempt: 1, callId: 'CA1', from: '+15550001111', to: '+15557654321', state: {}, raw: {} },
	},
};
