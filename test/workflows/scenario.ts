/**
 * The world a template scenario runs in: both simulators, the workflow host serving the shipped
 * templates, a dial-in room in Digital Samba and in the directory, and a Twilio number pointed at
 * the phone-bridge workflow.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Workflow } from 'n8n-workflow';

import { CALLS_TABLE, conferenceNameFor } from '../../nodes/core/ivr/syncPlan';
import type { WorkflowJson } from '../helpers/workflowHost';
import { WorkflowHost } from '../helpers/workflowHost';
import { Contract } from '../simulators/digitalsamba/contract';
import type { BurstWorld } from '../helpers/burst';
import { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { CallOptions } from '../simulators/twilio/callDriver';
import { placeCall } from '../simulators/twilio/callDriver';
import { TwilioSimulator } from '../simulators/twilio/server';

export const NUMBER = '+15557654321';
export const CALLER_PIN = '012345';
export const BRIDGE_PIN = '098765432109';
export const DIRECTORY = 'dial-in directory';
export { CALLS_TABLE };
export const DIRECTORY_COLUMNS = [
	{ name: 'caller_pin', type: 'string' as const },
	{ name: 'bridge_pin', type: 'string' as const },
	{ name: 'room_id', type: 'string' as const },
	{ name: 'conference_name', type: 'string' as const },
	{ name: 'phone_numbers', type: 'string' as const },
	{ name: 'expires_at', type: 'date' as const },
];

export function template(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.resolve(__dirname, '../../workflows', file), 'utf8')) as WorkflowJson;
}

/** The "dial-in calls" table exactly as the Setup template creates it. */
export function callsTableColumns(): Array<{ name: string; type: 'string' }> {
	const create = template('setup-dial-in-directory.json').nodes.find((node) => node.name === 'Create Calls Table')!;
	return (create.parameters.columns as { column: Array<{ name: string; type: 'string' }> }).column;
}

let contract: Promise<Contract> | undefined;

export class Scenario {
	ds!: DigitalSambaSimulator;
	twilio!: TwilioSimulator;
	host!: WorkflowHost;
	roomId!: string;
	phoneBridge!: Workflow;
	dsToPhone!: Workflow;
	/** Bridge calls Digital Samba placed when asked to connect telephony. */
	readonly bridgeCalls: ReturnType<typeof placeCall>[] = [];

	/** Both simulators and the host, with nothing provisioned: as after a fresh install. */
	static async bare(): Promise<Scenario> {
		const scenario = new Scenario();
		contract ??= Contract.load();
		scenario.ds = await DigitalSambaSimulator.start({ contract: await contract });
		scenario.twilio = await TwilioSimulator.start();
		scenario.host = await new WorkflowHost({
			digitalSambaApi: { apiKey: scenario.ds.developerKey, baseUrl: scenario.ds.baseUrl, authScheme: 'bearer' },
			telephonyTwilioApi: { accountSid: scenario.twilio.accountSid, authToken: scenario.twilio.authToken, baseUrl: scenario.twilio.baseUrl },
		}).start();
		return scenario;
	}

	/** A provisioned room, the two live workflows loaded (and the trigger activated), the number pointed here. */
	static async start(options: { connectBridge?: boolean } = {}): Promise<Scenario> {
		const scenario = await Scenario.bare();
		const room = scenario.ds.state.createRoom({
			privacy: 'public',
			friendly_url: 'standup',
			telephony_enabled: true,
			telephony_phone_number: NUMBER,
			telephony_pin_dtmf: `WW${BRIDGE_PIN}#`,
		});
		scenario.roomId = room.id;
		scenario.host.dataTables.createTable(DIRECTORY, DIRECTORY_COLUMNS);
		scenario.host.dataTables.createTable(CALLS_TABLE, callsTableColumns());
		scenario.host.dataTables.insert(DIRECTORY, [
			{ caller_pin: CALLER_PIN, bridge_pin: BRIDGE_PIN, room_id: room.id, conference_name: conferenceNameFor(room.id), phone_numbers: NUMBER, expires_at: null },
		]);
		const phoneBridge = template('phone-bridge.json');
		if (options.connectBridge) phoneBridge.nodes.find((node) => node.name === 'Plan Sync')!.parameters.connectBridge = true;
		scenario.phoneBridge = scenario.host.load(phoneBridge);
		scenario.dsToPhone = scenario.host.load(template('digitalsamba-to-phone.json'));
		await scenario.host.activate(scenario.dsToPhone);
		scenario.twilio.addNumber(NUMBER, `${scenario.host.webhookBase}/voice`, `${scenario.host.webhookBase}/voice-fallback`);
		scenario.ds.onBridgeConnect = () => scenario.bridgeCalls.push(scenario.bridge());
		return scenario;
	}

	/** This scenario as the burst driver sees a world (test/helpers/burst.ts). */
	asBurstWorld(): BurstWorld {
		return {
			ds: this.ds,
			twilio: this.twilio,
			roomId: this.roomId,
			conferenceName: this.conferenceName,
			callerPin: CALLER_PIN,
			call: (options) => this.call(options),
			bridge: () => this.bridge(),
			quiet: () => this.quiet(),
			failedExecutions: async () => this.host.runs.filter(({ run }) => run.data.resultData.error).map(({ run }) => String(run.data.resultData.error?.message)),
		};
	}

	get conferenceName(): string {
		return conferenceNameFor(this.roomId);
	}

	call(options: Partial<CallOptions> & { keys: string }) {
		return placeCall(this.twilio, { to: NUMBER, ...options });
	}

	/** Digital Samba dials the bridge number and plays the room's DTMF. */
	bridge() {
		const room = this.ds.state.rooms.get(this.roomId)!;
		return placeCall(this.twilio, { to: String(room.telephony_phone_number), from: '+4930123456', keys: String(room.telephony_pin_dtmf) });
	}

	/** Until no callback is in flight and no execution is running. */
	async quiet(): Promise<void> {
		for (let round = 0; round < 20; round++) {
			await this.twilio.settle();
			await this.host.settle();
			await new Promise((resolve) => setTimeout(resolve, 20));
			await this.twilio.settle();
			await this.host.settle();
		}
	}

	/** Requests Digital Samba got, by endpoint kind. */
	dsRequests(kind: 'joined' | 'left' | 'mute' | 'unmute' | 'raise-hand' | 'lower-hand' | 'connect') {
		return this.ds.requests.filter((request) => request.status < 300 && request.path.endsWith(kind === 'connect' ? '/phone/connect' : `/${kind}`));
	}

	/** Every request about phone participants or the bridge that reached Digital Samba. */
	phoneRequests() {
		return this.ds.requests.filter((request) => /\/phone(-participants)?\//.test(request.path));
	}

	async stop(): Promise<void> {
		for (const call of this.twilio.calls.values()) if (call.status === 'in-progress') await this.twilio.hangUp(call, 'participant_hung_up');
		await this.quiet();
		await this.host.close();
		await this.twilio.close();
		await this.ds.close();
	}
}
