/**
 * The phone bridge inside a real n8n: the packed package installed under its real name, the shipped
 * templates imported through the public API (n8n assigns the webhook IDs) with credentials that
 * point at the simulators, Setup and Provision run, the two live workflows published. Calls then
 * go over real HTTP to n8n's production webhook URLs.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { Contract } from '../simulators/digitalsamba/contract';
import { DigitalSambaSimulator } from '../simulators/digitalsamba/server';
import type { CallOptions } from '../simulators/twilio/callDriver';
import { placeCall } from '../simulators/twilio/callDriver';
import { TwilioSimulator } from '../simulators/twilio/server';
import type { BurstWorld } from '../helpers/burst';
import type { WorkflowJson } from '../helpers/workflowHost';
import type { PhoneNetwork, SimulatedPhone } from '../simulators/network';
import { networks } from '../simulators/networks';
import { twilioNetwork } from '../simulators/twilio/network';
import { providerTemplate } from '../workflows/conformance';
import { template } from '../workflows/scenario';
import { N8nInstance } from './n8nInstance';
import type { QueueOptions } from './queueCluster';
import { QueueCluster } from './queueCluster';
import { freePorts } from './services/serviceProcess';
import type { Runtime } from './runtime';

export const NUMBER = '+15557654321';

const DS_CREDENTIAL_OF: Record<string, string> = {
	'n8n-nodes-digitalsamba.digitalSamba': 'digitalSambaApi',
	'n8n-nodes-digitalsamba.digitalSambaTrigger': 'digitalSambaApi',
};
/** Our nodes that need the voice provider's credential. */
const PROVIDER_NODE_TYPES = ['n8n-nodes-digitalsamba.telephonyIvr', 'n8n-nodes-digitalsamba.telephonyRequest'];

export interface Room {
	id: string;
	callerPin: string;
	conference: string;
}

export class RealWorld {
	ds!: DigitalSambaSimulator;
	/** The voice provider's simulator (Twilio unless `provider` says otherwise). */
	phones!: PhoneNetwork;
	provider = 'twilio';
	/** The Twilio simulator itself, in a Twilio world (the Twilio-only scenarios use it directly). */
	twilio!: TwilioSimulator;
	/** Bridge calls Digital Samba placed when asked to connect telephony, any provider. */
	readonly bridgePhones: SimulatedPhone[] = [];
	n8n!: N8nInstance;
	workflowIds: Record<string, string> = {};
	readonly bridgeCalls: ReturnType<typeof placeCall>[] = [];
	private credentialIds: Record<string, string> = {};

	/** Queue mode's processes and services when the world runs on it (`n8n` is then its main). */
	cluster?: QueueCluster;

	static async start(
		runtime: Runtime,
		options: { env?: Record<string, string>; port?: number; userFolder?: string; queue?: QueueOptions; provider?: string } = {},
	): Promise<RealWorld> {
		const world = new RealWorld();
		// The world owns what it started from the first start: a failure anywhere below closes it
		// all, so a failed start is a red test that ends, never open handles that keep Jest waiting.
		try {
			world.ds = await DigitalSambaSimulator.start({ contract: await Contract.load() });
			world.provider = options.provider ?? 'twilio';
			if (world.provider === 'twilio') {
				world.twilio = await TwilioSimulator.start();
				world.phones = await twilioNetwork(world.twilio);
			} else {
				world.phones = await networks[world.provider]();
			}
			if (options.queue) {
				world.cluster = await QueueCluster.start(runtime, { ...options.queue, env: { ...options.env, ...options.queue.env } });
				world.n8n = world.cluster.main;
			} else {
				world.n8n = new N8nInstance(runtime, { port: options.port ?? (await freePorts(4)), env: options.env, userFolder: options.userFolder });
				world.n8n.installPackage();
				await world.n8n.start();
			}
			await world.n8n.setUpOwner();
		} catch (error) {
			await world.stop();
			throw error;
		}
		world.ds.onBridgeConnect = (room) => {
			if (world.provider === 'twilio') world.bridgeCalls.push(world.dial(String(room.telephony_phone_number), String(room.telephony_pin_dtmf)));
			else world.bridgePhones.push(world.phones.call({ to: String(room.telephony_phone_number), from: '+4930123456', keys: String(room.telephony_pin_dtmf) }));
		};
		return world;
	}

	/** Every n8n-workflow the installed package could load: none of its own (n8n's is used). */
	installedWorkflowCopies(): string[] {
		const modules = path.join(this.n8n.userFolder, '.n8n', 'nodes', 'node_modules');
		const found: string[] = [];
		const walk = (dir: string, depth: number) => {
			if (depth > 4 || !existsSync(dir)) return;
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				if (!entry.isDirectory()) continue;
				const full = path.join(dir, entry.name);
				if (entry.name === 'n8n-workflow') found.push(full);
				walk(entry.name === 'node_modules' || entry.name.startsWith('@') ? full : path.join(full, 'node_modules'), depth + 1);
			}
		};
		walk(modules, 0);
		return found;
	}

	async createCredentials(): Promise<void> {
		const digitalSamba = await this.n8n.api<{ id: string }>('POST', '/credentials', {
			name: 'Digital Samba (simulator)',
			type: 'digitalSambaApi',
			data: { teamId: this.ds.teamId, apiKey: this.ds.developerKey, authScheme: 'bearer', baseUrl: this.ds.baseUrl },
		});
		const voice = await this.n8n.api<{ id: string }>('POST', '/credentials', {
			name: `${this.provider} Voice (simulator)`,
			type: this.phones.credential.type,
			data: this.phones.credential.data,
		});
		this.credentialIds = { digitalSambaApi: digitalSamba.id, [this.phones.credential.type]: voice.id };
	}

	/**
	 * As a user after importing a template: credentials picked on each node that needs one (the
	 * world's voice provider's, or another provider's credential given by type and ID).
	 */
	async importTemplate(json: WorkflowJson, voice = { type: this.phones.credential.type, id: this.credentialIds[this.phones.credential.type] }): Promise<string> {
		const nodes = json.nodes.map((node): INode => {
			if (PROVIDER_NODE_TYPES.includes(node.type)) return { ...node, credentials: { [voice.type]: { id: voice.id, name: voice.type } } };
			const type = DS_CREDENTIAL_OF[node.type];
			return type ? { ...node, credentials: { [type]: { id: this.credentialIds[type], name: type } } } : node;
		});
		const settings = { ...json.settings };
		delete (settings as Record<string, unknown>).saveManualExecutions;
		const created = await this.n8n.api<{ id: string }>('POST', '/workflows', { name: json.name, nodes, connections: json.connections, settings });
		this.workflowIds[json.name] = created.id;
		return created.id;
	}

	async publish(workflowId: string): Promise<void> {
		await this.n8n.api('POST', `/workflows/${workflowId}/publish`, {});
	}

	/** Setup, a provisioned room, and the two live workflows published. */
	/** Setup, a provisioned room, and the two live workflows published: the provider's templates. */
	async install(friendlyUrl = 'weekly-standup'): Promise<Room> {
		await this.createCredentials();
		// A number in the account, pointed nowhere yet: Setup points it at the IVR.
		this.phones.pointNumber(NUMBER, '', '');
		const setup = await this.importTemplate(providerTemplate(this.provider, 'setup-dial-in-directory.json'));
		await this.n8n.runManually(setup, 'Run Setup');
		const room = await this.provision(friendlyUrl);
		const phoneBridge = await this.importTemplate(providerTemplate(this.provider, 'phone-bridge.json'));
		const toPhone = await this.importTemplate(providerTemplate(this.provider, 'digitalsamba-to-phone.json'));
		await this.publish(phoneBridge);
		await this.publish(toPhone);
		// Publishing activates the Digital Samba Trigger, which registers its webhook.
		for (let tries = 0; this.ds.state.webhooks.size === 0; tries++) {
			if (tries > 100) throw new Error('the Digital Samba Trigger registered no webhook');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return room;
	}

	/** Another dial-in room, as the Provision template makes one. */
	async provision(friendlyUrl: string): Promise<Room> {
		const provisionJson = template('provision-dial-in-room.json');
		const createRoom = provisionJson.nodes.find((node) => node.name === 'Create Room')!;
		createRoom.parameters.friendlyUrl = friendlyUrl;
		(createRoom.parameters.telephony as Record<string, unknown>).phoneNumber = NUMBER;
		const provision = await this.importTemplate(provisionJson);
		const output = JSON.stringify(await this.n8n.runManually(provision, 'Provision'));
		const room = this.ds.state.findRoom(friendlyUrl);
		if (!room) throw new Error(`provisioning made no room: ${output.slice(-1500)}`);
		const pin = /PIN: (\d+)#/.exec(output)?.[1] ?? (await this.directoryRow(room.id)).caller_pin;
		return { id: room.id, callerPin: pin, conference: `ds-${room.id}` };
	}

	/** The room's row of the "dial-in directory" Data Table, as n8n's API gives it. */
	async directoryRow(roomId: string): Promise<Record<string, string>> {
		const tables = await this.n8n.api<{ data: Array<{ id: string; name: string }> }>('GET', '/data-tables');
		const directory = tables.data.find((table) => table.name === 'dial-in directory')!;
		const rows = await this.n8n.api<{ data: Array<Record<string, string>> }>('GET', `/data-tables/${directory.id}/rows`);
		return rows.data.find((row) => row.room_id === roomId)!;
	}

	dial(to: string, keys: string, options: Partial<CallOptions> = {}) {
		return placeCall(this.twilio, { to, keys, from: '+4930123456', ...options });
	}

	call(options: Partial<CallOptions> & { keys: string }) {
		return placeCall(this.twilio, { to: NUMBER, ...options });
	}

	bridge(room: Room) {
		const stored = this.ds.state.rooms.get(room.id)!;
		return this.dial(String(stored.telephony_phone_number), String(stored.telephony_pin_dtmf));
	}

	/** Until callbacks are answered and Digital Samba has heard nothing new for a while. */
	async quiet(stableMs = 1500): Promise<void> {
		let count = -1;
		let since = Date.now();
		for (;;) {
			await this.phones.settle();
			const now = this.ds.requests.length + this.phones.activity();
			if (now !== count) {
				count = now;
				since = Date.now();
			} else if (Date.now() - since >= stableMs) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** This world and one of its rooms as the burst driver sees them (test/helpers/burst.ts). */
	asBurstWorld(room: Room): BurstWorld {
		return {
			ds: this.ds,
			twilio: this.twilio,
			roomId: room.id,
			conferenceName: room.conference,
			callerPin: room.callerPin,
			call: (options) => this.call(options),
			bridge: () => this.bridge(room),
			quiet: () => this.quiet(),
			failedExecutions: () => this.failedExecutions(),
		};
	}

	/** Executions n8n recorded as failed or crashed, with the error each ended with. */
	async failedExecutions(): Promise<string[]> {
		const failed: string[] = [];
		for (const status of ['error', 'crashed']) {
			const page = await this.n8n.api<{ data: Array<{ id: string; workflowId: string }> }>('GET', `/executions?status=${status}&limit=250&includeData=true`);
			for (const execution of page.data as Array<{ id: string; data?: { resultData?: { error?: { message?: string } } } }>) {
				failed.push(`${status} ${execution.id}: ${execution.data?.resultData?.error?.message ?? '?'}`);
			}
		}
		return failed;
	}

	roomRequests(room: Room, endpoint: string) {
		return this.ds.requests.filter((request) => request.status < 300 && request.path === `/api/v1/rooms/${room.id}/${endpoint}`);
	}

	async stop(): Promise<void> {
		await this.phones?.hangUpAll();
		await (this.cluster ?? this.n8n)?.stop();
		await this.phones?.close();
		await this.ds?.close();
	}
}
