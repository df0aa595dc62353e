/**
 * What the report activities receive: everything a progress report shows, as plain data.
 * The workflow builds a `ReportInput` from its state; activities render it (.docx, HTML, Markdown)
 * and return file keys, never bytes.
 */
import { DateTime } from 'luxon';
import type { Person, CommitmentStatus, Actor, Rag } from './schemas';
import type { AreaState, SignOffDecision, Synthesis } from './state';

/** A rating set by the coordinator, overriding the derived one, with the reason shown in the report. */
export interface RatingOverride {
  rating: Rag;
  reason: string;
  by: Actor;
  at: string;
}

/** Input to the report activities. All instants are ISO 8601 UTC; dates are shown in `timeZone`. */
export interface ReportInput {
  /** The workflow id of the cycle, e.g. `review-cycle-2026`. */
  workflowId: string;
  year: number;
  /** Draft version; for a final report, the version the directors signed. */
  version: number;
  kind: 'draft' | 'final';
  generatedAt: string;
  /** IANA time zone of the cycle, e.g. `Europe/Brussels`. */
  timeZone: string;
  /** Reporting period as local dates YYYY-MM-DD (inclusive). */
  reportingPeriod: { from: string; to: string };
  areas: AreaState[];
  coordinator: Person;
  directors: { eu: Person; al: Person };
  saCouncilSecretariat: { name: string; email: string };
  /** Keyed by area id. */
  ratingOverrides: Record<string, RatingOverride>;
  /** Directors' decisions so far (a final report carries the approvals of the signed version). */
  decisions: SignOffDecision[];
  /** For a final report: the signed draft's .docx SHA-256 (hex). */
  signedDraftSha256?: string;
  /**
   * The coordinator's written synthesis (domain/state.ts `Synthesis`): the executive summary and
   * the points for the SA Council's attention, placed first in the report. Absent until written.
   */
  synthesis?: Synthesis;
  /**
   * The cycle's distribution marking, given at its start (`''`: none); absent when the cycle was
   * started without one, and then the renderer's setting `SDP_REPORT_MARKING` applies.
   */
  marking?: string;
}

/** Order of statuses in tables and counts. */
export const COMMITMENT_STATUS_ORDER: readonly CommitmentStatus[] = ['achieved', 'ongoing', 'in-progress', 'not-started'];

/**
 * The reporting period of a cycle: the twelve months up to the kick-off date, local dates
 * YYYY-MM-DD, e.g. kick-off 2026-03-02 → 2025-03-03 … 2026-03-02.
 */
export function reportingPeriodFor(kickoffLocalDate: string): { from: string; to: string } {
  const to = DateTime.fromISO(kickoffLocalDate, { zone: 'UTC' });
  if (!to.isValid) throw new RangeError(`kickoffLocalDate must be YYYY-MM-DD, got "${kickoffLocalDate}"`);
  return { from: to.minus({ years: 1 }).plus({ days: 1 }).toISODate()!, to: to.toISODate()! };
}
