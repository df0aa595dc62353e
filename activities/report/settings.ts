/**
 * The report's settings, from the environment (registry: infra/settings.ts): the Chromium that prints
 * the PDF, the reference pattern, the distribution marking and the author. Read by the render
 * activity in the worker; the workflow never sees them. The marking here is the default: a cycle
 * started with its own (`ReportInput.marking`, domain/report-identity.ts `markingFor`) keeps that.
 */
import { checkMarking, checkReferencePattern, DEFAULT_REPORT_IDENTITY, ReportIdentityError, type ReportIdentityOptions } from '../../domain/report-identity';

/** Debian's chromium package (the container image installs it there). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Everything the renderer takes from settings. */
export interface ReportSettings {
  identity: ReportIdentityOptions;
  /** Absolute path of the Chromium executable that prints the PDF. */
  chromiumPath: string;
  /** Whether drafts and the final get a PDF (`SDP_REPORT_PDF`, `on` or `off`). */
  pdf: boolean;
}

/**
 * The largest HTML report printed to PDF (bytes of UTF-8). Paged.js lays out every page in
 * Chromium: a 15-area report of a few hundred KB takes seconds, one of 30 MB (every input near its
 * 2 MB cap) would take many minutes and gigabytes. Above this size the report has no PDF; the
 * .docx, HTML and Markdown carry the same content.
 */
export const PDF_MAX_HTML_BYTES = 8 * 1024 * 1024;

/**
 * Reads the report settings from `env` (default `process.env`): `SDP_CHROMIUM_PATH`,
 * `SDP_REPORT_REFERENCE`, `SDP_REPORT_MARKING`, `SDP_REPORT_AUTHOR`, `SDP_REPORT_PDF`. Throws an Error naming the
 * variable when one is unusable (a reference pattern without `{year}` or `{version}`, a marking
 * over 60 characters or with a character `CycleMarking` refuses, an empty author).
 */
export function reportSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportSettings {
  const named = <T>(name: string, read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof ReportIdentityError) throw new Error(`${name}: ${err.message}`, { cause: err });
      throw err;
    }
  };
  const referencePattern = named('SDP_REPORT_REFERENCE', () => checkReferencePattern(env.SDP_REPORT_REFERENCE?.trim() || DEFAULT_REPORT_IDENTITY.referencePattern));
  const marking = named('SDP_REPORT_MARKING', () => checkMarking(env.SDP_REPORT_MARKING));
  const author = env.SDP_REPORT_AUTHOR === undefined ? DEFAULT_REPORT_IDENTITY.author : env.SDP_REPORT_AUTHOR.trim();
  if (!author || author.length > 120) throw new Error('SDP_REPORT_AUTHOR: the author must have 1 to 120 characters');
  const chromiumPath = env.SDP_CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
  const pdfSetting = (env.SDP_REPORT_PDF ?? 'on').trim().toLowerCase();
  if (pdfSetting !== 'on' && pdfSetting !== 'off') throw new Error(`SDP_REPORT_PDF: must be on or off; got "${env.SDP_REPORT_PDF}"`);
  return { identity: { referencePattern, ...(marking ? { marking } : {}), author }, chromiumPath, pdf: pdfSetting === 'on' };
}
