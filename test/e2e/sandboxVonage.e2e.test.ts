/** `npm start -- --provider vonage` and `npm run call -- --provider vonage` against it (test/e2e/scenarios/sandbox.ts). */
import { sandboxScenario } from './scenarios/sandbox';

sandboxScenario(
	['--provider', 'vonage'],
	(printed) => {
		const editor = /n8n editor:\s+(http:\/\/\S+)/.exec(printed)![1];
		expect(printed).toContain('credential "telephonyVonageApi"');
		expect(printed).toContain(`number +15557654321 → ${editor}/webhook/voice`);
	},
	// Vonage call IDs are UUIDs; Vonage passes no caller name on.
	{ callId: '[0-9a-f-]{36}', withName: false },
);
