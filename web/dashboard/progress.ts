/**
 * The dashboard's progress view across cycles (issue 14):
 *   GET /cycles/progress   per commitment of the Partnership, its status in every review cycle on
 *                          record: a table (the status in words, with a swatch of its colour) and
 *                          a small chart per commitment (./progress-chart.ts)
 * Read from the cycles' archives in the document store (`archive/<year>/`), not from Temporal, so
 * cycles past the namespace's retention are there too. The archives are read through one cache
 * (`CyclesOnRecord`): a finished cycle's archive never changes and is kept; a running cycle's is
 * read again after a few seconds. Behind the dashboard's access check, like every /cycles path.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CyclesOnRecord } from '../../activities/report/across-cycles/record';
import { progressTable, type ProgressCell, type ProgressTable } from '../../domain/progress-across-cycles';
import type { WebContext } from '../plumbing/context';
import type { Texts } from '../texts';
import { html, type SafeHtml } from '../views/html';
import { layout, type LanguageSwitch } from '../views/layout';
import { scrollTable } from '../views/tables';
import { progressSparkline, statusSwatch } from './progress-chart';

/** What the progress page shows. */
export interface ProgressPageView {
  table: ProgressTable;
  root: string;
  switcher?: LanguageSwitch;
  /** Set when the archives could not be read. */
  failed?: boolean;
}

type PageTexts = Pick<Texts, 'progress' | 'commitmentStatus'> & Parameters<typeof layout>[0] & Parameters<typeof scrollTable>[0];

/** A status as the page words it: the four statuses, not reported, waived; `—` when not tracked that year. */
export function progressCellLabel(t: Pick<Texts, 'progress' | 'commitmentStatus'>, cell: ProgressCell | undefined): string {
  if (!cell) return t.progress.notTracked;
  if (cell === 'not-reported') return t.progress.notReported;
  if (cell === 'waived') return t.progress.waived;
  return (t.commitmentStatus as Record<string, string>)[cell] ?? cell;
}

/** The progress page (a whole HTML document) in the language of `t`. */
export function progressPage(t: PageTexts, v: ProgressPageView): string {
  const p = t.progress;
  const { years, groups } = v.table;
  const sq = t.lang === 'sq';
  const cell = (c: ProgressCell | undefined, year: number) =>
    html`<td data-year="${year}"${c ? html` data-status="${c}"` : ''}>${c ? html`${statusSwatch(c)} ` : ''}${progressCellLabel(t, c)}</td>`;
  const table = html`<table class="progress-table">
<thead><tr><th scope="col">${p.columns.paragraph}</th><th scope="col">${p.columns.commitment}</th>${years.map((y) => html`<th scope="col">${y}</th>`)}<th scope="col">${p.columns.trend}</th></tr></thead>
${groups.map(
  (g) => html`<tbody id="progress-${g.areaId}">
<tr><th scope="rowgroup" colspan="${years.length + 3}">${sq && g.titleSq ? g.titleSq : g.title}</th></tr>
${g.rows.map((r) => {
  const wording = sq && r.wordingSq ? r.wordingSq : r.wording;
  const label = p.chartLabel(wording, r.cells.map((c, i) => p.chartStep(years[i]!, progressCellLabel(t, c))).join('; '));
  return html`<tr id="progress-${r.commitmentId}"><td>§${r.paragraph}</td><td>${wording}</td>${r.cells.map((c, i) => cell(c, years[i]!))}<td>${progressSparkline(r.cells, label)}</td></tr>`;
})}
</tbody>`,
)}
</table>`;
  const body: SafeHtml = html`<p><a href="${v.root}/cycles">${p.backToCycles}</a></p>
<h1>${p.title}</h1>
<p>${p.intro}</p>
${v.failed ? html`<div class="notice" role="alert"><p>${p.failed}</p></div>` : years.length === 0 ? html`<p class="muted">${p.none}</p>` : html`<p>${p.years(years.join(', '))}</p>${scrollTable(t, table)}`}`;
  return layout(t, p.title, body, v.root, v.switcher);
}

/** The progress view's route; `csp`: the dashboard's Content-Security-Policy (no inline script or style). */
export const progressView: FastifyPluginAsync<{ ctx: WebContext; csp: string }> = async (app, { ctx, csp }) => {
  const records = new CyclesOnRecord(ctx.store);
  app.get('/cycles/progress', async (req, reply) => {
    const { t, switcher } = ctx.scope(req, reply);
    let table: ProgressTable = { years: [], groups: [] };
    let failed = false;
    try {
      table = progressTable(await records.statuses());
    } catch (err) {
      ctx.log.warn({ err }, 'progress view: the archives could not be read');
      failed = true;
    }
    reply.header('content-security-policy', csp);
    if (failed) reply.header('retry-after', '30');
    return ctx.sendPage(reply, failed ? 503 : 200, progressPage(t, { table, root: ctx.root(), switcher: switcher(), failed }));
  });
};
