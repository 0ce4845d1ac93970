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
 * The node's properties with each resource's operation list narrowed for agents: an operation
 * listed disappears from its resource's list there (a resource whose operations are all listed
 * keeps no operation list for agents). The resource list itself stays one property: n8n's node
 * creator builds its actions from every property named `resource`, whatever `@tool` says, so a
 * second one would list every action twice. Nothing changes for people.
 */
export function withAgentOperations(properties: INodeProperties[], notForAgents: NotForAgents): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.name !== 'operation') return [property];
		const [resource] = (property.displayOptions?.show?.resource ?? []) as string[];
		return narrowed(property, (option) => !(notForAgents[resource] ?? []).includes(String(option.value)));
	});
}
