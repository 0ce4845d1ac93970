/** A REST request described, not sent: adapters build these, the node's transport sends them. */
export interface HttpRequestSpec {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path under the provider's base URL, query not included. */
	path: string;
	query?: Record<string, string>;
	/** application/x-www-form-urlencoded fields. */
	form?: Record<string, string>;
}
