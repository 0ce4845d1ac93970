import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toLeftBody } from '../../../core/digitalsamba/phoneParticipants';
import { resolveRoomId } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	roomLocator,
	{
		displayName: 'Call IDs',
		name: 'callIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'CA0123…, CA4567…',
		description: 'One or more call IDs, comma-separated (an expression may also give a list)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneParticipant'], operation: ['leave'] } },
	properties,
);

/** Tells Digital Samba that one or more callers left, in one request. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const left = toLeftBody(this.getNodeParameter('callIds', i) as string | string[]);
	if (!left.ok) throw new NodeOperationError(this.getNode(), left.reason, { itemIndex: i });
	const roomId = await resolveRoomId.call(this, i);
	await digitalSambaApiRequest.call(this, 'POST', `/rooms/${roomId}/phone-participants/left`, left.body);
	return { roomId, left: left.body };
}
