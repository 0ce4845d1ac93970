import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { digitalSambaApiRequest } from '../../transport';
import { sortedByName } from '../common.descriptions';
import {
	privacyField,
	roomSettingOptions,
	roomSettingsBody,
	tagsOption,
	telephonyBody,
	telephonyCollection,
} from './roomFields';

const properties: INodeProperties[] = [
	{ ...privacyField, required: true },
	{
		displayName: 'Friendly URL',
		name: 'friendlyUrl',
		type: 'string',
		default: '',
		placeholder: 'weekly-standup',
		description: 'Unique name in the room link, 3 to 32 characters. Leave empty for a generated one.',
	},
	{
		displayName: 'Additional Fields', description: 'Room settings to set at creation; the rest keep Digital Samba’s defaults',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByName([...roomSettingOptions, tagsOption]),
	},
	telephonyCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['room'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	// Privacy is always sent: Digital Samba's own clients do, and its spec lists it as required.
	const body: IDataObject = { privacy: this.getNodeParameter('privacy', i) as string };
	const friendlyUrl = (this.getNodeParameter('friendlyUrl', i, '') as string).trim();
	if (friendlyUrl) body.friendly_url = friendlyUrl;
	Object.assign(
		body,
		roomSettingsBody.call(this, i, this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		telephonyBody.call(this, i, this.getNodeParameter('telephony', i, {}) as IDataObject),
	);
	return (await digitalSambaApiRequest.call(this, 'POST', '/rooms', body)) as IDataObject;
}
