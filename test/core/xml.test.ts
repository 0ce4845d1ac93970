/**
 * Markup never carries a character XML 1.0 forbids (its `Char` production): Twilio rejects the whole
 * document for one, and the caller hears an application error. Checked for every class of code
 * point, through the escape and through a rendered TwiML document.
 */
import { escapeXml, xmlSafe } from '../../nodes/core/xml';
import { renderTwiml } from '../../nodes/core/voice/providers/twilio/render';

/** XML 1.0 §2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const allowedInXml = (codePoint: number) =>
	codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd || (codePoint >= 0x20 && codePoint <= 0xd7ff) || (codePoint >= 0xe000 && codePoint <= 0xfffd) || (codePoint >= 0x10000 && codePoint <= 0x10ffff);

const classes: Array<[string, number[]]> = [
	['C0 controls', Array.from({ length: 0x20 }, (_, i) => i)],
	['ASCII and DEL', [0x20, 0x41, 0x7e, 0x7f]],
	['C1 controls', [0x80, 0x85, 0x9f]],
	['BMP letters and symbols', [0xe9, 0x4e2d, 0xd7ff]],
	['private use', [0xe000, 0xf8ff]],
	['noncharacters at the BMP end', [0xfffd, 0xfffe, 0xffff]],
	['astral planes', [0x10000, 0x1f600, 0x10ffff]],
];

describe('characters XML 1.0 forbids are dropped, every other one kept', () => {
	it.each(classes)('%s', (_, codePoints) => {
		for (const codePoint of codePoints) {
			const text = `a${String.fromCodePoint(codePoint)}b`;
			expect([codePoint.toString(16), xmlSafe(text)]).toEqual([codePoint.toString(16), allowedInXml(codePoint) ? text : 'ab']);
		}
	});

	it('unpaired surrogates, high or low, are dropped; a pair is kept', () => {
		expect(xmlSafe('a\uD800b\uDC00c')).toBe('abc');
		expect(xmlSafe('a\uD83D\uDE00b')).toBe('a😀b');
		expect(xmlSafe('\uDC00\uD800')).toBe('');
	});

	it('escaping still escapes, after dropping', () => {
		expect(escapeXml('<a\u0000&\u001b"\'>')).toBe('&lt;a&amp;&quot;&apos;&gt;');
	});

	it('a rendered TwiML document with hostile text has only XML characters', () => {
		const everything = Array.from({ length: 0x110 }, (_, i) => String.fromCodePoint(i)).join('') + '\uD800\uFFFE\uFFFF';
		const twiml = renderTwiml([{ kind: 'say', text: everything }]);
		for (const character of twiml) expect([character.codePointAt(0)!.toString(16), allowedInXml(character.codePointAt(0)!)]).toEqual([character.codePointAt(0)!.toString(16), true]);
	});
});
