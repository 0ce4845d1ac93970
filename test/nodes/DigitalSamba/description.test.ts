import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { resources } from '../../../nodes/DigitalSamba/actions/resources';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';

const node = new DigitalSamba();
const { description } = node;
const nodeDir = path.resolve(__dirname, '../../../nodes/DigitalSamba');

const options = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];
const operationProperty = (resource: string) =>
	description.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);

describe('Digital Samba node description', () => {
	it('is usable as an AI tool, with a subtitle and distinct light and dark icons that exist', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		const icon = description.icon as { light: string; dark: string };
		expect(icon.light).not.toBe(icon.dark);
		for (const file of [icon.light, icon.dark]) {
			const svg = readFileSync(path.join(nodeDir, file.replace('file:', '')), 'utf8');
			expect(svg.startsWith('<svg')).toBe(true);
		}
	});

	it('has a codex file naming the node as the package does', () => {
		const codex = JSON.parse(readFileSync(path.join(nodeDir, 'DigitalSamba.node.json'), 'utf8'));
		const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
	});

	it('offers exactly the operations the router can run, each with an action sentence', () => {
		const resourceValues = options(description.properties.find((property) => property.name === 'resource')).map(
			(option) => option.value,
		);
		expect(resourceValues.sort()).toEqual(Object.keys(resources).sort());
		for (const [resource, module] of Object.entries(resources)) {
			const offered = options(operationProperty(resource));
			expect(offered.map((option) => option.value).sort()).toEqual(Object.keys(module.operations).sort());
			for (const option of offered) expect(option.action).toMatch(/^[A-Z][^.]*[a-z]$/);
		}
	});

	it('shows every field under one resource and operation only', () => {
		for (const property of description.properties) {
			if (property.name === 'resource' || property.name === 'operation') continue;
			const show = property.displayOptions?.show;
			expect(show?.resource).toHaveLength(1);
			expect(show?.operation).toHaveLength(1);
		}
	});

	it('uses its own credential, whose secret is masked and whose test is a request', () => {
		const credential = new DigitalSambaApi();
		expect(description.credentials).toEqual([{ name: credential.name, required: true }]);
		expect(credential.properties.find((property) => property.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect(credential.test.request.url).toBeTruthy();
		const icon = credential.icon as { light: string };
		expect(existsSync(path.resolve(__dirname, '../../../credentials', icon.light.replace('file:', '')))).toBe(true);
	});
});
