/**
 * Cleaning of text typed by people, applied once at the boundary (zod schemas call it), so every
 * later surface — workflow state, mails, .docx, HTML, Markdown — holds the same, safe text.
 *
 * Control characters pasted into a contribution must not break the .docx (document.xml stays
 * well-formed) while ë, Ç, tabs and line breaks are kept. Rules (XML 1.0 §2.2 "Char" production):
 * - Unicode NFC, so "ë" typed as e + combining diaeresis becomes the single letter U+00EB;
 * - CR LF and lone CR become LF; tab (U+0009) and LF (U+000A) are kept;
 * - every other C0 control (U+0000–U+001F), DEL (U+007F), the C1 controls (U+0080–U+009F),
 *   lone surrogates and the non-characters U+FFFE/U+FFFF are removed;
 * - the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
 *   which can make a page or a report display text in another order than it was written
 *   (Unicode TR36 §2.1), and the zero-width space and byte-order mark (U+200B, U+FEFF) are removed.
 * Letters such as ë, ç, Ë, Ç are never touched.
 */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/g, '');
}
