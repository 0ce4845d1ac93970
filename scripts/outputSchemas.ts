/**
 * `npm run schemas`: the output schemas n8n 2.40 serves to the editor for installed packages
 * (`/schemas/<package>.<node>/<version>/<resource>/<operation>.json`, read from
 * `<node dir>/__schema__/v<version>/<resource>/<operation>.json`, or `v<version>.json` for a node
 * without operations), generated from the types in each node's `outputs.ts`. The editor shows them
 * as the next node's input before anything ran. A test fails when the committed files are not what
 * this derives (test/nodes/outputSchemas.test.ts), and every item the nodes output in the tests
 * is checked against them (test/helpers/outputSchemas.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { createGenerator } from 'ts-json-schema-generator';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; anyOf?: Schema[]; required?: string[] };

const ROOT = path.resolve(__dirname, '..');
const VERSION_DIR = 'v1.0.0';

/** Which type describes which node's output: a map of operations (`resource/operation` keys), one type, or one type per output merged. */
const SOURCES = [
	{ dir: 'DigitalSamba', type: 'DigitalSambaOutputs', by: 'operation' },
	{ dir: 'DigitalSamba', type: 'DigitalSambaTriggerOutput', by: 'node' },
	{ dir: 'TelephonyIvr', type: 'TelephonyIvrOutputs', by: 'operation' },
	{ dir: 'TelephonyRequest', type: 'TelephonyRequestOutputs', by: 'outputs' },
] as const;

function generate(dir: string, type: string): Schema {
	const generator = createGenerator({
		path: path.join(ROOT, 'nodes', dir, 'outputs.ts'),
		tsconfig: path.join(ROOT, 'tsconfig.json'),
		type,
		expose: 'none',
		topRef: false,
		jsDoc: 'extended',
		skipTypeCheck: true,
		additionalProperties: false,
	});
	const schema = generator.createSchema(type) as Schema;
	delete schema.$schema;
	return schema;
}

/** The same type, whatever the descriptions say. */
const same = (a: Schema, b: Schema) => JSON.stringify({ ...a, description: undefined }) === JSON.stringify({ ...b, description: undefined });

/**
 * One object schema from several (a union, or a node's outputs): every property of any, each
 * required only where all require it. n8n's editor takes only an object with `properties` at the top.
 */
export function merged(schemas: Schema[]): Schema {
	const objects = schemas.flatMap((schema) => (schema.anyOf ? schema.anyOf : [schema]));
	const properties: Record<string, Schema> = {};
	for (const object of objects) {
		for (const [name, property] of Object.entries(object.properties ?? {})) {
			const known = properties[name];
			if (!known) properties[name] = property;
			else if (same(known, property)) properties[name] = known.description ? known : property;
			else {
				const options = known.anyOf && !property.anyOf ? known.anyOf : [known];
				properties[name] = { anyOf: options.some((option) => same(option, property)) ? options : [...options, property] };
			}
		}
	}
	const required = Object.keys(properties).filter((name) => objects.every((object) => object.required?.includes(name)));
	const open = objects.some((object) => object.additionalProperties !== false);
	return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: open ? {} : false };
}

const topLevel = (schema: Schema): Schema => (schema.anyOf ? merged([schema]) : schema);

/** Every schema file: its path under nodes/ and its content. */
export function outputSchemas(): Map<string, Schema> {
	const files = new Map<string, Schema>();
	for (const source of SOURCES) {
		const schema = generate(source.dir, source.type);
		const base = path.join(source.dir, '__schema__');
		if (source.by === 'node') files.set(path.join(base, `${VERSION_DIR}.json`), topLevel(schema));
		else if (source.by === 'outputs') files.set(path.join(base, `${VERSION_DIR}.json`), merged(Object.values(schema.properties ?? {})));
		else {
			for (const [key, operation] of Object.entries(schema.properties ?? {})) {
				const [resource, name] = key.split('/');
				files.set(path.join(base, VERSION_DIR, resource, `${name}.json`), topLevel(operation));
			}
		}
	}
	return files;
}

export const schemaText = (schema: Schema) => JSON.stringify(schema, null, '\t') + '\n';

if (require.main === module) {
	for (const dir of new Set(SOURCES.map((source) => source.dir))) rmSync(path.join(ROOT, 'nodes', dir, '__schema__'), { recursive: true, force: true });
	const files = outputSchemas();
	for (const [file, schema] of files) {
		const target = path.join(ROOT, 'nodes', file);
		mkdirSync(path.dirname(target), { recursive: true });
		writeFileSync(target, schemaText(schema));
	}
	console.log(`wrote ${files.size} output schemas under nodes/*/__schema__/`);
}
