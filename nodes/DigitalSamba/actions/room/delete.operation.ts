import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	roomLocator,
	{
		displayName: 'Options', description: 'How to delete',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delete History',
				name: 'delete_history',
				type: 'boolean',
				default: false,
				description: "Whether to also anonymise the room's participant history",
			},
			{
				displayName: 'Delete Library',
				name: 'delete_library',
				type: 'boolean',
				default: false,
				description: "Whether to also delete the room's content library",
			},
			{
				displayName: 'Delete Resources',
				name: 'delete_resources',
				type: 'boolean',
				default: false,
				description: 'Whether to also delete recordings, chats, transcripts and other session content',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['room'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const room = roomReference.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body = Object.keys(options).length > 0 ? options : undefined;
	await digitalSambaApiRequest.call(this, 'DELETE', `/rooms/${encodeURIComponent(room)}`, body);
	return { deleted: true, room };
}
