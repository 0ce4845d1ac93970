/** What the JSON providers (Sinch, Vonage) share in reading their callbacks and credentials. */

/** E.164 with its `+` (Sinch and Vonage write numbers as digits alone), as the rest of the package writes numbers. */
export function e164(number: string): string {
	return /^[0-9]{6,15}$/.test(number) ? `+${number}` : number;
}

/** A credential field as text ('' when absent). */
export const credentialField = (credentials: Record<string, unknown>, name: string) => String(credentials[name] ?? '');
