/**
 * What the workflows answer, as facts: the outcome of each update (a code and its data) and the
 * refusal of each one that cannot be taken. No sentence for people here: the web pages, the mails
 * and the CLI word each code in their own text modules, in the reader's language and time zone.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ZodType } from 'zod';
import type { Rag } from './schemas';
import type { StuckStep } from './state';
import type { RoleRef } from './people';
import type { AreaStatus, Decision, DraftStatus, Role, Side, Stage } from './schemas';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE, fieldErrors, type FieldError } from './validation';

/** An area named in an outcome or refusal: its id and its title (as in the seeds). */
export interface AreaRef {
  id: string;
  title: string;
}

/** What an update recorded. Instants are ISO 8601 UTC; `timeZone` is the cycle's, for wording them. */
export type Outcome =
  | { code: 'contribution-recorded'; area: AreaRef; revision: number; submittedAt: string; late: boolean; /** The area had been reopened: the next draft follows as soon as every reopened area is in. */ afterReopening?: boolean }
  | { code: 'deadline-extended'; area: AreaRef; dueDate: string; timeZone: string }
  | { code: 'area-waived'; area: AreaRef; year: number }
  | { code: 'collection-closed' }
  | { code: 'draft-approved'; version: number }
  | { code: 'areas-reopened'; version: number; areas: AreaRef[] }
  | { code: 'rating-overridden'; area: AreaRef; rating: Rag }
  | { code: 'rating-override-removed'; area: AreaRef }
  | { code: 'director-decided'; version: number; director: Side; decision: Decision; directorName: string; otherDirectorName: string; bothApproved: boolean }
  | { code: 'cycle-cancelled'; year: number }
  | { code: 'resume-requested'; version: number; step?: StuckStep }
  | { code: 'role-reassigned'; role: RoleRef; area?: AreaRef; previousName: string; nextName: string }
  | { code: 'deputy-named'; principalName: string; deputyName: string; from: string; until: string }
  | { code: 'deputy-ended'; principalName: string }
  | { code: 'reminders-sent'; areas: AreaRef[]; people: number }
  | { code: 'synthesis-saved'; version: number };

export type OutcomeCode = Outcome['code'];

/** The result of an update on a cycle: the outcome and the stage the cycle is in (or heads to). */
export type UpdateOutcome = Outcome & { stage: Stage };

/** The result of a contribution: the outcome, and the revision recorded and when (UTC). */
export type SubmitContributionResult = Extract<Outcome, { code: 'contribution-recorded' }> & { stage: Stage; revision: number; submittedAt: string };

/**
 * Why an update was refused. `invalid-input` carries field errors with their paths (nested
 * paths kept, e.g. `deliverables.1.title`); the other codes carry the facts a surface needs to explain the refusal.
 */
export type Refusal =
  | { code: 'invalid-input'; errors: FieldError[] }
  | { code: 'unknown-area'; field: string; areaId: string; known: string[] }
  | { code: 'due-date-passed'; dueDate: string; timeZone: string }
  | { code: 'due-date-not-later'; dueDate: string; currentDueDate: string }
  | { code: 'due-date-after-submission'; dueDate: string; submissionDueDate: string }
  | { code: 'due-date-not-working-day'; dueDate: string; nextWorkingDate: string }
  | { code: 'area-waived-not-reopenable'; areaId: string }
  | { code: 'not-permitted'; email: string; as: 'coordinator' | 'eu-director' | 'al-director'; permitted: string }
  | { code: 'not-area-owner'; email: string; area: AreaRef; owners: string[] }
  | { code: 'wrong-role'; expected: Role; got: Role }
  | { code: 'cycle-cancelling'; year: number; reason: string }
  | { code: 'wrong-stage'; year: number; stage: Stage; allowed: Stage[] }
  | { code: 'area-closed'; area: AreaRef; status: AreaStatus }
  | { code: 'area-not-accepting'; area: AreaRef; status: AreaStatus; revision: number; submittedAt?: string }
  | { code: 'too-many-revisions'; area: AreaRef; max: number }
  | { code: 'extension-pending'; area: AreaRef }
  | { code: 'closed-before-applied'; action: 'extend' | 'waive'; area: AreaRef; status: AreaStatus }
  | { code: 'collection-closing' }
  | { code: 'no-draft-waiting' }
  | { code: 'draft-not-current'; version: number; current?: { version: number; status: DraftStatus } }
  | { code: 'round-closed'; version: number; round: number; currentRound: number }
  | { code: 'draft-not-in-sign-off'; version: number; current?: { version: number; status: DraftStatus } }
  | { code: 'already-decided'; version: number; byName: string; decision: Decision; at: string; timeZone: string }
  | { code: 'changes-already-requested'; version: number }
  | { code: 'cancel-pending' }
  | { code: 'not-stuck'; year: number }
  | { code: 'same-person'; name: string }
  | { code: 'conflicting-roles'; email: string; holds: 'coordinator' | 'eu-director' | 'al-director' }
  | { code: 'not-a-participant'; email: string }
  | { code: 'nothing-outstanding'; year: number; /** The areas named, when the reminder was for some only. */ areaIds?: string[] };

export type RefusalCode = Refusal['code'];

const FAILURE_TYPE: Record<RefusalCode, string> = {
  'invalid-input': VALIDATION_FAILURE,
  'unknown-area': VALIDATION_FAILURE,
  'due-date-passed': VALIDATION_FAILURE,
  'due-date-not-later': VALIDATION_FAILURE,
  'due-date-after-submission': VALIDATION_FAILURE,
  'due-date-not-working-day': VALIDATION_FAILURE,
  'area-waived-not-reopenable': VALIDATION_FAILURE,
  'not-permitted': FORBIDDEN_FAILURE,
  'not-area-owner': FORBIDDEN_FAILURE,
  'wrong-role': FORBIDDEN_FAILURE,
  'cycle-cancelling': CONFLICT_FAILURE,
  'wrong-stage': CONFLICT_FAILURE,
  'area-closed': CONFLICT_FAILURE,
  'area-not-accepting': CONFLICT_FAILURE,
  'too-many-revisions': CONFLICT_FAILURE,
  'extension-pending': CONFLICT_FAILURE,
  'closed-before-applied': CONFLICT_FAILURE,
  'collection-closing': CONFLICT_FAILURE,
  'no-draft-waiting': CONFLICT_FAILURE,
  'draft-not-current': CONFLICT_FAILURE,
  'round-closed': CONFLICT_FAILURE,
  'draft-not-in-sign-off': CONFLICT_FAILURE,
  'already-decided': CONFLICT_FAILURE,
  'changes-already-requested': CONFLICT_FAILURE,
  'cancel-pending': CONFLICT_FAILURE,
  'not-stuck': CONFLICT_FAILURE,
  'same-person': VALIDATION_FAILURE,
  'conflicting-roles': VALIDATION_FAILURE,
  'not-a-participant': VALIDATION_FAILURE,
  'nothing-outstanding': CONFLICT_FAILURE,
};

/** The field a validation refusal is about, for surfaces that mark the field (`dueDate`, `areaIds`, …). */
export function refusalField(r: Refusal): string | undefined {
  switch (r.code) {
    case 'unknown-area':
      return r.field;
    case 'due-date-passed':
    case 'due-date-not-later':
    case 'due-date-after-submission':
    case 'due-date-not-working-day':
      return 'dueDate';
    case 'area-waived-not-reopenable':
      return 'areaIds';
    case 'same-person':
    case 'conflicting-roles':
      return 'to';
    case 'not-a-participant':
      return 'principal';
    default:
      return undefined;
  }
}

/**
 * Throws the refusal as an ApplicationFailure: its type is the failure kind clients map to
 * 400/403/409 (VALIDATION_FAILURE, FORBIDDEN_FAILURE, CONFLICT_FAILURE), `details[0]` the refusal
 * itself, and its message the code with its data for operators reading the Temporal UI and logs.
 */
export function refuse(refusal: Refusal): never {
  const { code, ...data } = refusal;
  throw ApplicationFailure.create({
    type: FAILURE_TYPE[code],
    message: `${code} ${JSON.stringify(data)}`,
    details: [refusal],
  });
}

/** Reads the refusal from a failure's details; undefined for failures from before refusals had codes. */
export function refusalOf(details: readonly unknown[] | null | undefined): Refusal | undefined {
  const first = details?.[0] as { code?: unknown } | undefined;
  return first && typeof first === 'object' && typeof first.code === 'string' && first.code in FAILURE_TYPE ? (first as Refusal) : undefined;
}

/**
 * Validates an update's or a start's arguments with their schema, the one way every workflow
 * message is checked. Returns the parsed value; refuses with `invalid-input` and one field error
 * per zod issue (paths kept) otherwise.
 */
export function parseArgs<T>(schema: ZodType<T>, raw: unknown, prefix: (string | number)[] = []): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) refuse({ code: 'invalid-input', errors: fieldErrors(parsed.error, prefix) });
  return parsed.data;
}
