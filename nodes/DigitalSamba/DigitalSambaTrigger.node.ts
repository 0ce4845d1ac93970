import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getEvents } from './methods/loadOptions';
import { receive } from './trigger/receive';
import { ALL_EVENTS, checkExists, create, remove } from './trigger/registration';

export class DigitalSambaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Digital Samba Trigger',
		name: 'digitalSambaTrigger',
		icon: { light: 'file:digitalSamba.svg', dark: 'file:digitalSamba.dark.svg' },
		group: ['trigger'],
		version: 1,
		// One event in words ("phone participant joined"), else how many.
		subtitle:
			'={{ $parameter["events"].length === 1 ? "On " + $parameter["events"][0].replaceAll("_", " ") : $parameter["events"].length + " events" }}',
		description: 'Starts the workflow on Digital Samba video meeting events: phone participants, rooms, sessions, recordings',
		defaults: { name: 'Digital Samba Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digitalSambaApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Answer Digital Samba at once; the workflow runs after.
				responseMode: 'onReceived',
				// The URL is the base plus the node's webhook ID only: Digital Samba takes at most 100 characters.
				path: '',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName: 'Registration', description: 'Who registers this workflow’s URL as a webhook at Digital Samba',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							'Register this workflow’s URL at Digital Samba on activation, with a fresh secret, and remove it on deactivation',
					},
					{
						name: 'A Webhook I Manage',
						value: 'manual',
						description: 'You registered this URL at Digital Samba yourself; enter its secret below',
					},
				],
				default: 'automatic',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: 'The webhook’s authorization header value at Digital Samba (without "Bearer ")',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Event Names or IDs',
				name: 'events',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTriggerEvents' },
				default: [],
				required: true,
				description:
					'Events that start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options', description: 'Extra settings for the trigger',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: { show: { registration: ['automatic'] } },
				options: [
					{
						displayName: 'Webhook Name',
						name: 'webhookName',
						type: 'string',
						default: '',
						description: 'How the webhook is named at Digital Samba (3 to 100 characters)',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			async getTriggerEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return [{ name: 'All Events', value: ALL_EVENTS }, ...(await getEvents.call(this))];
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
