/**
 * The report as one self-contained HTML5 page (WHATWG HTML Living Standard) with the same content as
 * the .docx, a screen stylesheet and a print stylesheet (CSS Paged Media: A4 pages, running header,
 * "Page n of m", page breaks before the main parts, table headers repeated on each page).
 * Every string is cleaned (`cleanText`) and escaped (`escape-html`) where it is written.
 */
import escapeHtml from 'escape-html';
import { cleanText } from '../../domain/text';
import { acrossCyclesContents, followUpHtml, progressHtml } from './across-cycles/render';
import { proseParagraphs } from './format';
import type { AreaView, ReportModel } from './model';
import { synthesisParts } from './synthesis';
import { ATTACHMENTS_TEXTS, areaAttachmentsHtml, attachmentsAnnexHtml, fileNameHtml, hasAttachments } from './attachments';
import { COMMITMENT_STATUS_FILL, PARTNERSHIP_TITLE, TEXTS } from './texts';

/** Cleans then escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return escapeHtml(cleanText(text));
}

/** One line of text: tabs kept as real tabs, shown as tabs (`white-space: pre` on `.tab`). */
function inline(text: string): string {
  return cleanText(text)
    .split('\n')
    .map((line) => line.split('\t').map(esc).join('<span class="tab">\t</span>'))
    .join('<br>\n');
}

/** Paragraphs of contributor text: a blank line starts a new paragraph, a newline is a line break. */
export function proseHtml(text: string, className?: string): string {
  const cls = className ? ` class="${className}"` : '';
  return proseParagraphs(text)
    .map((lines) => `<p${cls}>${inline(lines.join('\n'))}</p>`)
    .join('\n');
}

/** Writes a CSS string literal, escaping what could end the string or the style element. */
function cssString(text: string): string {
  return `"${cleanText(text).replace(/[\\"<>\n]/g, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `)}"`;
}

export interface Column {
  header: string;
  /** Percentage of the table's width. */
  width: number;
}

/** `text` escaped, each mention of the file name `file` in it marked as one (`.file`). */
function withFile(text: string, file: string): string {
  return esc(text).split(esc(file)).join(fileNameHtml(file));
}

/** A table with fixed layout and explicit column widths (`<colgroup>`), so print keeps them. */
export function table(columns: Column[], rows: (string | { html: string; cls?: string })[][], className = ''): string {
  return [
    `<table class="fixed ${className}">`,
    `<colgroup>${columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup>`,
    `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c.header)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(row),
    '</tbody>',
    '</table>',
  ].join('\n');
}

/** One table row of text cells (contributor prose kept) or ready HTML cells. */
function row(r: (string | { html: string; cls?: string })[]): string {
  const cell = (c: string | { html: string; cls?: string }) =>
    typeof c === 'string' ? `<td>${proseParagraphs(c).map((l) => inline(l.join('\n'))).join('<br><br>')}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`;
  return `<tr>${r.map(cell).join('')}</tr>`;
}

/**
 * The status table grouped by area: a `<tbody>` per area whose first row is the area's title (a
 * header cell spanning the table), its commitments beneath; the status cell is coloured and says
 * the status in words.
 */
function statusTableHtml(model: ReportModel): string {
  const c = TEXTS.statusTable.columns;
  const cols: Column[] = [{ header: c.paragraph, width: 8 }, { header: c.commitment, width: 70 }, { header: c.status, width: 22 }];
  return [
    '<table class="fixed status">',
    `<colgroup>${cols.map((col) => `<col style="width:${col.width}%">`).join('')}</colgroup>`,
    `<thead><tr>${cols.map((col) => `<th scope="col">${esc(col.header)}</th>`).join('')}</tr></thead>`,
    ...model.statusGroups.map((g) =>
      [
        `<tbody class="group" id="status-${esc(g.areaId)}">`,
        `<tr class="group-title"><th scope="rowgroup" colspan="3">${esc(g.areaTitle)}</th></tr>`,
        ...g.rows.map((r) => row([String(r.paragraph), r.wording, { html: esc(r.statusLabel), cls: `status-cell status-${r.statusKey}` }])),
        '</tbody>',
      ].join('\n'),
    ),
    '</table>',
  ].join('\n');
}

/** What the printed pages carry in their margins, besides the page numbers. */
export interface PageMarks {
  /** The document's reference, top left of every page. */
  reference?: string;
  /** The distribution marking, top and bottom centre of every page. */
  marking?: string;
  /** The short running title, top right from the second page. */
  runningTitle?: string;
}

const rating = (a: AreaView) => `<span class="rag rag-${a.rating}">${esc(a.ratingLabel)}</span>`;

/**
 * The report's stylesheet (screen and print): `headerText` in the running header of printed pages,
 * `pages` the words around their numbers ("Page " 3 " of " 12).
 */
export const STYLE = (headerText: string, pages: { page: string; of: string } = { page: TEXTS.footerPage, of: TEXTS.footerOf }, marks: PageMarks = {}) => `
:root { --ink: #1a1a1a; --muted: #595959; --heading: #1f3864; --sub: #2f5496; --rule: #a6a6a6; }
* { box-sizing: border-box; }
body { font-family: Calibri, Carlito, "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: var(--ink); max-width: 50rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1, h2, h3 { color: var(--heading); line-height: 1.2; }
h1 { font-size: 16pt; margin: 2.2rem 0 .8rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
h2 { font-size: 13.5pt; color: var(--sub); margin: 2rem 0 .6rem; }
h3 { font-size: 11.5pt; color: var(--sub); margin: 1.2rem 0 .4rem; }
p { margin: 0 0 .6rem; }
.running { color: var(--muted); font-size: 8.5pt; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
.cover { padding: 6rem 0 3rem; }
.cover .title { font-size: 24pt; font-weight: bold; color: var(--heading); margin-bottom: .5rem; }
.cover .subtitle { font-size: 16pt; color: var(--sub); margin-bottom: 2rem; }
.cover .status { font-weight: bold; }
.muted { color: var(--muted); }
.note { font-style: italic; }
.tab { white-space: pre; tab-size: 4; }
.quote { font-style: italic; color: var(--muted); margin-left: 1.5rem; font-size: 10pt; }
.commitment { font-weight: bold; margin: .8rem 0 .2rem; }
.commitment .status { font-weight: normal; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.5rem; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
table.fixed { table-layout: fixed; width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: 9pt; }
th, td { border: 1px solid var(--rule); padding: .2rem .35rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #d9e2f3; }
.rag { font-weight: bold; }
td.rag-cell-green { background: #c6efce; } td.rag-cell-amber { background: #ffeb9c; } td.rag-cell-red { background: #ffc7ce; } td.rag-cell-waived { background: #e7e6e6; }
${Object.entries(COMMITMENT_STATUS_FILL).map(([k, fill]) => `td.status-${k} { background: #${fill.toLowerCase()}; }`).join(' ')}
td.status-cell { font-weight: bold; }
table.status tr.group-title th { background: #edf1f8; font-size: 9.5pt; }
.marking { text-align: center; font-weight: bold; color: #c00000; letter-spacing: .08em; margin: .3rem 0; }
.cover .reference { font-weight: bold; margin-bottom: .1rem; }
.sha { font-family: "Courier New", monospace; font-size: 9pt; overflow-wrap: anywhere; }
/* A file name or a hash is copied or typed exactly, so it is never hyphenated; nor does a file name
   wrap after a hyphen of its own (a reader takes a hyphen at a line's end for hyphenation, and a copy
   from the PDF drops it): it wraps at its spaces, else where the line ends (./attachments.ts). */
.file, .sha { hyphens: none; }
.file { overflow-wrap: anywhere; }
.file .nb { white-space: nowrap; }
.byline { font-size: 9pt; font-style: italic; color: var(--muted); }
${
  marks.reference === undefined
    ? `@page {
  size: A4;
  margin: 20mm 18mm;
  @top-left { content: ${cssString(headerText)}; font-size: 8pt; color: #595959; }
  @bottom-center { content: ${cssString(pages.page)} counter(page) ${cssString(pages.of)} counter(pages); font-size: 8pt; color: #595959; }
}
@page :first { @top-left { content: none; } @bottom-center { content: none; } }`
    : pageRules(marks, pages)
}
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .running { display: none; }
  .cover { break-after: page; padding-top: 30mm; }
  .marking { display: none; }
  h1.part { break-before: page; }
  h1, h2, h3, .commitment { break-after: avoid; break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  .quote, tr.group-title { break-after: avoid; }
  tbody.group { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  th, td[class^="rag-cell"], td.status-cell { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * The page margins of the printed report (CSS Paged Media margin boxes, which Chromium prints and
 * Paged.js lays out): the reference top left, the marking top and bottom centre, the running title
 * top right, the Partnership bottom left and "Page n of m" bottom right; the cover keeps the
 * reference and the marking only.
 */
function pageRules(marks: PageMarks, pages: { page: string; of: string }): string {
  const box = 'font-size: 7.5pt; color: #595959;';
  const marking = marks.marking ? cssString(marks.marking) : 'none';
  const markingBox = `font-size: 9pt; font-weight: bold; color: #c00000; letter-spacing: .08em;`;
  return `@page {
  size: A4;
  margin: 22mm 18mm 20mm;
  @top-left { content: ${cssString(marks.reference ?? '')}; ${box} vertical-align: bottom; }
  @top-center { content: ${marking}; ${markingBox} vertical-align: bottom; }
  @top-right { content: ${cssString(marks.runningTitle ?? '')}; ${box} vertical-align: bottom; text-align: right; }
  @bottom-left { content: ${cssString(PARTNERSHIP_TITLE)}; ${box} vertical-align: top; }
  @bottom-center { content: ${marking}; ${markingBox} vertical-align: top; }
  @bottom-right { content: ${cssString(pages.page)} counter(page) ${cssString(pages.of)} counter(pages); ${box} vertical-align: top; text-align: right; }
}
@page :first { @top-right { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }`;
}

/**
 * The most text kept in one block with what it follows: a `.keep` block moves whole to the next
 * page rather than split (activities/report/pdf.ts), so it must stay well under a page.
 */
const KEEP_CHARS = 700;

/** Blocks printed together on one page (`.keep`: no effect on screen). */
const keep = (parts: string[]) => `<div class="keep">\n${parts.join('\n')}\n</div>`;

/** A heading kept with the start of what follows it: the whole of `text` when short, else its first paragraph when that is. */
function headedProse(heading: string, text: string): string[] {
  const paragraphs = proseParagraphs(text).map((lines) => `<p>${inline(lines.join('\n'))}</p>`);
  if (text.length <= KEEP_CHARS) return [keep([heading, ...paragraphs])];
  const first = proseParagraphs(text)[0]?.join('\n') ?? '';
  return first.length <= KEEP_CHARS ? [keep([heading, paragraphs[0]!]), ...paragraphs.slice(1)] : [heading, ...paragraphs];
}

function areaSection(a: AreaView): string {
  const h = TEXTS.headings;
  const t = TEXTS.area;
  // A commitment's wording, the Partnership's words and (when short) the comment on it, together.
  const commitment = (cm: AreaView['commitments'][number]): { kept: string[]; after: string[] } => {
    const head = [`<p class="commitment">${esc(`${cm.wording} (§${cm.paragraph})`)} <span class="status">— ${esc(cm.statusLabel)}</span></p>`, `<p class="quote">“${esc(cm.quote)}”</p>`];
    if (!a.reported) return { kept: head, after: [] };
    const comment = cm.comment ? proseHtml(cm.comment) : `<p class="muted">${esc(t.noComment)}</p>`;
    return (cm.comment ?? '').length <= KEEP_CHARS ? { kept: [...head, comment], after: [] } : { kept: head, after: [comment] };
  };
  const [first, ...rest] = a.commitments.map(commitment);
  // The area's opening (title, rating, references, owners) goes with its first commitment.
  const opening = [
    `<h2>${esc(a.title)}</h2>`,
    ...a.notes.map((n) => `<p class="note">${inline(n)}</p>`),
    `<p><strong>${a.overridden ? esc(t.ratingOverride(a.ratingLabel, a.overrideReason ?? '')) : esc(t.rating(a.ratingLabel))}</strong></p>`,
    `<h3>${esc(h.areaReferences)}</h3>`,
    `<p>${esc(t.paragraphs(a.paragraphsLabel))}</p>`,
    `<p class="muted">${esc(t.owners(a.owners.eu, a.owners.al))}</p>`,
    `<h3>${esc(h.areaProgress)}</h3>`,
  ];
  const out: string[] = [
    `<section class="area" id="area-${esc(a.id)}">`,
    keep([...opening, ...(first?.kept ?? [])]),
    ...(first?.after ?? []),
    ...rest.flatMap((c) => [keep(c.kept), ...c.after]),
  ];
  if (a.reported) {
    out.push(`<div class="narrative">`, ...headedProse(`<h3>${esc(h.areaNarrative)}</h3>`, a.narrative), '</div>');
    out.push(...(a.nextSteps ? headedProse(`<h3>${esc(h.areaNextSteps)}</h3>`, a.nextSteps) : [keep([`<h3>${esc(h.areaNextSteps)}</h3>`, `<p class="muted">${esc(t.noNextSteps)}</p>`])]));
    const d = t.deliverableColumns;
    // Not a .keep block: a long table splits between its rows; pdf.ts keeps the heading with its first row.
    out.push(
      `<h3>${esc(h.areaDeliverables)}</h3>`,
      a.deliverables.length
        ? table(
            [{ header: d.title, width: 30 }, { header: d.status, width: 13 }, { header: d.date, width: 16 }, { header: d.description, width: 41 }],
            a.deliverables.map((x) => [x.title, x.statusLabel, x.date, x.description]),
          )
        : `<p class="muted">${esc(t.noDeliverables)}</p>`,
    );
    out.push(...areaAttachmentsHtml(a, table));
  }
  out.push('</section>');
  return out.join('\n');
}

/**
 * The coordinator's written synthesis, first after the contents (issue 14): each part that has
 * text, who wrote it in a small line under the first heading, paragraphs and bulleted lists as typed.
 */
function synthesisHtml(model: ReportModel): string[] {
  return synthesisParts(model.synthesis).flatMap((part, i) => [
    `<h1 id="${esc(part.id)}"${i === 0 ? ' class="part"' : ''}>${esc(part.heading)}</h1>`,
    ...(i === 0 ? [`<p class="byline">${esc(model.synthesis!.byline)}</p>`] : []),
    ...part.blocks.map((b) => (b.kind === 'list' ? `<ul>${b.items.map((x) => `<li>${inline(x)}</li>`).join('\n')}</ul>` : `<p>${inline(b.text)}</p>`)),
  ]);
}

/** Renders the report model as a complete HTML document (UTF-8). */
export function renderHtml(model: ReportModel): string {
  const across = acrossCyclesContents(model.acrossCycles, model.kind === 'final');
  const h = TEXTS.headings;
  const s = TEXTS.summary;
  const parts: { id: string; title: string; children?: { id: string; title: string }[] }[] = [
    ...synthesisParts(model.synthesis).map((p) => ({ id: p.id, title: p.heading })),
    { id: 'period', title: h.period },
    { id: 'summary', title: model.partHeadings.summary },
    { id: 'attention', title: model.partHeadings.attention },
    { id: 'status', title: h.statusTable },
    ...(across.followUp ? [across.followUp] : []),
    { id: 'areas', title: h.areas, children: model.areas.map((a) => ({ id: `area-${a.id}`, title: a.title })) },
    { id: 'gaps', title: h.gaps },
    ...(model.signOff ? [{ id: 'annex-sign-off', title: h.signOffAnnex }, { id: 'annex-contributors', title: h.contributorsAnnex }] : []),
    ...(across.progress ? [across.progress] : []),
    ...(hasAttachments(model) ? [{ id: 'annex-attachments', title: ATTACHMENTS_TEXTS.annexHeading }] : []),
  ];
  const toc = `<nav class="toc" aria-labelledby="contents"><h2 id="contents">${esc(TEXTS.contents)}</h2><ol>${parts
    .map(
      (p) =>
        `<li><a href="#${esc(p.id)}">${esc(p.title)}</a>` +
        (p.children ? `<ol>${p.children.map((c) => `<li><a href="#${esc(c.id)}">${esc(c.title)}</a></li>`).join('')}</ol>` : '') +
        '</li>',
    )
    .join('\n')}</ol></nav>`;

  const cv = TEXTS.cover;
  const id = model.identity;
  const marking = id.marking ? `<p class="marking">${esc(id.marking)}</p>` : '';
  const body: string[] = [
    marking,
    `<div class="running">${esc(`${id.reference} · ${model.headerText}`)}</div>`,
    '<section class="cover">',
    marking,
    `<div class="title">${esc(model.title)}</div>`,
    `<div class="subtitle">${esc(model.reportTitle)}</div>`,
    `<p class="status">${esc(model.kind === 'final' ? cv.finalStatus(model.version) : cv.draftStatus(model.version))}</p>`,
    `<p class="reference">${esc(cv.reference(id.reference))}</p>`,
    `<p>${esc(cv.date(id.date))}</p>`,
    `<p>${esc(cv.period(model.period.from, model.period.to))}</p>`,
    `<p>${esc(cv.preparesFor)}</p>`,
    `<p>${esc(cv.preparedBy(model.coordinator.name, model.coordinator.organisation))}</p>`,
    '</section>',
    toc,
    '<main>',
    ...synthesisHtml(model),
    `<h1 id="period" class="part">${esc(h.period)}</h1>`,
    `<p>${esc(TEXTS.period.text(model.period.from, model.period.to))}</p>`,
    `<p>${esc(TEXTS.period.purpose)}</p>`,
    `<h1 id="summary">${esc(model.partHeadings.summary)}</h1>`,
    `<p>${esc(s.counts(model.totalCommitments))}</p>`,
    '<ul>',
    ...model.counts.map((x) => `<li>${esc(s.countLine(x.label, x.count))}</li>`),
    ...(model.notReported.count > 0 ? [`<li>${esc(s.countLine(model.notReported.label, model.notReported.count))}</li>`] : []),
    '</ul>',
    `<p>${esc(s.ratingsIntro)}</p>`,
    table(
      [{ header: s.columns.area, width: 45 }, { header: s.columns.rating, width: 13 }, { header: s.columns.basis, width: 42 }],
      model.areas.map((a) => [a.title, { html: rating(a), cls: `rag-cell-${a.rating}` }, a.ratingBasis]),
      'summary',
    ),
    `<h1 id="attention">${esc(model.partHeadings.attention)}</h1>`,
    `<p class="note">${esc(model.kind === 'final' ? TEXTS.attention.finalIntro : TEXTS.attention.draftIntro)}</p>`,
    ...model.attention.flatMap((g) => [
      `<h3>${esc(g.heading)}</h3>`,
      g.lines.length ? `<ul>${g.lines.map((l) => `<li>${inline(l)}</li>`).join('\n')}</ul>` : `<p>${esc(TEXTS.attention.none)}</p>`,
    ]),
    `<h1 id="status">${esc(h.statusTable)}</h1>`,
    `<p>${esc(TEXTS.statusTable.intro)}</p>`,
    statusTableHtml(model),
    followUpHtml(model.acrossCycles, { esc, prose: proseHtml }),
    `<h1 id="areas" class="part">${esc(h.areas)}</h1>`,
    ...model.areas.map(areaSection),
    // Not a new page: with every input in, it is one sentence, and a page of one sentence is sent back.
    `<h1 id="gaps">${esc(h.gaps)}</h1>`,
    model.gaps.length
      ? `<p>${esc(TEXTS.gaps.intro)}</p>\n` +
        table(
          [{ header: TEXTS.gaps.columns.area, width: 35 }, { header: TEXTS.gaps.columns.situation, width: 15 }, { header: TEXTS.gaps.columns.reason, width: 50 }],
          model.gaps.map((g) => [g.areaTitle, g.situation, g.reason]),
        )
      : `<p>${esc(TEXTS.gaps.none)}</p>`,
  ];

  if (model.signOff && model.contributors) {
    const so = model.signOff;
    const sx = TEXTS.signOff;
    const k = TEXTS.contributors;
    body.push(
      `<h1 id="annex-sign-off" class="part">${esc(h.signOffAnnex)}</h1>`,
      `<p>${esc(sx.intro(so.signedVersion))}</p>`,
      `<p><strong>${esc(sx.signedVersion(so.signedVersion))}</strong></p>`,
      ...(id.signedDraftReference ? [`<p>${esc(sx.signedReference(id.signedDraftReference))}</p>`] : []),
      ...(so.signedContent
        ? [
            `<p>${withFile(sx.contentSha(so.signedContent.file), so.signedContent.file)} <span class="sha">${esc(so.signedContent.sha256)}</span></p>`,
            `<p>${withFile(sx.contentCheck(so.signedContent.file), so.signedContent.file)}</p>`,
          ]
        : []),
      `<p>${esc(sx.sha)} <span class="sha">${esc(so.signedDraftSha256 ?? sx.shaMissing)}</span></p>`,
      so.decisions.length
        ? table(
            [{ header: sx.columns.director, width: 30 }, { header: sx.columns.decision, width: 17 }, { header: sx.columns.date, width: 23 }, { header: sx.columns.comment, width: 30 }],
            so.decisions.map((d) => [d.directorName, d.decision, d.date, d.comment]),
          )
        : `<p>${esc(sx.noDecisions)}</p>`,
      `<h1 id="annex-contributors" class="part">${esc(h.contributorsAnnex)}</h1>`,
      `<p>${esc(k.intro)}</p>`,
      table(
        [{ header: k.columns.area, width: 28 }, { header: k.columns.eu, width: 26 }, { header: k.columns.al, width: 26 }, { header: k.columns.submittedBy, width: 20 }],
        model.contributors.map((r) => [r.areaTitle, r.eu, r.al, r.submittedBy]),
      ),
    );
  }
  body.push(progressHtml(model.acrossCycles, model.kind === 'final', { esc, prose: proseHtml }));
  body.push(...attachmentsAnnexHtml(model, table));
  body.push('</main>', marking);

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(id.documentTitle)}</title>`,
    `<meta name="author" content="${esc(id.author)}">`,
    `<meta name="description" content="${esc(id.subject)}">`,
    `<meta name="keywords" content="${esc(id.keywords.join(', '))}">`,
    `<meta name="dcterms.identifier" content="${esc(id.reference)}">`,
    ...(id.marking ? [`<meta name="classification" content="${esc(id.marking)}">`] : []),
    `<style>${STYLE(model.headerText, undefined, { reference: id.reference, ...(id.marking ? { marking: id.marking } : {}), runningTitle: TEXTS.runningTitle(model.year, model.versionLabel) })}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
