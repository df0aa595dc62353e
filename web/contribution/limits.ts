/**
 * The contribution form's limits, read from the schema (domain/schemas.ts `Contribution`), so the
 * form never refuses what the schema accepts, nor offers more than it does: each field's
 * `maxlength`, and the largest form body a valid input makes, which the route accepts.
 */
import type { z } from 'zod';
import { CONTRIBUTION_MAX_BYTES, CommitmentProgress, Contribution, Deliverable, FollowUp } from '../../domain/schemas';
import { ROWS_READ } from './form';

/** The zod internals this reads: the definition of a schema and its checks (zod 4). */
interface ZodInternals {
  _zod: { def: { type: string; innerType?: ZodInternals; in?: ZodInternals; out?: ZodInternals; checks?: { _zod: { def: { check: string; maximum?: number } } }[] } };
}

/**
 * The `max_length` limit of `schema` (a string's characters, an array's items), looking through
 * `.default()`, `.optional()` and pipes (`PersonText` cleans and trims, then checks the length).
 * Throws when the schema sets none: a form field without a limit is a mistake to find at start.
 */
export function maxLengthOf(schema: z.ZodType): number {
  const seen: ZodInternals[] = [];
  const walk = (s: ZodInternals | undefined): number | undefined => {
    if (!s || seen.includes(s)) return undefined;
    seen.push(s);
    const def = s._zod.def;
    const own = def.checks?.find((c) => c._zod.def.check === 'max_length')?._zod.def.maximum;
    return own ?? walk(def.innerType) ?? walk(def.out) ?? walk(def.in);
  };
  const max = walk(schema as unknown as ZodInternals);
  if (max === undefined) throw new Error('contribution form: a field of the schema has no maximum length');
  return max;
}

/** The most characters (UTF-16 code units, as `maxlength` counts them) of each text field of the form, and the most rows and commitments. */
export const CONTRIBUTION_LIMITS = {
  narrative: maxLengthOf(Contribution.shape.narrative),
  nextSteps: maxLengthOf(Contribution.shape.nextSteps),
  commitmentComment: maxLengthOf(CommitmentProgress.shape.comment),
  deliverableTitle: maxLengthOf(Deliverable.shape.title),
  deliverableDescription: maxLengthOf(Deliverable.shape.description),
  deliverables: maxLengthOf(Contribution.shape.deliverables),
  commitments: maxLengthOf(Contribution.shape.commitments),
  followUpComment: maxLengthOf(FollowUp.shape.comment),
} as const;

/**
 * The largest `application/x-www-form-urlencoded` body (bytes) of a valid input: its text at most
 * CONTRIBUTION_MAX_BYTES of UTF-8 JSON, each byte of which a browser may send as a 3-byte `%XX`
 * (a letter such as ë is 2 bytes and 6 once encoded; a line break, `\n` in JSON, is CR LF,
 * `%0D%0A`), plus the names of every field the form reads (ROWS_READ rows, every commitment) with
 * their `=` and `&`, the statuses of blank rows, and a margin for the CSRF token and the counters.
 */
export function contributionBodyLimit(): number {
  const rowNames = ['title', 'status', 'date', 'description'].reduce((n, name) => n + `deliverables.${ROWS_READ - 1}.${name}=&`.length, 0);
  const rowStatus = 3 * 'in-progress'.length;
  const commitmentNames = `commitments.${CONTRIBUTION_LIMITS.commitments - 1}.status=&commitments.${CONTRIBUTION_LIMITS.commitments - 1}.comment=&`.length + 3 * 'not-started'.length;
  const margin = 64 * 1024;
  return 3 * CONTRIBUTION_MAX_BYTES + ROWS_READ * (rowNames + rowStatus) + CONTRIBUTION_LIMITS.commitments * commitmentNames + margin;
}
