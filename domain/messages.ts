/**
 * The messages of sdp-review's workflows, defined once for workflows and clients alike: updates,
 * signals, queries, search attribute keys, the task queue and the workflow ids. A client can only
 * call what is defined here.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  AreaState,
  CommitmentStatus,
  ContributionInput,
  Decision,
  ReviewCycleState,
  Side,
  Stage,
  SubmissionRecord,
} from './schemas';
import type { Rag } from './report';

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
// reviewCycle: updates by the coordinator and the directors

export interface ExtendDeadlineArgs { areaId: string; /** New due date YYYY-MM-DD (end of that local day). */ dueDate: string; actor: Actor }
export interface WaiveAreaArgs { areaId: string; reason: string; actor: Actor }
export interface CloseCollectionArgs { actor: Actor }
export interface ApproveDraftArgs { version: number; actor: Actor }
export interface ReopenAreasArgs { version: number; areaIds: string[]; comment: string; actor: Actor }
export interface OverrideRatingArgs { areaId: string; rating: Rag | null; reason: string; actor: Actor }
export interface SignOffArgs { version: number; director: Side; decision: Decision; comment: string; actor: Actor }
export interface CancelCycleArgs { reason: string; actor: Actor }

/** Result of an update: what was recorded, and what happens next, as people read it. */
export interface UpdateOutcome { recorded: string; next: string; stage: Stage }

export const extendDeadlineUpdate = defineUpdate<UpdateOutcome, [ExtendDeadlineArgs]>('extendDeadline');
export const waiveAreaUpdate = defineUpdate<UpdateOutcome, [WaiveAreaArgs]>('waiveArea');
export const closeCollectionUpdate = defineUpdate<UpdateOutcome, [CloseCollectionArgs]>('closeCollection');
export const approveDraftUpdate = defineUpdate<UpdateOutcome, [ApproveDraftArgs]>('approveDraft');
export const reopenAreasUpdate = defineUpdate<UpdateOutcome, [ReopenAreasArgs]>('reopenAreas');
export const overrideRatingUpdate = defineUpdate<UpdateOutcome, [OverrideRatingArgs]>('overrideRating');
export const signOffUpdate = defineUpdate<UpdateOutcome, [SignOffArgs]>('signOff');
export const cancelCycleUpdate = defineUpdate<UpdateOutcome, [CancelCycleArgs]>('cancelCycle');

/** The whole state of the cycle. */
export const stateQuery = defineQuery<ReviewCycleState>('state');

/** Sent by an area's child workflow to the cycle whenever the area changes. */
export const areaChangedSignal = defineSignal<[AreaReport]>('areaChanged');

/** What an area's child workflow reports to its cycle. */
export type AreaReport = Pick<
  AreaState,
  'id' | 'status' | 'closed' | 'dueAt' | 'revision' | 'submittedAt' | 'submittedBy' | 'contribution' | 'waiver' | 'reopened'
> & {
  /** Increases with each report of the area, so the cycle can drop one that arrives late. */
  seq: number;
  /** The event to record in the cycle's history, if the change was someone's action. */
  event?: { action: string; actor: Actor; at: string; detail?: string };
};

// ---------------------------------------------------------------------------------------------
// areaCollection: the child workflow of one area

export interface SubmitContributionArgs { contribution: ContributionInput; actor: Actor }
export interface SubmitContributionResult extends UpdateOutcome { revision: number; submittedAt: string }

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
  | { kind: 'finish' };

export const areaDirectiveSignal = defineSignal<[AreaDirective]>('areaDirective');

/** Result of the whole cycle: the record of the submission to the SA Council, or the cancellation. */
export type ReviewCycleResult =
  | { outcome: 'submitted'; submission: SubmissionRecord }
  | { outcome: 'cancelled'; reason: string };

export type { CommitmentStatus };
