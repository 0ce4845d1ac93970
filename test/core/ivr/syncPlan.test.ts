import { BRIDGE_LABEL, callerLabel } from '../../../nodes/core/ivr/labels';
import { conferenceNameFor, planSync, roomIdOf } from '../../../nodes/core/ivr/syncPlan';
import type { ParticipantEvent } from '../../../nodes/core/voice/events';

const ada = { callId: 'CA1', label: callerLabel('CA1', '+15550001', 'Ada') };
const bob = { callId: 'CA2', label: callerLabel('CA2', '+15550002', '') };
const bridge = { callId: 'CA9', label: BRIDGE_LABEL };
const event = (type: ParticipantEvent['type'], who: { callId: string; label: string }): ParticipantEvent => ({
	type,
	conference: 'ds-x',
	conferenceId: 'CF1',
	callId: who.callId,
	label: who.label,
	muted: false,
	raw: {},
});

describe('planSync', () => {
	it('the bridge joining announces every caller present, the bridge never', () => {
		expect(planSync(event('participant.joined', bridge), [ada, bob, bridge], false)).toEqual({
			action: 'joined',
			callers: [
				{ callId: 'CA1', callerNumber: '+15550001', name: 'Ada' },
				{ callId: 'CA2', callerNumber: '+15550002', name: '' },
			],
		});
	});

	it('a caller joining is announced only while the bridge is in', () => {
		expect(planSync(event('participant.joined', ada), [ada], false).action).toBe('none');
		expect(planSync(event('participant.joined', ada), [ada, bridge], false)).toEqual({ action: 'joined', callers: [{ callId: 'CA1', callerNumber: '+15550001', name: 'Ada' }] });
		// Already gone again by the time the callback is read: nothing.
		expect(planSync(event('participant.joined', ada), [bridge], false).action).toBe('none');
	});

	it('a caller leaving is reported while the bridge is in, unless the call is still up (keypad menu)', () => {
		expect(planSync(event('participant.left', ada), [bridge], false)).toEqual({ action: 'left', callIds: ['CA1'] });
		expect(planSync(event('participant.left', ada), [bridge], true).action).toBe('none');
		expect(planSync(event('participant.left', ada), [], false).action).toBe('none');
	});

	it('the bridge leaving reports every caller still there', () => {
		expect(planSync(event('participant.left', bridge), [ada, bob], false)).toEqual({ action: 'left', callIds: ['CA1', 'CA2'] });
	});

	it('mutes, holds and foreign participants need no report', () => {
		expect(planSync(event('participant.muted', ada), [ada, bridge], false).action).toBe('none');
		expect(planSync(event('participant.joined', { callId: 'CA7', label: 'someone-else' }), [bridge], false).action).toBe('none');
	});
});

test('conference names carry the room UUID', () => {
	const room = '7f8c8eac-6643-47db-8d93-e7633e6e53ec';
	expect(roomIdOf(conferenceNameFor(room))).toBe(room);
	expect(roomIdOf('ds-standup')).toBeUndefined();
	expect(roomIdOf(room)).toBeUndefined();
});
