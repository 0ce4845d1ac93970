/**
 * Apply Keypad: `*6` or `*9` pressed by a caller who stays in the conference (providers whose
 * capabilities say `keypad: 'detect'` or `'asyncInput'`: Sinch, Vonage, Plivo). `*6` flips mute as the
 * provider has it, where it says (a host may
 * have muted the caller from Digital Samba since), and mutes or unmutes them there; `*9` flips the
 * hand the caller's "dial-in calls" row, read just before, records. The change goes out as the
 * compare-and-set the template's Claim Keypad makes on that row (wasMuted/wasHand → muted/hand)
 * before Digital Samba is told. (Twilio's keypad menu carries that state in its URLs instead:
 * nodes/TelephonyRequest/handle.ts.)
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { KeypadAction } from '../../../core/ivr/script';
import { roomIdOf } from '../../../core/ivr/syncPlan';
import { namesOf, readUpstream } from '../../../shared/upstream';
import { phoneApi } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: "Input: the caller's row of \"dial-in calls\" (Data Table, Get Rows), after a Keypad item of Telephony Request",
		name: 'applyKeypadNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['conference'], operation: ['applyKeypad'] } }, properties);

const flag = (value: unknown) => (value === '1' ? '1' : '0');

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
	const row = this.getInputData()[i].json;
	const isKeypad = (json: IDataObject) => json.toggle === 'mute' || json.toggle === 'hand';
	const { value: keypad, looked } = readUpstream(this, i, ['telephonyRequest'], (item) => {
		const json = item('item');
		return isKeypad(json) ? json : undefined;
	});
	if (!keypad) {
		throw new NodeOperationError(this.getNode(), `No Keypad item reached Apply Keypad (Telephony Request nodes before it: ${namesOf(looked)})`, {
			itemIndex: i,
			description: "Connect Apply Keypad after a Telephony Request node's 'Keypad' output, through the caller's row of \"dial-in calls\"",
		});
	}
	const callId = String(keypad.callId ?? '');
	const conference = String(keypad.conference ?? '');
	// A caller without an open row (not let in by us, or already gone) changes nothing.
	if (row.call_id !== callId || row.conference !== conference || row.state === 'closed') return [];

	const wasMuted = flag(row.muted);
	const wasHand = flag(row.hand);
	let muted = wasMuted;
	let hand = wasHand;
	if (keypad.toggle === 'mute') {
		const { control } = await phoneApi(this, i);
		const where = { id: conference, name: conference };
		// Sinch lists no one whose keys it is collecting, Vonage says no one's mute: then the row says how they were.
		const participant = await control.getParticipant(where, callId);
		muted = (participant ? participant.muted : wasMuted === '1') ? '0' : '1';
		await control.setMuted(where, callId, muted === '1');
	} else {
		hand = wasHand === '1' ? '0' : '1';
	}
	const action: KeypadAction = keypad.toggle === 'mute' ? (muted === '1' ? 'mute' : 'unmute') : hand === '1' ? 'raiseHand' : 'lowerHand';
	return { action, callId, conference, roomId: roomIdOf(conference) ?? null, callerNumber: String(row.caller_number ?? ''), wasMuted, wasHand, muted, hand };
}
