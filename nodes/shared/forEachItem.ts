import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Items an operation sends to outputs of its own choosing (a node with several outputs), each
 * item whole (with its binary): `[output index, item]`.
 */
export interface Routed {
	routed: Array<[number, INodeExecutionData]>;
}

export type ItemResult = IDataObject | IDataObject[] | Routed;

export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const isRouted = (result: ItemResult): result is Routed => !Array.isArray(result) && Array.isArray((result as Partial<Routed>).routed);

/**
 * The item loop, written once: runs an operation per input item, links every output to its item
 * (`pairedItem`), puts `itemIndex` on errors, and under "Continue On Fail" turns an error into an
 * item on `errorOutput` and goes on with the next item. Data goes to the first output; routed
 * items where the operation says.
 */
export async function forEachItemTo(
	this: IExecuteFunctions,
	operation: (this: IExecuteFunctions, itemIndex: number) => Promise<ItemResult>,
	outputCount = 1,
	errorOutput = 0,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(this, itemIndex);
			if (isRouted(result)) {
				for (const [output, item] of result.routed) outputs[output].push({ ...item, pairedItem: { item: itemIndex } });
				continue;
			}
			outputs[0].push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const failure = withItemIndex(this, error, itemIndex);
			if (this.continueOnFail()) {
				outputs[errorOutput].push({
					json: { error: failure.message, description: failure.description ?? undefined },
					error: failure,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw failure;
		}
	}
	return outputs;
}

/** The loop for an operation with one output. */
export async function forEachItem(this: IExecuteFunctions, operation: ItemOperation): Promise<INodeExecutionData[]> {
	return (await forEachItemTo.call(this, operation))[0];
}

export function withItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
