/**
 * What a builder sees in n8n's editor (n8n 2.40.7 in Debian's Chromium): the templates imported as
 * a user would (credentials set), every node of ours drawn with its own icon, no issue badge, no
 * two nodes drawn over each other, no name or subtitle cut; each of our nodes' panels opens with no
 * console error, no failed request involving our package and no parameter issue, and the nodes
 * after ours get our output schemas; the node creator finds our nodes first for the words builders
 * search with. Screenshots of what it saw go to docs/editor/ (the README shows them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { providers } from '../../nodes/core/voice/providers';
import type { WorkflowJson } from '../helpers/workflowHost';
import { providerTemplate } from '../workflows/conformance';
import type { CanvasNode } from './editor/browser';
import { Editor, openCanvas, overlaps } from './editor/browser';
import { RealWorld } from './realWorld';
import { ensureRuntime } from './runtime';

const SCREENSHOTS = path.resolve(__dirname, '../../docs/editor');
const OURS = 'n8n-nodes-digitalsamba.';
const log = (line: string) => process.stdout.write(`[editor] ${line}\n`);

/** Every template, as the editor titles it, with its file: Twilio's published by the world, the other providers' imported here. */
const templates: Array<{ name: string; file: string; id: string }> = [];

let world: RealWorld;
let editor: Editor;

beforeAll(async () => {
	world = await RealWorld.start(ensureRuntime(log));
	await world.install();
	for (const [name, id] of Object.entries(world.workflowIds)) {
		templates.push({ name, id, file: ['setup-dial-in-directory.json', 'provision-dial-in-room.json', 'phone-bridge.json', 'digitalsamba-to-phone.json'].find((file) => (JSON.parse(readFileSync(path.resolve(__dirname, '../../workflows', file), 'utf8')) as WorkflowJson).name === name)! });
	}
	// The other providers' templates, with a credential of theirs set as a user would.
	for (const provider of Object.values(providers).filter((candidate) => candidate.id !== 'twilio')) {
		const credential = await world.n8n.api<{ id: string }>('POST', '/credentials', { name: `${provider.name} Voice`, type: provider.credential.name, data: sampleCredential(provider.credential.name) });
		for (const file of ['setup-dial-in-directory.json', 'phone-bridge.json', 'digitalsamba-to-phone.json']) {
			const json = providerTemplate(provider.id, file);
			const id = await world.importTemplate(json, { type: provider.credential.name, id: credential.id });
			templates.push({ name: json.name, id, file: `${provider.id}/${file}` });
		}
	}
	editor = await Editor.open(world.n8n, log);
}, 900_000);

afterAll(async () => {
	await editor?.close();
	await world?.stop();
});

/** Values that satisfy a provider credential's required fields (the editor checks presence, not truth). */
function sampleCredential(type: string): Record<string, string> {
	if (type === 'telephonySinchApi') return { applicationKey: 'e2e-application-key', applicationSecret: Buffer.from('e2e-secret').toString('base64') };
	if (type === 'telephonyVonageApi') return { applicationId: 'e2e-application-id', privateKey: '-----BEGIN PRIVATE KEY-----\ne2e\n-----END PRIVATE KEY-----', signatureSecret: 'e2e-signature-secret' };
	if (type === 'telephonyPlivoApi') return { authId: 'MAE2EAUTHID000000000', authToken: 'e2e-auth-token' };
	throw new Error(`no sample credential for ${type}`);
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe('the templates on the canvas', () => {
	it('every template: our nodes with their own icons, no issue badge, nothing drawn over anything, no cut names', async () => {
		const { page, trouble } = await editor.page('light');
		for (const template of templates) {
			const nodes = await openCanvas(page, template.id);
			const ours = nodes.filter((node) => node.type.startsWith(OURS));
			expect([template.name, ours.length > 0]).toEqual([template.name, true]);
			for (const node of ours) expect([template.name, node.name, iconProblem(node)]).toEqual([template.name, node.name, undefined]);
			expect([template.name, nodes.filter((node) => node.hasIssues).map((node) => node.name)]).toEqual([template.name, []]);
			expect([template.name, overlaps(nodes)]).toEqual([template.name, []]);
			expect([template.name, nodes.flatMap((node) => node.cutText)]).toEqual([template.name, []]);
			if (!template.file.includes('/')) await page.screenshot({ path: path.join(SCREENSHOTS, `${slug(template.name)}.png`) });
		}
		expect(trouble).toEqual({ consoleErrors: [], failedRequests: [], schemaRequests: [] });
	});

	it('the phone bridge in the dark theme: the dark icons', async () => {
		const { page, trouble } = await editor.page('dark');
		const nodes = await openCanvas(page, templateNamed(/phone bridge$/).id);
		for (const node of nodes.filter((candidate) => candidate.type.startsWith(OURS))) expect([node.name, node.icons.map((icon) => icon.src.endsWith('.dark.svg'))]).toEqual([node.name, [true]]);
		await page.screenshot({ path: path.join(SCREENSHOTS, 'digital-samba-phone-bridge-dark.png') });
		expect(trouble.failedRequests).toEqual([]);
	});

	it('the overlap check sees nodes drawn over each other (the phone bridge as it was before this test)', async () => {
		const before = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/editor/phone-bridge-overlapping.json'), 'utf8')) as WorkflowJson;
		const id = await world.importTemplate(before);
		const { page } = await editor.page('light');
		expect(overlaps(await openCanvas(page, id))).not.toEqual([]);
	});
});

describe('our nodes’ panels', () => {
	for (const theme of ['light', 'dark'] as const) {
		it(`open in every template without an error, a failed request or a parameter issue (${theme})`, async () => {
			const { page, trouble } = await editor.page(theme);
			for (const template of templates.filter((candidate) => theme === 'light' || /phone bridge$/.test(candidate.name))) {
				const nodes = await openCanvas(page, template.id);
				const next = await nodesAfterOurs(template.id);
				for (const node of nodes.filter((candidate) => candidate.type.startsWith(OURS) || next.has(candidate.name))) {
					// Ours, and the nodes after ours (their input panel shows our output schema).
					await openPanel(page, node.name);
					const issues = await page.getByTestId('ndv').locator('[data-test-id="parameter-issues"]').count();
					expect([template.name, node.name, issues]).toEqual([template.name, node.name, 0]);
					if (node.type.startsWith(OURS)) expect([template.name, node.name, await cutInPanel(page)]).toEqual([template.name, node.name, []]);
					const shot = PANEL_SCREENSHOTS[`${template.file}:${node.name}`];
					if (shot) await page.getByTestId('ndv').screenshot({ path: path.join(SCREENSHOTS, `${shot}${theme === 'dark' ? '-dark' : ''}.png`) });
					await page.keyboard.press('Escape');
					await page.getByTestId('ndv').waitFor({ state: 'hidden' });
				}
			}
			expect(trouble.consoleErrors).toEqual([]);
			expect(trouble.failedRequests).toEqual([]);
			// The panels after ours asked for our output schemas, and got them.
			const ourSchemas = trouble.schemaRequests.filter((request) => request.includes(`/schemas/${OURS}`));
			expect(ourSchemas.length).toBeGreaterThan(3);
			expect(ourSchemas.filter((request) => !request.startsWith('200 '))).toEqual([]);
			// Every provider's templates are opened: a minute each, and one for Provision.
		}, 60_000 * (Object.keys(providers).length + 1));
	}
});

describe('the node creator', () => {
	const ourNames = ['Digital Samba', 'Digital Samba Trigger', 'Telephony IVR', 'Telephony Request'];
	// Words only we answer to: our nodes come first.
	// Words n8n's own nodes answer to as well: n8n ranks a fuzzy match in a node's name (weight 1.3)
	// over an exact alias (weight 1) and keeps its own nodes first on ties ("phone": Twilio's alias;
	// "SIP": Stripe, Code…; "Twilio", "Vonage", "Plivo": their nodes). Ours are on the first screen of results.
	const shared = ['phone', 'SIP', 'Twilio', 'Vonage', 'Plivo'];
	const providerNames = Object.values(providers).map((provider) => provider.name).filter((name) => !shared.includes(name));
	const ours = ['dial-in', 'PSTN', 'IVR', 'conference', 'video meeting', 'telephony', 'Digital Samba', ...providerNames];

	it.each(ours)('"%s" finds our nodes first', async (word) => {
		const results = await search(word);
		expect([word, results[0]]).toEqual([word, expect.stringMatching(new RegExp(`^(${ourNames.join('|')})$`))]);
	});

	it.each(shared)('"%s" finds our nodes on the first screen', async (word) => {
		const results = await search(word);
		expect([word, results.slice(0, 6).filter((name) => ourNames.includes(name)).length >= 2]).toEqual([word, true]);
	});
});

const PANEL_SCREENSHOTS: Record<string, string> = {
	'phone-bridge.json:Telephony Request': 'panel-telephony-request',
	'phone-bridge.json:Route PIN': 'panel-route-pin',
	'phone-bridge.json:Plan Sync': 'panel-plan-sync',
	'provision-dial-in-room.json:Create Room': 'panel-create-room',
	'digitalsamba-to-phone.json:Digital Samba Trigger': 'panel-trigger',
};

function templateNamed(pattern: RegExp) {
	const found = templates.find((template) => pattern.test(template.name) && !template.file.includes('/'));
	if (!found) throw new Error(`no template named like ${pattern}`);
	return found;
}

/** The nodes a node of ours leads to directly: their input panels show our output schemas. */
async function nodesAfterOurs(workflowId: string): Promise<Set<string>> {
	const workflow = await world.n8n.api<WorkflowJson>('GET', `/workflows/${workflowId}`);
	const typeOf = new Map(workflow.nodes.map((node) => [node.name, node.type]));
	const after = new Set<string>();
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		if (!typeOf.get(from)?.startsWith(OURS)) continue;
		for (const output of (outputs as { main?: Array<Array<{ node: string }> | null> }).main ?? []) for (const link of output ?? []) after.add(link.node);
	}
	return after;
}

function iconProblem(node: CanvasNode): string | undefined {
	const [icon] = node.icons;
	if (!icon) return 'no icon';
	if (!icon.loaded) return `icon did not load: ${icon.src}`;
	if (!icon.src.includes('/icons/n8n-nodes-digitalsamba/dist/nodes/')) return `not our icon: ${icon.src}`;
	return undefined;
}

async function openPanel(page: Page, nodeName: string): Promise<void> {
	// The event itself, not a click at its place: a neighbour's hover toolbar may lie over it.
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"] [data-canvas-node-render-type]`).dispatchEvent('dblclick');
	await page.getByTestId('ndv').waitFor({ state: 'visible' });
	// Let the panel ask for what it shows (parameters, options, input schemas).
	await page.waitForLoadState('networkidle');
}

/** Texts the open panel's parameters cut with an ellipsis (labels, notices, values shown). */
async function cutInPanel(page: Page): Promise<string[]> {
	return await page.getByTestId('ndv').evaluate((ndv) =>
		[...ndv.querySelectorAll('*')]
			.filter((element) => !element.closest('[data-test-id="ndv-input-panel"], [data-test-id="ndv-output-panel"]'))
			.filter((element) => getComputedStyle(element).textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth && (element.textContent ?? '').trim() !== '')
			.map((element) => (element.textContent ?? '').trim()),
	);
}

/** The node creator's results for a word, by title, in order. */
async function search(word: string): Promise<string[]> {
	const { page, context } = await editor.page('light');
	await page.goto('/workflow/new');
	await page.getByTestId('canvas-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill(word);
	await page.waitForTimeout(400);
	const results = (await page.getByTestId('node-creator').getByTestId('node-creator-item-name').allTextContents()).map((text) => text.trim());
	if (word === 'phone') await page.getByTestId('node-creator').screenshot({ path: path.join(SCREENSHOTS, 'node-creator-phone.png') });
	await context.close();
	return results;
}
