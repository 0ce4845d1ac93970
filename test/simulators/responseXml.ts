/**
 * `<Response>` markup (TwiML, Plivo XML) as the call drivers read it: a list of verbs with
 * attributes, text and nested verbs.
 */
import { XMLParser } from 'fast-xml-parser';

export interface Verb {
	name: string;
	attributes: Record<string, string>;
	text: string;
	children: Verb[];
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	preserveOrder: true,
	parseAttributeValue: false,
	parseTagValue: false,
	trimValues: true,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function toVerbs(nodes: Node[]): Verb[] {
	const verbs: Verb[] = [];
	for (const node of nodes) {
		const name = Object.keys(node).find((key) => key !== ':@');
		if (!name || name === '#text' || name === '?xml') continue;
		const content = (node[name] as Node[]) ?? [];
		const text = content.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
		verbs.push({ name, attributes: node[':@'] ?? {}, text, children: toVerbs(content) });
	}
	return verbs;
}

/**
 * The verbs inside `<Response>`; throws on anything else, as the providers reject it (Twilio error
 * 12100, Plivo's "invalid XML").
 */
export function parseResponseXml(xml: string, dialect = 'TwiML'): Verb[] {
	const document = toVerbs(parser.parse(xml) as Node[]);
	const response = document.find((verb) => verb.name === 'Response');
	if (!response) throw new Error(`Not ${dialect}: ${xml.slice(0, 80)}`);
	return response.children;
}

export const parseTwiml = (xml: string): Verb[] => parseResponseXml(xml, 'TwiML');
