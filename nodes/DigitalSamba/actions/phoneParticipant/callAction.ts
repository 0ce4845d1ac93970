import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { resolveRoomId } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { callIdField, roomLocator } from '../common.descriptions';

/**
 * Raise hand, lower hand, mute and unmute differ only in their endpoint: each reports what a caller
 * did on the phone to the room, for one call (`POST …/phone-participants/{callId}/<endpoint>`).
 */
export function callAction(operation: string, endpoint: string, outcome: IDataObject) {
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['phoneParticipant'], operation: [operation] } },
			[roomLocator, callIdField],
		),
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
			const callId = String(this.getNodeParameter('callId', i) ?? '').trim();
			if (!callId) throw new NodeOperationError(this.getNode(), 'No call ID was given', { itemIndex: i });
			const roomId = await resolveRoomId.call(this, i);
			await digitalSambaApiRequest.call(
				this,
				'POST',
				`/rooms/${roomId}/phone-participants/${encodeURIComponent(callId)}/${endpoint}`,
			);
			return { roomId, callId, ...outcome };
		},
	};
}
