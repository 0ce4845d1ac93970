import type { INodeProperties } from 'n8n-workflow';

import { callAction } from './callAction';
import * as applyPhoneEvent from './applyPhoneEvent.operation';
import * as join from './join.operation';
import * as leave from './leave.operation';

const lowerHand = callAction('lowerHand', 'lower-hand', { handRaised: false });
const mute = callAction('mute', 'mute', { muted: true });
const raiseHand = callAction('raiseHand', 'raise-hand', { handRaised: true });
const unmute = callAction('unmute', 'unmute', { muted: false });

export const operations = { applyPhoneEvent, join, leave, lowerHand, mute, raiseHand, unmute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		description: 'What to do',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneParticipant'] } },
		options: [
			{
				name: 'Apply Phone Event',
				value: 'applyPhoneEvent',
				action: 'Report what happened on the phone',
				description: 'Joined, left, mute, hand or bridge connect, as an item from the Telephony IVR says',
			},
			{
				name: 'Join',
				value: 'join',
				action: 'Report phone participants joined',
				description: 'Tell the room that one or more callers joined (one request)',
			},
			{
				name: 'Leave',
				value: 'leave',
				action: 'Report phone participants left',
				description: 'Tell the room that one or more callers left (one request)',
			},
			{ name: 'Lower Hand', value: 'lowerHand', action: 'Lower the hand of a phone participant', description: 'Tell Digital Samba a phone participant lowered their hand (keypad *9 again)' },
			{ name: 'Mute', value: 'mute', action: 'Report a phone participant muted', description: 'Tell Digital Samba a phone participant is muted (keypad *6, or muted on the phone side)' },
			{ name: 'Raise Hand', value: 'raiseHand', action: 'Raise the hand of a phone participant', description: 'Tell Digital Samba a phone participant raised their hand (keypad *9)' },
			{ name: 'Unmute', value: 'unmute', action: 'Report a phone participant unmuted', description: 'Tell Digital Samba a phone participant is unmuted' },
		],
		default: 'join',
	},
	...applyPhoneEvent.description,
	...join.description,
	...leave.description,
	...lowerHand.description,
	...mute.description,
	...raiseHand.description,
	...unmute.description,
];
