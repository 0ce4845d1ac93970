import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** How to read an upstream node's data: the item this one descends from, or its first item. */
export type UpstreamItem = (which: 'item' | 'first') => IDataObject;

export interface Upstream<T> {
	value?: T;
	/** The nodes looked at, nearest first, for the error message when none had it. */
	looked: string[];
}

/**
 * A value an earlier node produced, found by the workflow's connections instead of a node name
 * typed by hand (renaming a node must not break the workflow): the enabled upstream nodes of the
 * given types of this package (`telephonyRequest`, `digitalSambaTrigger`…), nearest first, each
 * asked through n8n's item pairing until one has it.
 */
export function readUpstream<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	nodeTypes: string[],
	read: (item: UpstreamItem) => T | undefined,
): Upstream<T> {
	const ownType = context.getNode().type;
	const packagePrefix = ownType.slice(0, ownType.lastIndexOf('.') + 1);
	const wanted = new Set(nodeTypes.map((type) => packagePrefix + type));
	// n8n lists ancestors from the start of the workflow down: reversed, the nearest comes first.
	const looked = context
		.getParentNodes(context.getNode().name)
		.filter((node) => wanted.has(node.type) && !node.disabled)
		.map((node) => node.name)
		.reverse();
	const proxy = context.getWorkflowDataProxy(itemIndex);
	for (const name of looked) {
		try {
			const value = read((which) => (which === 'item' ? proxy.$(name).item.json : proxy.$(name).first().json) as IDataObject);
			if (value !== undefined) return { value, looked };
		} catch {
			// Not on this item's path (no pairing back to it, or it did not run): try the next.
		}
	}
	return { looked };
}

/** "'A', 'B'" or "none", for messages. */
export const namesOf = (names: string[]) => (names.length === 0 ? 'none' : names.map((name) => `'${name}'`).join(', '));
