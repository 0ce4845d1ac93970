import type { INodeProperties } from 'n8n-workflow';

import { FRIENDLY_URL_PATTERN, ROOM_LINK_PATTERN, ROOM_LINK_VALIDATION } from '../../core/digitalsamba/rooms';

/** n8n anchors locator validation patterns at both ends itself. */
const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const roomLocator: INodeProperties = {
	displayName: 'Room',
	name: 'roomId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Digital Samba room',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchRooms', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'a853d608-e6cf-48eb-a3c9-7d089bbc09b0',
			validation: [
				{ type: 'regex', properties: { regex: UUID_REGEX, errorMessage: 'Not a valid room UUID' } },
			],
		},
		{
			displayName: 'By Friendly URL',
			name: 'friendlyUrl',
			type: 'string',
			placeholder: 'weekly-standup',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: FRIENDLY_URL_PATTERN,
						errorMessage: 'A friendly URL has 3 to 32 letters, digits, dashes or underscores',
					},
				},
			],
		},
		{
			displayName: 'By Room Link',
			name: 'url',
			type: 'string',
			placeholder: 'https://myteam.digitalsamba.com/weekly-standup',
			extractValue: { type: 'regex', regex: ROOM_LINK_PATTERN },
			validation: [
				{ type: 'regex', properties: { regex: ROOM_LINK_VALIDATION, errorMessage: 'Not a room link' } },
			],
		},
	],
};

export const webhookLocator: INodeProperties = {
	displayName: 'Webhook', description: 'The webhook: pick it from the list, or give its ID',
	name: 'webhookId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '49909fdb-18d8-4626-8d04-a50ed84a21aa',
			validation: [
				{ type: 'regex', properties: { regex: UUID_REGEX, errorMessage: 'Not a valid webhook UUID' } },
			],
		},
	],
};

export const callIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	default: '',
	required: true,
	description:
		"The phone call's ID as it was announced to Digital Samba, for example a Twilio call SID (CA…)",
};

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Collection options in alphabetical order, as n8n's lint rules expect. */
export function sortedByName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
