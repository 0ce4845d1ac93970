import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { digitalSambaApiRequest } from '../transport';

/** Event names exactly as Digital Samba lists them (`GET /events`), never a list kept here. */
export async function getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const events = await digitalSambaApiRequest.call(this, 'GET', '/events');
	const names = Array.isArray(events) ? events.map(String) : [];
	return names
		.sort((a, b) => a.localeCompare(b))
		.map((event) => ({ name: humanize(event), value: event, description: event }));
}

function humanize(event: string): string {
	const words = event.split('_').join(' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}
