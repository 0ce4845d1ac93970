/**
 * The world of the provider conformance suite: the Digital Samba simulator, one provider's
 * simulator (test/simulators/networks.ts), the workflow host serving that provider's templates, a
 * dial-in room in Digital Samba and in the directory, and the number pointed at the phone bridge.
 */
import type { Workflow } from 'n8n-workflow';

import { CALLS_TABLE, conferenceNameFor } from '../../nodes/core/ivr/syncPlan';
import { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import { Contract } from '../simulators/digitalsamba/contract';
import type { PhoneNetwork, SimulatedPhone } from '../simulators/network';
import { networks } from '../simulators/networks';
import { WorkflowHost } from '../helpers/workflowHost';
import type { ConformanceTarget } from '../conformance/target';
import { BRIDGE_PIN, CALLER_PIN, callsTableColumns, DIRECTORY, DIRECTORY_COLUMNS, NUMBER, template } from './scenario';


/** A provider's copy of a template: Twilio's are the sources, the others are derived (scripts/providerTemplates.ts). */
export const providerTemplate = (provider: string, file: string) => template(provider === 'twilio' ? file : `${provider}/${file}`);

let contract: Promise<Contract> | undefined;

export class ConformanceWorld implements ConformanceTarget {
	readonly callerPin = CALLER_PIN;
	readonly bridgePin = BRIDGE_PIN;
	ds!: DigitalSambaSimulator;
	phones!: PhoneNetwork;
	host!: WorkflowHost;
	roomId!: string;
	phoneBridge!: Workflow;
	dsToPhone!: Workflow;
	readonly bridgeCalls: SimulatedPhone[] = [];

	static async start(provider: string): Promise<ConformanceWorld> {
		const world = new ConformanceWorld();
		contract ??= Contract.load();
		world.ds = await DigitalSambaSimulator.start({ contract: await contract });
		world.phones = await networks[provider]();
		world.host = await new WorkflowHost({
			digitalSambaApi: { apiKey: world.ds.developerKey, baseUrl: world.ds.baseUrl, authScheme: 'bearer' },
			[world.phones.credential.type]: world.phones.credential.data,
		}).start();
		const room = world.ds.state.createRoom({ privacy: 'public', friendly_url: 'standup', telephony_enabled: true, telephony_phone_number: NUMBER, telephony_pin_dtmf: `WW${BRIDGE_PIN}#` });
		world.roomId = room.id;
		world.host.dataTables.createTable(DIRECTORY, DIRECTORY_COLUMNS);
		world.host.dataTables.createTable(CALLS_TABLE, callsTableColumns());
		world.host.dataTables.insert(DIRECTORY, [{ caller_pin: CALLER_PIN, bridge_pin: BRIDGE_PIN, room_id: room.id, conference_name: conferenceNameFor(room.id), phone_numbers: NUMBER, expires_at: null }]);
		world.phoneBridge = world.host.load(providerTemplate(provider, 'phone-bridge.json'));
		world.dsToPhone = world.host.load(providerTemplate(provider, 'digitalsamba-to-phone.json'));
		await world.host.activate(world.dsToPhone);
		world.phones.pointNumber(NUMBER, `${world.host.webhookBase}/voice`, `${world.host.webhookBase}/voice-fallback`);
		world.ds.onBridgeConnect = () => world.bridgeCalls.push(world.bridge());
		return world;
	}

	get conferenceName(): string {
		return conferenceNameFor(this.roomId);
	}

	call(options: { from?: string; keys: string }): SimulatedPhone {
		return this.phones.call({ to: NUMBER, ...options });
	}

	/** Digital Samba dials the bridge number and plays the room's DTMF. */
	bridge(): SimulatedPhone {
		const room = this.ds.state.rooms.get(this.roomId)!;
		return this.phones.call({ to: String(room.telephony_phone_number), from: '+4930123456', keys: String(room.telephony_pin_dtmf) });
	}

	/** The bridge and one caller in the conference, every callback answered. */
	async bridgeAndCaller(): Promise<{ bridge: SimulatedPhone; caller: SimulatedPhone }> {
		const bridge = this.bridge();
		await bridge.joined();
		const caller = this.call({ from: '+15550000001', keys: `${this.callerPin}#` });
		await caller.joined();
		await this.quiet();
		return { bridge, caller };
	}

	/** What the world holds now ("dial-in calls" rows, requests Digital Samba got); the function expects it unchanged. */
	snapshot(): () => void {
		const rows = () => JSON.stringify(this.host.dataTables.byName(CALLS_TABLE)!.rows);
		const rowsBefore = rows();
		const requestsBefore = this.ds.requests.length;
		return () => {
			expect(rows()).toBe(rowsBefore);
			expect(this.ds.requests.length).toBe(requestsBefore);
		};
	}

	async quiet(): Promise<void> {
		for (let round = 0; round < 20; round++) {
			await this.phones.settle();
			await this.host.settle();
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}

	async failedExecutions(): Promise<string[]> {
		return this.host.runs.filter(({ run }) => run.data.resultData.error).map(({ run }) => String(run.data.resultData.error?.message));
	}

	async stop(): Promise<void> {
		await this.phones.hangUpAll();
		await this.quiet();
		await this.host.close();
		await this.phones.close();
		await this.ds.close();
	}
}
