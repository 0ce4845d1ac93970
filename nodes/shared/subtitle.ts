import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Operation names that say nothing without their resource ("Get Many" of what?). */
const needsResource = (operation: string) => !operation.includes(' ') || operation === 'Get Many';

/**
 * The canvas subtitle from display names, short enough for the canvas (it cuts at ~28
 * characters): the operation's name where it says enough ("Route PIN", "Plan Digital Samba Sync"),
 * else resource and operation ("Room: Create", "Webhook: Get Many"). Never raw values. The editor
 * evaluates subtitles; executions never do, so the voice path pays nothing.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resourceNames = new Map<string, string>();
	for (const property of properties.filter((candidate) => candidate.name === 'resource')) {
		for (const option of (property.options ?? []) as INodePropertyOptions[]) resourceNames.set(String(option.value), option.name);
	}
	const subtitles: Record<string, string> = {};
	for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
		for (const resource of (property.displayOptions?.show?.resource ?? []) as string[]) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				subtitles[`${resource}:${String(option.value)}`] = needsResource(option.name) ? `${resourceNames.get(resource)}: ${option.name}` : option.name;
			}
		}
	}
	return `={{ ${JSON.stringify(subtitles)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
