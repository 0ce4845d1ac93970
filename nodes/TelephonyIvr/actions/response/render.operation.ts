/** Render: any instructions, in order, as markup (for flows beyond the built-in IVR steps). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apology, pinPrompt, waitMusic } from '../../../core/ivr/script';
import type { Instruction } from '../../../core/voice/instructions';
import type { Routed } from '../../../shared/forEachItem';
import { providerOf } from '../../transport';
import { markupItem } from '../markup';
import { ivrSettings, ivrSettingsProperty } from '../settings';

const show = (kinds: string[]) => ({ show: { kind: kinds } });

const properties: INodeProperties[] = [
	{
		displayName: 'Steps', description: 'What the caller hears and what happens, in order',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		options: [
			{
				displayName: 'Step',
				name: 'step',
				values: [
					{
						displayName: 'Kind', description: 'What this step does',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Apology and Hang Up', value: 'apology' },
							{ name: 'Hang Up', value: 'hangup' },
							{ name: 'Pause', value: 'pause' },
							{ name: 'Play Audio', value: 'play' },
							{ name: 'Prompt for PIN', value: 'promptForPin' },
							{ name: 'Redirect', value: 'redirect' },
							{ name: 'Say', value: 'say' },
							{ name: 'Wait Music', value: 'waitMusic' },
						],
						default: 'say',
					},
					{ displayName: 'Seconds', description: 'How long to pause', name: 'seconds', type: 'number', default: 1, displayOptions: show(['pause']) },
					{ displayName: 'Text', description: 'What to say', name: 'text', type: 'string', default: '', displayOptions: show(['say']) },
					{ displayName: 'URL', description: 'The audio file to play, or the webhook to redirect to', name: 'url', type: 'string', default: '', displayOptions: show(['play', 'redirect']) },
				],
			},
		],
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		description: "For Prompt for PIN: where the digits go. Empty: the input item's webhookUrl (from a Webhook node).",
	},
	ivrSettingsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['response'], operation: ['render'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<Routed> {
	const provider = providerOf(this, i);
	const settings = ivrSettings(this, i);
	const steps = this.getNodeParameter('steps.step', i, []) as IDataObject[];
	const webhookUrl = (this.getNodeParameter('webhookUrl', i, '') as string) || String(this.getInputData()[i].json.webhookUrl ?? '');
	const say = (text: string): Instruction => ({ kind: 'say', text, voice: settings.voice, language: settings.language });
	const instructions = steps.flatMap((step): Instruction[] => {
		switch (step.kind) {
			case 'say':
				return [say(String(step.text ?? ''))];
			case 'play':
				return [{ kind: 'play', url: String(step.url ?? '') }];
			case 'pause':
				return [{ kind: 'pause', seconds: Number(step.seconds ?? 1) }];
			case 'redirect':
				return [{ kind: 'redirect', url: String(step.url ?? '') }];
			case 'hangup':
				return [{ kind: 'hangup' }];
			case 'apology':
				return apology(settings);
			case 'waitMusic':
				return waitMusic(settings);
			case 'promptForPin':
				if (!webhookUrl) {
					throw new NodeOperationError(this.getNode(), 'Prompt for PIN needs a webhook URL', { itemIndex: i });
				}
				return pinPrompt(webhookUrl, settings);
			default:
				throw new NodeOperationError(this.getNode(), `Unknown step '${String(step.kind)}'`, { itemIndex: i });
		}
	});
	return { routed: [[0, markupItem(this, provider, instructions, i)]] };
}
