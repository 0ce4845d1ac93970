import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forEachItem, withItemIndex } from '../../shared/forEachItem';
import { providerOf } from '../transport';
import * as call from './call/Call.resource';
import * as conference from './conference/Conference.resource';
import * as invitation from './invitation/Invitation.resource';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';
import * as pin from './pin/Pin.resource';
import * as handle from './request/handle.operation';
import { OUTPUT_NAMES } from './request/handle.operation';
import * as response from './response/Response.resource';

type ItemOperation = { execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> };

const dataOperations: Record<string, Record<string, ItemOperation>> = {
	call: call.operations,
	conference: conference.operations,
	invitation: invitation.operations,
	phoneNumber: phoneNumber.operations,
	pin: pin.operations,
};

const empty = () => OUTPUT_NAMES.map((): INodeExecutionData[] => []);

/**
 * Handle Provider Request fills all five outputs itself; Route PIN and Render return markup items;
 * every other operation returns data. All but Handle answer on the first output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'request' && operation === 'handle') return await handle.execute.call(this);

	const outputs = empty();
	if (resource === 'response' && Object.hasOwn(response.operations, operation)) {
		const provider = providerOf(this);
		const run = response.operations[operation as keyof typeof response.operations].execute;
		for (let i = 0; i < this.getInputData().length; i++) {
			try {
				outputs[0].push(await run.call(this, i, provider));
			} catch (error) {
				if (!this.continueOnFail()) throw withItemIndex(this, error, i);
				outputs[0].push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return outputs;
	}

	const table = dataOperations[resource];
	const handler = table && Object.hasOwn(table, operation) ? table[operation] : undefined;
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	outputs[0] = await forEachItem.call(this, handler.execute);
	return outputs;
}
