/** The little XML this package writes (TwiML and alike): every text and attribute escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

export type Attributes = Record<string, string | number | boolean | undefined>;

/** `<name a="1">children</name>`, or `<name a="1"/>` without children; undefined attributes are left out. */
export function element(name: string, attributes: Attributes = {}, children: string[] | string = []): string {
	const attributeText = Object.entries(attributes)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
		.join('');
	const content = Array.isArray(children) ? children.join('') : escapeXml(children);
	return content === '' ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${content}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
