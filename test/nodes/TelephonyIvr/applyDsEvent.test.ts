/**
 * Apply Digital Samba Event validates before it acts: the call must be a caller the provider lists
 * in that room's conference. Anything else fails by name and sends the provider nothing.
 */
import { BRIDGE_LABEL, callerLabel } from '../../../nodes/core/ivr/labels';
import { runTelephonyIvr } from '../../helpers/telephonyIvrNode';
import type { SimCall } from '../../simulators/twilio/server';
import { TwilioSimulator } from '../../simulators/twilio/server';

const ROOM = '7f8c8eac-6643-47db-8d93-e7633e6e53ec';
const OTHER_ROOM = '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f';
const join = (label: string) => ({ label, muted: false, startConferenceOnEnter: true, endConferenceOnExit: false, statusCallbackEvents: [] });

let twilio: TwilioSimulator;
let caller: SimCall;
let bridge: SimCall;
let otherRoomCaller: SimCall;

beforeEach(async () => {
	twilio = await TwilioSimulator.start();
	caller = twilio.newCall('+15550000001', '+15557654321');
	await twilio.join(caller, `ds-${ROOM}`, join(callerLabel(caller.sid, caller.from, 'Ada')));
	bridge = twilio.newCall('sip:ds@x', '+15557654321');
	await twilio.join(bridge, `ds-${ROOM}`, join(BRIDGE_LABEL));
	otherRoomCaller = twilio.newCall('+15550000002', '+15557654321');
	await twilio.join(otherRoomCaller, `ds-${OTHER_ROOM}`, join(callerLabel(otherRoomCaller.sid, otherRoomCaller.from, 'Bob')));
});
afterEach(async () => twilio.close());

const apply = (event: Record<string, unknown>) =>
	runTelephonyIvr(twilio, { resource: 'conference', operation: 'applyDsEvent' }, { input: [{ json: { timestamp: 1795708428, ...event } }] });
const changes = () => twilio.restRequests.filter((request) => request.method !== 'GET');

it('mutes a caller of the room’s conference', async () => {
	const run = await apply({ eventType: 'phone_participant_muted', roomId: ROOM, callId: caller.sid });
	expect(run.error).toBeUndefined();
	expect(twilio.conferenceNamed(`ds-${ROOM}`)?.participants.get(caller.sid)?.muted).toBe(true);
});

it.each([
	['no callId', { eventType: 'phone_participant_muted', roomId: ROOM }, 'has no callId'],
	['the bridge', () => ({ eventType: 'phone_participant_muted', roomId: ROOM, callId: bridge.sid }), 'is the phone bridge, not a caller'],
	['another room’s caller', () => ({ eventType: 'phone_participant_unmuted', roomId: ROOM, callId: otherRoomCaller.sid }), 'is not a caller in room'],
	['a call that does not exist', { eventType: 'phone_participant_asked_to_unmute', roomId: ROOM, callId: 'CA' + 'f'.repeat(32) }, 'is not a caller in room'],
	['a room that is not a UUID', { eventType: 'phone_participant_muted', roomId: 'standup', callId: 'CA1' }, 'has no room UUID'],
	['a room with no conference', () => ({ eventType: 'phone_participant_muted', roomId: '11111111-2222-4333-8444-555555555555', callId: caller.sid }), 'none is in progress'],
])('%s: a named failure, nothing sent to the provider', async (_, event, message) => {
	const run = await apply(typeof event === 'function' ? event() : event);
	expect(run.error?.message).toContain(message);
	expect(changes()).toEqual([]);
	expect(twilio.conferenceNamed(`ds-${ROOM}`)?.participants.get(bridge.sid)?.muted).toBe(false);
});
