import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The canvas subtitle: the chosen operation's action sentence ("Get a room"), not its raw values
 * ("get: room"). The editor evaluates subtitles; executions never do, so the voice path pays nothing.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const sentences: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			for (const resource of resources) sentences[`${resource}:${String(option.value)}`] = option.action ?? option.name;
		}
	}
	return `={{ ${JSON.stringify(sentences)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
