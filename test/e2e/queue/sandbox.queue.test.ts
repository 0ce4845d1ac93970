/** `npm start -- --queue` and `npm run call` against it (test/e2e/scenarios/sandbox.ts). */
import { sandboxScenario } from '../scenarios/sandbox';

sandboxScenario(['--queue'], (printed) => {
	// The number points at the webhook processor, not at the editor (the main).
	const editor = /n8n editor:\s+(http:\/\/\S+)/.exec(printed)![1];
	const webhook = /webhook processor (http:\/\/\S+),/.exec(printed)![1];
	expect(webhook).not.toBe(editor);
	expect(printed).toContain(`number +15557654321 → ${webhook}/webhook/voice`);
	expect(printed).toMatch(/2 workers, PostgreSQL 17 on 127\.0\.0\.1:\d+, Redis on 127\.0\.0\.1:\d+/);
});
