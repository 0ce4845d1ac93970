/**
 * npm start: the whole phone bridge on this machine, no Twilio or Digital Samba account needed.
 * A real n8n 2.40.7 with this package and its templates, both simulators wired as the real services
 * are, a provisioned demo room with a live session and its phone bridge connected. Then
 * `npm run call -- --pin <PIN>` places calls through it. Ctrl-C stops everything.
 *
 * `npm start -- --queue`: the same on n8n's queue mode (test/e2e/queueCluster.ts): PostgreSQL 17
 * and Redis started here, a main (the editor), one webhook processor (where the number and Digital
 * Samba's webhook point) and two workers.
 *
 * `npm start -- --provider sinch` (or vonage, plivo): the same with Sinch, Vonage or Plivo instead of Twilio (its simulator, credential
 * and templates); any provider in test/simulators/networks.ts works.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { NUMBER, RealWorld } from '../test/e2e/realWorld';
import { ensureRuntime } from '../test/e2e/runtime';
import { networks } from '../test/simulators/networks';

export { SANDBOX_FILE } from './sandbox.paths';
import { SANDBOX_FILE } from './sandbox.paths';
const PORT = Number(process.env.SANDBOX_PORT ?? 5678);
const say = (line = '') => process.stdout.write(`${line}\n`);

async function main() {
	const queue = process.argv.includes('--queue');
	const providerAt = process.argv.indexOf('--provider');
	const provider = providerAt >= 0 ? String(process.argv[providerAt + 1]) : 'twilio';
	if (!Object.hasOwn(networks, provider)) throw new Error(`Unknown provider '${provider}': one of ${Object.keys(networks).join(', ')}`);
	say('Preparing n8n 2.40.7 on Node 24 (the first time takes several minutes)…');
	const runtime = ensureRuntime(say);
	// The settings the README recommends for telephony (see Performance).
	const env = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', DB_SQLITE_POOL_SIZE: '4' };
	let world: RealWorld;
	if (queue) {
		say('Queue mode: PostgreSQL 17, Redis, a main, a webhook processor and two workers…');
		world = await RealWorld.start(runtime, { env, provider, queue: { workers: 2, port: PORT } });
	} else {
		// Beside the sandbox file: the cache unless SANDBOX_FILE moves both (the tests do).
		const userFolder = path.join(path.dirname(SANDBOX_FILE), 'sandbox');
		rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
		world = await RealWorld.start(runtime, { port: PORT, userFolder, env, provider });
	}
	// From here on the world is ours to stop: on Ctrl-C, and when setting up the demo fails.
	let control: Server | undefined;
	const stop = async (code: number) => {
		say('\nStopping…');
		control?.close();
		await world.stop();
		rmSync(SANDBOX_FILE, { force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	try {
		control = await serve(world);
	} catch (error) {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		await stop(1);
	}
}

/** The demo room with its bridge connected, and the control server `npm run call` talks to. */
async function serve(world: RealWorld): Promise<Server> {
	const room = await world.install('demo-room');
	// A moderator opens the room and connects telephony: Digital Samba dials the bridge.
	world.ds.state.startSession(room.id);
	const dialBridge = () => {
		const stored = world.ds.state.rooms.get(room.id)!;
		return world.phones.call({ to: String(stored.telephony_phone_number), from: '+4930123456', keys: String(stored.telephony_pin_dtmf) });
	};
	await dialBridge().joined(1, 30_000);
	await world.quiet(500);

	const control = createServer((request, response) => {
		void (async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of request) chunks.push(chunk as Buffer);
			const options = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { keys?: string; from?: string; callerName?: string; later?: string; hangUp?: boolean; bridge?: boolean };
			const dsBefore = world.ds.requests.length;
			// --bridge: the call Digital Samba places, playing the room's DTMF.
			const call = options.bridge ? dialBridge() : world.phones.call({ to: NUMBER, keys: options.keys ?? '', from: options.from, callerName: options.callerName });
			await call.joined(1, 30_000).catch(() => undefined);
			await world.quiet(800);
			if (options.later && call.inConference) {
				for (const keys of options.later.split(',')) {
					call.press(keys);
					await world.quiet(1000);
				}
			}
			if (options.hangUp !== false && !call.ended) await call.hangUp();
			await world.quiet(1200);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					provider: world.provider,
					callSid: call.callId,
					from: call.from,
					transcript: call.transcript,
					heard: call.heard,
					digitalSamba: world.ds.requests.slice(dsBefore).map(({ method, path: url, body, status }) => ({ method, path: url, body, status })),
				}),
			);
		})().catch((error: Error) => {
			response.writeHead(500);
			response.end(error.message);
		});
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
	const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}/call`;
	writeFileSync(SANDBOX_FILE, JSON.stringify({ controlUrl, editorUrl: world.n8n.baseUrl, roomId: room.id, callerPin: room.callerPin, provider: world.provider }, null, 2));

	say('');
	say('The phone bridge sandbox is running.');
	say(`  n8n editor:     ${world.n8n.baseUrl}   login ${world.n8n.owner.email} / ${world.n8n.owner.password}`);
	say(`  Digital Samba:  simulator at ${world.ds.baseUrl} (room "demo-room", ${room.id}), live session, phone bridge connected`);
	say(`  ${world.provider.padEnd(14)}  simulator (credential "${world.phones.credential.type}"), number ${NUMBER} → ${world.n8n.webhookBase}/voice`);
	if (world.cluster) {
		const { cluster } = world;
		say(`  Queue mode:     webhook processor ${cluster.webhook.baseUrl}, ${cluster.workers.length} workers, PostgreSQL 17 on 127.0.0.1:${cluster.postgres?.port}, Redis on 127.0.0.1:${cluster.redis?.port}`);
	}
	say(`  Caller PIN:     ${room.callerPin}`);
	say('');
	say(`Place a call:   npm run call -- --pin ${room.callerPin}`);
	say(`                npm run call -- --pin ${room.callerPin} --name "Ada" --number +15550001111 --keys "*6,*9"`);
	say('                npm run call -- --bridge   (Digital Samba dialling the bridge itself, with the room\'s DTMF)');
	say('Stop:           Ctrl-C');

	return control;
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
