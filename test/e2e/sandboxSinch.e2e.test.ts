/** `npm start -- --provider sinch` and `npm run call -- --provider sinch` against it (test/e2e/scenarios/sandbox.ts). */
import { sandboxScenario } from './scenarios/sandbox';

sandboxScenario(
	['--provider', 'sinch'],
	(printed) => {
		const editor = /n8n editor:\s+(http:\/\/\S+)/.exec(printed)![1];
		expect(printed).toContain('credential "telephonySinchApi"');
		expect(printed).toContain(`number +15557654321 → ${editor}/webhook/voice`);
	},
	// Sinch call IDs are UUIDs; Sinch passes no caller name on.
	{ callId: '[0-9a-f-]{36}', withName: false },
);
