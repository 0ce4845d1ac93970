import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/**
 * The item loop, written once: runs an operation per input item, links every output to its item
 * (`pairedItem`), puts `itemIndex` on errors, and under "Continue On Fail" turns an error into an
 * output item and goes on with the next item.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const data = await operation.call(this, itemIndex);
			output.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			const failure = withItemIndex(this, error, itemIndex);
			if (this.continueOnFail()) {
				output.push({
					json: { error: failure.message, description: failure.description ?? undefined },
					error: failure,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw failure;
		}
	}
	return output;
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
