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

async function reportClaimed(context: IExecuteFunctions, rows: CallRow[], i: number): Promise<IDataObject[]> {
	const sent: IDataObject[] = [];
	for (const room of roomReports(rows)) {
		const path = `/rooms/${room.roomId}/phone-participants`;
		if (room.left.length) {
			const body = toLeftBody(room.left);
			if (!body.ok) throw new NodeOperationError(context.getNode(), body.reason, { itemIndex: i });
			await digitalSambaApiRequest.call(context, 'POST', `${path}/left`, body.body);
			sent.push({ roomId: room.roomId, action: 'left', callIds: body.body });
		}
		if (room.joined.length) {
			const body = toJoinedBody(room.joined);
			if (!body.ok) throw new NodeOperationError(context.getNode(), body.reason, { itemIndex: i });
			await digitalSambaApiRequest.call(context, 'POST', `${path}/joined`, body.body as unknown as IDataObject[]);
			sent.push({ roomId: room.roomId, action: 'joined', callIds: body.body.map((call) => call.call_id) });
		}
	}
	return sent;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const item = this.getInputData()[i].json;
	if (Array.isArray(item.claimed)) return await reportClaimed(this, item.claimed as unknown as CallRow[], i);
	// A keypad item arrives as the caller's "dial-in calls" row its claim changed (keypad, call_id,
	// conference); other items carry action, roomId and callId themselves.
	const action = String(item.action ?? item.keypad ?? '');
	const roomId = String(item.roomId ?? roomIdOf(String(item.conference ?? '')) ?? '');
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
