/**
 * What an AI agent is offered: n8n's tool variant of a node (its type name ends in "Tool") shows
 * the parameters whose display options allow `@tool`. Steps that only work inside the phone bridge's
 * workflows (their input is another node's item, or markup for a webhook answer) are not offered.
 */
import type { INode, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { TelephonyIvr } from '../../nodes/TelephonyIvr/TelephonyIvr.node';
import { TelephonyRequest } from '../../nodes/TelephonyRequest/TelephonyRequest.node';

/** Every [resource, operation] the node shows, as a person or (as its tool variant) an agent sees it. */
function offered(description: INodeTypeDescription, asTool: boolean): string[] {
	const seenAs = asTool ? { ...description, name: `${description.name}Tool` } : description;
	const node = { typeVersion: 1 } as INode;
	const visible = (property: INodeProperties, values: Record<string, string>) => NodeHelpers.displayParameter(values, property, node, seenAs);
	const pairs: string[] = [];
	const resourceProperty = description.properties.find((property) => property.name === 'resource' && visible(property, {}));
	for (const resource of (resourceProperty?.options ?? []) as INodePropertyOptions[]) {
		const operation = description.properties.find((property) => property.name === 'operation' && visible(property, { resource: String(resource.value) }));
		for (const option of (operation?.options ?? []) as INodePropertyOptions[]) pairs.push(`${resource.value}:${option.value}`);
	}
	return pairs;
}

describe('tools for AI agents', () => {
	it.each([
		['Telephony IVR', new TelephonyIvr().description, ['conference:applyDsEvent', 'conference:applyKeypad', 'conference:planSync', 'response:render', 'response:routePin', 'call:classify']],
		['Digital Samba', new DigitalSamba().description, ['phoneParticipant:applyPhoneEvent']],
	])('%s offers agents every operation but the workflow-only steps, and people everything', (_, description, workflowOnly) => {
		expect(description.usableAsTool).toBe(true);
		const forPeople = offered(description, false);
		const forAgents = offered(description, true);
		expect(forPeople).toEqual(expect.arrayContaining(workflowOnly));
		expect(forAgents.length).toBeGreaterThan(5);
		expect(forAgents.sort()).toEqual(forPeople.filter((pair) => !workflowOnly.includes(pair)).sort());
	});

	it.each([
		['Telephony IVR', new TelephonyIvr().description],
		['Digital Samba', new DigitalSamba().description],
	])('%s keeps one resource list, so the node creator lists each action once', (_, description) => {
		expect(description.properties.filter((property) => property.name === 'resource')).toHaveLength(1);
		// For people, each resource's operations come from the first list that matches it (as the node creator picks it).
		const resources = (description.properties.find((property) => property.name === 'resource')!.options as INodePropertyOptions[]).map((option) => String(option.value));
		for (const resource of resources) {
			const first = description.properties.find((property) => property.name === 'operation' && ((property.displayOptions?.show?.resource ?? []) as string[]).includes(resource));
			expect([resource, first?.displayOptions?.show?.['@tool']]).not.toEqual([resource, [true]]);
		}
	});

	it('the Telephony Request (its input is a webhook request) is not a tool', () => {
		expect(new TelephonyRequest().description.usableAsTool).toBeFalsy();
	});
});
