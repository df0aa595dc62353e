/**
 * The report renderer: writes draft vN or the final submission package of a review cycle's progress
 * report (.docx, PDF, HTML, Markdown; for drafts the changes page and the input kept for the next
 * comparison; for the final the signed content as canonical JSON and a manifest with each file's
 * SHA-256 and the sign-off record).
 *
 * Layout under the artifacts folder (keys use `/`):
 *   <year>/draft-v<N>/sdp-review-<year>-draft-v<N>.docx | .pdf | .html | .md
 *   <year>/draft-v<N>/sdp-review-<year>-draft-v<N>-summary-sq.docx | .html   (the Albanian summary)
 *   <year>/draft-v<N>/report-input.json
 *   <year>/draft-v<N>/changes-v<N-1>-to-v<N>.html          (N > 1)
 *   <year>/final/sdp-review-<year>-final.docx | .pdf | .html | .md
 *   <year>/final/sdp-review-<year>-final-signed-content.json   (what both Directors signed, canonical JSON)
 *   <year>/final/sdp-review-<year>-final-manifest.json         (every other file of the package with its SHA-256)
 *
 * Source: the Partnership's review process (§9 Security and Defence Dialogue at Directors' level,
 * §32 review and discussion at the SA Council).
 */
import { createHash } from 'node:crypto';
import { contributionSchemaFor } from '../../domain/schemas';
import type { ReportInput } from '../../domain/report';
import { markingFor } from '../../domain/report-identity';
import { canonicalJson } from '../../domain/report-signed-content';
import type { ArtifactFile } from '../../domain/state';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';
import { acrossCyclesView } from './across-cycles/view';
import { compareReports, renderChangesHtml } from './changes';
import { renderDocx } from './docx';
import { changesFileName, REPORT_INPUT_FILE, reportBaseName, reportFolder, sha256Hex, signedContentFileName, writeArtifact } from './files';
import { renderHtml } from './html';
import { hasAttachments, withAttachmentLinks, withSecretariatLinks } from './attachments';
import { renderMarkdown } from './markdown';
import { localDate } from './format';
import { buildReportModel, signedContentOf, type ReportModel } from './model';
import { renderPdf } from './pdf';
import { PDF_MAX_HTML_BYTES, reportSettingsFromEnv, type ReportSettings } from './settings';
import { renderSummaryDocx, renderSummaryHtml, summaryView } from './summary-sq';
import { TEXTS } from './texts';
import { PreviousDraftMissingError, StoredInputError } from './errors';

export { PreviousDraftMissingError, StoredInputError } from './errors';

export { buildReportModel, deriveRating } from './model';
export type { ReportModel, AreaRating } from './model';
export { ChromiumMissingError, PdfLayoutError } from './pdf';
export { reportSettingsFromEnv, type ReportSettings } from './settings';

/** What the renderer needs from the outside world. */
export interface ReportDeps {
  /** The document store: files go under `<year>/`; stored inputs and the previous draft are read from it. */
  store: DocumentStore;
  /** Reference pattern, marking, author, Chromium; default: read once from the environment (`reportSettingsFromEnv`). */
  settings?: ReportSettings;
  /** A signed download link of a store key: the HTML file links the inputs' attachments with it (./attachments.ts); none without. */
  fileUrl?: (key: string) => string | undefined;
}

let envSettings: ReportSettings | undefined;
/** The settings of this process, read on first use (a bad value fails the render with the variable's name). */
function settingsOf(deps: ReportDeps): ReportSettings {
  return deps.settings ?? (envSettings ??= reportSettingsFromEnv());
}

/** What a render wrote. */
export interface RenderedReport {
  /** The files written, store keys with `/` separators, in a stable order. */
  files: ArtifactFile[];
  /** Ids of the areas whose content differs from draft v(N-1); [] for v1 and for the final. */
  changedAreas: string[];
}

/** `input` with each stored area input read from `store`, verified and parsed; inline inputs as they are. */
async function withStoredInputs(store: DocumentStore, input: ReportInput): Promise<ReportInput> {
  const areas = await Promise.all(
    input.areas.map(async (area) => {
      if (!area.input || area.status === 'waived') return area;
      const { key, sha256 } = area.input;
      let bytes: Uint8Array;
      try {
        bytes = await store.get(key);
      } catch (err) {
        if (err instanceof DocumentMissingError) throw new StoredInputError(key, `is missing from ${store.location}`, err);
        throw err;
      }
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new StoredInputError(key, `in ${store.location} does not match its SHA-256 ${sha256}`);
      const parsed = contributionSchemaFor(area).safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
      if (!parsed.success) throw new StoredInputError(key, `in ${store.location} is not a valid input of ${area.id}: ${parsed.error.message}`);
      return { ...area, contribution: parsed.data };
    }),
  );
  return { ...input, areas };
}

/** The final package's manifest (`sdp-review-<year>-final-manifest.json`). */
export interface FinalManifest {
  report: string;
  workflowId: string;
  year: number;
  kind: 'final';
  /** ISO 8601 instant (UTC) of the render. */
  generatedAt: string;
  timeZone: string;
  /** The final's document reference, e.g. `SDP-AL/2026/FINAL`. */
  reference: string;
  /** The distribution marking, when there is one. */
  marking?: string;
  /** Every other file of the final package (.docx, .pdf, .html, .md, the signed content), with its SHA-256 (hex) and size in bytes. */
  files: { name: string; key: string; format: ArtifactFile['format']; sha256: string; bytes: number }[];
  /** How to check a file's SHA-256. */
  check: string;
  signOff: {
    /** The draft version both Directors signed, and its reference. */
    signedVersion: number;
    signedReference: string;
    /** The signed content (canonical JSON, RFC 8785) shipped in the package, and its SHA-256 (hex). */
    signedContentFile: string;
    signedContentSha256: string;
    /** Hex SHA-256 of that draft's .docx. */
    signedDraftSha256: string;
    decisions: { director: 'eu' | 'al'; directorName: string; decision: string; comment: string; at: string; date: string }[];
  };
}

function checkInput(deps: ReportDeps, input: ReportInput): void {
  if (input.kind !== 'draft' && input.kind !== 'final') throw new TypeError(`kind must be "draft" or "final", got "${String(input.kind)}"`);
  if (input.kind === 'final' && !/^[0-9a-f]{64}$/i.test(input.signedDraftSha256 ?? '')) {
    throw new TypeError('a final report needs signedDraftSha256, the hex SHA-256 of the signed draft’s .docx');
  }
}

async function readPreviousInput(store: DocumentStore, year: number, version: number): Promise<ReportInput> {
  const key = `${reportFolder(year, 'draft', version)}/${REPORT_INPUT_FILE}`;
  try {
    const parsed = JSON.parse(Buffer.from(await store.get(key)).toString('utf8')) as ReportInput;
    if (!Array.isArray(parsed.areas) || parsed.version !== version) throw new Error('not the report input of that version');
    return parsed;
  } catch (err) {
    throw new PreviousDraftMissingError(key, err);
  }
}

/**
 * Writes draft vN (`input.kind === 'draft'`) or the final package (`'final'`) for `input`.
 * Every file is written atomically (temporary name in the same folder, then renamed), so a retried
 * activity never leaves half a file, and rendering the same input again overwrites the files.
 *
 * The areas' inputs stored by reference are read from the store first and checked against their
 * SHA-256; the report input kept with each draft holds them whole, for the next comparison.
 *
 * Errors: TypeError for an unusable input (a final without `signedDraftSha256`); RangeError for a
 * year, version, date or time zone that is not one; PreviousDraftMissingError when draft
 * v(N-1)'s input cannot be read; StoredInputError when an area's input is missing or altered in
 * the store; the store's errors as thrown.
 */
export async function renderReport(deps: ReportDeps, reference: ReportInput): Promise<RenderedReport> {
  checkInput(deps, reference);
  const input = await withStoredInputs(deps.store, reference);
  const folder = reportFolder(input.year, input.kind, input.version);
  const base = reportBaseName(input.year, input.kind, input.version);
  const settings = settingsOf(deps);
  // The cycle's own marking (given at its start) wins over the worker's setting.
  const model = buildReportModel(input, { ...settings.identity, marking: markingFor(input.marking, settings.identity.marking) });
  // Earlier cycles from their archives in the store (issue 14): the follow-up and the progress annex.
  model.acrossCycles = await acrossCyclesView(deps.store, input);

  // Read before writing anything, so a missing previous version fails without leaving a partial draft.
  const previous = input.kind === 'draft' && input.version > 1 ? await readPreviousInput(deps.store, input.year, input.version - 1) : undefined;

  // The final states the hash of what was signed, so the content is fixed before any format is written.
  const signed = input.kind === 'final' ? signedContentBytes(model, input, base) : undefined;

  const docx = await renderDocx(model);
  const html = renderHtml(model);
  const md = renderMarkdown(model);
  const printable = settings.pdf && Buffer.byteLength(html, 'utf8') <= PDF_MAX_HTML_BYTES;
  const pdf = printable ? await renderPdf(html, pdfMetadata(model, input), { chromiumPath: settings.chromiumPath }) : undefined;

  const files: ArtifactFile[] = [
    await writeArtifact(deps.store, `${folder}/${base}.docx`, 'docx', docx),
    ...(pdf ? [await writeArtifact(deps.store, `${folder}/${base}.pdf`, 'pdf', pdf.bytes)] : []),
    // The HTML file links the attachments; the PDF printed from `html` does not (it leaves with the final).
    await writeArtifact(deps.store, `${folder}/${base}.html`, 'html', hasAttachments(model) ? renderHtml(deps.fileUrl ? withAttachmentLinks(model, deps.fileUrl) : withSecretariatLinks(model)) : html),
    await writeArtifact(deps.store, `${folder}/${base}.md`, 'md', md),
  ];

  if (signed) {
    files.push(await writeArtifact(deps.store, `${folder}/${signed.file}`, 'json', signed.bytes));
    const manifest = finalManifest(input, model, files, signed);
    files.push(await writeArtifact(deps.store, `${folder}/${base}-manifest.json`, 'json', `${JSON.stringify(manifest, null, 2)}\n`));
    return { files, changedAreas: [] };
  }

  // The Albanian summary of the draft, beside it (the final reproduces a signed draft, which has one).
  const summary = summaryView(model, input, `${base}.docx`);
  files.push(
    await writeArtifact(deps.store, `${folder}/${base}-summary-sq.docx`, 'summary-docx', await renderSummaryDocx(summary)),
    await writeArtifact(deps.store, `${folder}/${base}-summary-sq.html`, 'summary-html', renderSummaryHtml(summary)),
  );

  let changedAreas: string[] = [];
  if (previous) {
    const changes = compareReports(previous, input);
    changedAreas = changes.map((c) => c.id);
    files.push(await writeArtifact(deps.store, `${folder}/${changesFileName(previous.version, input.version)}`, 'changes-html', renderChangesHtml(previous, input, changes)));
  }
  // Written last: its presence means this version is complete, and the next version diffs against it.
  files.push(await writeArtifact(deps.store, `${folder}/${REPORT_INPUT_FILE}`, 'json', `${JSON.stringify(input, null, 2)}\n`));
  return { files, changedAreas };
}

/**
 * The signed content of a final as the bytes shipped (canonical JSON, no trailing newline, so that
 * `sha256sum` of the file gives the stated hash); sets the file and hash on the model's sign-off.
 */
function signedContentBytes(model: ReportModel, input: ReportInput, base: string): { file: string; bytes: string; sha256: string } {
  const bytes = canonicalJson(signedContentOf(model, input.reportingPeriod));
  const signed = { file: signedContentFileName(base), bytes, sha256: sha256Hex(bytes) };
  model.signOff!.signedContent = { file: signed.file, sha256: signed.sha256 };
  return signed;
}

/** The PDF's document information, from the model's identity. */
function pdfMetadata(model: ReportModel, input: ReportInput) {
  const id = model.identity;
  return { title: id.documentTitle, author: id.author, subject: id.subject, keywords: id.keywords, language: 'en-GB', createdAt: new Date(input.generatedAt) };
}

function finalManifest(input: ReportInput, model: ReportModel, files: ArtifactFile[], signed: { file: string; sha256: string }): FinalManifest {
  return {
    report: TEXTS.manifest.report(input.year),
    workflowId: input.workflowId,
    year: input.year,
    kind: 'final',
    generatedAt: input.generatedAt,
    timeZone: input.timeZone,
    reference: model.identity.reference,
    ...(model.identity.marking ? { marking: model.identity.marking } : {}),
    files: files.map((f) => ({ name: f.key.slice(f.key.lastIndexOf('/') + 1), key: f.key, format: f.format, sha256: f.sha256, bytes: f.bytes })),
    check: 'sha256sum <name> (Linux, macOS) or Get-FileHash <name> (Windows PowerShell) gives the sha256 listed for it',
    signOff: {
      signedVersion: input.version,
      signedReference: model.identity.signedDraftReference!,
      signedContentFile: signed.file,
      signedContentSha256: signed.sha256,
      signedDraftSha256: input.signedDraftSha256!.toLowerCase(),
      decisions: input.decisions
        .filter((d) => d.version === input.version)
        .map((d) => ({
          director: d.director,
          directorName: input.directors[d.director].name,
          decision: d.decision,
          comment: d.comment,
          at: d.at,
          date: localDate(d.at, input.timeZone),
        })),
    },
  };
}
