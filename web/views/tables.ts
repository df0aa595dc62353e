/**
 * Tables on a phone. A table of a few columns reflows at narrow widths (`table.stack`: each row a
 * card, each cell with its column's name, style.ts); a table whose columns are meant to be read
 * side by side (figures per area) scrolls sideways inside its own box instead, never the page,
 * with a visible cue: shadows at the edge that hides columns, and a hint above the table while it
 * is wider than its box.
 */
import { html, type SafeHtml } from './html';
import type { CommonTexts } from './texts';

/**
 * `table` in a box that scrolls sideways when it is wider than the screen, with the hint. The box
 * takes the keyboard focus (`tabindex`), so it can be scrolled without a pointer.
 */
export function scrollTable(t: CommonTexts, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap scroll" tabindex="0"><p class="scroll-hint">${t.tableScrollHint}</p>${table}</div>`;
}
