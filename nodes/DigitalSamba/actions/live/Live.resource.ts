import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

const show = (operation: string) => ({ show: { resource: ['live'], operation: [operation] } });

const get = {
	description: updateDisplayOptions(show('get'), [roomLocator]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const room = encodeURIComponent(roomReference.call(this, i));
		return (await digitalSambaApiRequest.call(this, 'GET', `/rooms/${room}/live`)) as IDataObject;
	},
};

const getParticipants = {
	description: updateDisplayOptions(show('getParticipants'), [roomLocator]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const room = encodeURIComponent(roomReference.call(this, i));
		return (await digitalSambaApiRequest.call(this, 'GET', `/rooms/${room}/live/participants`)) as IDataObject;
	},
};

export const operations = { get, getParticipants };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['live'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the live state of a room',
				description: 'Whether a session is live, since when and how many take part',
			},
			{
				name: 'Get Participants',
				value: 'getParticipants',
				action: 'Get the live participants of a room',
				description: 'Who is in the room now, with their roles and join times',
			},
		],
		default: 'get',
	},
	...get.description,
	...getParticipants.description,
];
