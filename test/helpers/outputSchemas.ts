/**
 * Every item our nodes output in the tests is checked against the output schema the package ships
 * for that node and operation (nodes/<Node>/__schema__/, generated from the types in
 * nodes/<Node>/outputs.ts by `npm run schemas`): an operation whose output drifts from its types
 * fails the test that ran it, with the item and what the schema says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { IRun, Workflow } from 'n8n-workflow';

const PACKAGE = 'n8n-nodes-digitalsamba.';
const NODE_DIRS: Record<string, string> = {
	digitalSamba: 'DigitalSamba',
	digitalSambaTrigger: 'DigitalSamba',
	telephonyIvr: 'TelephonyIvr',
	telephonyRequest: 'TelephonyRequest',
};
const ROOT = path.resolve(__dirname, '../..');

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

/** The schema file n8n would serve for this node type and these parameters. */
export function schemaFileOf(type: string, resource?: unknown, operation?: unknown): string {
	const dir = NODE_DIRS[type];
	if (!dir) throw new Error(`No output schemas for node type ${type}`);
	const parts = [resource, operation].filter((part): part is string => typeof part === 'string' && part.length > 0);
	return path.join(ROOT, 'nodes', dir, '__schema__', parts.length ? path.join('v1.0.0', ...parts) + '.json' : 'v1.0.0.json');
}

function validatorFor(file: string): ValidateFunction {
	let validate = validators.get(file);
	if (!validate) {
		if (!existsSync(file)) throw new Error(`Output schema missing: ${path.relative(ROOT, file)} (npm run schemas)`);
		validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
		validators.set(file, validate);
	}
	return validate;
}

/** Checks every item of ours in a finished run; throws naming the first item that does not fit. */
export function checkOutputs(run: IRun, workflow: Workflow): void {
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		const node = workflow.getNode(name);
		if (!node?.type.startsWith(PACKAGE)) continue;
		const file = schemaFileOf(node.type.slice(PACKAGE.length), node.parameters.resource, node.parameters.operation);
		const validate = validatorFor(file);
		for (const taskData of runs) {
			for (const items of taskData.data?.main ?? []) {
				// Error items under Continue On Fail carry the error, not the operation's output.
				for (const item of (items ?? []).filter((candidate) => !candidate.error)) {
					if (validate(item.json)) continue;
					throw new Error(
						`'${name}' output an item its schema ${path.relative(ROOT, file)} does not describe: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(item.json).slice(0, 600)}`,
					);
				}
			}
		}
	}
}
