/**
 * Queue mode under load, and a worker that dies in the middle of it. 100 callers dial one room, 20
 * at a time, with the bridge in; the first of the two workers is killed (SIGKILL, as a crash or
 * the OOM killer would) while the third group dials. n8n does not re-run what that worker was
 * running (maxStalledCount 0), and Twilio does not resend its callbacks: the lost callbacks must
 * heal from later events in the conference (docs/participant-sync.md, "Healing").
 *
 * What callers experienced (got in, heard the fallback apology, heard Twilio's application error)
 * is counted and printed, not asserted: it depends on where the kill lands. What is asserted is
 * Digital Samba's side: once a later event has happened, the room lists exactly the callers in the
 * conference; after everyone hangs up, it lists nobody; every caller who was in was reported
 * joined exactly once and left exactly once; every request valid against the spec.
 */
import { seeded } from '../../helpers/burst';
import type { Room } from '../realWorld';
import { RealWorld } from '../realWorld';
import { ensureRuntime } from '../runtime';
import { dialWithWorkerKill, experience, lateCaller, roomAndConference } from '../scenarios/workerKill';

const CALLERS = 100;
const AT_A_TIME = 20;

let world: RealWorld;
let room: Room;
const log = (line: string) => process.stdout.write(`[queue load] ${line}\n`);

beforeAll(async () => {
	world = await RealWorld.start(ensureRuntime(), { queue: { workers: 2 } });
	room = await world.install('load-room');
}, 10 * 60 * 1000);

afterAll(async () => {
	await world?.stop();
}, 60_000);

/** The room's `joined` and `left` requests Digital Samba accepted, counted per call. */
function reportsPerCall(): { joined: Map<string, number>; left: Map<string, number> } {
	const count = (endpoint: string, ids: (body: unknown) => string[]) => {
		const counts = new Map<string, number>();
		for (const request of world.roomRequests(room, `phone-participants/${endpoint}`)) {
			for (const id of ids(request.body)) counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		return counts;
	};
	return {
		joined: count('joined', (body) => (body as Array<{ call_id: string }>).map((call) => call.call_id)),
		left: count('left', (body) => body as string[]),
	};
}

const listed = () => roomAndConference(world, room).listed;
const inConference = () => roomAndConference(world, room).inConference;

it(`${CALLERS} callers, ${AT_A_TIME} at a time, one of two workers killed mid-load: Digital Samba exact after the next event and after everyone leaves`, async () => {
	const bridge = world.bridge(room);
	await bridge.joined(1, 30_000);
	await world.quiet();

	// Three join callbacks are lost on purpose as well, so healing is needed whatever the kill hits.
	const { callers, killedAt, loadMs } = await dialWithWorkerKill(world, room, { callers: CALLERS, atATime: AT_A_TIME, dropJoins: [10, 50, 90], log });
	expect(world.twilio.lost).toHaveLength(3);
	const { gotIn, apology, applicationError, cutOff } = experience(callers);
	log(`${CALLERS} callers in ${loadMs} ms: ${gotIn.length} got in, ${apology.length} heard the fallback apology, ${applicationError.length} heard Twilio's application error, ${cutOff.length} were cut off (a step's request died with the worker)`);
	log(`right after the load, Digital Samba lists ${listed().length} of the ${inConference().length} callers in the conference (3 join callbacks dropped on purpose; healing already runs during the load)`);
	expect(listed().length).toBeLessThan(inConference().length);

	// The next event in the conference heals what the dead worker lost.
	const late = await lateCaller(world, room, killedAt);
	expect({ listed: listed(), anomalies: world.ds.anomalies }).toEqual({ listed: inConference(), anomalies: [] });
	expect(inConference()).toHaveLength(gotIn.length + 1);

	const random = seeded(2611);
	const leaving = [...gotIn, late].sort(() => random() - 0.5);
	while (leaving.length > 0) {
		await Promise.all(leaving.splice(0, 1 + Math.floor(random() * 4)).map((caller) => caller.hangUp()));
	}
	await world.quiet(3000);
	expect(listed()).toEqual([]);
	const { joined, left } = reportsPerCall();
	const everyone = [...gotIn, late].map((caller) => caller.call.sid).sort();
	expect([...joined.keys()].sort()).toEqual(everyone);
	expect([...left.keys()].sort()).toEqual(everyone);
	expect([...joined.values(), ...left.values()].every((times) => times === 1)).toBe(true);
	expect(world.ds.violations).toEqual([]);
	expect(world.ds.anomalies).toEqual([]);
	const failed = await world.failedExecutions();
	const running = await world.n8n.api<{ data: unknown[] }>('GET', '/executions?status=running&limit=250');
	log(`n8n recorded ${failed.length} failed or crashed executions (${failed.slice(0, 3).join('; ')}), and still shows ${running.data.length} as running`);
	await bridge.hangUp();
}, 15 * 60 * 1000);
