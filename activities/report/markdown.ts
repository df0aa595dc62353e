/**
 * The report as Markdown (CommonMark 0.31 with GitHub Flavored Markdown tables), the same content as
 * the .docx. Contributor text is escaped so it can never become Markdown syntax (a `|` cannot split
 * a table cell, a `#` cannot make a heading); a newline becomes a hard line break (`\` at the end
 * of the line), a blank line a new paragraph; a tab stays a tab (written `&#9;` at the start of a
 * paragraph, where a raw tab would start a code block).
 */
import { areaAttachmentsMarkdown, attachmentsAnnexMarkdown } from './attachments';
import { cleanText } from '../../domain/text';
import { acrossCyclesContents, followUpMarkdown, progressMarkdown } from './across-cycles/render';
import { proseParagraphs } from './format';
import type { AreaView, ReportModel } from './model';
import { synthesisParts } from './synthesis';
import { TEXTS } from './texts';

/** Escapes inline Markdown syntax (CommonMark §2.4: any ASCII punctuation may be backslash-escaped). */
function mdInline(text: string): string {
  return cleanText(text).replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Escapes what would start a block at the beginning of a line: headings, lists, breaks, quotes. */
function mdLine(line: string): string {
  return mdInline(line).replace(/^([ \t]*)(#|\+|-|=|\d+[.)])/, (_m, ws: string, marker: string) => `${ws}${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/** Paragraphs of contributor text. */
function mdProse(text: string): string {
  return proseParagraphs(text)
    .map((lines) =>
      lines
        .map((line, i) => {
          const escaped = mdLine(line);
          return i === 0 ? escaped.replace(/^[ \t]+/, (ws) => ws.replace(/ /g, '').replace(/\t/g, '&#9;')) : escaped;
        })
        .join('\\\n'),
    )
    .join('\n\n');
}

/** A table cell: one line, line breaks as `<br>`, pipes escaped. */
function mdCell(text: string): string {
  return proseParagraphs(text)
    .map((lines) => lines.map(mdInline).join('<br>'))
    .join('<br><br>');
}

function mdTable(headers: string[], rows: (string | { bold: string })[][]): string {
  const cell = (c: string | { bold: string }) => (typeof c === 'string' ? mdCell(c) : `**${mdCell(c.bold)}**`);
  return [
    `| ${headers.map(mdCell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens (letters such as ë kept). */
function anchor(heading: string): string {
  return cleanText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function areaSection(a: AreaView): string[] {
  const h = TEXTS.headings;
  const t = TEXTS.area;
  const out: string[] = [
    `### ${mdInline(a.title)}`,
    ...a.notes.map((n) => `*${mdInline(n)}*`),
    `**${mdInline(a.overridden ? t.ratingOverride(a.ratingLabel, a.overrideReason ?? '') : t.rating(a.ratingLabel))}**`,
    `#### ${mdInline(h.areaReferences)}`,
    mdLine(t.paragraphs(a.paragraphsLabel)),
    mdLine(t.owners(a.owners.eu, a.owners.al)),
    `#### ${mdInline(h.areaProgress)}`,
  ];
  for (const cm of a.commitments) {
    out.push(`**${mdInline(`${cm.wording} (§${cm.paragraph})`)}** — ${mdInline(cm.statusLabel)}`);
    out.push(`> *“${mdInline(cm.quote)}”*`);
    if (a.reported) out.push(cm.comment ? mdProse(cm.comment) : mdLine(t.noComment));
  }
  if (a.reported) {
    out.push(`#### ${mdInline(h.areaNarrative)}`, mdProse(a.narrative));
    out.push(`#### ${mdInline(h.areaNextSteps)}`, a.nextSteps ? mdProse(a.nextSteps) : mdLine(t.noNextSteps));
    out.push(`#### ${mdInline(h.areaDeliverables)}`);
    const d = t.deliverableColumns;
    out.push(
      a.deliverables.length
        ? mdTable([d.title, d.status, d.date, d.description], a.deliverables.map((x) => [x.title, x.statusLabel, x.date, x.description]))
        : mdLine(t.noDeliverables),
    );
    out.push(...areaAttachmentsMarkdown(a, mdTable, mdInline));
  }
  return out;
}

/**
 * The coordinator's written synthesis, first after the contents (issue 14): each part that has
 * text, who wrote it in an italic line under the first heading, paragraphs and `- ` lists as typed
 * (an item's further lines indented under it, with hard line breaks).
 */
function synthesisMarkdown(model: ReportModel): string[] {
  const item = (text: string) => `- ${text.split('\n').map((line, i) => (i === 0 ? mdLine(line) : `  ${mdLine(line)}`)).join('\\\n')}`;
  return synthesisParts(model.synthesis).flatMap((part, i) => [
    `## ${mdInline(part.heading)}`,
    ...(i === 0 ? [`*${mdInline(model.synthesis!.byline)}*`] : []),
    ...part.blocks.map((b) => (b.kind === 'list' ? b.items.map(item).join('\n') : mdProse(b.text))),
  ]);
}

/** Renders the report model as Markdown (UTF-8, LF line ends). */
export function renderMarkdown(model: ReportModel): string {
  const across = acrossCyclesContents(model.acrossCycles, model.kind === 'final');
  const helpers = { inline: mdInline, prose: mdProse, table: mdTable };
  const h = TEXTS.headings;
  const s = TEXTS.summary;
  const cv = TEXTS.cover;
  const parts = [...synthesisParts(model.synthesis).map((p) => p.heading), h.period, model.partHeadings.summary, model.partHeadings.attention, h.statusTable, ...(across.followUp ? [across.followUp.title] : []), h.areas, h.gaps, ...(model.signOff ? [h.signOffAnnex, h.contributorsAnnex] : []), ...(across.progress ? [across.progress.title] : [])];

  const out: string[] = [
    ...(model.identity.marking ? [`**${mdInline(model.identity.marking)}**`] : []),
    `# ${mdInline(`${model.title}: ${model.reportTitle}`)}`,
    `*${mdInline(model.headerText)}*`,
    `**${mdInline(model.kind === 'final' ? cv.finalStatus(model.version) : cv.draftStatus(model.version))}**`,
    `${mdInline(cv.reference(model.identity.reference))}  \n${mdInline(cv.date(model.identity.date))}`,
    mdLine(cv.period(model.period.from, model.period.to)),
    mdLine(cv.preparesFor),
    mdLine(cv.preparedBy(model.coordinator.name, model.coordinator.organisation)),
    `## ${mdInline(TEXTS.contents)}`,
    parts
      .map((p) => `- [${mdInline(p)}](#${anchor(p)})` + (p === h.areas ? '\n' + model.areas.map((a) => `  - [${mdInline(a.title)}](#${anchor(a.title)})`).join('\n') : ''))
      .join('\n'),
    ...synthesisMarkdown(model),
    `## ${mdInline(h.period)}`,
    mdLine(TEXTS.period.text(model.period.from, model.period.to)),
    mdLine(TEXTS.period.purpose),
    `## ${mdInline(model.partHeadings.summary)}`,
    mdLine(s.counts(model.totalCommitments)),
    [...model.counts, ...(model.notReported.count > 0 ? [model.notReported] : [])].map((x) => `- ${mdInline(s.countLine(x.label, x.count))}`).join('\n'),
    mdLine(s.ratingsIntro),
    mdTable([s.columns.area, s.columns.rating, s.columns.basis], model.areas.map((a) => [a.title, a.ratingLabel, a.ratingBasis])),
    `## ${mdInline(model.partHeadings.attention)}`,
    `*${mdInline(model.kind === 'final' ? TEXTS.attention.finalIntro : TEXTS.attention.draftIntro)}*`,
    ...model.attention.flatMap((g) => [`#### ${mdInline(g.heading)}`, g.lines.length ? g.lines.map((l) => `- ${mdInline(l)}`).join('\n') : mdLine(TEXTS.attention.none)]),
    `## ${mdInline(h.statusTable)}`,
    mdLine(TEXTS.statusTable.intro),
    // Grouped by area: the area's title once, in bold on a row of its own, its commitments beneath.
    mdTable(
      [TEXTS.statusTable.columns.paragraph, TEXTS.statusTable.columns.commitment, TEXTS.statusTable.columns.status],
      model.statusGroups.flatMap((g) => [[{ bold: g.areaTitle }, '', ''], ...g.rows.map((r) => [String(r.paragraph), r.wording, r.statusLabel])]),
    ),
    ...followUpMarkdown(model.acrossCycles, helpers),
    `## ${mdInline(h.areas)}`,
    ...model.areas.flatMap(areaSection),
    `## ${mdInline(h.gaps)}`,
    ...(model.gaps.length
      ? [mdLine(TEXTS.gaps.intro), mdTable([TEXTS.gaps.columns.area, TEXTS.gaps.columns.situation, TEXTS.gaps.columns.reason], model.gaps.map((g) => [g.areaTitle, g.situation, g.reason]))]
      : [mdLine(TEXTS.gaps.none)]),
  ];

  if (model.signOff && model.contributors) {
    const so = model.signOff;
    const sx = TEXTS.signOff;
    const k = TEXTS.contributors;
    out.push(
      `## ${mdInline(h.signOffAnnex)}`,
      mdLine(sx.intro(so.signedVersion)),
      `**${mdInline(sx.signedVersion(so.signedVersion))}**`,
      ...(model.identity.signedDraftReference ? [mdLine(sx.signedReference(model.identity.signedDraftReference))] : []),
      ...(so.signedContent
        ? [`${mdInline(sx.contentSha(so.signedContent.file))} \`${so.signedContent.sha256.replace(/[^0-9a-f]/g, '')}\``, mdLine(sx.contentCheck(so.signedContent.file))]
        : []),
      `${mdInline(sx.sha)} \`${so.signedDraftSha256 ? so.signedDraftSha256.replace(/[^0-9a-fA-F]/g, '') : sx.shaMissing}\``,
      so.decisions.length
        ? mdTable([sx.columns.director, sx.columns.decision, sx.columns.date, sx.columns.comment], so.decisions.map((d) => [d.directorName, d.decision, d.date, d.comment]))
        : mdLine(sx.noDecisions),
      `## ${mdInline(h.contributorsAnnex)}`,
      mdLine(k.intro),
      mdTable([k.columns.area, k.columns.eu, k.columns.al, k.columns.submittedBy], model.contributors.map((r) => [r.areaTitle, r.eu, r.al, r.submittedBy])),
    );
  }
  out.push(...progressMarkdown(model.acrossCycles, model.kind === 'final', helpers));
  out.push(...attachmentsAnnexMarkdown(model, mdTable, mdInline));
  if (model.identity.marking) out.push(`**${mdInline(model.identity.marking)}**`);
  return out.join('\n\n') + '\n';
}
