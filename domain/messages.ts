/**
 * The messages of sdp-review's workflows, defined once for workflows and clients alike: updates,
 * signals, queries, search attribute keys, the task queue and the workflow ids. A client can only
 * call what is defined here.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { StoredContribution } from './contribution-ref';
import { EventKind, type CycleEvent } from './events';
import type { SubmitContributionResult, UpdateOutcome } from './outcomes';
import { Actor, AreaStatus, CalendarDate, Channel, Decision, Instant, PersonText, Rag, RequiredText, Role, Side, type AreaOwners, type CommitmentStatus, type ContributionInput } from './schemas';
import type { AreaState, ReviewCycleState, SubmissionRecord } from './state';
import type { ReassignArgs, SetDeputyArgs } from './people';
import type { LinkViewScope } from './link-view';
import { describeFieldErrors, fieldErrors } from './validation';

/** The task queue of the one worker process. */
export const TASK_QUEUE = 'sdp-review';

/** Workflow id of the review cycle of `year`: the business identifier, e.g. `review-cycle-2026`. */
export function reviewCycleId(year: number): string {
  return `review-cycle-${year}`;
}

/** Workflow id of the child workflow that collects one area's input, e.g. `review-cycle-2026/area/cyber-issues`. */
export function areaCollectionId(year: number, areaId: string): string {
  return `${reviewCycleId(year)}/area/${areaId}`;
}

/** Parses `review-cycle-YYYY`; undefined for any other id. */
export function yearOfCycleId(workflowId: string): number | undefined {
  const m = /^review-cycle-(\d{4})$/.exec(workflowId);
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Search attributes (registered on the dev server by infra/dev-server.ts; on a real cluster by
// `temporal operator search-attribute create`, see README).

/** The review year of a cycle (Int). */
export const ReviewYearKey = defineSearchAttributeKey('ReviewYear', 'INT');
/** The cycle's current stage (Keyword): one of `Stage`. */
export const ReviewStageKey = defineSearchAttributeKey('ReviewStage', 'KEYWORD');

/** Name and Temporal type of each custom search attribute, for registration. */
export const SEARCH_ATTRIBUTES = { ReviewYear: 'Int', ReviewStage: 'Keyword' } as const;

// ---------------------------------------------------------------------------------------------
// reviewCycle: updates by the coordinator and the directors. Each update's arguments have one zod
// schema, checked by the workflow's validator through `parseArgs` (domain/outcomes.ts); types are
// inferred from the schemas. Objects strip unknown keys, as the updates always have.

const Version = z.number({ message: 'must be a draft version number' }).int().positive();
const AreaId = z.string({ message: 'must be an area id' }).min(1, 'must be an area id');

export const ExtendDeadlineArgs = z.object({ areaId: AreaId, /** New due date YYYY-MM-DD (end of that local day). */ dueDate: CalendarDate, actor: Actor });
export type ExtendDeadlineArgs = z.input<typeof ExtendDeadlineArgs>;
export const WaiveAreaArgs = z.object({ areaId: AreaId, reason: RequiredText(2_000), actor: Actor });
export type WaiveAreaArgs = z.input<typeof WaiveAreaArgs>;
export const CloseCollectionArgs = z.object({ actor: Actor });
export type CloseCollectionArgs = z.input<typeof CloseCollectionArgs>;
/** The coordinator's decision round the form was shown in (domain/rounds.ts); absent from the CLI. */
const Round = z.number().int().min(0).optional();
export const ApproveDraftArgs = z.object({ version: Version, round: Round, actor: Actor });
export type ApproveDraftArgs = z.input<typeof ApproveDraftArgs>;
export const ReopenAreasArgs = z.object({
  version: Version,
  round: Round,
  areaIds: z.array(AreaId, { message: 'name at least one area to reopen' }).min(1, 'name at least one area to reopen'),
  comment: RequiredText(5_000),
  actor: Actor,
});
export type ReopenAreasArgs = z.input<typeof ReopenAreasArgs>;
export const OverrideRatingArgs = z
  .object({ areaId: AreaId, rating: Rag.nullable(), reason: PersonText(2_000).optional(), actor: Actor })
  .superRefine((a, ctx) => {
    if (a.rating !== null && !a.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'must not be empty: say why the rating is overridden' });
    }
  });
export type OverrideRatingArgs = z.input<typeof OverrideRatingArgs>;
export const SignOffArgs = z
  .object({ version: Version, director: Side, decision: Decision, comment: PersonText(5_000).default(''), actor: Actor })
  .superRefine((a, ctx) => {
    if (a.decision === 'request-changes' && !a.comment.trim()) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'must not be empty: say what should change' });
  });
export type SignOffArgs = z.input<typeof SignOffArgs>;
export const CancelCycleArgs = z.object({ reason: RequiredText(2_000), actor: Actor });
/**
 * The coordinator writes the synthesis of the draft in review (issue 14): the executive summary and
 * the points for the SA Council's attention. The draft's files are rendered again with it.
 */
export const SetSynthesisArgs = z.object({ version: Version, round: Round, summary: PersonText(20_000), attention: PersonText(20_000), actor: Actor })
  .superRefine((a, ctx) => {
    if (!a.summary.trim() && !a.attention.trim()) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'must not be empty: write the summary, the points for attention, or both' });
  });
export type SetSynthesisArgs = z.input<typeof SetSynthesisArgs>;
/** The coordinator asks a stuck cycle to try its render again now (the missing document is back). */
export const ResumeCycleArgs = z.object({ actor: Actor });
export type ResumeCycleArgs = z.input<typeof ResumeCycleArgs>;
export type CancelCycleArgs = z.input<typeof CancelCycleArgs>;
/** The coordinator reminds the owners of outstanding areas now (all of them, or those of `areaIds`). */
export const RemindNowArgs = z.object({ areaIds: z.array(AreaId).min(1, 'name at least one area, or leave areaIds out for all').optional(), actor: Actor });
export type RemindNowArgs = z.input<typeof RemindNowArgs>;

export const extendDeadlineUpdate = defineUpdate<UpdateOutcome, [ExtendDeadlineArgs]>('extendDeadline');
export const waiveAreaUpdate = defineUpdate<UpdateOutcome, [WaiveAreaArgs]>('waiveArea');
export const closeCollectionUpdate = defineUpdate<UpdateOutcome, [CloseCollectionArgs]>('closeCollection');
export const approveDraftUpdate = defineUpdate<UpdateOutcome, [ApproveDraftArgs]>('approveDraft');
export const reopenAreasUpdate = defineUpdate<UpdateOutcome, [ReopenAreasArgs]>('reopenAreas');
export const overrideRatingUpdate = defineUpdate<UpdateOutcome, [OverrideRatingArgs]>('overrideRating');
export const signOffUpdate = defineUpdate<UpdateOutcome, [SignOffArgs]>('signOff');
export const cancelCycleUpdate = defineUpdate<UpdateOutcome, [CancelCycleArgs]>('cancelCycle');
export const resumeCycleUpdate = defineUpdate<UpdateOutcome, [ResumeCycleArgs]>('resumeCycle');
/** The coordinator writes the synthesis of the draft in review; the draft is rendered again with it. */
export const setSynthesisUpdate = defineUpdate<UpdateOutcome, [SetSynthesisArgs]>('setSynthesis');
/** The coordinator sends a reminder now to the owners of the outstanding areas (one mail per person). */
export const remindNowUpdate = defineUpdate<UpdateOutcome, [RemindNowArgs]>('remindNow');
/** The coordinator hands an area owner's or a director's role to another person (domain/people.ts). */
export const reassignUpdate = defineUpdate<UpdateOutcome, [ReassignArgs]>('reassign');
/** A person (or the coordinator for them) names a deputy for a period, or ends one (domain/people.ts). */
export const setDeputyUpdate = defineUpdate<UpdateOutcome, [SetDeputyArgs]>('setDeputy');

/** The whole state of the cycle. */
export const stateQuery = defineQuery<ReviewCycleState>('state');

/**
 * The state as a link page reads it (domain/link-view.ts): without the mail events and, for an
 * area's link, without the other areas' commitments. Workers from before this query answer
 * "unknown query"; clients then read `state` (client/cycles.ts getLinkView).
 */
export const viewQuery = defineQuery<ReviewCycleState, [LinkViewScope]>('view');

/** Sent by an area's child workflow to the cycle whenever the area changes. */
export const areaChangedSignal = defineSignal<[AreaReport]>('areaChanged');

/** What an area's child workflow reports to its cycle. */
export type AreaReport = Pick<
  AreaState,
  'id' | 'status' | 'closed' | 'dueAt' | 'revision' | 'submittedAt' | 'submittedBy' | 'contribution' | 'input' | 'waiver' | 'reopened'
> & {
  /** Increases with each report of the area: the cycle does not apply the fields of one that arrives after a later one (it still records its event). */
  seq: number;
  /** The event to record in the cycle's history, if the change was someone's action. */
  event?: Omit<CycleEvent, 'areaId'>;
};

/** The most reports one area's workflow sends in a cycle (one per change; revisions are capped far below). */
export const MAX_AREA_REPORTS = 100_000;
/** The most an area's report may weigh, as JSON (bytes of UTF-16 code units): an inline input of old cycles (120 KB) and its event fit. */
export const MAX_AREA_REPORT_CHARS = 512 * 1024;

const LooseActor = z.looseObject({ email: z.string().min(3).max(320), role: Role, channel: Channel });
const Text = (max: number) => z.string().max(max).optional();

/**
 * What the cycle checks of an area's report before taking anything from it (signals carry no
 * schema, and one that the cycle cannot apply would fail its workflow task at every attempt): the
 * area's fields it applies, by type, and the event it records, with an action the history knows
 * and its texts bounded. Nested records are checked for what the cycle reads of them; the values
 * taken are the report's own (this schema checks, it does not transform).
 */
export const AreaReportCheck = z.looseObject({
  id: AreaId,
  seq: z.number().int().min(1).max(MAX_AREA_REPORTS),
  status: AreaStatus,
  closed: z.boolean(),
  dueAt: Instant,
  revision: z.number().int().min(0).max(MAX_AREA_REPORTS),
  submittedAt: Instant.optional(),
  submittedBy: LooseActor.optional(),
  input: z.looseObject({ key: z.string().max(300), sha256: z.string().max(64) }).optional(),
  waiver: z.looseObject({ reason: z.string().max(10_000), by: LooseActor, at: Instant }).optional(),
  reopened: z.looseObject({ comment: z.string().max(10_000), by: LooseActor, at: Instant, afterVersion: z.number().int().min(0) }).optional(),
  event: z
    .looseObject({
      action: EventKind,
      actor: LooseActor,
      at: Instant,
      comment: Text(10_000),
      reason: Text(10_000),
      revision: z.number().int().min(0).optional(),
      dueAt: Instant.optional(),
    })
    .optional(),
});

/** The fields of an area's report that the cycle copies onto its area (./state.ts AreaState). */
export const AREA_REPORT_FIELDS = ['status', 'closed', 'dueAt', 'revision', 'submittedAt', 'submittedBy', 'contribution', 'input', 'waiver', 'reopened'] as const satisfies readonly (keyof AreaReport)[];

/**
 * Why the cycle cannot take `report` (one line naming the fields), or undefined when it can: the
 * checks of `AreaReportCheck`, and its size as JSON at most MAX_AREA_REPORT_CHARS.
 */
export function areaReportProblem(report: unknown): string | undefined {
  const checked = AreaReportCheck.safeParse(report);
  if (!checked.success) return describeFieldErrors(fieldErrors(checked.error).slice(0, 5));
  const chars = JSON.stringify(report).length;
  return chars > MAX_AREA_REPORT_CHARS ? `the report is ${chars} characters as JSON; at most ${MAX_AREA_REPORT_CHARS}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// areaCollection: the child workflow of one area

/**
 * An input arrives by reference (`stored`: written to the document store first, see
 * domain/contribution-ref.ts) or, from clients of an earlier version, inline (`contribution`, at
 * most INLINE_CONTRIBUTION_MAX_BYTES). The area's own schema checks the rest; this the envelope.
 */
export const SubmitContributionArgs = z
  .object({ contribution: z.unknown().optional(), stored: StoredContribution.optional(), actor: Actor })
  .refine((a) => (a.contribution === undefined) !== (a.stored === undefined), { message: 'give either stored (a reference) or contribution (inline), not both', path: ['stored'] });
export type SubmitContributionArgs = { contribution?: ContributionInput; stored?: StoredContribution; actor: Actor };

/** An area owner (or the coordinator on their behalf) submits or revises the area's input. */
export const submitContributionUpdate = defineUpdate<SubmitContributionResult, [SubmitContributionArgs]>('submitContribution');

/** The area's state. */
export const areaStateQuery = defineQuery<AreaState>('areaState');

/** What the cycle tells an area: the coordinator's decisions, and the end of collection. */
export type AreaDirective =
  | { kind: 'extend'; dueAt: string; actor: Actor; at: string }
  | { kind: 'waive'; reason: string; actor: Actor; at: string }
  | { kind: 'close'; at: string }
  | { kind: 'reopen'; comment: string; dueAt: string; afterVersion: number; actor: Actor; at: string }
  | { kind: 'finish' }
  /** Who may submit now: the owners (after a reassignment) and the deputies acting for them, with their UTC periods. */
  | { kind: 'people'; owners: AreaOwners; deputies: { email: string; name: string; onBehalfOf: string; startsAt: string; endsAt: string }[] };

export const areaDirectiveSignal = defineSignal<[AreaDirective]>('areaDirective');

/** Result of the whole cycle: the record of the submission to the SA Council, or the cancellation. */
export type ReviewCycleResult =
  | { outcome: 'submitted'; submission: SubmissionRecord }
  | { outcome: 'cancelled'; reason: string };

export type { CommitmentStatus, SubmitContributionResult, UpdateOutcome };
