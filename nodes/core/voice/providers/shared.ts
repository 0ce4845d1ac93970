/** What providers share in reading their requests and credentials. */

/** E.164 with its `+` (Sinch, Vonage and Plivo write numbers as digits alone), as the rest of the package writes numbers. */
export function e164(number: string): string {
	return /^[0-9]{6,15}$/.test(number) ? `+${number}` : number;
}

/** A credential field as text ('' when absent). */
export const credentialField = (credentials: Record<string, unknown>, name: string) => String(credentials[name] ?? '');

/**
 * Why form fields (and the query) exceed a provider's bounds, if they do: more fields than
 * `limits.parameters`, or one longer than its own limit in `longest` (`limits.value` for the rest).
 */
export function fieldsOutOfBounds(
	params: Record<string, string>,
	query: Record<string, string>,
	limits: { parameters: number; value: number },
	longest: Record<string, number>,
): string | undefined {
	const entries = [...Object.entries(params), ...Object.entries(query)];
	if (entries.length > limits.parameters) return `more than ${limits.parameters} parameters`;
	for (const [name, value] of entries) {
		const limit = longest[name] ?? limits.value;
		if (value.length > limit) return `${name} is longer than ${limit} characters`;
	}
	return undefined;
}

