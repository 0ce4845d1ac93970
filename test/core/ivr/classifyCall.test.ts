import { classifyCall } from '../../../nodes/core/ivr/classifyCall';

const entry = { callerPin: '123456', bridgePin: '9876543210' };

describe('classifyCall', () => {
	it('the bridge PIN makes the bridge; the caller PIN a caller', () => {
		expect(classifyCall({ digits: '9876543210' }, entry)).toBe('bridge');
		expect(classifyCall({ digits: '123456' }, entry)).toBe('caller');
	});

	it.each([
		['extra digits after the caller PIN', '1234567'],
		['the caller PIN twice', '123456123456'],
		['the bridge PIN with a digit missing', '987654321'],
		['the bridge PIN with one more', '98765432101'],
		['nothing', ''],
	])('%s is invalid', (_, digits) => {
		expect(classifyCall({ digits }, entry)).toBe('invalid');
	});

	it('no directory entry: invalid, whatever was typed', () => {
		expect(classifyCall({ digits: '9876543210' }, undefined)).toBe('invalid');
	});

	it('a caller PIN with a faked bridge display name stays a caller', () => {
		expect(classifyCall({ digits: '123456', callerName: 'DS-BRIDGE', sip: { domain: 'ds.sip.twilio.com' } }, entry, { displayNamePrefix: 'DS-' })).toBe('caller');
	});

	it('checks added on top of the bridge PIN must all pass', () => {
		const checks = { displayNamePrefix: 'DS-', requireSip: true, sipDomain: 'ds.sip.twilio.com' };
		const bridgeCall = { digits: '9876543210', callerName: 'DS-Bridge', sip: { domain: 'ds.sip.twilio.com' } };
		expect(classifyCall(bridgeCall, entry, checks)).toBe('bridge');
		expect(classifyCall({ ...bridgeCall, callerName: 'Eve' }, entry, checks)).toBe('invalid');
		expect(classifyCall({ ...bridgeCall, sip: undefined }, entry, checks)).toBe('invalid');
		expect(classifyCall({ ...bridgeCall, sip: { domain: 'evil.sip.twilio.com' } }, entry, checks)).toBe('invalid');
	});

	it('a display name alone never makes the bridge', () => {
		expect(classifyCall({ digits: '000000', callerName: 'DS-Bridge', sip: { domain: 'ds.sip.twilio.com' } }, entry, { displayNamePrefix: 'DS-' })).toBe('invalid');
	});
});
