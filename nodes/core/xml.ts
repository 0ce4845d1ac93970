/** The little XML this package writes (TwiML and alike): every text and attribute escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Characters XML 1.0 does not allow anywhere in a document (its `Char` production): C0 controls
 * other than tab, line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF. A parser
 * (Twilio's included) rejects the whole document for one of them, so they are dropped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
	return text.replace(NOT_XML_CHARS, '');
}

export function escapeXml(text: string): string {
	return xmlSafe(text).replace(/[&<>"']/g, (character) => ESCAPES[character]);
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
