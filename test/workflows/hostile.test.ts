/**
 * Validly signed but hostile requests (a SIP caller controls its From and display name, and Twilio
 * signs what it passes on): identity comes from the provider's records and the callers' rows, never
 * from a field the request sets, and a replayed request does nothing new.
 */
import { BRIDGE_LABEL } from '../../nodes/core/ivr/labels';
import { stepUrl } from '../../nodes/core/ivr/script';
import type { PhoneCall } from '../simulators/twilio/callDriver';
import { postSigned } from '../simulators/twilio/sign';
import { CALLER_PIN, Scenario } from './scenario';

let world: Scenario;
let bridge: PhoneCall;
let caller: PhoneCall;
let otherRoom: string;

beforeEach(async () => {
	world = await Scenario.start();
	otherRoom = world.ds.state.createRoom({ privacy: 'public', friendly_url: 'other-room' }).id;
	bridge = world.bridge();
	await bridge.joined();
	caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

const voiceUrl = () => `${world.host.webhookBase}/voice`;
const sign = (url: string, params: Record<string, string>) => postSigned(url, { AccountSid: world.twilio.accountSid, ...params }, world.twilio.authToken);
/** The request Twilio sends when a caller presses a key in the keypad menu. */
const keypadRequest = (conf: string, digits: string) =>
	sign(stepUrl(voiceUrl(), 'menu', { conf, muted: '0', hand: '0' }), { CallSid: caller.call.sid, Digits: digits, CallStatus: 'in-progress', From: '+15550000001', To: '+15557654321' });
const phoneRequestsAfter = (count: number) => world.phoneRequests().slice(count).map((request) => request.path);
const failedRuns = () => world.host.runs.filter(({ run }) => run.data.resultData.error).map(({ run }) => String(run.data.resultData.error?.message));

it('a keypad request replayed, one after another and all at once, raises the hand once', async () => {
	const before = world.phoneRequests().length;
	expect((await keypadRequest(world.conferenceName, '9')).status).toBe(200);
	await world.quiet();
	await keypadRequest(world.conferenceName, '9');
	await Promise.all([1, 2, 3].map(() => keypadRequest(world.conferenceName, '9')));
	await world.quiet();
	expect(phoneRequestsAfter(before)).toEqual([`/api/v1/rooms/${world.roomId}/phone-participants/${caller.call.sid}/raise-hand`]);
	expect(world.ds.anomalies).toEqual([]);
});

it('a keypad request naming another room’s conference acts nowhere', async () => {
	const before = world.phoneRequests().length;
	await keypadRequest(`ds-${otherRoom}`, '9');
	await world.quiet();
	expect(phoneRequestsAfter(before)).toEqual([]);
});

it('a participant-join labelled ds-bridge for a caller’s call announces nothing and fails visibly', async () => {
	const conference = world.twilio.conferenceNamed(world.conferenceName)!;
	const before = world.phoneRequests().length;
	const answer = await sign(voiceUrl(), { ConferenceSid: conference.sid, FriendlyName: world.conferenceName, StatusCallbackEvent: 'participant-join', CallSid: caller.call.sid, ParticipantLabel: BRIDGE_LABEL, SequenceNumber: '99' });
	await world.quiet();
	expect(answer.status).toBeLessThan(500);
	expect(phoneRequestsAfter(before)).toEqual([]);
	expect(failedRuns()).toEqual([expect.stringContaining(`call ${caller.call.sid} is labelled`)]);
});

it('a callback whose FriendlyName names another room than its ConferenceSid reports nothing there', async () => {
	const conference = world.twilio.conferenceNamed(world.conferenceName)!;
	const before = world.phoneRequests().length;
	const other = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
	await other.joined();
	await world.quiet();
	const joinedBefore = world.phoneRequests().length;
	await sign(voiceUrl(), { ConferenceSid: conference.sid, FriendlyName: `ds-${otherRoom}`, StatusCallbackEvent: 'participant-leave', CallSid: bridge.call.sid, ParticipantLabel: BRIDGE_LABEL, SequenceNumber: '99' });
	await world.quiet();
	expect(phoneRequestsAfter(joinedBefore)).toEqual([]);
	expect(world.phoneRequests().slice(before).every((request) => request.path.includes(world.roomId))).toBe(true);
	expect(failedRuns()).toEqual([expect.stringContaining(`is '${world.conferenceName}', not 'ds-${otherRoom}'`)]);
});

it('a bridge-leave sent while the bridge is still in reports nobody left', async () => {
	const conference = world.twilio.conferenceNamed(world.conferenceName)!;
	const before = world.phoneRequests().length;
	await sign(voiceUrl(), { ConferenceSid: conference.sid, FriendlyName: world.conferenceName, StatusCallbackEvent: 'participant-leave', CallSid: bridge.call.sid, ParticipantLabel: BRIDGE_LABEL, SequenceNumber: '99' });
	await world.quiet();
	expect(phoneRequestsAfter(before)).toEqual([]);
	expect(world.ds.state.phoneParticipantsOf(world.roomId).has(caller.call.sid)).toBe(true);
});
