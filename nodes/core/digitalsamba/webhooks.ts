/** Digital Samba refuses webhook endpoints longer than this (its API's own rule). */
export const ENDPOINT_MAX_LENGTH = 100;

export type EndpointCheck = { ok: true } | { ok: false; reason: string };

export function checkEndpoint(url: string): EndpointCheck {
	if (!/^https?:\/\/\S+$/.test(url)) return { ok: false, reason: `'${url}' is not an http(s) URL` };
	if (url.length > ENDPOINT_MAX_LENGTH) {
		return {
			ok: false,
			reason: `the URL has ${url.length} characters; Digital Samba accepts at most ${ENDPOINT_MAX_LENGTH}`,
		};
	}
	return { ok: true };
}
