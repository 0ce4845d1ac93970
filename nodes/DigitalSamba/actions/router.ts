import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOperation } from '../../shared/forEachItem';
import { forEachItem } from '../../shared/forEachItem';
import { resources } from './resources';

type OperationTable = Record<string, { execute: ItemOperation }>;

/** Reads resource and operation once and hands the operation to the item loop. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const table = (resources as Record<string, { operations: OperationTable } | undefined>)[resource]
		?.operations;
	const handler = table && Object.hasOwn(table, operation) ? table[operation] : undefined;
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for resource "${resource}"`,
		);
	}
	return [await forEachItem.call(this, handler.execute)];
}
