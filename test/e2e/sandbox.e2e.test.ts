/** `npm start` (one process, SQLite) and `npm run call` against it (test/e2e/scenarios/sandbox.ts). */
import { sandboxScenario } from './scenarios/sandbox';

sandboxScenario([], (printed) => {
	const editor = /n8n editor:\s+(http:\/\/\S+)/.exec(printed)![1];
	expect(printed).toContain(`number +15557654321 → ${editor}/webhook/voice`);
	expect(printed).not.toContain('Queue mode:');
});
