/**
 * Bridge or caller? The bridge PIN is always required: a caller ID or display name is trivially
 * forged on the PSTN, so the other signs of Digital Samba's dial-out (display-name prefix, SIP
 * origination, SIP domain) can only be added on top of it, never replace it.
 */
import { createHash, timingSafeEqual } from 'crypto';

export interface DirectoryEntry {
	callerPin: string;
	bridgePin: string;
}

export interface BridgeChecks {
	/** The caller's display name must start with this (Twilio `CallerName`, or the SIP From display name). */
	displayNamePrefix?: string;
	/** The call must have come in over SIP. */
	requireSip?: boolean;
	/** The call must have come in through this SIP domain. */
	sipDomain?: string;
}

export interface CallFacts {
	digits: string;
	callerName?: string;
	sip?: { domain?: string };
}

export type Classification = 'bridge' | 'caller' | 'invalid';

const digest = (value: string) => createHash('sha256').update(value).digest();
const samePin = (a: string, b: string) => a.length > 0 && b.length > 0 && timingSafeEqual(digest(a), digest(b));

export function classifyCall(facts: CallFacts, entry: DirectoryEntry | undefined, checks: BridgeChecks = {}): Classification {
	if (!entry) return 'invalid';
	if (samePin(facts.digits, entry.bridgePin)) {
		const nameOk = !checks.displayNamePrefix || (facts.callerName ?? '').startsWith(checks.displayNamePrefix);
		const sipOk = !checks.requireSip || facts.sip !== undefined;
		const domainOk = !checks.sipDomain || facts.sip?.domain === checks.sipDomain;
		// Someone with the bridge PIN but not the bridge's other signs is not let in at all.
		return nameOk && sipOk && domainOk ? 'bridge' : 'invalid';
	}
	return samePin(facts.digits, entry.callerPin) ? 'caller' : 'invalid';
}
