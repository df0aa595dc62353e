/**
 * The coordinator's written synthesis on a page (issue 14): the draft review shows the one on
 * record above its form, the directors' sign-off page above their decision. The text is read into
 * paragraphs and `- ` lists the way the report reads it (domain/synthesis.ts), so a director sees
 * the same structure as in the .docx; every string is escaped by `html`.
 */
import { synthesisBlocks } from '../../domain/synthesis';
import type { Synthesis } from '../../domain/state';
import { html, type SafeHtml } from './html';

/** One text with its line breaks kept as `<br>`. */
function lines(text: string): SafeHtml {
  return html`${text.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}

/** The paragraphs and lists of one part of the synthesis (`text` as typed); nothing for empty text. */
export function synthesisTextHtml(text: string): SafeHtml {
  return html`${synthesisBlocks(text).map((b) =>
    b.kind === 'list' ? html`<ul>${b.items.map((item) => html`<li>${lines(item)}</li>`)}</ul>` : html`<p>${lines(b.text)}</p>`,
  )}`;
}

/** The synthesis's two parts under `<h3>` headings, each only when it has text, in a block of class `synthesis`. */
export function synthesisPartsHtml(s: Pick<Synthesis, 'summary' | 'attention'>, headings: { summary: string; attention: string }): SafeHtml {
  const part = (heading: string, text: string) => (synthesisBlocks(text).length ? html`<h3>${heading}</h3>${synthesisTextHtml(text)}` : '');
  return html`<div class="synthesis">${part(headings.summary, s.summary)}${part(headings.attention, s.attention)}</div>`;
}
