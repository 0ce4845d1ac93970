import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallEvent } from '../../core/voice/events';

import type { Instruction } from '../../core/voice/instructions';
import type { VoiceProvider } from '../../core/voice/provider';
import { providers } from '../../core/voice/providers';

/**
 * Markup as the answer to the provider: binary `data` (so a Respond to Webhook node in binary
 * mode sends it without an expression) plus a JSON copy for reading in the editor. The binary is
 * kept inline (base64 in the item) rather than handed to n8n's binary data store: a few hundred
 * bytes per request are not worth a file write on the voice path, and Respond to Webhook sends
 * inline binaries as they are.
 */
export function markupItem(
	context: IExecuteFunctions,
	provider: VoiceProvider,
	instructions: Instruction[],
	itemIndex: number,
	json: IDataObject = {},
	call?: CallEvent,
): INodeExecutionData {
	let markup: ReturnType<VoiceProvider['render']>;
	try {
		markup = provider.render(instructions, call);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex, description: `Not something ${provider.name} can do` });
	}
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
	options: Object.values(providers).map((provider) => ({ name: provider.name, value: provider.id })),
	default: 'twilio',
	description: 'The voice provider whose requests and markup this node handles',
};

/**
 * The operations that reach the provider (verify its signature or call its API): only these show
 * the provider's credential. Generating PINs, writing invitations or rendering markup need none.
 */
export const OPERATIONS_WITH_CREDENTIAL = [
	'hangUp',
	'configure',
	'announceAll',
	'announce',
	'applyDsEvent',
	'applyKeypad',
	'end',
	'get',
	'getParticipant',
	'getParticipants',
	'hold',
	'mute',
	'planSync',
	'remove',
	'unhold',
	'unmute',
];

/** Each provider's credential, shown when that provider is chosen (and, if given, on these operations). */
const credentialsShown = (operations?: string[]) =>
	Object.values(providers).map((provider) => ({
		name: provider.credential.name,
		required: true,
		displayOptions: { show: { provider: [provider.id], ...(operations ? { operation: operations } : {}) } },
	}));

export const providerCredentials = credentialsShown(OPERATIONS_WITH_CREDENTIAL);

/** The Telephony Request always verifies: the chosen provider's credential, always shown. */
export const requestCredentials = credentialsShown();
