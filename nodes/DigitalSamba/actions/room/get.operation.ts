import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { roomReference } from '../../helpers/resolveRoom';
import { digitalSambaApiRequest } from '../../transport';
import { roomLocator } from '../common.descriptions';

export const description = updateDisplayOptions({ show: { resource: ['room'], operation: ['get'] } }, [
	roomLocator,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const room = roomReference.call(this, i);
	return (await digitalSambaApiRequest.call(this, 'GET', `/rooms/${encodeURIComponent(room)}`)) as IDataObject;
}
