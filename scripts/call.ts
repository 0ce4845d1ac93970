/**
 * npm run call -- --pin <PIN> [--name NAME] [--number +1555…] [--keys "*6,*9"] [--stay] [--bridge] [--provider sinch|vonage|plivo]
 * Plays a phone call through the running sandbox (npm start) and prints the conversation: what the
 * caller hears, the keys pressed, the conference joined, and what Digital Samba was told. The call
 * goes through the sandbox's provider (`--provider` only checks that it is the one meant).
 */
import { existsSync, readFileSync } from 'node:fs';

import { SANDBOX_FILE } from './sandbox.paths';

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main() {
	if (!existsSync(SANDBOX_FILE)) throw new Error('No sandbox is running: start one with `npm start`.');
	const sandbox = JSON.parse(readFileSync(SANDBOX_FILE, 'utf8')) as { controlUrl: string; callerPin: string; provider?: string };
	const provider = argument('provider');
	if (provider && provider !== (sandbox.provider ?? 'twilio')) {
		throw new Error(`The running sandbox uses ${sandbox.provider ?? 'twilio'}: start one with \`npm start -- --provider ${provider}\`.`);
	}
	const pin = argument('pin') ?? sandbox.callerPin;
	const body = {
		keys: `${pin}#`,
		from: argument('number') ?? '+15550001111',
		callerName: argument('name'),
		later: argument('keys'),
		hangUp: !process.argv.includes('--stay'),
		bridge: process.argv.includes('--bridge'),
	};
	const answer = await fetch(sandbox.controlUrl, { method: 'POST', body: JSON.stringify(body) });
	if (!answer.ok) throw new Error(`the sandbox answered ${answer.status}: ${await answer.text()}`);
	const result = (await answer.json()) as {
		provider: string;
		callSid: string;
		from: string;
		transcript: Array<Record<string, unknown>>;
		digitalSamba: Array<{ method: string; path: string; body: unknown; status: number }>;
	};
	const out = (line: string) => process.stdout.write(`${line}\n`);
	out(`☎  ${result.from} calls +15557654321 through ${result.provider} (call ${result.callSid})`);
	for (const entry of result.transcript) {
		switch (entry.type) {
			case 'heard':
				out(`   hears    "${String(entry.text)}"`);
				break;
			case 'pressed':
				out(`   presses  ${String(entry.keys) || '(nothing)'}`);
				break;
			case 'joined':
				out(`   joins    conference ${String(entry.conference)}${entry.label ? ` as ${String(entry.label)}` : ''}${entry.muted ? ' (muted)' : ''}`);
				break;
			case 'join-refused':
				out(`   is refused by conference ${String(entry.conference)}`);
				break;
			case 'left':
				out(`   leaves   the conference (${String(entry.why)})`);
				break;
			case 'ended':
				out(`   call ends (${String(entry.why)})`);
				break;
		}
	}
	out('');
	out(result.digitalSamba.length ? 'Digital Samba was told:' : 'Digital Samba was told nothing.');
	for (const request of result.digitalSamba) out(`   ${request.method} ${request.path} ${request.body ? JSON.stringify(request.body) : ''} → ${request.status}`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
