import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Instruction } from '../../core/voice/instructions';
import { providers } from '../../core/voice/providers';
import type { ProviderId } from '../../core/voice/provider';

/**
 * Markup as the answer to the provider: binary `data` (so a Respond to Webhook node in binary
 * mode sends it without an expression) plus a JSON copy for reading in the editor.
 */
export async function markupItem(
	context: IExecuteFunctions,
	provider: ProviderId,
	instructions: Instruction[],
	itemIndex: number,
	json: IDataObject = {},
): Promise<INodeExecutionData> {
	const markup = providers[provider].render(instructions);
	const binary = await context.helpers.prepareBinaryData(Buffer.from(markup.body, 'utf8'), markup.fileName, markup.contentType);
	return { json: { ...json, markup: markup.body }, binary: { data: binary }, pairedItem: { item: itemIndex } };
}

export const providerProperty = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options' as const,
	options: [{ name: 'Twilio', value: 'twilio' }],
	default: 'twilio',
	description: 'The voice provider whose requests and markup this node handles',
};
