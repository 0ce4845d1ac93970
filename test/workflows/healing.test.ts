/**
 * Healing, with the shipped templates (docs/participant-sync.md, "Healing"): a conference callback
 * that no execution processed (its worker died; Twilio does not resend it), and a report Digital
 * Samba never confirmed, are made good by the next event in that conference. Time is simulated by
 * ageing the "dial-in calls" rows: healing acts only on rows left alone for HEAL_GRACE_MS, and
 * takes a report over only after REPORT_LEASE_MS.
 */
import { HEAL_GRACE_MS } from '../../nodes/core/ivr/healing';
import { REPORT_LEASE_MS } from '../../nodes/core/ivr/syncPlan';
import { BRIDGE_LABEL } from '../../nodes/core/ivr/labels';
import { CALLER_PIN, Scenario } from './scenario';

let world: Scenario;
beforeEach(async () => {
	world = await Scenario.start();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
	expect(world.ds.anomalies).toEqual([]);
});

const listed = () => [...world.ds.state.phoneParticipantsOf(world.roomId).keys()].sort();
const callersIn = () =>
	[...(world.twilio.conferenceNamed(world.conferenceName)?.participants.values() ?? [])]
		.filter((participant) => participant.label !== BRIDGE_LABEL)
		.map((participant) => participant.call.sid)
		.sort();
const reported = (kind: 'joined' | 'left') =>
	world.dsRequests(kind).flatMap((request) => (kind === 'joined' ? (request.body as Array<{ call_id: string }>).map((call) => call.call_id) : (request.body as string[])));

async function withBridge() {
	const bridge = world.bridge();
	await bridge.joined();
	await world.quiet();
	return bridge;
}

/** Another caller dials in: the next event in the conference. */
async function nextEvent(from = '+15550000099') {
	const caller = world.call({ from, keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	return caller;
}

it('a lost join callback: the caller is announced by the next event, once', async () => {
	await withBridge();
	world.twilio.loseCallbacks = (params) => params.StatusCallbackEvent === 'participant-join';
	const lostJoin = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await lostJoin.joined();
	await world.quiet();
	world.twilio.loseCallbacks = undefined;
	expect(world.twilio.lost).toHaveLength(1);
	expect(listed()).toEqual([]);

	// Within the grace period the row may still be some execution's: left alone.
	const early = await nextEvent('+15550000002');
	expect(listed()).toEqual([early.call.sid]);
	world.host.dataTables.age(HEAL_GRACE_MS + 1000);
	await nextEvent('+15550000003');
	expect(listed()).toEqual(callersIn());
	expect(reported('joined').filter((id) => id === lostJoin.call.sid)).toHaveLength(1);
});

it('a lost leave callback: the caller is reported left by the next event, once', async () => {
	await withBridge();
	const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	world.twilio.loseCallbacks = (params) => params.StatusCallbackEvent === 'participant-leave';
	await caller.hangUp();
	await world.quiet();
	world.twilio.loseCallbacks = undefined;
	expect(listed()).toEqual([caller.call.sid]);

	world.host.dataTables.age(HEAL_GRACE_MS + 1000);
	await nextEvent();
	expect(listed()).toEqual(callersIn());
	expect(reported('left')).toEqual([caller.call.sid]);
});

it('a lost bridge leave: the callers it carried are reported left by the next event', async () => {
	const bridge = await withBridge();
	const callers = [world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` }), world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` })];
	await Promise.all(callers.map((caller) => caller.joined()));
	await world.quiet();
	expect(listed()).toHaveLength(2);
	world.twilio.loseCallbacks = (params) => params.StatusCallbackEvent === 'participant-leave' && params.ParticipantLabel === BRIDGE_LABEL;
	await bridge.hangUp();
	await world.quiet();
	world.twilio.loseCallbacks = undefined;
	expect(listed()).toHaveLength(2);

	world.host.dataTables.age(HEAL_GRACE_MS + 1000);
	await nextEvent();
	// No bridge: nobody listed, and the late caller was never announced.
	expect(listed()).toEqual([]);
	expect(reported('left').sort()).toEqual(callers.map((caller) => caller.call.sid).sort());
});

it('Digital Samba refusing every try: the report is taken over after the lease and made once', async () => {
	await withBridge();
	world.ds.injectFault({ path: /\/phone-participants\/joined$/, status: 500, times: 5 });
	const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	expect(listed()).toEqual([]);
	const failed = world.host.runs.filter(({ run }) => run.data.resultData.error);
	expect(failed).toHaveLength(1);

	// Before the lease runs out the report is still its claimant's: not taken over.
	world.host.dataTables.age(HEAL_GRACE_MS + 1000);
	await nextEvent('+15550000002');
	expect(listed()).not.toContain(caller.call.sid);
	world.host.dataTables.age(REPORT_LEASE_MS);
	await nextEvent('+15550000003');
	expect(listed()).toEqual(callersIn());
	expect(reported('joined').filter((id) => id === caller.call.sid)).toHaveLength(1);
}, 30_000);

it('every report confirmed: once told, no row stays pending, and ended rows are closed', async () => {
	await withBridge();
	const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	await caller.hangUp();
	await world.quiet();
	const rows = world.host.dataTables.byName('dial-in calls')!.rows;
	expect(rows.map((row) => [row.state, row.report])).toEqual([['closed', 'told']]);
});

it('a bridge leave whose left Digital Samba refused: taken over later for the caller it listed, never for a caller it did not', async () => {
	const bridge = await withBridge();
	const listedCaller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await listedCaller.joined();
	await world.quiet();
	// A second caller whose join callback was lost: waiting, never announced, never to be reported.
	world.twilio.loseCallbacks = (params) => params.StatusCallbackEvent === 'participant-join';
	const unlisted = world.call({ from: '+15550000002', keys: `${CALLER_PIN}#` });
	await unlisted.joined();
	await world.quiet();
	world.twilio.loseCallbacks = undefined;
	world.ds.injectFault({ path: /\/phone-participants\/left$/, status: 500, times: 5 });
	await bridge.hangUp();
	await world.quiet();
	expect(listed()).toEqual([listedCaller.call.sid]);

	world.host.dataTables.age(REPORT_LEASE_MS + 1000);
	await nextEvent();
	expect(listed()).toEqual([]);
	expect(reported('left')).toEqual([listedCaller.call.sid]);
}, 30_000);

it('a caller who hangs up while their left is unconfirmed is still reported left, once', async () => {
	const bridge = await withBridge();
	const caller = world.call({ from: '+15550000001', keys: `${CALLER_PIN}#` });
	await caller.joined();
	await world.quiet();
	world.ds.injectFault({ path: /\/phone-participants\/left$/, status: 500, times: 5 });
	await bridge.hangUp();
	await world.quiet();
	await caller.hangUp();
	await world.quiet();
	expect(listed()).toEqual([caller.call.sid]);

	world.host.dataTables.age(REPORT_LEASE_MS + 1000);
	await nextEvent();
	expect(listed()).toEqual([]);
	expect(reported('left')).toEqual([caller.call.sid]);
	// And its row ends up closed (a later event finds the call ended).
	world.host.dataTables.age(HEAL_GRACE_MS + 1000);
	await nextEvent('+15550000003');
	const row = world.host.dataTables.byName('dial-in calls')!.rows.find((candidate) => candidate.call_id === caller.call.sid)!;
	expect([row.state, row.report]).toEqual(['closed', 'none']);
}, 30_000);
