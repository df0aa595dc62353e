/**
 * The report as a Word document (Office Open XML WordprocessingML, ECMA-376 / ISO/IEC 29500),
 * written with the `docx` package: real heading styles (Heading1–3) that a table-of-contents field
 * collects, a running header and page numbers, and tables with fixed layout and explicit column
 * widths in DXA (twentieths of a point) so LibreOffice and other readers keep them.
 */
import { areaAttachmentsDocx, attachmentsAnnexDocx, type AttachmentDocxHelpers } from './attachments';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import escapeHtml from 'escape-html';
import { cleanText } from '../../domain/text';
import { followUpDocx, progressDocx, type DocxHelpers } from './across-cycles/render';
import { proseParagraphs } from './format';
import type { AreaRating, AreaView, ReportModel } from './model';
import { synthesisParts } from './synthesis';
import { COMMITMENT_STATUS_FILL, TEXTS } from './texts';

/** A4 (11 906 × 16 838 DXA) less 1 440 DXA (1 inch) margins on each side. */
const TEXT_WIDTH = 11_906 - 2 * 1_440;

export const COLOUR = { heading: '1F3864', subheading: '2F5496', muted: '595959', tableHeader: 'D9E2F3', border: 'A6A6A6', group: 'EDF1F8', marking: 'C00000' } as const;

/** Cell fills of the ratings; the label is always written too, so colour is never the only signal. */
export const RATING_FILL: Record<AreaRating, string> = { green: 'C6EFCE', amber: 'FFEB9C', red: 'FFC7CE', waived: 'E7E6E6' };

const BULLETS = 'report-bullets';

/** Runs for one paragraph of text: `\n` becomes a line break, `\t` a real tab; the rest is cleaned. */
export function runs(text: string, style: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun[] {
  const out: TextRun[] = [];
  cleanText(text)
    .split('\n')
    .forEach((line, i) => {
      line.split('\t').forEach((part, j) => {
        if (j > 0) out.push(new TextRun({ ...style, children: [new Tab()] }));
        if (part !== '' || (i > 0 && j === 0)) out.push(new TextRun({ ...style, text: part, break: i > 0 && j === 0 ? 1 : undefined }));
      });
    });
  return out;
}

/** Paragraphs of contributor text: a blank line starts a new paragraph, a single newline a line break, a tab stays a tab. */
function prose(text: string, options: Omit<IParagraphOptions, 'children' | 'text'> = {}, run: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): Paragraph[] {
  return proseParagraphs(text).map((lines) => new Paragraph({ ...options, children: runs(lines.join('\n'), run) }));
}

/** One paragraph of text (line breaks and tabs kept, the rest cleaned). */
export function para(text: string, options: Omit<IParagraphOptions, 'children' | 'text'> = {}, run: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): Paragraph {
  return new Paragraph({ ...options, children: runs(text, run) });
}

/** A heading of level 1–3 (Word's Heading1–3 styles, which the table of contents collects). */
export function heading(text: string, level: 1 | 2 | 3, options: Omit<IParagraphOptions, 'children' | 'text' | 'heading'> = {}): Paragraph {
  const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ ...options, heading: headingLevel, children: runs(text) });
}

/** An item of a bulleted list (numbering DOCUMENT_NUMBERING). */
export function bullet(text: string): Paragraph {
  return new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: runs(text) });
}

interface Cell {
  text: string;
  fill?: string;
  bold?: boolean;
  /** Columns the cell spans (a group's title row). */
  span?: number;
  /** Keep this row on the page of the next one (a group's title row). */
  keepNext?: boolean;
}

/**
 * A table with fixed layout: `columnWidths` (the grid) and each cell's `width`, both in DXA, so the
 * widths survive in LibreOffice and other readers that lay a table out from its grid.
 */
export function table(columns: { header: string; width: number }[], rows: (Cell | string)[][]): Table {
  const widths = columns.map((col) => col.width);
  const total = widths.reduce((a, b) => a + b, 0);
  const border = { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border };
  const cell = (content: Cell | string, width: number, header: boolean): TableCell => {
    const value: Cell = typeof content === 'string' ? { text: content } : content;
    const paragraphs = proseParagraphs(value.text);
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      ...(value.span && value.span > 1 ? { columnSpan: value.span } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: header ? { type: ShadingType.CLEAR, fill: COLOUR.tableHeader, color: 'auto' } : value.fill ? { type: ShadingType.CLEAR, fill: value.fill, color: 'auto' } : undefined,
      // keepLines: a cell's paragraph is not split over two pages; keepNext on a group's title row
      // keeps it with the first row beneath (Word and LibreOffice read keep-with-next inside tables).
      children: (paragraphs.length ? paragraphs : [['']]).map(
        (lines) => new Paragraph({ style: 'TableText', keepLines: true, keepNext: value.keepNext, children: runs(lines.join('\n'), { bold: header || value.bold }) }),
      ),
    });
  };
  /** The grid widths a row's cells cover, a spanning cell taking the sum of its columns. */
  const rowCells = (row: (Cell | string)[]): TableCell[] => {
    let col = 0;
    return row.map((content) => {
      const span = typeof content === 'string' ? 1 : content.span ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      return cell(content, width, false);
    });
  };
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((col) => cell(col.header, col.width, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: rowCells(row) })),
    ],
  });
}

/** Splits `TEXT_WIDTH` by proportions, the last column taking the rounding rest. */
export function columnsOf(spec: [string, number][]): { header: string; width: number }[] {
  const sum = spec.reduce((a, [, w]) => a + w, 0);
  const cols = spec.map(([header, w]) => ({ header, width: Math.floor((TEXT_WIDTH * w) / sum) }));
  cols[cols.length - 1]!.width += TEXT_WIDTH - cols.reduce((a, col) => a + col.width, 0);
  return cols;
}

function cover(model: ReportModel): Paragraph[] {
  const t = TEXTS.cover;
  const id = model.identity;
  return [
    para(model.title, { style: 'Title', spacing: { before: 2_800, after: 240 } }),
    para(model.reportTitle, { style: 'Subtitle', spacing: { after: 480 } }),
    para(model.kind === 'final' ? t.finalStatus(model.version) : t.draftStatus(model.version), { spacing: { after: 240 } }, { bold: true }),
    para(t.reference(id.reference), { spacing: { after: 60 } }, { bold: true }),
    para(t.date(id.date), { spacing: { after: 240 } }),
    para(t.period(model.period.from, model.period.to), { spacing: { after: 240 } }),
    para(t.preparesFor, { spacing: { after: 240 } }),
    para(t.preparedBy(model.coordinator.name, model.coordinator.organisation), { spacing: { after: 240 } }),
  ];
}

/**
 * The coordinator's written synthesis, first after the contents, on a page of its own (issue 14):
 * each part that has text, who wrote it in a small line under the first heading, paragraphs and
 * bulleted lists as typed. Nothing without a synthesis.
 */
function synthesis(model: ReportModel): Paragraph[] {
  return synthesisParts(model.synthesis).flatMap((part, i) => [
    heading(part.heading, 1, i === 0 ? { pageBreakBefore: true } : {}),
    ...(i === 0 ? [para(model.synthesis!.byline, {}, { italics: true, color: COLOUR.muted, size: 18 })] : []),
    ...part.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map(bullet) : [para(b.text)])),
  ]);
}

function summary(model: ReportModel): (Paragraph | Table)[] {
  const s = TEXTS.summary;
  const cols = columnsOf([[s.columns.area, 45], [s.columns.rating, 13], [s.columns.basis, 42]]);
  return [
    heading(model.partHeadings.summary, 1),
    para(s.counts(model.totalCommitments)),
    ...model.counts.map((x) => bullet(s.countLine(x.label, x.count))),
    ...(model.notReported.count > 0 ? [bullet(s.countLine(model.notReported.label, model.notReported.count))] : []),
    para(s.ratingsIntro, { spacing: { before: 120 } }),
    table(
      cols,
      model.areas.map((a) => [a.title, { text: a.ratingLabel, fill: RATING_FILL[a.rating], bold: true }, a.ratingBasis]),
    ),
  ];
}

function attention(model: ReportModel): Paragraph[] {
  const t = TEXTS.attention;
  return [
    heading(model.partHeadings.attention, 1),
    para(model.kind === 'final' ? t.finalIntro : t.draftIntro, {}, { italics: true }),
    ...model.attention.flatMap((group) => [
      heading(group.heading, 3),
      ...(group.lines.length ? group.lines.map(bullet) : [para(t.none)]),
    ]),
  ];
}

/** Widths (proportions) of the status table: §, commitment, status. */
const STATUS_COLUMNS = [8, 70, 22] as const;

function statusTable(model: ReportModel): (Paragraph | Table)[] {
  const c = TEXTS.statusTable.columns;
  const cols = columnsOf([[c.paragraph, STATUS_COLUMNS[0]], [c.commitment, STATUS_COLUMNS[1]], [c.status, STATUS_COLUMNS[2]]]);
  // One title row per area spanning the table, its commitments beneath; the status cell is filled
  // with the status's colour and says the status in words (colour is never the only cue).
  const rows = model.statusGroups.flatMap((g) => [
    [{ text: g.areaTitle, span: 3, bold: true, fill: COLOUR.group, keepNext: true }],
    ...g.rows.map((r, i) => [
      { text: String(r.paragraph), keepNext: i < g.rows.length - 1 },
      { text: r.wording, keepNext: i < g.rows.length - 1 },
      { text: r.statusLabel, fill: COMMITMENT_STATUS_FILL[r.statusKey], bold: true, keepNext: i < g.rows.length - 1 },
    ]),
  ]);
  return [heading(TEXTS.headings.statusTable, 1), para(TEXTS.statusTable.intro), table(cols, rows)];
}

function areaSection(area: AreaView): (Paragraph | Table)[] {
  const h = TEXTS.headings;
  const t = TEXTS.area;
  // The area's opening (title, rating, references, owners) is kept with its first commitment:
  // keep-with-next on every paragraph of it, so Word and LibreOffice move it whole to the next page.
  const opening = { keepNext: true };
  const out: (Paragraph | Table)[] = [
    heading(area.title, 2),
    ...area.notes.map((n) => para(n, opening, { italics: true })),
    para(area.overridden ? t.ratingOverride(area.ratingLabel, area.overrideReason ?? '') : t.rating(area.ratingLabel), opening, { bold: true }),
    heading(h.areaReferences, 3),
    para(t.paragraphs(area.paragraphsLabel), opening),
    para(t.owners(area.owners.eu, area.owners.al), opening, { color: COLOUR.muted }),
    heading(h.areaProgress, 3),
  ];
  for (const cm of area.commitments) {
    out.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 120, after: 40 },
        children: [...runs(`${cm.wording} (§${cm.paragraph})`, { bold: true }), ...runs(` — ${cm.statusLabel}`)],
      }),
      // With its comment when there is one, as the PDF keeps them (activities/report/html.ts).
      para(`“${cm.quote}”`, { style: 'CommitmentQuote', ...(area.reported ? { keepNext: true } : {}) }),
    );
    if (area.reported) out.push(...(cm.comment ? prose(cm.comment) : [para(t.noComment, {}, { color: COLOUR.muted })]));
  }
  if (!area.reported) return out;
  // Left-aligned: a justified line that ends in a line break is stretched across the page.
  out.push(heading(h.areaNarrative, 3), ...prose(area.narrative));
  out.push(heading(h.areaNextSteps, 3), ...(area.nextSteps ? prose(area.nextSteps) : [para(t.noNextSteps, {}, { color: COLOUR.muted })]));
  out.push(heading(h.areaDeliverables, 3));
  if (area.deliverables.length === 0) {
    out.push(para(t.noDeliverables, {}, { color: COLOUR.muted }));
  } else {
    const d = t.deliverableColumns;
    out.push(table(columnsOf([[d.title, 30], [d.status, 13], [d.date, 16], [d.description, 41]]), area.deliverables.map((x) => [x.title, x.statusLabel, x.date, x.description])));
  }
  out.push(...areaAttachmentsDocx(area, ATTACHMENT_DOCX_HELPERS));
  return out;
}

function gaps(model: ReportModel): (Paragraph | Table)[] {
  const g = TEXTS.gaps;
  return [
    // Not a new page: with every input in, it is one sentence, and a page of one sentence is sent back.
    heading(TEXTS.headings.gaps, 1),
    ...(model.gaps.length === 0
      ? [para(g.none)]
      : [para(g.intro), table(columnsOf([[g.columns.area, 35], [g.columns.situation, 15], [g.columns.reason, 50]]), model.gaps.map((r) => [r.areaTitle, r.situation, r.reason]))]),
  ];
}

function annexes(model: ReportModel): (Paragraph | Table)[] {
  if (!model.signOff || !model.contributors) return [];
  const s = TEXTS.signOff;
  const k = TEXTS.contributors;
  const so = model.signOff;
  return [
    heading(TEXTS.headings.signOffAnnex, 1, { pageBreakBefore: true }),
    para(s.intro(so.signedVersion)),
    para(s.signedVersion(so.signedVersion), {}, { bold: true }),
    ...(model.identity.signedDraftReference ? [para(s.signedReference(model.identity.signedDraftReference))] : []),
    ...(so.signedContent
      ? [
          para(s.contentSha(so.signedContent.file), { keepNext: true }),
          para(so.signedContent.sha256, { keepNext: true }, { font: 'Courier New', size: 18 }),
          para(s.contentCheck(so.signedContent.file), { spacing: { after: 200 } }),
        ]
      : []),
    para(s.sha, { keepNext: true }),
    para(so.signedDraftSha256 ?? s.shaMissing, { spacing: { after: 200 } }, { font: 'Courier New', size: 18 }),
    so.decisions.length
      ? table(columnsOf([[s.columns.director, 30], [s.columns.decision, 17], [s.columns.date, 23], [s.columns.comment, 30]]), so.decisions.map((d) => [d.directorName, d.decision, d.date, d.comment]))
      : para(s.noDecisions),
    heading(TEXTS.headings.contributorsAnnex, 1, { pageBreakBefore: true }),
    para(k.intro),
    table(
      columnsOf([[k.columns.area, 28], [k.columns.eu, 26], [k.columns.al, 26], [k.columns.submittedBy, 20]]),
      model.contributors.map((r) => [r.areaTitle, r.eu, r.al, r.submittedBy]),
    ),
  ];
}

/** The paragraph and heading styles of every document sdp-review writes (the report, its Albanian summary). */
export const DOCUMENT_STYLES = {
  default: {
    document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } } },
    title: { run: { font: 'Calibri', size: 48, bold: true, color: COLOUR.heading } },
    heading1: { run: { font: 'Calibri', size: 32, bold: true, color: COLOUR.heading }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true, keepLines: true } },
    heading2: { run: { font: 'Calibri', size: 27, bold: true, color: COLOUR.subheading }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, keepLines: true } },
    heading3: { run: { font: 'Calibri', size: 23, bold: true, color: COLOUR.subheading }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true } },
  },
  paragraphStyles: [
    { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, color: COLOUR.subheading } },
    { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, bold: true, color: COLOUR.heading }, paragraph: { spacing: { after: 200 } } },
    { id: 'TableText', name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: 18 }, paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: 'CommitmentQuote', name: 'Commitment Quote', basedOn: 'Normal', run: { size: 19, italics: true, color: COLOUR.muted }, paragraph: { indent: { left: 360 }, spacing: { after: 80 } } },
  ],
};

/** The bullet list numbering of every document sdp-review writes. */
export const DOCUMENT_NUMBERING = {
  config: [
    {
      reference: BULLETS,
      levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 240 } } } }],
    },
  ],
};

/** The header and footer lines of every page: the marking above and below, the reference and the page numbers. */
function headersAndFooters(model: ReportModel) {
  const quiet = { color: COLOUR.muted, size: 16 };
  const id = model.identity;
  const marking = () =>
    id.marking ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 40 }, children: runs(id.marking, { bold: true, size: 18, color: COLOUR.marking }) })] : [];
  const pages = () => new TextRun({ ...quiet, children: [TEXTS.footerPage, PageNumber.CURRENT, TEXTS.footerOf, PageNumber.TOTAL_PAGES] });
  const header = new Header({
    children: [
      ...marking(),
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border, space: 4 } },
        children: runs(model.headerText, quiet),
      }),
    ],
  });
  const footer = new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 40 }, children: [...runs(`${id.reference} · `, quiet), pages()] }),
      ...marking(),
    ],
  });
  // The cover: the marking and the reference too, without the running title.
  const firstHeader = new Header({ children: marking().length ? marking() : [new Paragraph({ children: [] })] });
  const firstFooter = new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 40 }, children: runs(id.reference, quiet) }), ...marking()] });
  return { headers: { default: header, first: firstHeader }, footers: { default: footer, first: firstFooter } };
}

/**
 * docProps/app.xml with the company (the coordinator's organisation): docx writes an empty one and
 * has no option for it, so the packer's override replaces the part.
 */
export function appPropertiesXml(company: string, application = 'sdp-review'): string {
  const x = (s: string) => escapeHtml(cleanText(s));
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>${x(application)}</Application><Company>${x(company)}</Company></Properties>`
  );
}

/** This module's helpers for the parts across cycles (./across-cycles/render.ts). */
function docxHelpers(): DocxHelpers {
  return { heading, para, table, columnsOf, colour: COLOUR };
}

/** The helpers the attachments' tables are written with (./attachments.ts). */
const ATTACHMENT_DOCX_HELPERS: AttachmentDocxHelpers = { heading, para: (text) => para(text), table, columnsOf };

/** Builds the .docx document for a report model (not yet packed). */
export function buildDocxDocument(model: ReportModel): Document {
  const id = model.identity;
  return new Document({
    title: cleanText(id.documentTitle),
    subject: cleanText(id.subject),
    creator: id.author,
    lastModifiedBy: id.author,
    keywords: cleanText(id.keywords.join('; ')),
    description: cleanText(`${id.reference}${id.marking ? ` · ${id.marking}` : ''} · ${model.headerText}`),
    // The version of the report: draft vN is revision N; the final keeps the signed version's number.
    revision: model.version,
    // Word fills the table of contents (and its page numbers) when it opens the file, after asking
    // to update the fields (w:updateFields in settings.xml). docx's own page-number estimate
    // (`docx/layout`) was tried: it took 10 s on the benchmark report. The PDF has the numbers.
    features: { updateFields: true },
    styles: DOCUMENT_STYLES,
    numbering: DOCUMENT_NUMBERING,
    sections: [
      {
        properties: { titlePage: true, page: { margin: { top: 1_440, bottom: 1_440, left: 1_440, right: 1_440, header: 567, footer: 567 } } },
        ...headersAndFooters(model),
        children: [
          ...cover(model),
          new Paragraph({ style: 'TOCHeading', pageBreakBefore: true, children: runs(TEXTS.contents) }),
          new TableOfContents(TEXTS.contents, { hyperlink: true, headingStyleRange: '1-2' }),
          ...synthesis(model),
          heading(TEXTS.headings.period, 1, { pageBreakBefore: true }),
          para(TEXTS.period.text(model.period.from, model.period.to)),
          para(TEXTS.period.purpose),
          ...summary(model),
          ...attention(model),
          ...statusTable(model),
          ...followUpDocx(model.acrossCycles, docxHelpers()),
          heading(TEXTS.headings.areas, 1, { pageBreakBefore: true }),
          ...model.areas.flatMap(areaSection),
          ...gaps(model),
          ...annexes(model),
          ...attachmentsAnnexDocx(model, ATTACHMENT_DOCX_HELPERS),
          ...progressDocx(model.acrossCycles, model.kind === 'final', docxHelpers()),
        ],
      },
    ],
  });
}

/** Packs the report model into .docx bytes (a ZIP of ECMA-376 parts), with the company in docProps/app.xml. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  return Packer.toBuffer(buildDocxDocument(model), false, [{ path: 'docProps/app.xml', data: appPropertiesXml(model.identity.company) }]);
}
