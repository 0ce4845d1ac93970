import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resolveRoomId } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

/** Connect makes Digital Samba dial the room's telephony number and play its DTMF; disconnect hangs up. */
function bridgeAction(operation: 'connect' | 'disconnect') {
	return {
		description: updateDisplayOptions({ show: { resource: ['phoneBridge'], operation: [operation] } }, [
			roomLocator,
		]),
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
			const roomId = await resolveRoomId.call(this, i);
			await digitalSambaApiRequest.call(this, 'POST', `/rooms/${roomId}/phone/${operation}`);
			return { roomId, bridge: operation === 'connect' ? 'connecting' : 'disconnecting' };
		},
	};
}

const connect = bridgeAction('connect');
const disconnect = bridgeAction('disconnect');

export const operations = { connect, disconnect };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneBridge'] } },
		options: [
			{
				name: 'Connect',
				value: 'connect',
				action: 'Connect the phone bridge of a room',
				description: "Make Digital Samba dial the room's telephony number",
			},
			{
				name: 'Disconnect',
				value: 'disconnect',
				action: 'Disconnect the phone bridge of a room',
				description: 'Ask Digital Samba to hang up the room’s phone bridge',
			},
		],
		default: 'connect',
	},
	...connect.description,
	...disconnect.description,
];
