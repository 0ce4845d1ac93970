/** `npm start -- --provider plivo` and `npm run call -- --provider plivo` against it (test/e2e/scenarios/sandbox.ts). */
import { sandboxScenario } from './scenarios/sandbox';

sandboxScenario(
	['--provider', 'plivo'],
	(printed) => {
		const editor = /n8n editor:\s+(http:\/\/\S+)/.exec(printed)![1];
		expect(printed).toContain('credential "telephonyPlivoApi"');
		expect(printed).toContain(`number +15557654321 → ${editor}/webhook/voice`);
	},
	// Plivo call IDs are UUIDs; Plivo passes a caller name on as CallerName.
	{ callId: '[0-9a-f-]{36}', withName: true },
);
