/**
 * The Albanian summary of a draft (`…-summary-sq.docx` and `.html`), for the Albanian side's
 * internal use: the executive summary (counts, the rating of each area and its basis) and the
 * status table, from the same model as the English report, with Albanian labels (catalogue
 * ./locales/sq.json) and the areas' and commitments' Albanian wordings (seeds/areas.json). The
 * report itself stays in English, the language of the Security and Defence Dialogue and of the SA
 * Council, and the summary says so; names and the reasons people typed are kept as written.
 */
import { AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun, type Table } from 'docx';
import type { ReportInput } from '../../domain/report';
import { synthesisBlocks, type SynthesisBlock } from '../../domain/synthesis';
import { cleanText } from '../../domain/text';
import { calendarDateText, createMessages, localDateTimeText } from '../../infra/i18n';
import { COLOUR, DOCUMENT_NUMBERING, DOCUMENT_STYLES, RATING_FILL, bullet, columnsOf, heading, para, runs, table as docxTable } from './docx';
import { STYLE, esc, table as htmlTable } from './html';
import catalogue from './locales/sq.json' with { type: 'json' };
import type { AreaRating, AreaView, ReportModel } from './model';

const m = createMessages('sq', catalogue, 'activities/report/locales/sq.json');

/** One row of the summary's rating table. */
interface RatingRow {
  area: string;
  rating: AreaRating;
  label: string;
  basis: string;
}

/** What both formats show, worded in Albanian. */
export interface SummaryView {
  title: string;
  subtitle: string;
  header: string;
  about: string;
  period: string;
  generated: string;
  counts: string;
  countLines: string[];
  ratings: RatingRow[];
  statusRows: { area: string; paragraph: number; commitment: string; status: string }[];
  /** The coordinator's written synthesis, as written (not translated), with Albanian headings; absent until written. */
  synthesis?: SummarySynthesis;
}

/** The parts of the coordinator's synthesis that have text, and who wrote it, for the Albanian summary. */
export interface SummarySynthesis {
  byline: string;
  parts: { heading: string; blocks: SynthesisBlock[] }[];
}

/** The synthesis of `input` worded for the summary, or undefined when none was written. */
function summarySynthesis(input: ReportInput): SummarySynthesis | undefined {
  const s = input.synthesis;
  if (!s) return undefined;
  const parts = [
    { heading: m('headings.synthesisSummary'), blocks: synthesisBlocks(s.summary) },
    { heading: m('headings.synthesisAttention'), blocks: synthesisBlocks(s.attention) },
  ].filter((p) => p.blocks.length > 0);
  if (!parts.length) return undefined;
  const date = localDateTimeText(s.at, input.timeZone, 'sq', 'date') ?? s.at;
  return { byline: m('synthesisByline', { name: cleanText(s.byName), date, version: s.version }), parts };
}

const titleOf = (a: AreaView) => a.titleSq ?? a.title;

/** Why an area has its rating, in Albanian: from the counts of its commitments, the waiver, or the coordinator's reason. */
function basisOf(a: AreaView): string {
  const derived = !a.reported
    ? a.status === 'waived'
      ? m('basis.waived', { reason: a.waiverReason ?? '' })
      : m('basis.noInput')
    : m('basis.derived', {
        onTrack: a.commitments.filter((c) => c.status === 'achieved' || c.status === 'ongoing').length,
        total: a.commitments.length,
        notStarted: a.commitments.filter((c) => c.status === 'not-started').length,
      });
  return a.overridden ? m('basis.override', { reason: a.overrideReason ?? '', derived: m(`rating.${a.derivedRating}`) }) : derived;
}

/**
 * The summary's content from the report `model` of `input`; `reportFile` names the English report
 * it summarises (e.g. `sdp-review-2026-draft-v2.docx`).
 */
export function summaryView(model: ReportModel, input: ReportInput, reportFile: string): SummaryView {
  const tz = input.timeZone;
  const date = localDateTimeText(input.generatedAt, tz, 'sq', 'date') ?? input.generatedAt;
  const version = m('version', { kind: model.kind, version: model.version });
  const countLines = model.counts.map((c) => m('countLine', { label: m(`status.${c.status}`), count: c.count }));
  if (model.notReported.count > 0) countLines.push(m('countLine', { label: m('notReported'), count: model.notReported.count }));
  const synthesis = summarySynthesis(input);
  return {
    ...(synthesis ? { synthesis } : {}),
    title: m('title'),
    subtitle: m('subtitle', { year: model.year }),
    header: m('header', { year: model.year, version, date }),
    about: m('about', { file: reportFile }),
    period: m('period', { from: calendarDateText(input.reportingPeriod.from, 'sq') ?? input.reportingPeriod.from, to: calendarDateText(input.reportingPeriod.to, 'sq') ?? input.reportingPeriod.to }),
    generated: m('generated', { date }),
    counts: m('counts', { total: model.totalCommitments }),
    countLines,
    ratings: model.areas.map((a) => ({ area: titleOf(a), rating: a.rating, label: m(`rating.${a.rating}`), basis: basisOf(a) })),
    statusRows: model.areas.flatMap((a) =>
      a.commitments.map((c) => ({
        area: titleOf(a),
        paragraph: c.paragraph,
        commitment: c.wordingSq ?? c.wording,
        status: m(`status.${a.status === 'waived' ? 'waived' : (c.status ?? 'not-reported')}`),
      })),
    ),
  };
}

/** The synthesis in the summary's .docx: its parts first, who wrote it under the first heading. */
function synthesisDocx(s: SummarySynthesis): Paragraph[] {
  return s.parts.flatMap((part, i) => [
    heading(part.heading, 1),
    ...(i === 0 ? [para(s.byline, {}, { italics: true, color: COLOUR.muted, size: 18 })] : []),
    ...part.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map(bullet) : [para(b.text)])),
  ]);
}

/** The synthesis in the summary's HTML (line breaks inside a paragraph or an item kept). */
function synthesisHtml(s: SummarySynthesis): string[] {
  const text = (x: string) => x.split('\n').map(esc).join('<br>\n');
  return s.parts.flatMap((part, i) => [
    `<h2>${esc(part.heading)}</h2>`,
    ...(i === 0 ? [`<p class="muted">${esc(s.byline)}</p>`] : []),
    ...part.blocks.map((b) => (b.kind === 'list' ? `<ul>${b.items.map((x) => `<li>${text(x)}</li>`).join('')}</ul>` : `<p>${text(b.text)}</p>`)),
  ]);
}

/** The summary as a Word document (.docx bytes): the report's styles, a running header, page numbers. */
export async function renderSummaryDocx(v: SummaryView): Promise<Buffer> {
  const quiet = { color: COLOUR.muted, size: 16 };
  const children: (Paragraph | Table)[] = [
    para(v.title, { style: 'Title', spacing: { after: 120 } }),
    para(v.subtitle, { style: 'Subtitle', spacing: { after: 240 } }),
    para(v.about, {}, { italics: true }),
    para(v.period),
    para(v.generated, {}, { color: COLOUR.muted }),
    ...(v.synthesis ? synthesisDocx(v.synthesis) : []),
    heading(m('headings.summary'), 1),
    para(v.counts),
    ...v.countLines.map(bullet),
    para(m('ratingsIntro'), { spacing: { before: 120 } }),
    docxTable(
      columnsOf([[m('columns.area'), 45], [m('columns.rating'), 13], [m('columns.basis'), 42]]),
      v.ratings.map((r) => [r.area, { text: r.label, fill: RATING_FILL[r.rating], bold: true }, r.basis]),
    ),
    heading(m('headings.statusTable'), 1, { pageBreakBefore: true }),
    para(m('statusIntro')),
    docxTable(
      columnsOf([[m('columns.area'), 27], [m('columns.paragraph'), 7], [m('columns.commitment'), 48], [m('columns.status'), 18]]),
      v.statusRows.map((r) => [r.area, String(r.paragraph), r.commitment, r.status]),
    ),
  ];
  const document = new Document({
    title: `${v.title}: ${v.subtitle}`,
    subject: v.subtitle,
    creator: 'sdp-review',
    description: v.header,
    styles: DOCUMENT_STYLES,
    numbering: DOCUMENT_NUMBERING,
    sections: [
      {
        properties: { page: { margin: { top: 1_440, bottom: 1_440, left: 1_440, right: 1_440 } } },
        headers: {
          default: new Header({ children: [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border, space: 4 } }, children: runs(v.header, quiet) })] }),
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ ...quiet, children: [m('footerPage'), PageNumber.CURRENT, m('footerOf'), PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The summary as one self-contained HTML page (`lang="sq"`), with the report's stylesheet. */
export function renderSummaryHtml(v: SummaryView): string {
  const rag = (r: RatingRow) => ({ html: `<span class="rag rag-${r.rating}">${esc(r.label)}</span>`, cls: `rag-cell-${r.rating}` });
  return [
    '<!DOCTYPE html>',
    '<html lang="sq">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${v.title}: ${v.subtitle}`)}</title>`,
    `<style>${STYLE(v.header, { page: m('footerPage'), of: m('footerOf') })}</style>`,
    '</head>',
    '<body>',
    `<div class="running">${esc(v.header)}</div>`,
    `<h1>${esc(v.title)}</h1>`,
    `<p class="subtitle">${esc(v.subtitle)}</p>`,
    `<p class="note">${esc(v.about)}</p>`,
    `<p>${esc(v.period)}</p>`,
    `<p class="muted">${esc(v.generated)}</p>`,
    '<main>',
    ...(v.synthesis ? synthesisHtml(v.synthesis) : []),
    `<h2 id="summary">${esc(m('headings.summary'))}</h2>`,
    `<p>${esc(v.counts)}</p>`,
    `<ul>${v.countLines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`,
    `<p>${esc(m('ratingsIntro'))}</p>`,
    htmlTable(
      [{ header: m('columns.area'), width: 45 }, { header: m('columns.rating'), width: 13 }, { header: m('columns.basis'), width: 42 }],
      v.ratings.map((r) => [r.area, rag(r), r.basis]),
      'summary',
    ),
    `<h2 id="status">${esc(m('headings.statusTable'))}</h2>`,
    `<p>${esc(m('statusIntro'))}</p>`,
    htmlTable(
      [{ header: m('columns.area'), width: 27 }, { header: m('columns.paragraph'), width: 7 }, { header: m('columns.commitment'), width: 48 }, { header: m('columns.status'), width: 18 }],
      v.statusRows.map((r) => [r.area, String(r.paragraph), r.commitment, r.status]),
      'status',
    ),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
