/**
 * The coordinator's written synthesis on the draft review (issue 14): what the form is prefilled
 * with, what it must hold before it is sent, and the id its Update runs under. The workflow checks
 * the same rules again (domain/messages.ts `SetSynthesisArgs`); these give the answer next to the
 * field without a round trip, in the page's language.
 */
import { createHash } from 'node:crypto';
import type { DraftRecord } from '../../domain/state';
import { cleanText } from '../../domain/text';
import type { FieldError } from '../../domain/validation';
import type { draftReviewTexts } from './texts';

/** The most characters each text may have, once cleaned and trimmed (as `SetSynthesisArgs` counts). */
export const SYNTHESIS_MAX = 20_000;

/** The texts the form starts with: the synthesis the draft carries, or empty ones. */
export function synthesisValues(draft: Pick<DraftRecord, 'synthesis'>): { summary: string; attention: string } {
  return { summary: draft.synthesis?.summary ?? '', attention: draft.synthesis?.attention ?? '' };
}

/**
 * What keeps the two texts from being sent, as errors next to their fields: both empty (on
 * `summary`), or one longer than SYNTHESIS_MAX characters. [] when they can go.
 */
export function synthesisErrors(values: { summary: string; attention: string }, r: ReturnType<typeof draftReviewTexts>): FieldError[] {
  const summary = cleanText(values.summary).trim();
  const attention = cleanText(values.attention).trim();
  const errors: FieldError[] = [];
  if (!summary && !attention) errors.push({ path: 'summary', message: r.writeSynthesis });
  if (summary.length > SYNTHESIS_MAX) errors.push({ path: 'summary', message: r.tooLong(SYNTHESIS_MAX, summary.length) });
  if (attention.length > SYNTHESIS_MAX) errors.push({ path: 'attention', message: r.tooLong(SYNTHESIS_MAX, attention.length) });
  return errors;
}

/**
 * The Update id of a synthesis sent from the link `jti` in `round`: the same for the same texts
 * posted on the same form (a double click, a resent POST act once), another for other texts, and
 * another again once a newer synthesis is on record (`basis`, the `at` of the synthesis the form
 * was shown with), so writing back an earlier text is a new action rather than the old one's echo.
 */
export function synthesisUpdateId(jti: string, round: number, basis: string, summary: string, attention: string): string {
  const digest = createHash('sha256').update(JSON.stringify([basis, summary, attention])).digest('hex').slice(0, 24);
  return `${jti}:${round}:synthesis:${digest}`;
}
