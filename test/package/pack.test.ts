/**
 * The artifact users install: what `npm pack` puts in the tarball, and that the built code (not
 * the TypeScript under test elsewhere) runs in n8n-core. `npm test` builds before running this.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { runWorkflow, TestCredentialsHelper, TestNodeTypes } from '../helpers/n8nRuntime';
import { DigitalSambaSimulator } from '../simulators/digitalsamba/server';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	return (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path);
}

describe('npm pack', () => {
	let files: string[];
	beforeAll(() => {
		files = packedFiles();
	});

	it('holds every node and credential package.json declares, and nothing outside dist but the basics', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
	});

	it('holds each node’s light and dark icon and codex file, and the icons credentials point at', () => {
		for (const nodePath of pkg.n8n.nodes as string[]) {
			const { description } = Object.values(require(path.join(root, nodePath)))
				.map((NodeClass) => new (NodeClass as new () => INodeType)())[0];
			const icon = description.icon as { light: string; dark: string };
			for (const file of [icon.light, icon.dark]) {
				expect(files).toContain(path.posix.join(path.posix.dirname(nodePath), file.replace('file:', '')));
			}
			expect(files).toContain(nodePath.replace(/\.js$/, '.json'));
		}
		for (const credentialPath of pkg.n8n.credentials as string[]) {
			const credential = Object.values(require(path.join(root, credentialPath)))
				.filter((value) => typeof value === 'function')
				.map((CredentialClass) => new (CredentialClass as new () => ICredentialType)())[0];
			const icon = credential.icon as { light: string; dark: string };
			for (const file of [icon.light, icon.dark]) {
				expect(files).toContain(path.posix.normalize(path.posix.join(path.posix.dirname(credentialPath), file.replace('file:', ''))));
			}
		}
	});

	it('holds an output schema for every operation of every node, where n8n looks for it', () => {
		for (const nodePath of pkg.n8n.nodes as string[]) {
			const { description } = Object.values(require(path.join(root, nodePath))).map((NodeClass) => new (NodeClass as new () => INodeType)())[0];
			const schemaDir = path.posix.join(path.posix.dirname(nodePath), '__schema__');
			const operations = description.properties
				.filter((property) => property.name === 'operation')
				.flatMap((property) => ((property.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) => (property.options as Array<{ value: string }>).map((option) => `${resource}/${option.value}`)));
			const expected = operations.length ? [...new Set(operations)].map((operation) => `${schemaDir}/v1.0.0/${operation}.json`) : [`${schemaDir}/v1.0.0.json`];
			for (const file of expected) expect([description.name, files.includes(file) ? file : `missing ${file}`]).toEqual([description.name, file]);
		}
	});

	it('has no runtime dependencies, n8n-workflow as its only peer, and the community keyword', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.n8n).toEqual(expect.objectContaining({ n8nNodesApiVersion: 1, strict: true }));
	});

	it('imports at run time only what n8n provides to verified community nodes', () => {
		const javascript = files.filter((file) => file.endsWith('.js'));
		const imported = new Set<string>();
		for (const file of javascript) {
			const source = readFileSync(path.join(root, file), 'utf8');
			for (const match of source.matchAll(/require\("([^"]+)"\)/g)) {
				if (!match[1].startsWith('.')) imported.add(match[1]);
			}
		}
		// n8n's allow-list: n8n-workflow, lodash, moment, p-limit, luxon, zod, crypto. n8n puts its own
		// node_modules on NODE_PATH, so `zod` resolves to the zod n8n ships (3.25.x in 2.40).
		expect([...imported].sort()).toEqual(['crypto', 'n8n-workflow', 'zod']);
		expect(pkg.devDependencies.zod).toMatch(/^3\.25\./);
	});
});

describe('install scripts', () => {
	it('were not run: isolated-vm has no native build here, yet the suite runs n8n-core', () => {
		// `.npmrc` sets ignore-scripts; node-gyp would have left build/ behind.
		const isolatedVm = path.dirname(require.resolve('isolated-vm/package.json'));
		expect(existsSync(path.join(isolatedVm, 'build'))).toBe(false);
	});
});

describe('the built node', () => {
	it('runs in n8n-core against the simulator, from dist/', async () => {
		const simulator = await DigitalSambaSimulator.start();
		try {
			const { DigitalSamba } = require(path.join(root, 'dist/nodes/DigitalSamba/DigitalSamba.node.js'));
			const { DigitalSambaApi } = require(path.join(root, 'dist/credentials/DigitalSambaApi.credentials.js'));
			const nodeTypes = new TestNodeTypes().register('n8n-nodes-digitalsamba.digitalSamba', new DigitalSamba());
			const run = await runWorkflow({
				nodes: [
					{
						id: '1',
						name: 'DS',
						type: 'n8n-nodes-digitalsamba.digitalSamba',
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							resource: 'room',
							operation: 'create',
							privacy: 'public',
							telephony: { phoneNumber: '+15551234567', bridgePin: '1234567890' },
						},
						credentials: { digitalSambaApi: { id: '1', name: 'DS' } },
					},
				],
				connections: {},
				nodeTypes,
				credentialsHelper: new TestCredentialsHelper(
					{ digitalSambaApi: new DigitalSambaApi() },
					{ digitalSambaApi: { apiKey: simulator.developerKey, baseUrl: simulator.baseUrl } },
				),
				startNode: 'DS',
			});
			expect(run.error).toBeUndefined();
			expect(run.output('DS')[0].json.telephony_pin_dtmf).toBe('WW1234567890#');
			expect(simulator.violations).toEqual([]);
		} finally {
			await simulator.close();
		}
	});
});
