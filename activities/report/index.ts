/**
 * The report renderer: writes draft vN or the final submission package of a review cycle's progress
 * report (.docx, HTML, Markdown; for drafts the changes page and the input kept for the next
 * comparison; for the final a manifest with each file's SHA-256 and the sign-off record).
 *
 * Layout under the artifacts folder (keys use `/`):
 *   <year>/draft-v<N>/sdp-review-<year>-draft-v<N>.docx | .html | .md
 *   <year>/draft-v<N>/report-input.json
 *   <year>/draft-v<N>/changes-v<N-1>-to-v<N>.html          (N > 1)
 *   <year>/final/sdp-review-<year>-final.docx | .html | .md
 *   <year>/final/sdp-review-<year>-final-manifest.json
 *
 * Source: the Partnership's review process (§9 Security and Defence Dialogue at Directors' level,
 * §32 review and discussion at the SA Council).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { ReportInput } from '../../domain/report';
import type { ArtifactFile } from '../../domain/state';
import { compareReports, renderChangesHtml } from './changes';
import { renderDocx } from './docx';
import { changesFileName, REPORT_INPUT_FILE, reportBaseName, reportFolder, writeArtifact } from './files';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { localDate } from './format';
import { buildReportModel } from './model';
import { TEXTS } from './texts';

export { buildReportModel, deriveRating } from './model';
export type { ReportModel, AreaRating } from './model';

/** What the renderer needs from the outside world. */
export interface ReportDeps {
  /** Absolute folder; files go under `<artifactsDir>/<year>/`. */
  artifactsDir: string;
}

/** What a render wrote. */
export interface RenderedReport {
  /** The files written, keys relative to `artifactsDir` with `/` separators, in a stable order. */
  files: ArtifactFile[];
  /** Ids of the areas whose content differs from draft v(N-1); [] for v1 and for the final. */
  changedAreas: string[];
}

/**
 * Thrown for draft vN (N > 1) when draft v(N-1)'s `report-input.json` cannot be read: the
 * comparison the coordinator relies on cannot be made, and retrying will not help.
 */
export class PreviousDraftMissingError extends Error {
  override readonly name = 'PreviousDraftMissingError';
  constructor(readonly key: string, cause: unknown) {
    super(`cannot read the previous draft's report input at ${key}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
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
  /** The .docx, .html and .md of the final version. */
  files: { name: string; key: string; format: ArtifactFile['format']; sha256: string; bytes: number }[];
  signOff: {
    /** The draft version both Directors signed. */
    signedVersion: number;
    /** Hex SHA-256 of that draft's .docx. */
    signedDraftSha256: string;
    decisions: { director: 'eu' | 'al'; directorName: string; decision: string; comment: string; at: string; date: string }[];
  };
}

function checkInput(deps: ReportDeps, input: ReportInput): void {
  if (!isAbsolute(deps.artifactsDir)) throw new TypeError(`artifactsDir must be an absolute path, got "${deps.artifactsDir}"`);
  if (input.kind !== 'draft' && input.kind !== 'final') throw new TypeError(`kind must be "draft" or "final", got "${String(input.kind)}"`);
  if (input.kind === 'final' && !/^[0-9a-f]{64}$/i.test(input.signedDraftSha256 ?? '')) {
    throw new TypeError('a final report needs signedDraftSha256, the hex SHA-256 of the signed draft’s .docx');
  }
}

async function readPreviousInput(artifactsDir: string, year: number, version: number): Promise<ReportInput> {
  const key = `${reportFolder(year, 'draft', version)}/${REPORT_INPUT_FILE}`;
  try {
    const parsed = JSON.parse(await readFile(join(artifactsDir, ...key.split('/')), 'utf8')) as ReportInput;
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
 * Errors: TypeError for an unusable input (relative `artifactsDir`, a final without
 * `signedDraftSha256`); RangeError for a year, version, date or time zone that is not one;
 * PreviousDraftMissingError when draft v(N-1)'s input cannot be read; file system errors as thrown.
 */
export async function renderReport(deps: ReportDeps, input: ReportInput): Promise<RenderedReport> {
  checkInput(deps, input);
  const folder = reportFolder(input.year, input.kind, input.version);
  const base = reportBaseName(input.year, input.kind, input.version);
  const model = buildReportModel(input);

  // Read before writing anything, so a missing previous version fails without leaving a partial draft.
  const previous = input.kind === 'draft' && input.version > 1 ? await readPreviousInput(deps.artifactsDir, input.year, input.version - 1) : undefined;

  const docx = await renderDocx(model);
  const html = renderHtml(model);
  const md = renderMarkdown(model);

  const files: ArtifactFile[] = [
    await writeArtifact(deps.artifactsDir, `${folder}/${base}.docx`, 'docx', docx),
    await writeArtifact(deps.artifactsDir, `${folder}/${base}.html`, 'html', html),
    await writeArtifact(deps.artifactsDir, `${folder}/${base}.md`, 'md', md),
  ];

  if (input.kind === 'final') {
    const manifest = finalManifest(input, files);
    files.push(await writeArtifact(deps.artifactsDir, `${folder}/${base}-manifest.json`, 'json', `${JSON.stringify(manifest, null, 2)}\n`));
    return { files, changedAreas: [] };
  }

  let changedAreas: string[] = [];
  if (previous) {
    const changes = compareReports(previous, input);
    changedAreas = changes.map((c) => c.id);
    files.push(await writeArtifact(deps.artifactsDir, `${folder}/${changesFileName(previous.version, input.version)}`, 'changes-html', renderChangesHtml(previous, input, changes)));
  }
  // Written last: its presence means this version is complete, and the next version diffs against it.
  files.push(await writeArtifact(deps.artifactsDir, `${folder}/${REPORT_INPUT_FILE}`, 'json', `${JSON.stringify(input, null, 2)}\n`));
  return { files, changedAreas };
}

function finalManifest(input: ReportInput, files: ArtifactFile[]): FinalManifest {
  return {
    report: TEXTS.manifest.report(input.year),
    workflowId: input.workflowId,
    year: input.year,
    kind: 'final',
    generatedAt: input.generatedAt,
    timeZone: input.timeZone,
    files: files.map((f) => ({ name: f.key.slice(f.key.lastIndexOf('/') + 1), key: f.key, format: f.format, sha256: f.sha256, bytes: f.bytes })),
    signOff: {
      signedVersion: input.version,
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
