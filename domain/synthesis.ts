/**
 * The shape of the coordinator's written synthesis as the report and the pages show it (issue 14):
 * the text typed for the executive summary or the points for the SA Council's attention is plain
 * text, where a blank line starts a paragraph and a line that starts with `- ` is an item of a
 * bulleted list. One reading, here, so the .docx, the HTML, the Markdown, the Albanian summary and
 * the sign-off page cannot disagree on what is a list.
 */
import { cleanText } from './text';

/** A paragraph (`text` keeps its line breaks and tabs) or a bulleted list (each item may hold line breaks). */
export type SynthesisBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** A list item: `- ` at the start of the line (after spaces or tabs), or a lone `-`. */
const ITEM = /^[ \t]*-(?:[ \t]+(.*)|[ \t]*)$/;

/**
 * The blocks of a synthesis text, in order. The text is cleaned first (`cleanText`: control
 * characters dropped, NFC, CR LF as LF; letters such as ë and ç untouched). Blocks are separated by
 * blank lines; inside a block, each `- ` line starts a list item, an indented line after an item
 * continues it (a line break in the item), and any other line belongs to a paragraph. Empty text
 * gives no block.
 */
export function synthesisBlocks(text: string): SynthesisBlock[] {
  const blocks: SynthesisBlock[] = [];
  const chunks = cleanText(text)
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  for (const chunk of chunks) {
    let paragraph: string[] = [];
    let items: string[] | undefined;
    const flushParagraph = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
      paragraph = [];
    };
    const flushList = () => {
      if (items?.length) blocks.push({ kind: 'list', items });
      items = undefined;
    };
    for (const line of chunk.split('\n')) {
      const item = ITEM.exec(line);
      if (item) {
        flushParagraph();
        (items ??= []).push(item[1] ?? '');
      } else if (items && /^[ \t]/.test(line)) {
        // An indented line under an item goes on with that item rather than ending the list.
        items[items.length - 1] += `\n${line.trim()}`;
      } else {
        flushList();
        paragraph.push(line);
      }
    }
    flushList();
    flushParagraph();
  }
  return blocks;
}
