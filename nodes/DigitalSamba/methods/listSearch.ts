import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { parseTotalCount } from '../../core/digitalsamba/rooms';
import { digitalSambaApiRequest, PAGE_SIZE_MAX } from '../transport';

/**
 * Digital Samba lists have no text search: a page is fetched and filtered here, and the next
 * offset is the pagination token.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toResult: (record: IDataObject) => { name: string; value: string; url?: string },
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const page = (await digitalSambaApiRequest.call(context, 'GET', path, undefined, {
		limit: PAGE_SIZE_MAX,
		offset,
	})) as IDataObject;
	const records = Array.isArray(page.data) ? (page.data as IDataObject[]) : [];
	const needle = filter?.trim().toLowerCase();
	const results = records
		.map(toResult)
		.filter((result) => !needle || `${result.name} ${result.value}`.toLowerCase().includes(needle));
	const next = offset + records.length;
	const total = parseTotalCount(page.total_count);
	const more = records.length === PAGE_SIZE_MAX && (total === undefined || next < total);
	return { results, paginationToken: more ? String(next) : undefined };
}

export async function searchRooms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/rooms', filter, paginationToken, (room) => ({
		name: String(room.friendly_url ?? room.id) + (room.description ? ` (${String(room.description)})` : ''),
		value: String(room.id),
		url: typeof room.room_url === 'string' ? room.room_url : undefined,
	}));
}

export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/webhooks', filter, paginationToken, (webhook) => ({
		name: `${String(webhook.name ?? 'Webhook')} → ${String(webhook.endpoint ?? '')}`,
		value: String(webhook.id),
	}));
}
