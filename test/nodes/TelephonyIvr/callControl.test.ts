import { BRIDGE_LABEL, callerLabel } from '../../../nodes/core/ivr/labels';
import { announceUrl } from '../../../nodes/core/ivr/script';
import { NO_PROVIDER_OPERATIONS, PIN_ENTERED, runTelephonyIvr } from '../../helpers/telephonyIvrNode';
import type { Conference, SimCall } from '../../simulators/twilio/server';
import { TwilioSimulator } from '../../simulators/twilio/server';

let twilio: TwilioSimulator;
beforeEach(async () => {
	twilio = await TwilioSimulator.start();
});
afterEach(async () => {
	await twilio.close();
});

const NAME = 'ds-room';
const joinOptions = (label: string, startConferenceOnEnter = false) => ({ label, muted: false, startConferenceOnEnter, endConferenceOnExit: false, statusCallbackEvents: [] });

async function conferenceWith(callers: number, bridge = true): Promise<{ conference: Conference; calls: SimCall[] }> {
	const calls: SimCall[] = [];
	for (let n = 0; n < callers; n++) {
		const call = twilio.newCall(`+1555000${String(n).padStart(4, '0')}`, '+15557654321');
		await twilio.join(call, NAME, joinOptions(callerLabel(call.sid, call.from, `Caller ${n}`)));
		calls.push(call);
	}
	if (bridge) await twilio.join(twilio.newCall('sip:ds@x', '+15557654321'), NAME, joinOptions(BRIDGE_LABEL, true));
	return { conference: twilio.conferenceNamed(NAME)!, calls };
}

describe('conference', () => {
	it('lists every participant across pages of 50, with what their labels say', async () => {
		const { calls } = await conferenceWith(73);
		const { items } = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'getParticipants', conference: NAME });
		expect(items).toHaveLength(74);
		expect(items.filter((item) => item.json.isBridge)).toHaveLength(1);
		// Neutral fields, the same for every provider; Twilio's own record only under raw.
		expect(items[5].json).toEqual(
			expect.objectContaining({ callId: calls[5].sid, conference: NAME, muted: false, onHold: false, isCaller: true, isBridge: false, callerNumber: '+15550000005', callerName: 'Caller 5' }),
		);
		expect(items[5].json).not.toHaveProperty('call_sid');
		expect(items[5].json.raw).toEqual(expect.objectContaining({ call_sid: calls[5].sid }));
		const lists = twilio.restRequests.filter((request) => request.path.includes('/Participants.json'));
		expect(lists.map((request) => new URL(request.path, 'http://x').searchParams.get('Page'))).toEqual([null, '1']);
	});

	it('mutes and unmutes by label, and Twilio reports it', async () => {
		const { conference, calls } = await conferenceWith(1);
		const label = callerLabel(calls[0].sid, calls[0].from, 'Caller 0');
		const muted = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'mute', conference: NAME, participant: label });
		expect(muted.items[0].json).toEqual(expect.objectContaining({ muted: true, label }));
		expect(conference.participants.get(calls[0].sid)?.muted).toBe(true);
		await runTelephonyIvr(twilio, { resource: 'conference', operation: 'unmute', conference: conference.sid, participant: calls[0].sid });
		expect(conference.participants.get(calls[0].sid)?.muted).toBe(false);
		expect(twilio.restRequests.filter((request) => request.method === 'POST').map((request) => request.form)).toEqual([{ Muted: 'true' }, { Muted: 'false' }]);
	});

	it('holds, announces to one participant, removes', async () => {
		const { conference, calls } = await conferenceWith(2);
		const webhookUrl = 'http://127.0.0.1:9/webhook/voice';
		await runTelephonyIvr(twilio, { resource: 'conference', operation: 'hold', conference: NAME, participant: calls[0].sid });
		expect(conference.participants.get(calls[0].sid)?.hold).toBe(true);
		await runTelephonyIvr(twilio, { resource: 'conference', operation: 'announce', conference: NAME, participant: calls[1].sid, text: 'Press star six to unmute', webhookUrl });
		expect(twilio.restRequests.at(-1)?.form).toEqual({ AnnounceUrl: announceUrl(webhookUrl, 'Press star six to unmute'), AnnounceMethod: 'POST' });
		const removed = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'remove', conference: NAME, participant: calls[1].sid });
		expect(removed.items[0].json).toEqual({ removed: true, callId: calls[1].sid, conference: NAME, conferenceId: conference.sid });
		expect(conference.participants.has(calls[1].sid)).toBe(false);
	});

	it('gets the conference and one participant, takes a participant off hold, announces to everyone', async () => {
		const { conference, calls } = await conferenceWith(2);
		const webhookUrl = 'http://127.0.0.1:9/webhook/voice';
		const got = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'get', conference: NAME });
		expect(got.items[0].json).toEqual(expect.objectContaining({ conference: NAME, conferenceId: conference.sid, raw: expect.objectContaining({ sid: conference.sid }) }));
		const one = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'getParticipant', conference: NAME, participant: calls[1].sid });
		expect(one.items[0].json).toEqual(expect.objectContaining({ callId: calls[1].sid, isCaller: true, callerNumber: calls[1].from }));
		await runTelephonyIvr(twilio, { resource: 'conference', operation: 'hold', conference: NAME, participant: calls[0].sid });
		const unheld = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'unhold', conference: NAME, participant: calls[0].sid });
		expect(unheld.items[0].json).toEqual(expect.objectContaining({ callId: calls[0].sid, onHold: false }));
		expect(conference.participants.get(calls[0].sid)?.hold).toBe(false);
		const all = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'announceAll', conference: NAME, text: 'The meeting ends in five minutes', webhookUrl });
		expect(all.items[0].json).toEqual({ announced: true, conference: NAME, conferenceId: conference.sid });
		expect(twilio.restRequests.at(-1)?.form).toEqual({ AnnounceUrl: announceUrl(webhookUrl, 'The meeting ends in five minutes'), AnnounceMethod: 'POST' });
	});

	it('ends the conference', async () => {
		const { conference } = await conferenceWith(2);
		await runTelephonyIvr(twilio, { resource: 'conference', operation: 'end', conference: NAME });
		expect(conference.status).toBe('completed');
		expect(conference.participants.size).toBe(0);
	});

	it('says when no conference is in progress instead of failing', async () => {
		const { items, error } = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'mute', conference: 'ds-nobody', participant: 'x' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ found: false, conference: 'ds-nobody' });
	});

	it('a participant who left: a NodeApiError with Twilio’s message', async () => {
		await conferenceWith(1);
		const { error } = await runTelephonyIvr(twilio, { resource: 'conference', operation: 'mute', conference: NAME, participant: 'p.CAgone.x' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Twilio: The requested resource Participants\/p\.CAgone\.x was not found/);
		expect(error?.description).toMatch(/^Not found: POST .*The conference may have ended or the participant left\.$/);
	});
});

describe('call, phone number, PIN, invitation', () => {
	it('hangs up a call, which leaves the conference', async () => {
		const { conference, calls } = await conferenceWith(1);
		await runTelephonyIvr(twilio, { resource: 'call', operation: 'hangUp', callId: calls[0].sid });
		expect(calls[0].status).toBe('completed');
		expect(conference.participants.has(calls[0].sid)).toBe(false);
	});

	it('points a phone number at the IVR and its fallback', async () => {
		const number = twilio.addNumber('+15557654321');
		await runTelephonyIvr(twilio, {
			resource: 'phoneNumber',
			operation: 'configure',
			phoneNumber: '+15557654321',
			voiceUrl: 'https://n8n.example.com/webhook/voice',
			fallbackUrl: 'https://n8n.example.com/webhook/voice-fallback',
		});
		expect(number).toEqual(expect.objectContaining({ voice_url: 'https://n8n.example.com/webhook/voice', voice_method: 'POST', voice_fallback_url: 'https://n8n.example.com/webhook/voice-fallback' }));
	});

	it('says which number is not in the account', async () => {
		const { error } = await runTelephonyIvr(twilio, { resource: 'phoneNumber', operation: 'configure', phoneNumber: '+10000000000', voiceUrl: 'https://x' });
		expect(error?.message).toBe('The number +10000000000 is not in this Twilio account');
	});

	it('generates a PIN pair and the DTMF for the bridge PIN', async () => {
		const pins = await runTelephonyIvr(twilio, { resource: 'pin', operation: 'generate', callerLength: 6, bridgeLength: 12 });
		const { callerPin, bridgePin } = pins.items[0].json as { callerPin: string; bridgePin: string };
		expect(callerPin).toMatch(/^\d{6}$/);
		expect(bridgePin).toMatch(/^\d{12}$/);
		const dtmf = await runTelephonyIvr(twilio, { resource: 'pin', operation: 'buildDtmf', pin: bridgePin, waitSeconds: 2.5 });
		expect(dtmf.items[0].json).toEqual({ dtmf: `WWw${bridgePin}#` });
	});

	it('writes an invitation', async () => {
		const { items } = await runTelephonyIvr(twilio, {
			resource: 'invitation',
			operation: 'create',
			numbers: { number: [{ country: 'US', number: '+15557654321' }] },
			pin: '012345',
			roomName: 'Standup',
		});
		expect(items[0].json.oneTap).toEqual([{ country: 'US', link: 'tel:+15557654321,,012345#' }]);
		expect(String(items[0].json.text)).toContain('PIN: 012345#');
	});

	it('classifies: bridge PIN plus checks, caller PIN, anything else', async () => {
		const classify = async (digits: string, callerName = '') =>
			(await runTelephonyIvr(twilio, { resource: 'call', operation: 'classify', digits, callerPin: '123456', bridgePin: '9876543210', callerName, bridgeChecks: { displayNamePrefix: 'DS ' } })).items[0].json.classification;
		expect(await classify('9876543210', 'DS Bridge')).toBe('bridge');
		expect(await classify('9876543210', 'Eve')).toBe('invalid');
		expect(await classify('123456', 'DS Bridge')).toBe('caller');
	});

	it('renders steps as binary TwiML for a Respond to Webhook node', async () => {
		const { items } = await runTelephonyIvr(twilio, {
			resource: 'response',
			operation: 'render',
			steps: { step: [{ kind: 'say', text: 'Hello <there>' }, { kind: 'pause', seconds: 2 }, { kind: 'hangup' }] },
			ivr: { voice: 'Polly.Amy', language: 'en-GB' },
		});
		const xml = Buffer.from(items[0].binary!.data.data, 'base64').toString('utf8');
		expect(items[0].binary!.data.mimeType).toBe('text/xml');
		expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Amy" language="en-GB">Hello &lt;there&gt;</Say><Pause length="2"/><Hangup/></Response>');
		expect(items[0].json.markup).toBe(xml);
	});

	it('operations that reach no provider run without any credential', async () => {
		for (const parameters of NO_PROVIDER_OPERATIONS) {
			const input = parameters.operation === 'routePin' ? [PIN_ENTERED] : undefined;
			const { error, items } = await runTelephonyIvr(twilio, parameters, { noCredential: true, input });
			expect([parameters.operation, error?.message]).toEqual([parameters.operation, undefined]);
			expect(items).toHaveLength(1);
		}
		const { error } = await runTelephonyIvr(twilio, { resource: 'call', operation: 'hangUp', callId: 'CA1' }, { noCredential: true });
		expect(error?.message).toMatch(/credential/i);
	});

	it('Continue On Fail keeps going after a bad item', async () => {
		const { items, error } = await runTelephonyIvr(
			twilio,
			{ resource: 'pin', operation: 'buildDtmf', pin: '={{ $json.pin }}', waitSeconds: 1 },
			{ input: [{ json: { pin: '1234567890' } }, { json: { pin: '12ab' } }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ dtmf: 'W1234567890#' }, { error: 'The PIN must contain digits only', description: undefined }]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
