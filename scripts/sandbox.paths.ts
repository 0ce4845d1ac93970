import { homedir } from 'node:os';
import path from 'node:path';

/** Where a running sandbox says how to reach it (written by npm start, read by npm run call). */
export const SANDBOX_FILE = path.join(process.env.N8N_RUNTIME_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-digitalsamba'), 'sandbox.json');
