import { invitationText, oneTapLink } from '../../../nodes/core/ivr/invitation';

test('one-tap links dial the number, pause, then the PIN and #', () => {
	expect(oneTapLink('+1 (555) 123-4567', '012345')).toBe('tel:+15551234567,,012345#');
});

test('the invitation lists every number, the PIN and the one-tap links', () => {
	const text = invitationText({
		roomName: 'Weekly standup',
		numbers: [
			{ country: 'United States', number: '+1 555 123 4567' },
			{ country: 'Germany', number: '+49 30 1234567' },
		],
		pin: '012345',
		roomUrl: 'https://team.digitalsamba.com/standup',
	});
	expect(text.split('\n')).toEqual([
		'Join "Weekly standup" by phone',
		'  United States: +1 555 123 4567',
		'  Germany: +49 30 1234567',
		'PIN: 012345#',
		'',
		'One tap from a mobile phone:',
		'  United States: tel:+15551234567,,012345#',
		'  Germany: tel:+49301234567,,012345#',
		'',
		'In the meeting, press *6 to mute or unmute yourself and *9 to raise or lower your hand.',
		'',
		'Join online: https://team.digitalsamba.com/standup',
	]);
});
