/**
 * The parts across cycles (./view.ts) in each format of the report: .docx (with the report's own
 * paragraph, heading and table helpers, so the styles match), HTML and Markdown. The renderers of
 * the report call these at two places: the follow-up after the status table, the progress annex
 * after the last annex. Each returns nothing when its part is absent (a first cycle).
 *
 * The format's helpers come in as an argument (`DocxHelpers`, `HtmlHelpers`, `MarkdownHelpers`)
 * rather than by import: the renderers import this module, and an import back would be a cycle.
 */
import type { IParagraphOptions, IRunOptions, Paragraph, Table } from 'docx';
import { COMMITMENT_STATUS_FILL } from '../texts';
import { ACROSS_CYCLES_TEXTS as T } from './texts';
import type { AcrossCyclesView } from './view';

/** The element ids (HTML) of the two parts, for the contents. */
export const FOLLOW_UP_ID = 'follow-up';
export const PROGRESS_ID = 'annex-progress';

/** The letter of the progress annex: after A and B of a final, first of a draft. */
export function progressAnnexLetter(final: boolean): string {
  return final ? 'C' : 'A';
}

/** The headings of the parts present, for a renderer's contents: `after` says where each goes. */
export function acrossCyclesContents(view: AcrossCyclesView | undefined, final: boolean): { followUp?: { id: string; title: string }; progress?: { id: string; title: string } } {
  return {
    ...(view?.followUp ? { followUp: { id: FOLLOW_UP_ID, title: T.followUp.heading } } : {}),
    ...(view?.progress ? { progress: { id: PROGRESS_ID, title: T.progress.heading(progressAnnexLetter(final)) } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// .docx

type ParaOptions = Omit<IParagraphOptions, 'children' | 'text'>;
type RunOptions = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** The report's .docx helpers (../docx.ts), so these parts share its styles and table layout. */
export interface DocxHelpers {
  heading(text: string, level: 1 | 2 | 3, options?: Omit<ParaOptions, 'heading'>): Paragraph;
  para(text: string, options?: ParaOptions, run?: RunOptions): Paragraph;
  table(columns: { header: string; width: number }[], rows: ({ text: string; fill?: string; bold?: boolean; span?: number; keepNext?: boolean } | string)[][]): Table;
  columnsOf(spec: [string, number][]): { header: string; width: number }[];
  colour: { muted: string; group: string };
}

/** The follow-up section as .docx paragraphs (Heading 1, then one Heading 3 per area). */
export function followUpDocx(view: AcrossCyclesView | undefined, { heading, para, colour }: DocxHelpers): (Paragraph | Table)[] {
  const f = view?.followUp;
  if (!f) return [];
  const t = T.followUp;
  const muted = { color: colour.muted };
  return [
    heading(t.heading, 1, { pageBreakBefore: true }),
    para(t.intro(f.previousYear, f.year)),
    ...f.areas.flatMap((a) => [
      heading(a.title, 3),
      para(t.nextStepsThen(f.previousYear), { keepNext: true }, { bold: true }),
      ...(a.thenNote ? [para(a.thenNote, {}, muted)] : a.nextSteps.split(/\n{2,}/).map((p) => para(p))),
      para(t.outcomeNow(f.year), { keepNext: true }, { bold: true }),
      ...(a.outcomeLabel ? [para(t.outcome(a.outcomeLabel), { keepNext: !!a.comment })] : [para(a.nowNote ?? t.noOutcome, {}, muted)]),
      ...(a.outcomeLabel ? (a.comment ? a.comment.split(/\n{2,}/).map((p) => para(p)) : [para(t.noComment, {}, muted)]) : []),
    ]),
  ];
}

/** The progress annex as .docx: a table grouped by area, one column per year, each status written and coloured. */
export function progressDocx(view: AcrossCyclesView | undefined, final: boolean, { heading, para, table, columnsOf, colour }: DocxHelpers): (Paragraph | Table)[] {
  const p = view?.progress;
  if (!p) return [];
  const yearsWidth = Math.min(60, 12 * p.years.length);
  const cols = columnsOf([[T.progress.columns.paragraph, 6], [T.progress.columns.commitment, 100 - 6 - yearsWidth], ...p.years.map((y): [string, number] => [String(y), yearsWidth / p.years.length])]);
  const rows = p.groups.flatMap((g) => [
    [{ text: g.title, span: 2 + p.years.length, bold: true, fill: colour.group, keepNext: true }],
    ...g.rows.map((r) => [String(r.paragraph), r.wording, ...r.cells.map((cell) => ({ text: cell.label, ...(cell.key ? { fill: COMMITMENT_STATUS_FILL[cell.key] } : {}) }))]),
  ]);
  return [heading(T.progress.heading(progressAnnexLetter(final)), 1, { pageBreakBefore: true }), para(T.progress.intro(p.years)), table(cols, rows)];
}

// ---------------------------------------------------------------------------------------------
// HTML

/** The report's HTML helpers (../html.ts): escaping, and contributor prose as paragraphs. */
export interface HtmlHelpers {
  esc(text: string): string;
  prose(text: string): string;
}

/** The follow-up section as HTML (an `<h1>` and a `<section>` per area). */
export function followUpHtml(view: AcrossCyclesView | undefined, { esc, prose: proseHtml }: HtmlHelpers): string {
  const f = view?.followUp;
  if (!f) return '';
  const t = T.followUp;
  return [
    `<h1 id="${FOLLOW_UP_ID}" class="part">${esc(t.heading)}</h1>`,
    `<p>${esc(t.intro(f.previousYear, f.year))}</p>`,
    ...f.areas.map((a) =>
      [
        `<section class="follow-up" id="follow-up-${esc(a.areaId)}">`,
        `<h3>${esc(a.title)}</h3>`,
        `<p><strong>${esc(t.nextStepsThen(f.previousYear))}</strong></p>`,
        a.thenNote ? `<p class="muted">${esc(a.thenNote)}</p>` : proseHtml(a.nextSteps),
        `<p><strong>${esc(t.outcomeNow(f.year))}</strong></p>`,
        a.outcomeLabel
          ? `<p class="outcome outcome-${esc(a.outcome ?? '')}">${esc(t.outcome(a.outcomeLabel))}</p>\n${a.comment ? proseHtml(a.comment) : `<p class="muted">${esc(t.noComment)}</p>`}`
          : `<p class="muted">${esc(a.nowNote ?? t.noOutcome)}</p>`,
        '</section>',
      ].join('\n'),
    ),
  ].join('\n');
}

/** The progress annex as HTML: a table grouped by area (a `<tbody>` each), statuses coloured and written. */
export function progressHtml(view: AcrossCyclesView | undefined, final: boolean, { esc }: HtmlHelpers): string {
  const p = view?.progress;
  if (!p) return '';
  const yearsWidth = Math.min(60, 12 * p.years.length);
  const cols = [
    { header: T.progress.columns.paragraph, width: 6 },
    { header: T.progress.columns.commitment, width: 100 - 6 - yearsWidth },
    ...p.years.map((y) => ({ header: String(y), width: yearsWidth / p.years.length })),
  ];
  const span = cols.length;
  return [
    `<h1 id="${PROGRESS_ID}" class="part">${esc(T.progress.heading(progressAnnexLetter(final)))}</h1>`,
    `<p>${esc(T.progress.intro(p.years))}</p>`,
    '<table class="fixed status progress">',
    `<colgroup>${cols.map((col) => `<col style="width:${Math.round(col.width * 100) / 100}%">`).join('')}</colgroup>`,
    `<thead><tr>${cols.map((col) => `<th scope="col">${esc(col.header)}</th>`).join('')}</tr></thead>`,
    ...p.groups.map((g) =>
      [
        `<tbody class="group" id="progress-${esc(g.areaId)}">`,
        `<tr class="group-title"><th scope="rowgroup" colspan="${span}">${esc(g.title)}</th></tr>`,
        ...g.rows.map(
          (r) =>
            `<tr><td>${esc(String(r.paragraph))}</td><td>${esc(r.wording)}</td>${r.cells
              .map((cell) => `<td${cell.key ? ` class="status-cell status-${esc(cell.key)}"` : ''}>${esc(cell.label)}</td>`)
              .join('')}</tr>`,
        ),
        '</tbody>',
      ].join('\n'),
    ),
    '</table>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** The report's Markdown helpers (../markdown.ts): inline escaping, prose, GFM tables. */
export interface MarkdownHelpers {
  inline(text: string): string;
  prose(text: string): string;
  table(headers: string[], rows: (string | { bold: string })[][]): string;
}

/** The follow-up section as Markdown blocks. */
export function followUpMarkdown(view: AcrossCyclesView | undefined, md: MarkdownHelpers): string[] {
  const f = view?.followUp;
  if (!f) return [];
  const t = T.followUp;
  return [
    `## ${md.inline(t.heading)}`,
    md.inline(t.intro(f.previousYear, f.year)),
    ...f.areas.flatMap((a) => [
      `#### ${md.inline(a.title)}`,
      `**${md.inline(t.nextStepsThen(f.previousYear))}**`,
      a.thenNote ? `*${md.inline(a.thenNote)}*` : md.prose(a.nextSteps),
      `**${md.inline(t.outcomeNow(f.year))}**`,
      ...(a.outcomeLabel ? [md.inline(t.outcome(a.outcomeLabel)), a.comment ? md.prose(a.comment) : `*${md.inline(t.noComment)}*`] : [`*${md.inline(a.nowNote ?? t.noOutcome)}*`]),
    ]),
  ];
}

/** The progress annex as Markdown blocks (a GFM table, the area's title in bold on its own row). */
export function progressMarkdown(view: AcrossCyclesView | undefined, final: boolean, md: MarkdownHelpers): string[] {
  const p = view?.progress;
  if (!p) return [];
  return [
    `## ${md.inline(T.progress.heading(progressAnnexLetter(final)))}`,
    md.inline(T.progress.intro(p.years)),
    md.table(
      [T.progress.columns.paragraph, T.progress.columns.commitment, ...p.years.map(String)],
      p.groups.flatMap((g) => [[{ bold: g.title }, '', ...p.years.map(() => '')], ...g.rows.map((r) => [String(r.paragraph), r.wording, ...r.cells.map((cell) => cell.label)])]),
    ),
  ];
}
