import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUuid } from '../../core/digitalsamba/rooms';
import { digitalSambaApiRequest } from '../transport';

/** The room as the user picked it: a UUID or a friendly URL (room CRUD endpoints take either). */
export function roomReference(this: IExecuteFunctions, itemIndex: number, parameter = 'roomId'): string {
	const value = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as string;
	const reference = String(value ?? '').trim();
	if (!reference) {
		throw new NodeOperationError(this.getNode(), 'No room was given', {
			itemIndex,
			description: 'Pick a room from the list, or give its ID or friendly URL',
		});
	}
	return reference;
}

/**
 * The room's UUID. Phone-participant, bridge and live endpoints take only the UUID, so a friendly
 * URL is looked up first (one GET).
 */
export async function resolveRoomId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter = 'roomId',
): Promise<string> {
	const reference = roomReference.call(this, itemIndex, parameter);
	if (isUuid(reference)) return reference;
	const room = (await digitalSambaApiRequest.call(
		this,
		'GET',
		`/rooms/${encodeURIComponent(reference)}`,
	)) as IDataObject;
	if (typeof room.id !== 'string') {
		throw new NodeOperationError(this.getNode(), `Room '${reference}' not found`, {
			itemIndex,
			description: 'Check the friendly URL or pick the room from the list',
		});
	}
	return room.id;
}
