import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

interface HttpFailure {
	status?: number;
	data?: unknown;
	headers?: Record<string, unknown>;
}

/** Finds the HTTP answer in an error from n8n's request helpers (axios underneath). */
function httpFailureOf(error: unknown): HttpFailure {
	const candidates: unknown[] = [error];
	if (error && typeof error === 'object') {
		const record = error as Record<string, unknown>;
		candidates.push(record.cause, record.error);
	}
	for (const candidate of candidates) {
		if (!candidate || typeof candidate !== 'object') continue;
		const response = (candidate as Record<string, unknown>).response as
			| { status?: number; data?: unknown; headers?: Record<string, unknown> }
			| undefined;
		if (response && typeof response === 'object' && response.status) {
			return { status: response.status, data: response.data, headers: response.headers };
		}
	}
	const httpCode = (error as { httpCode?: string } | undefined)?.httpCode;
	return { status: httpCode ? Number(httpCode) : undefined };
}

function remoteMessage(data: unknown): string | undefined {
	if (typeof data === 'string' && data.trim()) {
		try {
			return remoteMessage(JSON.parse(data));
		} catch {
			return data.trim().slice(0, 300);
		}
	}
	if (data && typeof data === 'object' && typeof (data as JsonObject).message === 'string') {
		return (data as JsonObject).message as string;
	}
	return undefined;
}

/** Laravel-style field errors: `{ errors: { field: ['problem', …] } }`. */
function fieldErrors(data: unknown): string[] {
	const errors = data && typeof data === 'object' ? (data as JsonObject).errors : undefined;
	if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return [];
	return Object.entries(errors).map(([field, problems]) => {
		const list = Array.isArray(problems) ? problems.join(' ') : String(problems);
		return `${field}: ${list}`;
	});
}

export interface RequestDescription {
	method: string;
	path: string;
}

/**
 * Turns a failed request into a NodeApiError whose message is Digital Samba's own and whose
 * description says what to do about it.
 */
export function toDigitalSambaApiError(
	node: INode,
	error: unknown,
	request: RequestDescription,
): NodeApiError {
	const { status, data, headers } = httpFailureOf(error);
	const remote = remoteMessage(data);
	const fields = fieldErrors(data);
	// n8n's request helper already wraps failures in a NodeApiError, and wrapping one again returns
	// it unchanged: build ours from the HTTP error underneath so its message and description stick.
	const underlying = error instanceof NodeApiError && error.cause ? error.cause : error;
	const errorObject = (
		underlying && typeof underlying === 'object' ? underlying : { message: String(underlying) }
	) as JsonObject;

	let message = remote ? `Digital Samba: ${remote}` : undefined;
	let description: string | undefined;
	switch (status) {
		case 400:
		case 422:
			message = `Digital Samba rejected the request: ${remote ?? 'invalid data'}`;
			description = fields.length
				? fields.join('\n')
				: 'Check the values sent to Digital Samba against its API documentation';
			break;
		case 401:
		case 403:
			description =
				'Check the developer key, the team ID and the authentication scheme of the Digital Samba credential';
			break;
		case 404: {
			const what = remote && remote !== 'Not Found' ? remote.replace(/\.$/, '') : 'not found';
			message = `Digital Samba: ${what} (${request.method} ${request.path})`;
			description =
				'Check the room, call, session or webhook ID (a room can be given by UUID or friendly URL)';
			break;
		}
		case 429: {
			const retryAfter = headers?.['retry-after'];
			message = `Digital Samba rate limit reached: ${remote ?? 'too many requests'}`;
			description =
				retryAfter !== undefined
					? `Retry after ${String(retryAfter)} seconds (Digital Samba allows 1000 requests per minute)`
					: 'Retry later (Digital Samba allows 1000 requests per minute)';
			break;
		}
		default:
			if (status !== undefined && status >= 500) {
				description = 'Digital Samba had a server error; retrying later usually helps';
			}
	}

	const apiError = new NodeApiError(node, errorObject, {
		message,
		httpCode: status !== undefined ? String(status) : undefined,
	});
	// Set afterwards: NodeApiError replaces a given description with the response's `message`.
	if (description) apiError.description = description;
	return apiError;
}
