import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildDtmfSequence, checkDtmf, DTMF_ALLOWED } from '../../../core/ivr/dtmf';
import { toApiDateTime, toTelephonyFields } from '../../../core/digitalsamba/rooms';

export const privacyField: INodeProperties = {
	displayName: 'Privacy', description: 'Public rooms let anyone with the link in; private rooms need a token',
	name: 'privacy',
	type: 'options',
	options: [
		{ name: 'Public', value: 'public', description: 'Anyone with the room link can join' },
		{ name: 'Private', value: 'private', description: 'The room link needs a valid token' },
	],
	default: 'public',
};

/** Room settings shared by create and update, named as the API names them. */
export const roomSettingOptions: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: '3 to 500 characters',
	},
	{
		displayName: 'Expires At',
		name: 'expires_at',
		type: 'dateTime',
		default: '',
		description: 'When Digital Samba deletes the room (a future date)',
	},
	{
		displayName: 'External ID',
		name: 'external_id',
		type: 'string',
		default: '',
		description: 'Your own ID for the room',
	},
	{
		displayName: 'Is Audio Only',
		name: 'is_audio_only',
		type: 'boolean',
		default: false,
		description: 'Whether cameras are disabled in the room',
	},
	{
		displayName: 'Is Locked',
		name: 'is_locked',
		type: 'boolean',
		default: false,
		description: 'Whether joining needs acceptance',
	},
	{
		displayName: 'Max Participants',
		name: 'max_participants',
		type: 'number',
		typeOptions: { minValue: 2, maxValue: 2000 },
		default: 100,
		description: 'At most your plan allows',
	},
];

export const tagsOption: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	description: 'Comma-separated room tags',
};

export const telephonyCollection: INodeProperties = {
	displayName: 'Telephony (Dial-In)',
	name: 'telephony',
	type: 'collection',
	placeholder: 'Add Telephony Setting',
	default: {},
	description:
		'How Digital Samba dials the phone bridge: the number it calls and the keys it plays once connected',
	options: [
		{
			displayName: 'Bridge PIN',
			name: 'bridgePin',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Digits the bridge call enters at the IVR. The DTMF sequence is built from it: the wait, the PIN, then #. Leave empty to give the DTMF sequence yourself.',
		},
		{
			displayName: 'DTMF Sequence',
			name: 'pinDtmf',
			type: 'string',
			default: '',
			placeholder: 'WW0123456789#',
			description: `Keys played after the call connects: ${DTMF_ALLOWED}. W waits 1 second, w waits half a second.`,
		},
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			default: true,
			description: 'Whether the room can connect to the phone bridge',
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+15551234567',
			description: 'The PSTN or SIP number Digital Samba dials to reach the bridge',
		},
		{
			displayName: 'Wait Before PIN (Seconds)',
			name: 'waitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 2,
			description: 'Used with Bridge PIN: how long to wait for the IVR greeting, in steps of 0.5',
		},
	],
};

interface TelephonyInput {
	enabled?: boolean;
	phoneNumber?: string;
	pinDtmf?: string;
	bridgePin?: string;
	waitSeconds?: number;
}

/** `telephony_*` fields from the Telephony collection; DTMF checked before anything is sent. */
export function telephonyBody(
	this: IExecuteFunctions,
	itemIndex: number,
	telephony: TelephonyInput,
): IDataObject {
	if (Object.keys(telephony).length === 0) return {};
	const fail = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });

	let pinDtmf = telephony.pinDtmf?.trim() || undefined;
	const bridgePin = telephony.bridgePin?.trim() || undefined;
	if (pinDtmf && bridgePin) {
		throw fail('Give either a Bridge PIN or a DTMF Sequence, not both');
	}
	if (bridgePin) {
		const built = buildDtmfSequence({ pin: bridgePin, waitSeconds: telephony.waitSeconds ?? 2 });
		if (!built.ok) throw fail(`Invalid bridge PIN: ${built.reason}`);
		pinDtmf = built.sequence;
	} else if (pinDtmf) {
		const check = checkDtmf(pinDtmf);
		if (!check.ok) throw fail(`Invalid DTMF sequence: ${check.reason}`, 'W waits 1 second, w half a second');
	}
	return toTelephonyFields({
		enabled: telephony.enabled ?? true,
		phoneNumber: telephony.phoneNumber?.trim() || undefined,
		pinDtmf,
	});
}

/** Room settings from a collection, with `expires_at` and `tags` in the API's formats. */
export function roomSettingsBody(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(settings)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key === 'expires_at') {
			const expiresAt = toApiDateTime(String(value));
			if (!expiresAt) {
				throw new NodeOperationError(this.getNode(), `Invalid expiry date: ${String(value)}`, {
					itemIndex,
					description: 'Use a date and time such as 2026-12-31 18:00:00',
				});
			}
			body.expires_at = expiresAt;
		} else if (key === 'tags') {
			const tags = Array.isArray(value) ? value.map(String) : String(value).split(',');
			body.tags = tags.map((tag) => tag.trim()).filter(Boolean);
		} else {
			body[key] = value;
		}
	}
	return body;
}
