/**
 * n8n's deduplication store ("processed data"), in memory, behaving as n8n 2.40.7's does under
 * concurrency (`dist/deduplication/deduplication-helper.js`): one row per workflow and node holding
 * every entry; each call reads the row, and after a database round trip inserts it (when it read
 * none) or writes the whole row back. Concurrent calls therefore overwrite each other's entries, and
 * two first calls race on the row's unique key, the loser failing with n8n's SQLite message. Only
 * the `entries` mode is implemented, which is the one our nodes use.
 */
import { DataDeduplicationService } from 'n8n-core';
import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, IDataDeduplicator } from 'n8n-workflow';

const roundTrip = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3));

export class InMemoryDeduplicator implements IDataDeduplicator {
	private readonly rows = new Map<string, string[]>();

	private key(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return scope === 'node' ? `${context.workflow.id}:${context.node?.id ?? context.node?.name}` : context.workflow.id;
	}

	async checkProcessedAndRecord(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		const key = this.key(scope, context);
		const read = this.rows.get(key);
		const seen = new Set(read ?? []);
		const fresh: DeduplicationItemTypes[] = [];
		const processed: DeduplicationItemTypes[] = [];
		for (const item of items) {
			if (seen.has(String(item))) processed.push(item);
			else {
				seen.add(String(item));
				fresh.push(item);
			}
		}
		await roundTrip();
		if (!read && this.rows.has(key)) throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId, processed_data.context');
		this.rows.set(key, [...seen]);
		return { new: fresh, processed };
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		const key = this.key(scope, context);
		const read = this.rows.get(key);
		if (!read) return;
		const remove = new Set(items.map(String));
		await roundTrip();
		this.rows.set(key, read.filter((item) => !remove.has(item)));
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		this.rows.delete(this.key(scope, context));
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return this.rows.get(this.key(scope, context))?.length ?? 0;
	}

	reset() {
		this.rows.clear();
	}
}

let shared: InMemoryDeduplicator | undefined;

/** n8n-core keeps one deduplication service per process; tests share it and reset it. */
export async function sharedDeduplicator(): Promise<InMemoryDeduplicator> {
	if (!shared) {
		shared = new InMemoryDeduplicator();
		await DataDeduplicationService.init(shared);
	}
	return shared;
}
