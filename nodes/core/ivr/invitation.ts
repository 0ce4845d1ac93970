/** Dial-in invitation text: the numbers, the PIN, and one-tap links (`tel:+N,,PIN#`). */

export interface DialInNumber {
	/** Shown as the line's label, e.g. "United States" or "US". */
	country: string;
	/** E.164, e.g. +15551234567. */
	number: string;
}

export interface InvitationInput {
	numbers: DialInNumber[];
	pin: string;
	roomName?: string;
	roomUrl?: string;
}

const digitsOnly = (number: string) => number.replace(/[^\d+]/g, '');

/** A link phones dial at once: the number, a pause (`,,` is about 4 s), the PIN and `#`. */
export function oneTapLink(number: string, pin: string): string {
	return `tel:${digitsOnly(number)},,${pin}#`;
}

export function invitationText({ numbers, pin, roomName, roomUrl }: InvitationInput): string {
	const lines: string[] = [];
	lines.push(roomName ? `Join "${roomName}" by phone` : 'Join by phone');
	for (const { country, number } of numbers) lines.push(`  ${country}: ${number}`);
	lines.push(`PIN: ${pin}#`);
	if (numbers.length > 0) {
		lines.push('', 'One tap from a mobile phone:');
		for (const { country, number } of numbers) lines.push(`  ${country}: ${oneTapLink(number, pin)}`);
	}
	lines.push('', 'In the meeting, press *6 to mute or unmute yourself and *9 to raise or lower your hand.');
	if (roomUrl) lines.push('', `Join online: ${roomUrl}`);
	return lines.join('\n');
}
