/**
 * The dashboard's pictures as SVG made on the server: the areas by status (a stacked bar) and the
 * timeline of planned against actual dates. Every text is escaped by the `html` template; colours
 * are presentation attributes (the pages' CSP allows no inline style), and each picture carries a
 * title and a description, with its figures repeated as text next to it (never colour alone).
 */
import { DateTime } from 'luxon';
import { LOCALE } from '../../infra/i18n';
import { html, type SafeHtml } from '../views/html';
import type { StatusCategory, TimelineModel } from './model';
import type { DashboardTexts as Texts } from './texts';

/** Fill of each status category (white text on each passes WCAG AA); the stylesheet's swatches match. */
export const STATUS_FILL: Record<StatusCategory, string> = {
  submitted: '#00703c',
  'awaiting-input': '#1d70b8',
  overdue: '#b00020',
  reopened: '#6f3c97',
  waived: '#505a5f',
  missing: '#8a4b00',
};

const INK = '#1b1b1b';
const MUTED = '#4a4a4a';
const PLANNED = '#b1b4b6';
const ACTUAL = '#003399';
const LATE = '#b00020';
const INPUT = '#00703c';

/** Rounds for SVG coordinates (two decimals are plenty at these sizes). */
const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A stacked horizontal bar of the areas by category, with each count written inside its segment
 * when it fits. `id` prefixes the title's id (unique within the page).
 */
export function statusBarSvg(t: Texts, counts: { category: StatusCategory; count: number }[], id = 'status-chart'): SafeHtml {
  const d = t.dashboard;
  const total = counts.reduce((n, c) => n + c.count, 0);
  const height = 36;
  const label = d.statusChartLabel(counts.filter((c) => c.count > 0).map((c) => d.statusChartPart(c.count, d.statusCategory[c.category]!.toLocaleLowerCase(t.lang))).join(', '));
  // Percent lengths and no viewBox: the bar takes the page's width while its text keeps its size.
  let x = 0;
  const segments = counts
    .filter((c) => c.count > 0)
    .map((c) => {
      const w = total ? (c.count / total) * 100 : 0;
      const seg = html`<g><rect x="${r2(x)}%" y="0" width="${r2(w)}%" height="${height}" fill="${STATUS_FILL[c.category]}" stroke="#fff" stroke-width="2"></rect>${
        w >= 4 ? html`<text x="${r2(x + w / 2)}%" y="${height / 2 + 6}" text-anchor="middle" font-size="17" font-weight="700" fill="#fff">${c.count}</text>` : ''
      }</g>`;
      x += w;
      return seg;
    });
  return html`<svg class="chart chart-bar" width="100%" height="${height}" role="img" aria-labelledby="${id}-title" focusable="false"><title id="${id}-title">${label}</title>${segments}</svg>`;
}

/** Ticks of a time axis in `timeZone`: local midnights, every 1, 2 or 7 days, or first days of months. */
export function timeTicks(from: number, to: number, timeZone: string, maxTicks = 8): number[] {
  const spanDays = (to - from) / 86_400_000;
  const start = DateTime.fromMillis(from, { zone: timeZone }).startOf('day');
  const ticks: number[] = [];
  if (spanDays / 7 <= maxTicks) {
    const step = spanDays <= maxTicks ? 1 : spanDays / 2 <= maxTicks ? 2 : 7;
    let d = step === 7 ? start.startOf('week') : start;
    while (d.toMillis() <= to) {
      if (d.toMillis() >= from) ticks.push(d.toMillis());
      d = d.plus({ days: step });
    }
    return ticks;
  }
  const months = Math.max(1, Math.ceil(spanDays / 30.4 / maxTicks));
  let d = start.startOf('month');
  while (d.toMillis() <= to) {
    if (d.toMillis() >= from) ticks.push(d.toMillis());
    d = d.plus({ months });
  }
  return ticks;
}

/**
 * The timeline: one row per stage (and the submission), the planned stretch or due date above
 * and the actual stretches below, inputs as green ticks, drafts, decisions and the submission as
 * dots, and a dashed line at now. The time axis is local to `timeZone`. Horizontal positions are
 * percentages and there is no viewBox: the chart takes the page's width, on a phone as on a
 * desktop, and its text keeps a readable size.
 */
export function timelineSvg(t: Texts, m: TimelineModel, o: { year: number; stage: string; timeZone: string; id?: string }): SafeHtml {
  const d = t.dashboard;
  const id = o.id ?? 'timeline-chart';
  const axis = 38;
  const rowH = 52;
  const height = axis + m.rows.length * rowH + 6;
  /** Position of an instant, in percent of the width (1 % margins). */
  const x = (at: string | number) => {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    return r2(1 + ((ms - m.from) / (m.to - m.from)) * 98);
  };
  const pct = (n: number) => `${n}%`;

  const ticks = timeTicks(m.from, m.to, o.timeZone, 6).map((ms) => {
    const tx = pct(x(ms));
    const label = DateTime.fromMillis(ms, { zone: o.timeZone }).setLocale(LOCALE[t.lang]).toFormat('d LLL');
    return html`<g><line x1="${tx}" y1="${axis - 6}" x2="${tx}" y2="${height - 4}" stroke="#d8dbdd" stroke-width="1"></line><text x="${tx}" y="${axis - 12}" text-anchor="middle" font-size="12" fill="${MUTED}">${label}</text></g>`;
  });

  const rows = m.rows.map((row, i) => {
    const top = axis + i * rowH;
    const plannedY = top + 22;
    const actualY = top + 34;
    const parts: SafeHtml[] = [];
    parts.push(html`<text x="6" y="${top + 15}" font-size="14" font-weight="600" fill="${INK}">${d.timelineRows[row.key]}</text>`);
    if (row.planned) {
      const x1 = x(row.planned.from);
      const x2 = x(row.planned.to);
      parts.push(html`<rect x="${pct(x1)}" y="${plannedY}" width="${pct(r2(Math.max(x2 - x1, 0.3)))}" height="8" fill="${PLANNED}" stroke="${MUTED}" stroke-width="1"></rect>`);
    }
    // The due date a stretch is measured against: the inputs due date for the first collecting
    // stretch, the submission due date for the submission, the current stage's due date for the last.
    const dueOf = (k: number): string | undefined =>
      row.key === 'collecting' && k === 0 ? row.planned?.to : row.key === 'submission' ? row.due : k === row.actual.length - 1 ? row.due : undefined;
    for (const [k, span] of row.actual.entries()) {
      const from = Date.parse(span.from);
      const to = span.to ? Date.parse(span.to) : m.now;
      const x1 = x(from);
      const x2 = Math.max(x(to), r2(x1 + 0.5));
      const dueAt = dueOf(k);
      const late = dueAt && to > Date.parse(dueAt) ? Math.max(x(dueAt), x1) : undefined;
      parts.push(html`<rect x="${pct(x1)}" y="${actualY}" width="${pct(r2(x2 - x1))}" height="10" fill="${ACTUAL}"></rect>`);
      if (late !== undefined && x2 - late > 0.05) parts.push(html`<rect x="${pct(late)}" y="${actualY}" width="${pct(r2(x2 - late))}" height="10" fill="${LATE}"></rect>`);
    }
    if (row.due) {
      // A nested svg places the diamond at a percentage; the path is drawn around its origin.
      parts.push(html`<svg x="${pct(x(row.due))}" y="${plannedY + 4}" overflow="visible"><path d="M 0 -7 L 7 0 L 0 7 L -7 0 Z" fill="#fff" stroke="${INK}" stroke-width="2"></path></svg>`);
    }
    for (const mark of row.marks) {
      const mx = pct(x(mark.at));
      if (mark.kind === 'input') parts.push(html`<line x1="${mx}" y1="${actualY - 4}" x2="${mx}" y2="${actualY + 14}" stroke="${INPUT}" stroke-width="3"></line>`);
      else parts.push(html`<circle cx="${mx}" cy="${actualY + 5}" r="5.5" fill="${mark.kind === 'cancelled' ? LATE : INK}" stroke="#fff" stroke-width="1.5"></circle>`);
    }
    return html`<g>${parts}</g>`;
  });

  const nx = x(m.now);
  const now = html`<g><line x1="${pct(nx)}" y1="${axis - 4}" x2="${pct(nx)}" y2="${height - 2}" stroke="${LATE}" stroke-width="2" stroke-dasharray="5 4"></line><text x="${pct(nx)}" y="11" text-anchor="${nx > 92 ? 'end' : nx < 8 ? 'start' : 'middle'}" font-size="12" font-weight="700" fill="${LATE}">${d.now}</text></g>`;

  return html`<svg class="chart chart-timeline" width="100%" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"><title id="${id}-title">${d.timelineChartTitle(o.year)}</title><desc id="${id}-desc">${d.timelineChartDesc(o.stage, m.inputsIn, m.areasTotal)}</desc>${ticks}${rows}${now}</svg>`;
}
