/**
 * The small chart of the progress view: one commitment's status across the cycles on record, as
 * steps on a four-level scale (not started, in progress, ongoing, achieved), made on the server as
 * SVG. Colours are presentation attributes (the pages' CSP allows no inline style); the chart
 * carries its own text alternative, and the statuses stand in words in the table beside it.
 */
import { progressLevel, type ProgressCell } from '../../domain/progress-across-cycles';
import { html, type SafeHtml } from '../views/html';

/** Fill of each status's swatch and dot (the report's colours, with a darker edge to be seen on white). */
export const PROGRESS_FILL: Record<ProgressCell, string> = {
  achieved: '#00703c',
  ongoing: '#4c8c2b',
  'in-progress': '#b58500',
  'not-started': '#b00020',
  'not-reported': '#b1b4b6',
  waived: '#505a5f',
};

const WIDTH = 132;
const HEIGHT = 40;
const PAD = 6;

/**
 * The chart of `cells` (aligned with the years of the table), titled `label`. A year without a
 * status (not reported, waived, not tracked) is a grey dot on the base line and breaks the line.
 */
export function progressSparkline(cells: (ProgressCell | undefined)[], label: string): SafeHtml {
  const n = cells.length;
  const x = (i: number) => Math.round((n === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (n - 1)) * 100) / 100;
  const y = (level: number) => Math.round((HEIGHT - PAD - (level * (HEIGHT - 2 * PAD)) / 3) * 100) / 100;
  const segments: SafeHtml[] = [];
  for (let i = 1; i < n; i++) {
    const a = progressLevel(cells[i - 1]);
    const b = progressLevel(cells[i]);
    if (a !== undefined && b !== undefined) segments.push(html`<line x1="${x(i - 1)}" y1="${y(a)}" x2="${x(i)}" y2="${y(b)}" stroke="#1d70b8" stroke-width="2"></line>`);
  }
  const dots = cells.map((cell, i) => {
    const level = progressLevel(cell);
    return html`<circle cx="${x(i)}" cy="${y(level ?? 0)}" r="${level === undefined ? 3 : 4.5}" fill="${cell ? PROGRESS_FILL[cell] : '#ffffff'}" stroke="#1b1b1b" stroke-width="1"></circle>`;
  });
  const base = html`<line x1="0" y1="${y(0)}" x2="${WIDTH}" y2="${y(0)}" stroke="#d8dbdd" stroke-width="1"></line><line x1="0" y1="${y(3)}" x2="${WIDTH}" y2="${y(3)}" stroke="#d8dbdd" stroke-width="1" stroke-dasharray="3 3"></line>`;
  return html`<svg class="chart chart-progress" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" focusable="false"><title>${label}</title>${base}${segments}${dots}</svg>`;
}

/** A small square of a status's colour, beside its word (decorative: the word says it). */
export function statusSwatch(cell: ProgressCell): SafeHtml {
  return html`<svg width="11" height="11" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="10" height="10" fill="${PROGRESS_FILL[cell]}" stroke="#1b1b1b" stroke-width="1"></rect></svg>`;
}
