import { BRIDGE_LABEL } from '../../nodes/core/ivr/labels';
import { CALLS_TABLE, DIRECTORY, NUMBER, Scenario, template } from './scenario';

let world: Scenario;
beforeEach(async () => {
	world = await Scenario.bare();
});
afterEach(async () => {
	await world.stop();
	expect(world.ds.violations).toEqual([]);
});

it('setup creates the directory and the calls table once and points the number at the phone bridge and its fallback', async () => {
	const number = world.twilio.addNumber(NUMBER);
	const setup = world.host.load(template('setup-dial-in-directory.json'));
	for (let run = 0; run < 2; run++) {
		const result = await world.host.execute(setup, 'Run Setup');
		expect(result.data.resultData.error).toBeUndefined();
	}
	expect([...world.host.dataTables.tables.values()].map((table) => [table.name, table.columns.map((column) => column.name)])).toEqual([
		[DIRECTORY, ['caller_pin', 'bridge_pin', 'room_id', 'conference_name', 'phone_numbers', 'expires_at']],
		[CALLS_TABLE, ['call_id', 'conference', 'state', 'bridge_call', 'gone_bridge', 'report', 'caller_number', 'name', 'muted', 'hand', 'keypad', 'claim']],
	]);
	expect(number.voice_url).toBe(`${world.host.webhookBase}/voice`);
	expect(number.voice_fallback_url).toBe(`${world.host.webhookBase}/voice-fallback`);
});

it('provisioning creates the room with dial-in, adds it to the directory, and the PINs then work on a call', async () => {
	world.twilio.addNumber(NUMBER);
	await world.host.execute(world.host.load(template('setup-dial-in-directory.json')), 'Run Setup');
	world.host.dataTables.insert(DIRECTORY, [{ caller_pin: '111111', bridge_pin: '222222222222', room_id: 'old', conference_name: 'ds-old', phone_numbers: NUMBER, expires_at: null }]);

	const json = template('provision-dial-in-room.json');
	// What a user fills in after import: the room's name and the number Digital Samba dials.
	const createRoom = json.nodes.find((node) => node.name === 'Create Room')!;
	createRoom.parameters.friendlyUrl = 'weekly-standup';
	(createRoom.parameters.telephony as Record<string, unknown>).phoneNumber = NUMBER;
	const run = await world.host.execute(world.host.load(json), 'Provision');
	expect(run.data.resultData.error).toBeUndefined();

	const room = world.ds.state.findRoom('weekly-standup')!;
	const row = world.host.dataTables.byName(DIRECTORY)!.rows.find((entry) => entry.room_id === room.id)!;
	expect(row).toEqual(expect.objectContaining({ conference_name: `ds-${room.id}`, phone_numbers: NUMBER }));
	expect(String(row.caller_pin)).toMatch(/^\d{6}$/);
	expect(String(row.bridge_pin)).toMatch(/^\d{12}$/);
	expect([row.caller_pin, row.bridge_pin]).not.toContain('111111');
	expect(room).toEqual(expect.objectContaining({ privacy: 'public', telephony_enabled: true, telephony_phone_number: NUMBER, telephony_pin_dtmf: `WW${String(row.bridge_pin)}#` }));
	const invitation = run.data.resultData.runData.Invitation[0].data!.main[0]![0].json;
	expect(String(invitation.text)).toContain(`PIN: ${String(row.caller_pin)}#`);
	expect(invitation.oneTap).toEqual([{ country: 'Phone', link: `tel:${NUMBER},,${String(row.caller_pin)}#` }]);

	// The provisioned room works: the phone bridge and a caller meet in its conference.
	world.host.load(template('phone-bridge.json'));
	world.roomId = room.id;
	const caller = world.call({ keys: `${String(row.caller_pin)}#` });
	await caller.joined();
	const bridge = world.bridge();
	await bridge.joined();
	await world.quiet();
	expect(bridge.transcript.find((entry) => entry.type === 'joined')).toEqual(expect.objectContaining({ label: BRIDGE_LABEL, conference: `ds-${room.id}` }));
	expect(world.dsRequests('joined').map((request) => request.path)).toEqual([`/api/v1/rooms/${room.id}/phone-participants/joined`]);
});
