/**
 * Client-side operations on review cycles, shared by the CLI, the web server and the demo: start a
 * cycle, read its state, and send the updates people make. Every call has a deadline (no request
 * hangs on Temporal; ../shared/cases C4), and failures come back as `CycleError` with a kind that
 * maps to a CLI exit code or an HTTP status.
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
import { ReviewCycleInput } from '../domain/cycle';
import { type Actor, type ContributionInput, type ReviewCycleState } from '../domain/schemas';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE, fieldErrors, type FieldError } from '../domain/validation';
import type { Seeds } from '../seeds';
import { TemporalUnavailableError } from '../infra/temporal-connection';
import type { UpdateDefinition } from '@temporalio/client';

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

export class CycleError extends Error {
  override name = 'CycleError';
  constructor(
    readonly kind: CycleErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
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
      const details = Array.isArray(failure.details?.[0]) ? (failure.details[0] as FieldError[]) : [];
      return new CycleError(kind, failure.message, details);
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
 * Starts the review cycle of `year` from the seeds. `kickoffDate` (YYYY-MM-DD, local in the
 * timeline's zone) defaults to now. Throws CycleError `conflict` when the year already has a cycle
 * (running or closed: one cycle per year), `invalid` when the seeds do not make a valid input.
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
  const input = ReviewCycleInput.safeParse({
    year: opts.year,
    kickoffAt: opts.kickoffAt ?? new Date().toISOString(),
    areas: opts.seeds.areas,
    participants: opts.seeds.participants,
    timeline: opts.seeds.timeline,
    reminderPolicy: opts.seeds.reminderPolicy,
    startedBy: opts.startedBy,
  });
  if (!input.success) {
    const errors = fieldErrors(input.error);
    throw new CycleError('invalid', `Cannot start the ${opts.year} cycle: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
  }
  try {
    const handle = await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, () =>
      client.workflow.start('reviewCycle', {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input.data],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: new TypedSearchAttributes([
          { key: ReviewYearKey, value: opts.year },
          { key: ReviewStageKey, value: 'collecting' },
        ]),
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
