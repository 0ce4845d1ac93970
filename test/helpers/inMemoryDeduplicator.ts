/**
 * n8n's deduplication store ("processed data"), in memory: the server's is a database table. Only
 * the `entries` mode is implemented, which is the one our nodes use.
 */
import { DataDeduplicationService } from 'n8n-core';
import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, IDataDeduplicator } from 'n8n-workflow';

export class InMemoryDeduplicator implements IDataDeduplicator {
	private readonly seen = new Map<string, Set<string>>();

	private key(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return scope === 'node' ? `${context.workflow.id}:${context.node?.name}` : context.workflow.id;
	}

	async checkProcessedAndRecord(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		const key = this.key(scope, context);
		const seen = this.seen.get(key) ?? new Set<string>();
		this.seen.set(key, seen);
		const fresh: DeduplicationItemTypes[] = [];
		const processed: DeduplicationItemTypes[] = [];
		for (const item of items) {
			if (seen.has(String(item))) processed.push(item);
			else {
				seen.add(String(item));
				fresh.push(item);
			}
		}
		return { new: fresh, processed };
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		for (const item of items) this.seen.get(this.key(scope, context))?.delete(String(item));
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		this.seen.delete(this.key(scope, context));
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return this.seen.get(this.key(scope, context))?.size ?? 0;
	}

	reset() {
		this.seen.clear();
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
