import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Operations an AI agent cannot use, by resource: those whose input is another node's item (a
 * webhook request, a directory row, a trigger's event) or whose output is markup for a webhook
 * answer. n8n shows a node's tool variant (type name ending in "Tool") whatever the node shows; the
 * `@tool` display option is how a node narrows it.
 */
export type NotForAgents = Record<string, string[]>;

const optionsOf = (property: INodeProperties) => (property.options ?? []) as INodePropertyOptions[];

function narrowed(property: INodeProperties, keep: (option: INodePropertyOptions) => boolean): INodeProperties[] {
	const options = optionsOf(property).filter(keep);
	if (options.length === optionsOf(property).length) return [property];
	const show = property.displayOptions?.show ?? {};
	const forPeople = { ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [false] } } };
	if (options.length === 0) return [forPeople];
	const defaultKept = options.some((option) => option.value === property.default);
	const forAgents = {
		...property,
		options,
		default: defaultKept ? property.default : options[0].value,
		displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [true] } },
	};
	return [forPeople, forAgents];
}

/**
 * The node's properties with the resource and operation lists narrowed for agents: a resource
 * whose operations are all listed disappears from the tool variant, an operation listed disappears
 * from its resource's list there. Nothing changes for people.
 */
export function withAgentOperations(properties: INodeProperties[], notForAgents: NotForAgents): INodeProperties[] {
	const operationsOf = new Map<string, string[]>();
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			operationsOf.set(resource, optionsOf(property).map((option) => String(option.value)));
		}
	}
	const resourceGone = (resource: string) =>
		(operationsOf.get(resource) ?? []).every((operation) => (notForAgents[resource] ?? []).includes(operation));
	return properties.flatMap((property) => {
		if (property.name === 'resource') return narrowed(property, (option) => !resourceGone(String(option.value)));
		if (property.name !== 'operation') return [property];
		const [resource] = (property.displayOptions?.show?.resource ?? []) as string[];
		return narrowed(property, (option) => !(notForAgents[resource] ?? []).includes(String(option.value)));
	});
}
