/**
 * Finding the node whose item a step needs by the workflow's connections (nodes/shared/upstream.ts):
 * nearest first, disabled nodes skipped, the next one asked when the nearest has nothing.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../nodes/TelephonyRequest/TelephonyRequest.node';
import { readUpstream } from '../../nodes/shared/upstream';
import { TestNodeTypes } from '../helpers/n8nRuntime';

const REQUEST = 'n8n-nodes-digitalsamba.telephonyRequest';
const IVR = 'n8n-nodes-digitalsamba.telephonyIvr';

/** A → B → Lookup → Route PIN, A and B Telephony Requests; each node's item is `items[name]`. */
function contextAt(items: Record<string, IDataObject>, disabled: string[] = []): IExecuteFunctions {
	const node = (name: string, type: string): INode => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {}, disabled: disabled.includes(name) });
	const link = (to: string) => ({ main: [[{ node: to, type: 'main' as const, index: 0 }]] });
	const workflow = new Workflow({
		nodes: [node('A', REQUEST), node('B', REQUEST), node('Lookup', IVR), node('Route PIN', IVR)],
		connections: { A: link('B'), B: link('Lookup'), Lookup: link('Route PIN') },
		nodeTypes: new TestNodeTypes().register(REQUEST, new TelephonyRequest()).register(IVR, new TelephonyIvr()),
		active: false,
	});
	const item = (name: string) => {
		if (!items[name]) throw new Error(`Node '${name}' hasn't been executed`);
		return { json: items[name] };
	};
	return {
		getNode: () => workflow.getNode('Route PIN')!,
		getParentNodes: (name: string) =>
			workflow.getParentNodes(name).map((parent) => ({ name: parent, type: workflow.getNode(parent)!.type, typeVersion: 1, disabled: workflow.getNode(parent)!.disabled ?? false })),
		getWorkflowDataProxy: () => ({ $: (name: string) => ({ item: item(name), first: () => item(name) }) }),
	} as unknown as IExecuteFunctions;
}

const tag = (read: (which: 'item' | 'first') => IDataObject) => (read('item').tag as string | undefined) ?? undefined;

describe('readUpstream', () => {
	it('asks the nearest node of the type first', () => {
		expect(readUpstream(contextAt({ A: { tag: 'A' }, B: { tag: 'B' } }), 0, ['telephonyRequest'], tag)).toEqual({ value: 'B', looked: ['B', 'A'] });
	});

	it('goes on to the next when the nearest has nothing for this item, and skips disabled nodes', () => {
		expect(readUpstream(contextAt({ A: { tag: 'A' }, B: {} }), 0, ['telephonyRequest'], tag).value).toBe('A');
		expect(readUpstream(contextAt({ A: { tag: 'A' } }), 0, ['telephonyRequest'], tag).value).toBe('A');
		expect(readUpstream(contextAt({ A: { tag: 'A' }, B: { tag: 'B' } }, ['B']), 0, ['telephonyRequest'], tag)).toEqual({ value: 'A', looked: ['A'] });
	});

	it('says what it looked at when none has it', () => {
		expect(readUpstream(contextAt({}), 0, ['telephonyRequest'], tag)).toEqual({ looked: ['B', 'A'] });
		expect(readUpstream(contextAt({}), 0, ['digitalSambaTrigger'], tag)).toEqual({ looked: [] });
	});
});
