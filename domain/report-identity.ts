/**
 * The identity of a progress report document: its reference (e.g. `SDP-AL/2026/02`), its distribution
 * marking (e.g. `LIMITE`) and who it is from. Pure and deterministic: the report activities apply it;
 * a page or the CLI may show the same reference from a year and a version.
 *
 * The reference is unique per cycle and version: the pattern must hold the year and the version.
 * The final package has one reference of its own: the pattern with the version written `FINAL`
 * (`SDP-AL/2026/FINAL`) — a cycle is submitted once, so it is unique, and it does not change if the
 * signed draft's number does; the final cites the signed draft's own reference in its sign-off annex.
 */

import { z } from 'zod';

/** The default pattern of a report's reference: `SDP-AL/2026/02` for draft v2 of 2026. */
export const DEFAULT_REFERENCE_PATTERN = 'SDP-AL/{year}/{version:02}';

/** What the final's `{version}` becomes in its reference. */
export const FINAL_REFERENCE_VERSION = 'FINAL';

const PLACEHOLDER = /\{(year|version)(?::(0\d))?\}/g;
const ANY_BRACE = /[{}]/;

/** A pattern or marking that cannot be used, with the reason (the setting's name is added by the caller). */
export class ReportIdentityError extends Error {
  override readonly name = 'ReportIdentityError';
}

/**
 * Checks a reference pattern: 1–80 printable characters on one line, placeholders `{year}` and
 * `{version}` (or `{version:0N}`, the version padded with zeros to N digits, 1 ≤ N ≤ 9), both
 * required so that every cycle and version gets its own reference. Returns the pattern; throws
 * ReportIdentityError naming what is wrong.
 */
export function checkReferencePattern(pattern: string): string {
  if (pattern.length === 0 || pattern.length > 80) throw new ReportIdentityError(`the reference pattern must have 1 to 80 characters, got ${pattern.length}`);
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(pattern)) throw new ReportIdentityError('the reference pattern must be one line of printable characters');
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
  if (ANY_BRACE.test(pattern.replace(PLACEHOLDER, ''))) {
    throw new ReportIdentityError(`the reference pattern "${pattern}" has a brace that is not one of {year}, {version}, {version:0N}`);
  }
  if (!names.includes('year') || !names.includes('version')) {
    throw new ReportIdentityError(`the reference pattern "${pattern}" must contain {year} and {version} (or {version:02}), so that each cycle and version has its own reference`);
  }
  return pattern;
}

/**
 * The reference of draft `version` of `year` (`kind: 'draft'`), or of the final package
 * (`kind: 'final'`: `{version}` becomes `FINAL`, unpadded). Throws ReportIdentityError for a bad
 * pattern, RangeError for a year or version that is not a positive integer.
 */
export function documentReference(pattern: string, year: number, kind: 'draft' | 'final', version: number): string {
  checkReferencePattern(pattern);
  if (!Number.isInteger(year) || year < 1) throw new RangeError(`year must be a positive integer, got ${year}`);
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`version must be a positive integer, got ${version}`);
  return pattern.replace(PLACEHOLDER, (_, name: string, pad?: string) => {
    if (name === 'year') return String(year);
    if (kind === 'final') return FINAL_REFERENCE_VERSION;
    return pad ? String(version).padStart(Number(pad.slice(1)), '0') : String(version);
  });
}

/** The longest distribution marking, in characters: it must fit a page's header beside the reference. */
export const MARKING_MAX_CHARS = 60;

/**
 * What a marking may hold: letters of any script with their accents (ë, ç, Ë, Ç), digits, spaces
 * and `. , : ; / ( ) ' ’ & + - – — _ #`. Enough for `LIMITE`, `RESTRICTED EU/AL`, `EU RESTRICTED –
 * RESTREINT UE` or `KUFIZUAR`, and nothing that a header, an XML part or a file's metadata would
 * have to escape or could misread (`<`, quotes, control or invisible characters, line breaks).
 */
const MARKING_CHARACTERS = /^(?:[\p{L}\p{N} .,:;/()'’&+\-–—_#]\p{M}{0,2})*$/u;

/**
 * Characters that print as nothing (Hangul fillers, joiners, variation selectors…): a marking of
 * them would look blank, or like another. Accents stay: at most two, each on a letter or digit.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

const MARKING_CHARACTERS_WORDS = "letters, digits, spaces and . , : ; / ( ) ' ’ & + - – — _ #";

/**
 * A cycle's distribution marking as given at start (`sdp-review start --marking`, the workflow
 * input's `marking`): trimmed, at most MARKING_MAX_CHARS characters of MARKING_CHARACTERS; the
 * empty string means "no marking" for this cycle, whatever the worker's setting says.
 */
export const CycleMarking = z
  .string()
  .trim()
  .max(MARKING_MAX_CHARS, { error: (issue) => `the distribution marking must have at most ${MARKING_MAX_CHARS} characters, got ${String(issue.input).trim().length}` })
  .regex(MARKING_CHARACTERS, { error: `the distribution marking may hold only ${MARKING_CHARACTERS_WORDS}` })
  .refine((marking) => !INVISIBLE.test(marking), { error: 'the distribution marking may not hold characters that print as nothing (fillers, joiners, variation selectors)' });

/**
 * Checks a distribution marking from the settings (`SDP_REPORT_MARKING`): none (`undefined`,
 * blank or `none` → undefined), or what `CycleMarking` accepts. Returns it trimmed; throws
 * ReportIdentityError with the first reason otherwise.
 */
export function checkMarking(marking: string | undefined): string | undefined {
  // `none` is no marking, as for `sdp-review start --marking none`.
  if (marking?.trim().toLowerCase() === 'none') return undefined;
  const parsed = CycleMarking.safeParse(marking ?? '');
  if (!parsed.success) throw new ReportIdentityError(parsed.error.issues[0]!.message);
  return parsed.data || undefined;
}

/**
 * The marking a cycle's documents carry: the cycle's own (`ReportInput.marking`, set at start;
 * `''` is none) or, when the cycle was started without one, the settings' (`SDP_REPORT_MARKING`).
 */
export function markingFor(cycleMarking: string | undefined, settingsMarking: string | undefined): string | undefined {
  return cycleMarking === undefined ? settingsMarking : cycleMarking || undefined;
}

/** How the report documents name themselves; the activities take it from the settings (activities/report/settings.ts). */
export interface ReportIdentityOptions {
  /** The reference pattern, checked by `checkReferencePattern`. */
  referencePattern: string;
  /** The distribution marking, or undefined for none. */
  marking?: string;
  /** The author of the documents (.docx creator and last modified by, PDF author): the secretariat. */
  author: string;
}

/** The identity used when no setting says otherwise: default pattern, no marking, the secretariat as author. */
export const DEFAULT_REPORT_IDENTITY: ReportIdentityOptions = {
  referencePattern: DEFAULT_REFERENCE_PATTERN,
  author: 'EU–Albania SDP Secretariat',
};
