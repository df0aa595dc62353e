/**
 * The files attached to the areas' inputs, in the report (issue 12): each area's section lists its
 * own (name, type, size, the SHA-256's first 12 characters), and an annex lists them all with the
 * full SHA-256, so that anyone holding a file can check it is the one the owners submitted
 * (`sha256sum`). The bytes stay in the document store; the report holds names and hashes only.
 * The HTML file links each one through the download route (a signed file link, made by the worker:
 * `ReportDeps.fileUrl`); the .docx, the PDF and the Markdown carry no link, since they travel
 * beyond the people a link is for (the final's .docx and PDF go to the SA Council secretariat).
 */
import type { Paragraph, Table } from 'docx';
import { ATTACHMENT_TYPES, type Attachment, type AttachmentExtension } from '../../domain/schemas';
import { cleanText } from '../../domain/text';

/**
 * What this module reads of the report model (./model.ts AreaView, ReportModel), by shape: the
 * model and the .docx writer import this module, so it imports neither.
 */
interface AreaView {
  title: string;
  reported: boolean;
  attachments?: AttachmentView[];
}
interface ReportModel {
  areas: AreaView[];
}

/** The .docx writer's helpers (./docx.ts), handed in by it. */
export interface AttachmentDocxHelpers {
  heading(text: string, level: 1 | 2 | 3, options?: { pageBreakBefore?: boolean }): Paragraph;
  para(text: string): Paragraph;
  table(columns: { header: string; width: number }[], rows: string[][]): Table;
  columnsOf(spec: [string, number][]): { header: string; width: number }[];
}

/** An attachment as the report shows it. */
export interface AttachmentView {
  name: string;
  /** `PDF`, `Word`, `Excel`, `ODT`, `ODS`, `PNG`, `JPEG`. */
  typeLabel: string;
  /** `850 KB`, `1.4 MB`. */
  size: string;
  sha256: string;
  /** A signed download link, in the HTML file only. */
  url?: string;
  key: string;
}

const TYPE_NAMES: Record<AttachmentExtension, string> = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel', odt: 'ODT', ods: 'ODS', png: 'PNG', jpg: 'JPEG' };

/** `850 KB`, `1.4 MB` (en-GB). */
function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString('en-GB')} MB`;
}

/** The views of an input's attachments (none for an input without). */
export function attachmentViews(attachments: readonly Attachment[] | undefined): AttachmentView[] {
  return (attachments ?? []).map((a) => {
    const ext = (Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[]).find((e) => ATTACHMENT_TYPES[e] === a.type);
    return { name: a.name, typeLabel: ext ? TYPE_NAMES[ext] : a.type, size: sizeLabel(a.bytes), sha256: a.sha256, key: a.key };
  });
}

/** `model` with a download link on each attachment (`fileUrl` of its key; none where it gives none), for the HTML file. */
export function withAttachmentLinks<M extends ReportModel>(model: M, fileUrl: (key: string) => string | undefined): M {
  return { ...model, areas: model.areas.map((a) => ({ ...a, attachments: (a.attachments ?? []).map((x) => {
    // The download is named as the owner named the file (the route takes a name the file was uploaded under).
    const url = fileUrl(x.key);
    return { ...x, url: url && `${url}&name=${encodeURIComponent(x.name)}` };
  }) })) };
}

/**
 * `model` with each attachment linked to the secretariat's stable route
 * (`/cycles/<year>/attachments/<area>/<file>?name=…`, behind the dashboard's credentials, which
 * redirects to a signed file link: web/files/): the link needs no secret, so any render thread can
 * write it. A worker that can sign (`ReportDeps.fileUrl`) links the signed file directly instead.
 */
export function withSecretariatLinks<M extends ReportModel>(model: M): M {
  return withAttachmentLinks(model, (key) => {
    const [year, , areaId, file] = key.split('/');
    return `/cycles/${year}/attachments/${areaId}/${file}?via=report`;
  });
}

/** Whether any area of the report has attachments (the annex is written only then). */
export function hasAttachments(model: ReportModel): boolean {
  return model.areas.some((a) => a.reported && (a.attachments?.length ?? 0) > 0);
}

export const ATTACHMENTS_TEXTS = {
  heading: 'Attachments',
  annexHeading: 'Annex: attachments',
  annexIntro:
    'The files the area owners attached to their inputs, kept in the document store. The SHA-256 of a file identifies it: `sha256sum <file>` (Linux, macOS) or `Get-FileHash <file>` (Windows PowerShell) gives the value listed for it.',
  columns: { name: 'File', type: 'Type', size: 'Size', sha: 'SHA-256', area: 'Area' },
  short: (sha: string) => `${sha.slice(0, 12)}…`,
} as const;

const h = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A file's name as HTML (`.file`, ./html.ts), linked to `href` if given: each hyphen is kept on one
 * line with the character after it (`.nb`), so that a name wraps at its spaces, else anywhere but
 * after a hyphen. The text is the name's, character for character: a copy gives the name.
 */
export function fileNameHtml(name: string, href?: string): string {
  const parts = cleanText(name).split(/([-\u2010]+[^-\u2010])/u);
  const text = parts.map((p, i) => (i % 2 ? `<span class="nb">${h(p)}</span>` : h(p))).join('');
  return `<span class="file">${href ? `<a href="${h(href)}" target="_blank" rel="noopener">${text}</a>` : text}</span>`;
}

/** The HTML of an area's attachments (nothing when it has none). */
export function areaAttachmentsHtml(a: AreaView, tableHtml: (columns: { header: string; width: number }[], rows: (string | { html: string })[][]) => string): string[] {
  if (!a.reported || !a.attachments?.length) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  const name = (x: AttachmentView) => ({ html: fileNameHtml(x.name, x.url) });
  return [
    `<h3>${h(ATTACHMENTS_TEXTS.heading)}</h3>`,
    tableHtml([{ header: c.name, width: 50 }, { header: c.type, width: 12 }, { header: c.size, width: 13 }, { header: c.sha, width: 25 }], a.attachments.map((x) => [name(x), x.typeLabel, x.size, ATTACHMENTS_TEXTS.short(x.sha256)])),
  ];
}

/** The HTML of the attachments annex (nothing when no area has any). */
export function attachmentsAnnexHtml(model: ReportModel, tableHtml: (columns: { header: string; width: number }[], rows: (string | { html: string; cls?: string })[][]) => string): string[] {
  if (!hasAttachments(model)) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  return [
    `<h1 id="annex-attachments" class="part">${h(ATTACHMENTS_TEXTS.annexHeading)}</h1>`,
    `<p>${h(ATTACHMENTS_TEXTS.annexIntro)}</p>`,
    tableHtml(
      [{ header: c.area, width: 22 }, { header: c.name, width: 30 }, { header: c.size, width: 10 }, { header: c.sha, width: 38 }],
      model.areas.filter((a) => a.reported).flatMap((a) => (a.attachments ?? []).map((x) => [a.title, { html: fileNameHtml(x.name, x.url) }, x.size, { html: `<span class="sha">${h(x.sha256)}</span>` }])),
    ),
  ];
}

/** The .docx of an area's attachments. */
export function areaAttachmentsDocx(a: AreaView, { heading, table, columnsOf }: AttachmentDocxHelpers): (Paragraph | Table)[] {
  if (!a.reported || !a.attachments?.length) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  return [heading(ATTACHMENTS_TEXTS.heading, 3), table(columnsOf([[c.name, 50], [c.type, 12], [c.size, 13], [c.sha, 25]]), a.attachments.map((x) => [x.name, x.typeLabel, x.size, ATTACHMENTS_TEXTS.short(x.sha256)]))];
}

/** The .docx of the attachments annex, on a page of its own. */
export function attachmentsAnnexDocx(model: ReportModel, { heading, para, table, columnsOf }: AttachmentDocxHelpers): (Paragraph | Table)[] {
  if (!hasAttachments(model)) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  return [
    heading(ATTACHMENTS_TEXTS.annexHeading, 1, { pageBreakBefore: true }),
    para(ATTACHMENTS_TEXTS.annexIntro),
    table(
      columnsOf([[c.area, 22], [c.name, 30], [c.size, 10], [c.sha, 38]]),
      model.areas.filter((a) => a.reported).flatMap((a) => (a.attachments ?? []).map((x) => [a.title, x.name, x.size, x.sha256])),
    ),
  ];
}

/** The Markdown of an area's attachments. */
export function areaAttachmentsMarkdown(a: AreaView, mdTable: (headers: string[], rows: string[][]) => string, mdInline: (s: string) => string): string[] {
  if (!a.reported || !a.attachments?.length) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  return [`#### ${mdInline(ATTACHMENTS_TEXTS.heading)}`, mdTable([c.name, c.type, c.size, c.sha], a.attachments.map((x) => [x.name, x.typeLabel, x.size, ATTACHMENTS_TEXTS.short(x.sha256)]))];
}

/** The Markdown of the attachments annex. */
export function attachmentsAnnexMarkdown(model: ReportModel, mdTable: (headers: string[], rows: string[][]) => string, mdInline: (s: string) => string): string[] {
  if (!hasAttachments(model)) return [];
  const c = ATTACHMENTS_TEXTS.columns;
  return [
    `## ${mdInline(ATTACHMENTS_TEXTS.annexHeading)}`,
    mdInline(ATTACHMENTS_TEXTS.annexIntro),
    mdTable([c.area, c.name, c.size, c.sha], model.areas.filter((a) => a.reported).flatMap((a) => (a.attachments ?? []).map((x) => [a.title, x.name, x.size, `\`${x.sha256}\``]))),
  ];
}

