/**
 * Client-side operations on review cycles, shared by the CLI, the web server and the demo: start a
 * cycle, read its state, and send the updates people make. Every call has a deadline (no request
 * hangs on Temporal, even for a step that is closed or a cycle that has finished), and failures
 * come back as `CycleError` with a kind that maps to a CLI exit code or an HTTP status.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowIdReusePolicy,
  WorkflowIdConflictPolicy,
  ApplicationFailure,
  type Client,
} from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import {
  ReviewStageKey,
  ReviewYearKey,
  TASK_QUEUE,
  areaCollectionId,
  reviewCycleId,
  stateQuery,
  submitContributionUpdate,
  type SubmitContributionResult,
  type UpdateOutcome,
} from '../domain/messages';
import { ReviewCycleInput, initialSearchAttributes } from '../domain/cycle';
import { cycleFigures as domainCycleFigures } from '../domain/figures';
import { type Actor, type ContributionInput } from '../domain/schemas';
import { type ReviewCycleState } from '../domain/state';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE, describeFieldErrors, fieldErrors, type FieldError } from '../domain/validation';
import { refusalOf, type Refusal } from '../domain/outcomes';
import type { Seeds } from '../seeds';
import { TemporalUnavailableError } from '../infra/temporal-connection';
import type { UpdateDefinition } from '@temporalio/client';
import type { z } from 'zod';

/** How far from now a kick-off may be set, before or after (ms): two years. */
export const KICKOFF_WINDOW_MS = 2 * 366 * 24 * 3600 * 1000;

/** Deadline of one client call to Temporal (ms). */
export const CALL_TIMEOUT_MS = 15_000;

/**
 * Why an operation failed:
 * - `invalid`: bad input (field errors attached) — HTTP 400;
 * - `forbidden`: the actor may not do this — 403;
 * - `conflict`: the step is closed or already decided — 409;
 * - `gone`: the cycle has finished — 410;
 * - `not-found`: no such cycle — 404;
 * - `unavailable`: Temporal did not answer in time — 503.
 */
export type CycleErrorKind = 'invalid' | 'forbidden' | 'conflict' | 'gone' | 'not-found' | 'unavailable';

/**
 * A failed operation on a cycle. `refusal` is set when the workflow refused the action: its code
 * and facts, which each surface words in its own text module; `message` is then the refusal's code
 * and data, for logs. `fieldErrors` name the invalid fields (from the refusal, or from a check made
 * before calling Temporal).
 */
export class CycleError extends Error {
  override name = 'CycleError';
  constructor(
    readonly kind: CycleErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly refusal?: Refusal,
  ) {
    super(message);
  }
}

/** Turns a Temporal client failure into a CycleError; rethrows anything it does not recognise. */
export function toCycleError(err: unknown, what: string): CycleError {
  if (err instanceof CycleError) return err;
  if (err instanceof TemporalUnavailableError) return new CycleError('unavailable', err.message);
  if (err instanceof WorkflowNotFoundError) return new CycleError('not-found', `${what}: no such review cycle.`);
  if (err instanceof WorkflowUpdateFailedError || err instanceof ApplicationFailure) {
    const failure = err instanceof ApplicationFailure ? err : err.cause;
    if (failure instanceof ApplicationFailure) {
      const kind: CycleErrorKind =
        failure.type === VALIDATION_FAILURE ? 'invalid' : failure.type === FORBIDDEN_FAILURE ? 'forbidden' : failure.type === CONFLICT_FAILURE ? 'conflict' : 'invalid';
      const refusal = refusalOf(failure.details);
      // Failures from before refusals had codes carried the field errors as details[0].
      const legacy = Array.isArray(failure.details?.[0]) ? (failure.details[0] as FieldError[]) : [];
      const errors = refusal?.code === 'invalid-input' ? refusal.errors : legacy;
      return new CycleError(kind, failure.message, errors, refusal);
    }
  }
  const cause = (err as { cause?: Error })?.cause?.message;
  const message = `${(err as Error)?.message ?? String(err)}${cause ? `: ${cause}` : ''}`;
  if (/workflow execution already completed|already completed/i.test(message)) {
    return new CycleError('gone', `${what}: the review cycle has already finished.`);
  }
  if (/deadline|timed? ?out|unavailable|ECONNREFUSED|14 UNAVAILABLE|4 DEADLINE_EXCEEDED/i.test(message)) {
    return new CycleError('unavailable', `${what}: Temporal did not answer in time (${message}).`);
  }
  // The cycle exists but cannot answer now: its workflow task is failing (e.g. a worker bug), or
  // its state is too large to return. A person gets "try later", never a crash or a 500.
  if (/FAILED_PRECONDITION|Workflow Task in failed state|exceeds limit|QueryNotRegistered|query.*not.*registered/i.test(message)) {
    return new CycleError('unavailable', `${what}: the review cycle cannot answer right now (${message}).`);
  }
  throw err;
}

/** Runs `fn` with the call deadline, mapping failures to CycleError. */
async function call<T>(client: Client, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, fn);
  } catch (err) {
    throw toCycleError(err, what);
  }
}

/**
 * Starts the review cycle of `year` from the seeds. `kickoffAt` (ISO 8601 UTC) defaults to now,
 * and must lie within two years of now. Throws CycleError `conflict` when the year already has a
 * cycle (running or closed: one cycle per year), `invalid` when the seeds do not make a valid
 * input or the kick-off is out of range.
 */
export async function startCycle(
  client: Client,
  opts: { year: number; kickoffAt?: string; seeds: Seeds; startedBy: Actor },
): Promise<{ workflowId: string; runId: string }> {
  const workflowId = reviewCycleId(opts.year);
  if (opts.kickoffAt && Math.abs(Date.parse(opts.kickoffAt) - Date.now()) > KICKOFF_WINDOW_MS) {
    throw new CycleError('invalid', `kickoff: ${opts.kickoffAt.slice(0, 10)} is more than two years from today`, [
      { path: 'kickoffAt', message: 'must be within two years of today' },
    ]);
  }
  const input = cycleInputFromSeeds({ ...opts, kickoffAt: opts.kickoffAt ?? new Date().toISOString() });
  try {
    const handle = await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, () =>
      client.workflow.start('reviewCycle', {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: new TypedSearchAttributes(initialSearchAttributes(opts.year)),
      }),
    );
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw new CycleError('conflict', `A review cycle for ${opts.year} already exists (workflow id ${workflowId}); there is one cycle per year. See it with: sdp-review status --year ${opts.year}`);
    }
    throw toCycleError(err, `start ${workflowId}`);
  }
}

/**
 * The input of the cycle of `year` from the seeds, kicked off at `kickoffAt` (ISO 8601 UTC), as
 * the workflow receives it. Throws CycleError `invalid`, with field errors, when the seeds do not
 * make a valid input.
 */
export function cycleInputFromSeeds(opts: { year: number; kickoffAt: string; seeds: Seeds; startedBy: Actor }): z.output<typeof ReviewCycleInput> {
  const { areas, participants, timeline, reminderPolicy } = opts.seeds;
  const input = ReviewCycleInput.safeParse({ year: opts.year, kickoffAt: opts.kickoffAt, areas, participants, timeline, reminderPolicy, startedBy: opts.startedBy });
  if (!input.success) {
    const errors = fieldErrors(input.error);
    throw new CycleError('invalid', `Cannot start the ${opts.year} cycle: ${describeFieldErrors(errors)}`, errors);
  }
  return input.data;
}

/** The whole state of the cycle of `year` (the `state` query). Throws CycleError `not-found`. */
export function getCycleState(client: Client, year: number): Promise<ReviewCycleState> {
  const id = reviewCycleId(year);
  return call(client, id, () => client.workflow.getHandle(id).query(stateQuery));
}

/** Status of the workflow execution (RUNNING, COMPLETED, …) of the cycle of `year`. */
export async function describeCycle(client: Client, year: number) {
  const id = reviewCycleId(year);
  return call(client, id, () => client.workflow.getHandle(id).describe());
}

/**
 * Sends an update to the cycle of `year`. `updateId` makes a repeated request (a double click, a
 * retried POST) return the first result instead of acting twice.
 */
export function updateCycle<A>(
  client: Client,
  year: number,
  def: UpdateDefinition<UpdateOutcome, [A]>,
  arg: A,
  updateId?: string,
): Promise<UpdateOutcome> {
  const id = reviewCycleId(year);
  return call(client, id, async () => {
    try {
      return await client.workflow.getHandle(id).executeUpdate(def, { args: [arg], updateId });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) await throwIfFinished(client, id);
      throw err;
    }
  });
}

/**
 * An Update on a closed workflow fails as "not found"; when the workflow does exist, says that the
 * cycle has finished (CycleError `gone`) instead.
 */
async function throwIfFinished(client: Client, workflowId: string): Promise<void> {
  const described = await client.workflow.getHandle(workflowId).describe().catch(() => undefined);
  if (described && described.status.name !== 'RUNNING') {
    throw new CycleError('gone', `${workflowId}: the review cycle has finished (${described.status.name.toLowerCase()}); nothing can change it now.`);
  }
}

/** Submits or revises an area's input (Update on the area's child workflow). */
export function submitContribution(
  client: Client,
  opts: { year: number; areaId: string; contribution: ContributionInput; actor: Actor; updateId?: string },
): Promise<SubmitContributionResult> {
  const id = areaCollectionId(opts.year, opts.areaId);
  return call(client, id, async () => {
    // Right after kick-off the cycle may not have started the area's child workflow yet: while the
    // cycle runs, wait for it (a few seconds at most) instead of answering "not found".
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.workflow.getHandle(id).executeUpdate(submitContributionUpdate, { args: [{ contribution: opts.contribution, actor: opts.actor }], updateId: opts.updateId });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError) || attempt >= 20) throw err;
        const cycle = await client.workflow.getHandle(reviewCycleId(opts.year)).describe().catch(() => undefined);
        if (cycle?.status.name !== 'RUNNING') {
          throw cycle ? new CycleError('gone', `${id}: the review cycle ${opts.year} is ${cycle.status.name.toLowerCase()}.`) : err;
        }
        if (!cycle.raw.pendingChildren?.length && attempt > 5) {
          throw new CycleError('not-found', `areaId: the ${opts.year} cycle has no area "${opts.areaId}".`);
        }
        await new Promise((r) => setTimeout(r, 100 * Math.min(attempt + 1, 5)));
      }
    }
  });
}

/** One row of `listCycles`. */
export interface CycleSummary {
  workflowId: string;
  year: number;
  stage: string;
  status: string;
  startTime: string;
  closeTime?: string;
}

/**
 * Lists cycles through Temporal visibility, newest year first, optionally filtered by stage or
 * year (search attributes `ReviewYear`, `ReviewStage`).
 */
export async function listCycles(client: Client, filter: { stage?: string; year?: number } = {}): Promise<CycleSummary[]> {
  const clauses = [`WorkflowType = 'reviewCycle'`];
  if (filter.stage) clauses.push(`ReviewStage = '${filter.stage.replace(/'/g, '')}'`);
  if (filter.year) clauses.push(`ReviewYear = ${Math.trunc(filter.year)}`);
  return call(client, 'list', async () => {
    const rows: CycleSummary[] = [];
    for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
      rows.push({
        workflowId: wf.workflowId,
        year: Number(wf.typedSearchAttributes.get(ReviewYearKey) ?? 0),
        stage: String(wf.typedSearchAttributes.get(ReviewStageKey) ?? ''),
        status: wf.status.name,
        startTime: wf.startTime.toISOString(),
        closeTime: wf.closeTime?.toISOString(),
      });
    }
    return rows.sort((a, b) => b.year - a.year);
  });
}

/** Deadline of the `state` query that `cycleListRows` makes per running cycle (ms): short, as they run side by side. */
export const LIST_QUERY_TIMEOUT_MS = 5_000;

/**
 * One row of `cycleListRows`: the visibility summary, and for a running cycle what its `state`
 * query says — areas submitted (of all areas), how many awaited items are overdue (areas in
 * collecting, the draft in drafting, directors in sign-off; the rules of `reminderItems`), and the
 * next deadline still ahead (ISO 8601 UTC). `queryError` says why those are missing when the query
 * failed.
 */
export interface CycleListRow extends CycleSummary {
  areasSubmitted?: number;
  areasTotal?: number;
  overdue?: number;
  nextDeadline?: string;
  timeZone?: string;
  queryError?: string;
}

/** The list figures of one cycle's state at `now` (ms since the epoch). */
export function cycleFigures(state: ReviewCycleState, now = Date.now()): Pick<CycleListRow, 'areasSubmitted' | 'areasTotal' | 'overdue' | 'nextDeadline' | 'timeZone'> {
  const figures = domainCycleFigures(state, now);
  return { areasSubmitted: figures.areasSubmitted, areasTotal: figures.areasTotal, overdue: figures.overdue, nextDeadline: figures.nextDeadline?.at, timeZone: state.timeZone };
}

/**
 * Lists cycles (visibility, `listCycles`) and queries each running one, in parallel, each query
 * with its own deadline of LIST_QUERY_TIMEOUT_MS. A cycle whose query fails (no worker answering)
 * keeps its row, with `queryError`. Throws CycleError when the listing itself fails.
 */
export async function cycleListRows(client: Client, filter: { stage?: string; year?: number } = {}, now = Date.now()): Promise<CycleListRow[]> {
  const rows = await listCycles(client, filter);
  return Promise.all(
    rows.map(async (row): Promise<CycleListRow> => {
      if (row.status !== 'RUNNING') return row;
      try {
        const state = await client.withDeadline(Date.now() + LIST_QUERY_TIMEOUT_MS, () => client.workflow.getHandle(row.workflowId).query(stateQuery));
        return { ...row, ...cycleFigures(state, now) };
      } catch (err) {
        let message: string;
        try {
          message = toCycleError(err, row.workflowId).message;
        } catch {
          message = (err as Error).message;
        }
        return { ...row, queryError: message };
      }
    }),
  );
}
