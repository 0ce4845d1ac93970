/**
 * The output schemas the editor shows before a run: generated from the types in each node's
 * outputs.ts (scripts/outputSchemas.ts), checked against every item the nodes output in the tests
 * (test/helpers/outputSchemas.ts). Here: the committed files are what the types give, n8n's editor
 * accepts each one, and the check itself fails on an item that drifted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, IRun } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { outputSchemas, schemaText } from '../../scripts/outputSchemas';
import { TestNodeTypes } from '../helpers/n8nRuntime';
import { checkOutputs } from '../helpers/outputSchemas';

const NODES = path.resolve(__dirname, '../../nodes');

describe('output schemas', () => {
	const derived = outputSchemas();

	it('the committed files are what the types give (run `npm run schemas` after changing an outputs.ts)', () => {
		expect(derived.size).toBeGreaterThan(40);
		for (const [file, schema] of derived) expect([file, readFileSync(path.join(NODES, file), 'utf8')]).toEqual([file, schemaText(schema)]);
	});

	it('each is what n8n’s editor takes as a preview: an object schema with properties at the top', () => {
		for (const [file, schema] of derived) {
			expect([file, schema.type, Object.keys(schema.properties ?? {}).length > 0]).toEqual([file, 'object', true]);
		}
	});

	it('an item that drifted from its operation’s type fails the run that output it', () => {
		const node: INode = { id: '1', name: 'Generate PINs', type: 'n8n-nodes-digitalsamba.telephonyIvr', typeVersion: 1, position: [0, 0], parameters: { resource: 'pin', operation: 'generate' } };
		const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes: new TestNodeTypes().register(node.type, new TelephonyIvr()), active: false });
		const runWith = (json: object) => ({ data: { resultData: { runData: { 'Generate PINs': [{ data: { main: [[{ json }]] } }] } } } }) as unknown as IRun;
		expect(() => checkOutputs(runWith({ callerPin: '123456', bridgePin: '9876543210' }), workflow)).not.toThrow();
		expect(() => checkOutputs(runWith({ callerPin: '123456', bridge: '9876543210' }), workflow)).toThrow(/does not describe/);
		expect(() => checkOutputs(runWith({ callerPin: 123456, bridgePin: '9876543210' }), workflow)).toThrow(/callerPin must be string/);
	});
});
