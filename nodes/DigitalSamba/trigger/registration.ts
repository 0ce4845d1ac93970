/**
 * The trigger's webhook at Digital Samba, registered on activation and removed on deactivation.
 * Only activation-time state lives in the node's static data: the webhook ID and its secret.
 */
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkEndpoint, ENDPOINT_MAX_LENGTH } from '../../core/digitalsamba/webhooks';
import { digitalSambaApiRequest, digitalSambaApiRequestAllItems } from '../transport';

export const ALL_EVENTS = '*';

export interface RegistrationState extends IDataObject {
	webhookId?: string;
	secret?: string;
}

export function registrationState(context: IHookFunctions): RegistrationState {
	return context.getWorkflowStaticData('node') as RegistrationState;
}

export function managesOwnWebhook(context: IHookFunctions): boolean {
	return context.getNodeParameter('registration', 'automatic') === 'automatic';
}

/** The event names to register: the selection, or every event Digital Samba lists for "all". */
async function wantedEvents(context: IHookFunctions): Promise<string[]> {
	const selected = context.getNodeParameter('events', []) as string[];
	if (!selected.includes(ALL_EVENTS)) return [...selected].sort();
	const all = await digitalSambaApiRequest.call(context, 'GET', '/events');
	return (Array.isArray(all) ? all.map(String) : []).sort();
}

function ownUrl(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') as string;
}

const sameEvents = (a: unknown, b: string[]) =>
	Array.isArray(a) && a.length === b.length && [...a].map(String).sort().every((event, i) => event === b[i]);

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (!managesOwnWebhook(this)) return true;
	const state = registrationState(this);
	const url = ownUrl(this);
	const webhooks = await digitalSambaApiRequestAllItems.call(this, '/webhooks');
	const ours = webhooks.find((webhook) => webhook.endpoint === url);
	if (!ours) {
		delete state.webhookId;
		delete state.secret;
		return false;
	}
	const secret = typeof ours.authorization_header === 'string' ? ours.authorization_header : '';
	// A webhook for other events, or one without a secret, is replaced rather than trusted.
	if (!secret || !sameEvents(ours.events, await wantedEvents(this))) {
		await digitalSambaApiRequest.call(this, 'DELETE', `/webhooks/${String(ours.id)}`);
		delete state.webhookId;
		delete state.secret;
		return false;
	}
	state.webhookId = String(ours.id);
	state.secret = secret;
	return true;
}

/** Digital Samba wants 3 to 100 characters. */
function webhookName(context: IHookFunctions): string {
	const given = String(context.getNodeParameter('options.webhookName', '') ?? '').trim();
	const name = given.length >= 3 ? given : `n8n: ${context.getWorkflow().name ?? 'Digital Samba Trigger'}`;
	return name.slice(0, 100);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (!managesOwnWebhook(this)) return true;
	const url = ownUrl(this);
	const endpoint = checkEndpoint(url);
	if (!endpoint.ok) {
		throw new NodeOperationError(
			this.getNode(),
			`Digital Samba cannot call this workflow: ${endpoint.reason} (${url})`,
			{
				description: `Digital Samba accepts webhook URLs of at most ${ENDPOINT_MAX_LENGTH} characters. Give n8n a shorter public URL with the N8N_WEBHOOK_URL setting (for example https://hooks.example.com/), or register a shorter URL that forwards here and choose "A Webhook I Manage".`,
			},
		);
	}
	const events = await wantedEvents(this);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Pick at least one event to listen to');
	}
	const secret = randomBytes(24).toString('hex');
	const name = webhookName(this);
	const webhook = (await digitalSambaApiRequest.call(this, 'POST', '/webhooks', {
		endpoint: url,
		events,
		name,
		authorization_header: secret,
	})) as IDataObject;
	const state = registrationState(this);
	state.webhookId = String(webhook.id);
	state.secret = secret;
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const state = registrationState(this);
	if (managesOwnWebhook(this) && state.webhookId) {
		try {
			await digitalSambaApiRequest.call(this, 'DELETE', `/webhooks/${state.webhookId}`);
		} catch (error) {
			// Already gone at Digital Samba: nothing left to remove.
			if (!(error instanceof NodeApiError && error.httpCode === '404')) {
				throw new NodeApiError(this.getNode(), error as JsonObject);
			}
		}
	}
	delete state.webhookId;
	delete state.secret;
	return true;
}
