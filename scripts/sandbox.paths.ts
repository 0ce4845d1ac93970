import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where a running sandbox says how to reach it (written by npm start, read by npm run call);
 * `SANDBOX_FILE` moves it (the tests run a sandbox beside one a developer may have running).
 */
export const SANDBOX_FILE =
	process.env.SANDBOX_FILE ?? path.join(process.env.N8N_RUNTIME_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-digitalsamba'), 'sandbox.json');
