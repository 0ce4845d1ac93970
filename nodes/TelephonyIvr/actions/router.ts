import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemResult } from '../../shared/forEachItem';
import { forEachItemTo } from '../../shared/forEachItem';
import * as call from './call/Call.resource';
import * as conference from './conference/Conference.resource';
import * as invitation from './invitation/Invitation.resource';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';
import * as pin from './pin/Pin.resource';
import * as response from './response/Response.resource';

/** Every operation has one shape: one input item in, its data or its routed items out. */
interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

const operations: Record<string, Record<string, Operation>> = {
	call: call.operations,
	conference: conference.operations,
	invitation: invitation.operations,
	phoneNumber: phoneNumber.operations,
	pin: pin.operations,
	response: response.operations,
};

/**
 * One router for every operation, through the one item loop (pairedItem, itemIndex, Continue On
 * Fail). One output: the provider's requests are routed by the Telephony Request node.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const table = Object.hasOwn(operations, resource) ? operations[resource] : undefined;
	const chosen = table && Object.hasOwn(table, operation) ? table[operation] : undefined;
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	return await forEachItemTo.call(this, chosen.execute);
}
