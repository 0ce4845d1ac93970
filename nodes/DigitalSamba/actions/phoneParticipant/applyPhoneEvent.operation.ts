/**
 * Apply Phone Event: reports to the room what an item from the Telephony IVR says happened on the
 * phone, so a template needs no routing: `joined` (callers), `left` (call IDs), `mute`, `unmute`,
 * `raiseHand`, `lowerHand` (one call), or `connectBridge` (connect the phone bridge if the room has
 * a live session). The item carries `action`, `roomId` and the callers or call IDs.
 *
 * Or the item carries `claimed`: the "dial-in calls" rows that claims changed (a Data Table update,
 * then an Aggregate of all its items), each with the `report` its claim set. They become one `left`
 * and one `joined` request per room, `left` first (core/ivr/syncPlan.ts).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PhoneCaller } from '../../../core/digitalsamba/phoneParticipants';
import { toJoinedBody, toLeftBody } from '../../../core/digitalsamba/phoneParticipants';
import { isUuid } from '../../../core/digitalsamba/rooms';
import type { CallRow } from '../../../core/ivr/syncPlan';
import { roomIdOf, roomReports } from '../../../core/ivr/syncPlan';
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

type Fail = (message: string) => NodeOperationError;

async function reportJoined(context: IExecuteFunctions, roomId: string, callers: PhoneCaller[], fail: Fail): Promise<IDataObject> {
	const body = toJoinedBody(callers);
	if (!body.ok) throw fail(body.reason);
	await digitalSambaApiRequest.call(context, 'POST', `/rooms/${roomId}/phone-participants/joined`, body.body as unknown as IDataObject[]);
	return { roomId, action: 'joined', callIds: body.body.map((call) => call.call_id) };
}

async function reportLeft(context: IExecuteFunctions, roomId: string, callIds: string[], fail: Fail): Promise<IDataObject> {
	const body = toLeftBody(callIds);
	if (!body.ok) throw fail(body.reason);
	await digitalSambaApiRequest.call(context, 'POST', `/rooms/${roomId}/phone-participants/left`, body.body);
	return { roomId, action: 'left', callIds: body.body };
}

async function reportClaimed(context: IExecuteFunctions, rows: CallRow[], fail: Fail): Promise<IDataObject[]> {
	const sent: IDataObject[] = [];
	for (const room of roomReports(rows)) {
		if (room.left.length) sent.push(await reportLeft(context, room.roomId, room.left, fail));
		if (room.joined.length) sent.push(await reportJoined(context, room.roomId, room.joined, fail));
	}
	return sent;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const item = this.getInputData()[i].json;
	const fail: Fail = (message) => new NodeOperationError(this.getNode(), message, { itemIndex: i });
	if (Array.isArray(item.claimed)) return await reportClaimed(this, item.claimed as unknown as CallRow[], fail);
	// A keypad item arrives as the caller's "dial-in calls" row its claim changed (keypad, call_id,
	// conference); other items carry action, roomId and callId themselves.
	const action = String(item.action ?? item.keypad ?? '');
	const roomId = String(item.roomId ?? roomIdOf(String(item.conference ?? '')) ?? '');
	if (!isUuid(roomId)) throw fail(`The item has no room UUID (roomId: '${roomId}')`);
	const room = `/rooms/${roomId}`;

	if (action === 'joined') {
		const callers = ((item.callers as IDataObject[] | undefined) ?? []).map((caller) => ({
			callId: String(caller.callId ?? ''),
			name: caller.name ? String(caller.name) : undefined,
			callerNumber: caller.callerNumber ? String(caller.callerNumber) : undefined,
		}));
		return await reportJoined(this, roomId, callers, fail);
	}
	if (action === 'left') return await reportLeft(this, roomId, (item.callIds as string[] | undefined) ?? [], fail);
	if (action in CALL_ACTIONS) {
		const callId = String(item.callId ?? item.call_id ?? '').trim();
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
