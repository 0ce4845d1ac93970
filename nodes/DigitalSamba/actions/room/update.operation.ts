import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator, sortedByName } from '../common.descriptions';
import {
	privacyField,
	roomSettingOptions,
	roomSettingsBody,
	telephonyBody,
	telephonyCollection,
} from './roomFields';

const properties: INodeProperties[] = [
	roomLocator,
	{
		displayName: 'Update Fields', description: 'The settings to change; the rest stay as they are',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByName([
			...roomSettingOptions,
			{
				displayName: 'Friendly URL',
				name: 'friendly_url',
				type: 'string',
				default: '',
				description: 'Unique name in the room link, 3 to 32 characters',
			},
			privacyField,
		]),
	},
	telephonyCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['room'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body: IDataObject = {
		...roomSettingsBody.call(this, i, this.getNodeParameter('updateFields', i, {}) as IDataObject),
		...telephonyBody.call(this, i, this.getNodeParameter('telephony', i, {}) as IDataObject),
	};
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex: i,
			description: 'Add at least one field under Update Fields or Telephony',
		});
	}
	return await patchRoom.call(this, roomReference.call(this, i), body);
}

/**
 * PATCHes a room, sending its current privacy when the change does not set one: Digital Samba's spec
 * lists `privacy` as required on update, so an update never relies on it being optional.
 */
export async function patchRoom(
	this: IExecuteFunctions,
	room: string,
	changes: IDataObject,
): Promise<IDataObject> {
	const path = `/rooms/${encodeURIComponent(room)}`;
	const body = { ...changes };
	if (body.privacy === undefined) {
		const current = (await digitalSambaApiRequest.call(this, 'GET', path)) as IDataObject;
		body.privacy = current.privacy ?? 'public';
	}
	return (await digitalSambaApiRequest.call(this, 'PATCH', path, body)) as IDataObject;
}
