import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Instruction } from '../../core/voice/instructions';
import { providers } from '../../core/voice/providers';
import type { ProviderId } from '../../core/voice/provider';

/**
 * Markup as the answer to the provider: binary `data` (so a Respond to Webhook node in binary
 * mode sends it without an expression) plus a JSON copy for reading in the editor. The binary is
 * kept inline (base64 in the item) rather than handed to n8n's binary data store: a few hundred
 * bytes per request are not worth a file write on the voice path, and Respond to Webhook sends
 * inline binaries as they are.
 */
export function markupItem(
	provider: ProviderId,
	instructions: Instruction[],
	itemIndex: number,
	json: IDataObject = {},
): INodeExecutionData {
	const markup = providers[provider].render(instructions);
	const bytes = Buffer.from(markup.body, 'utf8');
	const binary: IBinaryData = {
		data: bytes.toString('base64'),
		mimeType: markup.contentType,
		fileName: markup.fileName,
		fileExtension: markup.fileName.split('.').pop(),
		fileSize: `${bytes.length} B`,
	};
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
