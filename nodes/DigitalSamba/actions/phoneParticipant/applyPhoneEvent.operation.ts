/**
 * Apply Phone Event: reports to the room what an item from the Telephony IVR says happened on the
 * phone, so a template needs no routing: `joined` (callers), `left` (call IDs), `mute`, `unmute`,
 * `raiseHand`, `lowerHand` (one call), or `connectBridge` (connect the phone bridge if the room has
 * a live session). The item carries `action`, `roomId` and the callers or call IDs.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toJoinedBody, toLeftBody } from '../../../core/digitalsamba/phoneParticipants';
import { isUuid } from '../../../core/digitalsamba/rooms';
import { digitalSambaApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'Input: items from the Telephony IVR (Keypad output, or Plan Digital Samba Sync) with action, roomId and the callers or call IDs',
		name: 'applyNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phoneParticipant'], operation: ['applyPhoneEvent'] } }, properties);

const CALL_ACTIONS: Record<string, string> = { mute: 'mute', unmute: 'unmute', raiseHand: 'raise-hand', lowerHand: 'lower-hand' };

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const item = this.getInputData()[i].json;
	const action = String(item.action ?? '');
	const roomId = String(item.roomId ?? '');
	const fail = (message: string) => new NodeOperationError(this.getNode(), message, { itemIndex: i });
	if (!isUuid(roomId)) throw fail(`The item has no room UUID (roomId: '${roomId}')`);
	const room = `/rooms/${roomId}`;

	if (action === 'joined') {
		const callers = ((item.callers as IDataObject[] | undefined) ?? []).map((caller) => ({
			callId: String(caller.callId ?? ''),
			name: caller.name ? String(caller.name) : undefined,
			callerNumber: caller.callerNumber ? String(caller.callerNumber) : undefined,
		}));
		const body = toJoinedBody(callers);
		if (!body.ok) throw fail(body.reason);
		await digitalSambaApiRequest.call(this, 'POST', `${room}/phone-participants/joined`, body.body as unknown as IDataObject[]);
		return { roomId, action, callIds: body.body.map((call) => call.call_id) };
	}
	if (action === 'left') {
		const body = toLeftBody((item.callIds as string[] | undefined) ?? []);
		if (!body.ok) throw fail(body.reason);
		await digitalSambaApiRequest.call(this, 'POST', `${room}/phone-participants/left`, body.body);
		return { roomId, action, callIds: body.body };
	}
	if (action in CALL_ACTIONS) {
		const callId = String(item.callId ?? '').trim();
		if (!callId) throw fail('The item has no callId');
		await digitalSambaApiRequest.call(this, 'POST', `${room}/phone-participants/${encodeURIComponent(callId)}/${CALL_ACTIONS[action]}`);
		return { roomId, action, callId };
	}
	if (action === 'connectBridge') {
		const live = (await digitalSambaApiRequest.call(this, 'GET', `${room}/live`)) as IDataObject;
		if (!live.start_time) return { roomId, action, connected: false, reason: 'no live session' };
		await digitalSambaApiRequest.call(this, 'POST', `${room}/phone/connect`);
		return { roomId, action, connected: true };
	}
	throw fail(`Unknown action '${action}'`);
}
