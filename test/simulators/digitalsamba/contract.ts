/**
 * Digital Samba's official OpenAPI spec, loaded for validating requests. The file is read from
 * `../shared/contracts/` beside the checkout and never edited; the generator artifacts listed in
 * that folder's README are fixed here, in memory, and `fixes` says which were found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { OpenAPIBackend } from 'openapi-backend';
import type { Request as OpenApiRequest } from 'openapi-backend';
import YAML from 'yaml';

export const CONTRACT_PATH =
	process.env.DIGITALSAMBA_OPENAPI ??
	path.resolve(__dirname, '../../../../shared/contracts/digitalsamba-openapi.yaml');

const VALID_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

type Json = Record<string, unknown>;

export interface ContractFix {
	where: string;
	what: string;
}

export interface ValidationResult {
	valid: boolean;
	operationId?: string;
	/** Field → problems, as Digital Samba (Laravel) words its 422 answers. */
	errors: Record<string, string[]>;
	/** The request matched no path, or no method of its path. */
	unknownRoute?: 'path' | 'method';
}

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Repairs `type` values no JSON Schema validator accepts (`Caller`, `datetime`, `string|string`). */
function fixSchemaTypes(schema: unknown, where: string, fixes: ContractFix[]): void {
	if (Array.isArray(schema)) {
		schema.forEach((entry, index) => fixSchemaTypes(entry, `${where}[${index}]`, fixes));
		return;
	}
	if (!isObject(schema)) return;
	for (const [key, value] of Object.entries(schema)) {
		if (key === 'example' || key === 'examples' || key === 'description') continue;
		if (key === 'type' && typeof value === 'string' && !VALID_TYPES.has(value)) {
			schema.type = 'string';
			if (value === 'datetime') {
				// The field's own rule: "Must be future date in format: YYYY-MM-DD hh:mm:ss".
				schema.pattern = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$';
			}
			fixes.push({ where, what: `type '${value}' read as 'string'` });
			continue;
		}
		fixSchemaTypes(value, `${where}.${key}`, fixes);
	}
}

/**
 * Request bodies are checked strictly: a field the spec does not name is refused. Digital Samba
 * itself may ignore it, but a field it ignores is a bug on our side (a misspelt or camelCase name).
 */
function forbidUnknownFields(schema: unknown): void {
	if (!isObject(schema)) return;
	if (schema.type === 'object' && isObject(schema.properties) && schema.additionalProperties === undefined) {
		schema.additionalProperties = false;
		Object.values(schema.properties).forEach(forbidUnknownFields);
	}
	if (schema.type === 'array') forbidUnknownFields(schema.items);
}

function requestSchemas(document: Json): Array<{ where: string; operation: Json; schema: Json }> {
	const found: Array<{ where: string; operation: Json; schema: Json }> = [];
	for (const [route, pathItem] of Object.entries(document.paths as Json)) {
		if (!isObject(pathItem)) continue;
		for (const [method, operation] of Object.entries(pathItem)) {
			if (!isObject(operation) || !isObject(operation.requestBody)) continue;
			const content = operation.requestBody.content;
			if (!isObject(content)) continue;
			for (const media of Object.values(content)) {
				if (isObject(media) && isObject(media.schema)) {
					found.push({ where: `${method.toUpperCase()} ${route}`, operation, schema: media.schema });
				}
			}
		}
	}
	return found;
}

/** Required lists the README names as generator artifacts (Digital Samba's clients send less). */
function relaxOverStrictRequired(document: Json, fixes: ContractFix[]): void {
	for (const { where, schema } of requestSchemas(document)) {
		if (!Array.isArray(schema.required)) continue;
		if (where === 'POST /api/v1/rooms') {
			schema.required = schema.required.filter(
				(field) => field !== 'roles' && field !== 'private_group_chat_roles',
			);
			fixes.push({ where, what: "'roles' and 'private_group_chat_roles' not required" });
		}
		if (where === 'PATCH /api/v1/rooms/{room}') {
			delete schema.required;
			fixes.push({ where, what: 'no field required' });
		}
	}
}

export function loadContractDocument(file = CONTRACT_PATH): { document: Json; fixes: ContractFix[] } {
	const document = YAML.parse(readFileSync(file, 'utf8')) as Json;
	const fixes: ContractFix[] = [];
	fixSchemaTypes(document.paths, 'paths', fixes);
	relaxOverStrictRequired(document, fixes);
	for (const { schema } of requestSchemas(document)) forbidUnknownFields(schema);
	return { document, fixes };
}

export interface RequestToValidate {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
}

export class Contract {
	readonly fixes: ContractFix[];

	private constructor(
		private readonly api: OpenAPIBackend,
		fixes: ContractFix[],
	) {
		this.fixes = fixes;
	}

	static async load(file = CONTRACT_PATH): Promise<Contract> {
		const { document, fixes } = loadContractDocument(file);
		const api = new OpenAPIBackend({
			definition: document as never,
			strict: true,
			validate: true,
			quick: false,
			ajvOpts: { allErrors: true },
		});
		await api.init();
		return new Contract(api, fixes);
	}

	operationIdFor(method: string, routePath: string): string | undefined {
		return this.api.matchOperation({ method, path: routePath, headers: {} })?.operationId;
	}

	validate(request: RequestToValidate): ValidationResult {
		const openApiRequest: OpenApiRequest = {
			method: request.method,
			path: request.path,
			query: request.query,
			headers: request.headers as OpenApiRequest['headers'],
			body: request.body,
		};
		const operation = this.api.matchOperation(openApiRequest);
		if (!operation) {
			const pathKnown = this.api.router.matchOperation(openApiRequest, false) !== undefined;
			const anyMethod = ['get', 'post', 'patch', 'put', 'delete'].some(
				(method) => this.api.matchOperation({ ...openApiRequest, method }) !== undefined,
			);
			return { valid: false, errors: {}, unknownRoute: pathKnown || anyMethod ? 'method' : 'path' };
		}
		const result = this.api.validateRequest(openApiRequest, operation);
		const errors: Record<string, string[]> = {};
		for (const error of result.errors ?? []) {
			const field = fieldName(error.instancePath, error.params as Json) || 'request';
			(errors[field] ??= []).push(describe(error.message, error.params as Json));
		}
		return { valid: result.valid, operationId: operation.operationId, errors };
	}
}

/** `/requestBody/0/call_id` → `0.call_id` (Laravel names array fields that way). */
function fieldName(instancePath: string, params: Json): string {
	const parts = instancePath.split('/').filter(Boolean);
	if (parts[0] === 'requestBody' || parts[0] === 'query' || parts[0] === 'path') parts.shift();
	if (typeof params.missingProperty === 'string') parts.push(params.missingProperty);
	if (typeof params.additionalProperty === 'string') parts.push(params.additionalProperty);
	return parts.join('.');
}

function describe(message: string | undefined, params: Json): string {
	if (typeof params.additionalProperty === 'string') return 'is not a field of this request';
	if (typeof params.missingProperty === 'string') return 'is required';
	return message ?? 'is invalid';
}
