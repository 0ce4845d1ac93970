/**
 * One delivery from Digital Samba: authenticate first (nothing else happens for a caller without
 * the secret), then size, shape and event filter. Only a good, selected event starts an execution.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkAuthorization } from '../../core/digitalsamba/webhookAuth';
import { MAX_BODY_BYTES, parseDelivery } from '../../core/digitalsamba/webhookEvents';
import { ALL_EVENTS } from './registration';

function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function secretOf(context: IWebhookFunctions): string {
	if (context.getNodeParameter('registration', 'automatic') === 'manual') {
		return String(context.getNodeParameter('secret', '') ?? '');
	}
	const state = context.getWorkflowStaticData('node') as { secret?: string };
	return state.secret ?? '';
}

function bodySize(context: IWebhookFunctions): number {
	const raw = (context.getRequestObject() as { rawBody?: Buffer }).rawBody;
	if (raw) return raw.length;
	return Buffer.byteLength(JSON.stringify(context.getBodyData() ?? {}), 'utf8');
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const authorization = checkAuthorization(this.getHeaderData().authorization, secretOf(this));
	if (!authorization.ok) return answer(this, 401, { message: 'Unauthorized' });

	if (bodySize(this) > MAX_BODY_BYTES) {
		return answer(this, 413, { message: `The body is larger than ${MAX_BODY_BYTES} bytes` });
	}
	const delivery = parseDelivery(this.getBodyData());
	if (!delivery.ok) {
		return answer(this, 400, { message: `Not a Digital Samba webhook event: ${delivery.reason}` });
	}

	const selected = this.getNodeParameter('events', []) as string[];
	const wanted = selected.includes(ALL_EVENTS)
		? delivery.events
		: delivery.events.filter((event) => selected.includes(event.eventType));
	if (wanted.length === 0) {
		// Acknowledged, so Digital Samba does not retry, but nothing runs.
		return answer(this, 200, { received: true, events: 0, ignored: delivery.events.map((event) => event.eventType) });
	}
	// A small JSON acknowledgement written here: left to n8n, an "on received" trigger answers with
	// its default response data, the literal text `firstEntryJson`.
	const acknowledged = answer(this, 200, { received: true, events: wanted.length });
	return { ...acknowledged, workflowData: [this.helpers.returnJsonArray(wanted as unknown as IDataObject[])] };
}
