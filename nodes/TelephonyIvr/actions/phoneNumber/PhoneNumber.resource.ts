import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { phoneApi } from '../../transport';

/** Points a number's voice and fallback URLs at the workflows, so set-up needs no console copy-paste. */
const configure = {
	description: updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['configure'] } }, [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+15551234567',
			description: 'The number in your account, in E.164. Empty: the account’s only number.',
		},
		{
			displayName: 'Voice URL',
			name: 'voiceUrl',
			type: 'string',
			default: '',
			description:
				"The phone-bridge workflow's production URL. Empty: this n8n's webhook URL with the Voice Path below.",
		},
		{
			displayName: 'Voice Path',
			name: 'voicePath',
			type: 'string',
			default: 'voice',
			description: "The path of the phone-bridge workflow's Webhook node",
		},
		{
			displayName: 'Fallback URL',
			name: 'fallbackUrl',
			type: 'string',
			default: '',
			description:
				'Called when the voice URL fails (the fallback apologises and hangs up). Empty: the webhook URL with the Fallback Path below.',
		},
		{
			displayName: 'Fallback Path',
			name: 'fallbackPath',
			type: 'string',
			default: 'voice-fallback',
			description: 'The path of the fallback Webhook node; empty for no fallback',
		},
	] as INodeProperties[]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const phoneNumber = String(this.getNodeParameter('phoneNumber', i, '')).trim();
		const base = webhookBaseUrl(this);
		const fromPath = (name: string) => {
			const path = String(this.getNodeParameter(name, i, '')).trim().replace(/^\/+/, '');
			return path ? base + path : undefined;
		};
		const voiceUrl = String(this.getNodeParameter('voiceUrl', i, '')).trim() || fromPath('voicePath');
		if (!voiceUrl) throw new NodeOperationError(this.getNode(), 'Give a Voice URL or a Voice Path', { itemIndex: i });
		const fallbackUrl = String(this.getNodeParameter('fallbackUrl', i, '')).trim() || fromPath('fallbackPath');
		const { control } = await phoneApi(this, i);
		const configured = await control.configureNumber(phoneNumber, { voiceUrl, fallbackUrl });
		if ('refused' in configured) throw new NodeOperationError(this.getNode(), configured.refused, { itemIndex: i, description: configured.hint });
		return { ...configured };
	},
};

export const operations = { configure };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [{ name: 'Configure', value: 'configure', action: 'Point a phone number at the IVR', description: 'Point a number’s voice and fallback URLs at this workflow’s webhooks' }],
		default: 'configure',
	},
	...configure.description,
];

/**
 * Where n8n's production webhooks are reached from outside: its webhook URL (`WEBHOOK_URL`), then
 * `webhook/`. Not the instance base URL: that is the editor's (`N8N_EDITOR_BASE_URL`) when set,
 * which in queue mode is another host than the webhook processors. n8n hands a node its webhook
 * origin only inside `$execution.resumeUrl` (`<WEBHOOK_URL>/webhook-waiting/<execution id>`).
 */
function webhookBaseUrl(context: IExecuteFunctions): string {
	const execution = context.getWorkflowDataProxy(0).$execution as { resumeUrl?: string } | undefined;
	const origin = /^(https?:\/\/.+)\/[^/]+\/[^/]*$/.exec(String(execution?.resumeUrl ?? ''))?.[1];
	return `${(origin ?? context.getInstanceBaseUrl()).replace(/\/+$/, '')}/webhook/`;
}
