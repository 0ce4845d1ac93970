import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forEachItemTo } from '../shared/forEachItem';
import { providerProperty, requestCredentials } from '../TelephonyIvr/actions/markup';
import * as handle from './handle';

/**
 * The voice provider's requests, verified and routed. A node of its own because it is the only
 * step with several outputs: fixed outputs here keep every other node at one output without an
 * `outputs` expression, which n8n evaluates at run time whenever a later node reads an earlier
 * one's item (`$('…').item`, as Route PIN does): an isolate per call on the voice path (DESIGN D11).
 */
export class TelephonyRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telephony Request',
		name: 'telephonyRequest',
		icon: { light: 'file:telephonyRequest.svg', dark: 'file:telephonyRequest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "from " + {' + providerProperty.options.map((option) => `"${option.value}": "${option.name}"`).join(', ') + '}[$parameter["provider"]] }}',
		description:
			'Verify a phone call request from the voice provider (after a Webhook node) and route it: answer, PIN entered, keypad, conference event or rejected',
		defaults: { name: 'Telephony Request' },
		// Not a tool: its input is a Webhook node's request, which an AI agent cannot supply.
		usableAsTool: undefined,
		inputs: [NodeConnectionTypes.Main],
		outputs: handle.OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: handle.OUTPUT_NAMES,
		credentials: requestCredentials,
		properties: [providerProperty, ...handle.description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await forEachItemTo.call(this, handle.execute, handle.OUTPUT_NAMES.length, handle.errorOutput);
	}
}
