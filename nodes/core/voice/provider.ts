/** The seam every voice provider implements: verify, parse, render, call control. */
import type { ParseResult } from './providers/twilio/parse';
import type { VerifyResult } from './providers/twilio/verify';
import type { Instruction } from './instructions';

export type ProviderId = 'twilio';

/** A provider's HTTP request as n8n's Webhook node hands it over. */
export interface InboundRequest {
	/** The full public URL the provider requested, query included. */
	url: string;
	headers: Record<string, string | undefined>;
	/** Form fields of the body. */
	params: Record<string, string>;
	/** Query parameters. */
	query: Record<string, string>;
	/** Raw body, for providers that sign JSON bodies. */
	rawBody?: string;
}

export interface Markup {
	contentType: string;
	fileName: string;
	body: string;
}

export interface VoiceProvider {
	readonly id: ProviderId;
	verify(request: InboundRequest, secret: string): VerifyResult;
	parse(request: InboundRequest): ParseResult;
	render(instructions: Instruction[]): Markup;
}
