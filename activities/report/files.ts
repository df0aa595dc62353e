/**
 * Names and writes of the report's files. Names are ASCII letters, digits, hyphens and one dot, so
 * they are valid and unambiguous on Windows, macOS and Linux (no reserved names or characters, no
 * case clashes) and keep the year and the version. Files go to the document store that every
 * worker shares; each write replaces the object whole, so a retried activity never leaves half a file.
 */
import { createHash } from 'node:crypto';
import type { ArtifactFile } from '../../domain/state';
import type { DocumentStore } from '../../infra/storage';

function checkYearAndVersion(year: number, version: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must be a four-digit integer, got ${year}`);
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`version must be an integer ≥ 1, got ${version}`);
}

/** Folder of a draft or of the final package, relative to the artifacts folder: `2026/draft-v3`, `2026/final`. */
export function reportFolder(year: number, kind: 'draft' | 'final', version: number): string {
  checkYearAndVersion(year, version);
  return kind === 'final' ? `${year}/final` : `${year}/draft-v${version}`;
}

/** Base name (no extension) of the report files: `sdp-review-2026-draft-v3`, `sdp-review-2026-final`. */
export function reportBaseName(year: number, kind: 'draft' | 'final', version: number): string {
  checkYearAndVersion(year, version);
  return kind === 'final' ? `sdp-review-${year}-final` : `sdp-review-${year}-draft-v${version}`;
}

/** Name of the changes page of draft `to`: `changes-v2-to-v3.html`. */
export function changesFileName(from: number, to: number): string {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to <= from) throw new RangeError(`changes need versions 1 ≤ from < to, got ${from} → ${to}`);
  return `changes-v${from}-to-v${to}.html`;
}

/** Name of the final's signed content (canonical JSON): `sdp-review-2026-final-signed-content.json`. */
export function signedContentFileName(finalBaseName: string): string {
  return `${finalBaseName}-signed-content.json`;
}

/**
 * The files of the final package that the mail to the SA Council secretariat carries: the .docx,
 * the PDF, the signed content and the manifest (the HTML and Markdown stay downloads).
 */
export function isSubmissionAttachment(file: Pick<ArtifactFile, 'format' | 'key'>): boolean {
  return file.format === 'docx' || file.format === 'pdf' || (file.format === 'json' && /-(manifest|signed-content)\.json$/.test(file.key));
}

/** The report input kept with each draft, read by the next draft to find what changed. */
export const REPORT_INPUT_FILE = 'report-input.json';

/** Hex SHA-256 of bytes (FIPS 180-4). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes one artifact to `store` at `key` (`/` separators) and describes it. */
export async function writeArtifact(store: DocumentStore, key: string, format: ArtifactFile['format'], data: Uint8Array | string): Promise<ArtifactFile> {
  const put = await store.put(key, data);
  return { format, key, sha256: put.sha256, bytes: put.bytes };
}
