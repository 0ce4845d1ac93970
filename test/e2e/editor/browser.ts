/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The editor as a builder sees it: Debian's Chromium (installed when absent, never a downloaded
 * browser) driven by playwright-core, logged in to the e2e n8n as its owner. Everything the page
 * logs as an error and every request involving our package that fails is recorded, so a test can
 * say none happened while it looked.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import type { N8nInstance } from '../n8nInstance';
import type { Log } from '../runtime';
import { ensureDebianCommand } from '../services/debian';

/** What went wrong on a page, as a builder would notice it. */
export interface PageTrouble {
	consoleErrors: string[];
	/** Requests whose URL names our package (icons, schemas, node types) that failed or answered ≥ 400. */
	failedRequests: string[];
	/** Every output-schema request and its status. */
	schemaRequests: string[];
}

const PACKAGE = 'n8n-nodes-digitalsamba';

// The flags that keep Chromium from reaching out to the network this machine does not have.
const QUIET_CHROMIUM = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium, installed when absent (the e2e global setup does it before any file runs). */
export function ensureChromium(log: Log = () => {}): string {
	return ensureDebianCommand('chromium', 'chromium', 'the editor test runs the n8n editor in Chromium', log);
}

export class Editor {
	private constructor(
		private readonly browser: Browser,
		private readonly n8n: N8nInstance,
	) {}

	static async open(n8n: N8nInstance, log: Log = () => {}): Promise<Editor> {
		const executablePath = ensureChromium(log);
		// n8n marks its elements with data-test-id (Playwright's default is data-testid).
		selectors.setTestIdAttribute('data-test-id');
		const browser = await chromium.launch({ executablePath, headless: true, args: QUIET_CHROMIUM });
		return new Editor(browser, n8n);
	}

	/** A logged-in page in the given theme, with its troubles recorded. */
	async page(theme: 'light' | 'dark' = 'light'): Promise<{ page: Page; context: BrowserContext; trouble: PageTrouble }> {
		const context = await this.browser.newContext({ baseURL: this.n8n.baseUrl, viewport: { width: 1600, height: 900 }, colorScheme: theme });
		await context.addInitScript((chosen) => window.localStorage.setItem('N8N_THEME', chosen), theme);
		const login = await context.request.post('/rest/login', { data: { emailOrLdapLoginId: this.n8n.owner.email, password: this.n8n.owner.password } });
		if (!login.ok()) throw new Error(`editor login: ${login.status()} ${await login.text()}`);
		const page = await context.newPage();
		const trouble: PageTrouble = { consoleErrors: [], failedRequests: [], schemaRequests: [] };
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			// n8n asks for output schemas of its own nodes too, and has none for some: not ours to judge.
			const url = message.location().url;
			if (/Failed to load resource/.test(message.text()) && !url.includes(PACKAGE)) return;
			trouble.consoleErrors.push(`${message.text()} (${url})`);
		});
		page.on('pageerror', (error) => trouble.consoleErrors.push(String(error)));
		page.on('requestfailed', (request) => {
			if (request.url().includes(PACKAGE)) trouble.failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`);
		});
		page.on('response', (response) => {
			const url = response.url();
			if (url.includes('/schemas/')) trouble.schemaRequests.push(`${response.status()} ${new URL(url).pathname}`);
			if (url.includes(PACKAGE) && response.status() >= 400) trouble.failedRequests.push(`${response.status()} ${url}`);
		});
		return { page, context, trouble };
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}

type Box = { x: number; y: number; width: number; height: number };

/** A node on the canvas as rendered. */
export interface CanvasNode {
	name: string;
	type: string;
	/** Its box, then its name and subtitle as drawn below it (the text itself, not their columns). */
	boxes: Box[];
	/** The icon images it shows, with whether each loaded. */
	icons: Array<{ src: string; loaded: boolean }>;
	hasIssues: boolean;
	/** Name, subtitle or output label cut with an ellipsis. */
	cutText: string[];
}

/** Opens a workflow, fits it to the window and reads every node the canvas drew (sticky notes are not nodes). */
export async function openCanvas(page: Page, workflowId: string): Promise<CanvasNode[]> {
	await page.goto(`/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.getByTestId('zoom-to-fit').click();
	// Icons are images: wait until each has loaded or failed.
	await page.waitForFunction(() => [...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((image) => (image as HTMLImageElement).complete));
	await page.waitForTimeout(500);
	return await page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((element) => {
			const plain = (rect: DOMRect) => ({ x: rect.x, y: rect.y, width: rect.width, height: rect.height });
			const box = element.querySelector('[data-canvas-node-render-type]') ?? element;
			// n8n 2.40's canvas: the name and subtitle are the children of the box's description.
			const texts = [...element.querySelectorAll('[class*="_description_"] > div')].filter((text) => (text.textContent ?? '').trim() !== '');
			const textBox = (text: Element) => {
				const range = document.createRange();
				range.selectNodeContents(text);
				return plain(range.getBoundingClientRect());
			};
			return {
				name: element.getAttribute('data-node-name') ?? '',
				type: element.getAttribute('data-node-type') ?? '',
				boxes: [plain(box.getBoundingClientRect()), ...texts.map(textBox)],
				icons: [...element.querySelectorAll('img')].map((image) => ({ src: image.getAttribute('src') ?? '', loaded: image.complete && image.naturalWidth > 0 })),
				hasIssues: element.querySelector('[data-test-id="node-issues"]') !== null,
				// Its name, subtitle and output labels ("Conference Ev…" once).
				cutText: [...texts, ...element.querySelectorAll('[class*="_outputLabel_"]')]
					.filter((text) => text.scrollWidth > text.clientWidth)
					.map((text) => text.textContent ?? ''),
			};
		}),
	);
}

const intersect = (a: Box, b: Box) =>
	Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;

/** Pairs of nodes drawn over each other: boxes, names or subtitles. */
export function overlaps(nodes: CanvasNode[]): string[] {
	const found: string[] = [];
	for (const [index, a] of nodes.entries()) {
		for (const b of nodes.slice(index + 1)) {
			if (a.boxes.some((boxA) => b.boxes.some((boxB) => intersect(boxA, boxB)))) found.push(`${a.name} / ${b.name}`);
		}
	}
	return found;
}
