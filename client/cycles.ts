/**
 * Client-side operations on review cycles, shared by the CLI, the web server and the demo: start a
 * cycle, read its state, and send the updates people make. Every call has a deadline (no request
 * hangs on Temporal, even for a step that is closed or a cycle that has finished), and failures
 * come back as `CycleError` with a kind that maps to a CLI exit code or an HTTP status.
 */
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowIdReusePolicy,
  WorkflowIdConflictPolicy,
  QueryNotRegisteredError,
  type Client,
  type WorkflowHandle,
  type WorkflowExecutionInfo,
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
  viewQuery,
  type SubmitContributionArgs,
  type SubmitContributionResult,
  type UpdateOutcome,
} from '../domain/messages';
import { ReviewCycleInput, initialSearchAttributes } from '../domain/cycle';
import { cycleFigures as domainCycleFigures } from '../domain/figures';
import { type Actor, type AreaOfCooperation, type ContributionInput } from '../domain/schemas';
import { type ReviewCycleState } from '../domain/state';
import { linkView, type LinkViewScope } from '../domain/link-view';
import { readCycleArchive, type ArchivedCycle } from '../activities/archive';
import { figuresOfListMemo, listMemoOf, type CycleListMemo } from '../domain/cycle-list-memo';
import type { DocumentStore } from '../infra/storage';
import { storeContribution } from './contributions';
import { CycleError, toCycleError } from './errors';
import { withRetry } from './retry';
import { SCHEDULED_START_MEMO, endedBeforeItBegan, type ScheduledStartMemo } from './scheduled-cycles';
import { describeFieldErrors, fieldErrors } from '../domain/validation';
import type { Seeds } from '../seeds';
import type { UpdateDefinition } from '@temporalio/client';
import type { z } from 'zod';

/** How far from now a kick-off may be set, before or after (ms): two years. */
export const KICKOFF_WINDOW_MS = 2 * 366 * 24 * 3600 * 1000;

/** Deadline of one client call to Temporal (ms). */
export const CALL_TIMEOUT_MS = 15_000;


/**
 * Runs `fn` within the call deadline (default CALL_TIMEOUT_MS, for every attempt together), again
 * after a transient gRPC failure (client/retry.ts), mapping the last failure to CycleError. `fn`
 * must be safe to run twice: a read, or an Update under a fixed update id.
 */
async function call<T>(client: Client, what: string, fn: () => Promise<T>, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  try {
    return await withRetry(client, Date.now() + timeoutMs, fn);
  } catch (err) {
    throw toCycleError(err, what);
  }
}

/**
 * Refuses a kick-off (ISO 8601 UTC) more than two years from now: CycleError `invalid` naming
 * `kickoffAt`. For callers that check it before asking anyone to confirm; `startCycle` checks too.
 */
export function checkKickoff(kickoffAt: string, now = Date.now()): void {
  if (Math.abs(Date.parse(kickoffAt) - now) > KICKOFF_WINDOW_MS) {
    throw new CycleError('invalid', `kickoff: ${kickoffAt.slice(0, 10)} is more than two years from today`, [
      { path: 'kickoffAt', message: 'must be within two years of today' },
    ]);
  }
}

/**
 * Starts the review cycle of `year` from the seeds. `kickoffAt` (ISO 8601 UTC) defaults to now,
 * and must lie within two years of now. With `startAtKickoff`, the cycle begins at `kickoffAt`
 * (which must then be ahead): Temporal holds its start until then (a start delay), so nobody is
 * mailed before it, and `client/scheduled-cycles.ts` reads or cancels it meanwhile; `runId` is
 * then that of the scheduled run. Throws CycleError `conflict` when the year already has a cycle
 * (running, scheduled or closed: one cycle per year; a cycle cancelled before it began does not
 * count), `invalid` when the seeds do not make a valid input, the kick-off is out of range or
 * `marking` is not a usable distribution marking (field `marking`). `marking` (e.g. `LIMITE`, `''`
 * for none) is printed on this cycle's reports; without it, the worker's `SDP_REPORT_MARKING`.
 */
export async function startCycle(
  client: Client,
  opts: { year: number; kickoffAt?: string; seeds: Seeds; startedBy: Actor; startAtKickoff?: boolean; marking?: string },
): Promise<{ workflowId: string; runId: string }> {
  const workflowId = reviewCycleId(opts.year);
  if (opts.kickoffAt) checkKickoff(opts.kickoffAt);
  const startDelayMs = opts.startAtKickoff && opts.kickoffAt ? Date.parse(opts.kickoffAt) - Date.now() : 0;
  if (opts.startAtKickoff && startDelayMs <= 0) {
    throw new CycleError('invalid', `kickoff: ${opts.kickoffAt ?? 'now'} is not ahead; a scheduled start needs a later kick-off`, [{ path: 'kickoffAt', message: 'must be ahead' }]);
  }
  const input = cycleInputFromSeeds({ ...opts, kickoffAt: opts.kickoffAt ?? new Date().toISOString() });
  const scheduled: ScheduledStartMemo | undefined = startDelayMs > 0 ? { at: input.kickoffAt, timeZone: input.timeline.timeZone } : undefined;
  const start = (workflowIdReusePolicy: WorkflowIdReusePolicy) =>
    client.withDeadline(Date.now() + CALL_TIMEOUT_MS, () =>
      client.workflow.start('reviewCycle', {
        taskQueue: TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdReusePolicy,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        typedSearchAttributes: new TypedSearchAttributes(initialSearchAttributes(opts.year)),
        ...(scheduled ? { startDelay: startDelayMs, memo: { [SCHEDULED_START_MEMO]: scheduled } } : {}),
      }),
    );
  try {
    let handle;
    try {
      handle = await start(WorkflowIdReusePolicy.REJECT_DUPLICATE);
    } catch (err) {
      // A cycle cancelled before it began ran no code and mailed nobody: the year is free again.
      // The server still refuses it if a cycle that did run has closed meanwhile.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || !(await endedBeforeItBegan(client, workflowId))) throw err;
      handle = await start(WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY);
    }
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
 * the workflow receives it, with the cycle's distribution `marking` when one is given. Throws
 * CycleError `invalid`, with field errors, when the seeds or the marking do not make a valid input.
 */
export function cycleInputFromSeeds(opts: { year: number; kickoffAt: string; seeds: Seeds; startedBy: Actor; marking?: string }): z.output<typeof ReviewCycleInput> {
  const { areas, participants, timeline, reminderPolicy } = opts.seeds;
  const input = ReviewCycleInput.safeParse({
    year: opts.year, kickoffAt: opts.kickoffAt, areas, participants, timeline, reminderPolicy, startedBy: opts.startedBy,
    ...(opts.marking === undefined ? {} : { marking: opts.marking }),
  });
  if (!input.success) {
    const errors = fieldErrors(input.error);
    throw new CycleError('invalid', `Cannot start the ${opts.year} cycle: ${describeFieldErrors(errors)}`, errors);
  }
  return input.data;
}

/** Where finished cycles are read without Temporal: the document store that holds `archive/<year>/`. */
export interface ArchiveSource {
  archive?: DocumentStore;
}

/**
 * The whole state of the cycle of `year`. With `archive`, a cycle whose final archive exists
 * is read from it (no query: a query on a closed workflow replays its whole history), and a cycle
 * that Temporal no longer has (deleted after the namespace's retention) from its latest archive.
 * Otherwise the `state` query, within `timeoutMs` (default CALL_TIMEOUT_MS). Throws CycleError
 * (`not-found`, `unavailable`, …).
 */
export async function getCycleState(client: Client, year: number, opts: ArchiveSource & { timeoutMs?: number } = {}): Promise<ReviewCycleState> {
  return readCycle(client, year, opts, (handle) => handle.query(stateQuery), (state) => state);
}

/**
 * The cycle of `year` as a link page of `scope` reads it (domain/link-view.ts: no mail events; for
 * an area's link, no other area's commitments): the `view` query, a fraction of the state's size.
 * A worker from before that query answers "not registered"; then the `state` query, cut here. From
 * the archive as getCycleState. Throws CycleError like getCycleState.
 */
export async function getLinkView(client: Client, year: number, scope: LinkViewScope, opts: ArchiveSource & { timeoutMs?: number } = {}): Promise<ReviewCycleState> {
  const cut = (state: ReviewCycleState) => linkView(state, scope);
  return readCycle(client, year, opts, async (handle) => {
    try {
      return await handle.query(viewQuery, scope);
    } catch (err) {
      if (err instanceof QueryNotRegisteredError) return cut(await handle.query(stateQuery));
      throw err;
    }
  }, cut);
}

/**
 * How long a store that had no final archive of a year is believed: a running cycle's pages then
 * cost one query, not a store read (an S3 request) and a query on every click. A cycle that
 * finishes meanwhile is read by a query of its closed workflow for at most this long.
 */
const NO_FINAL_ARCHIVE_MS = 5_000;
/** By store, the years without a final archive and when that was seen (ms since the epoch); a few years per store. */
const noFinalArchive = new WeakMap<DocumentStore, Map<number, number>>();

async function readCycle(
  client: Client,
  year: number,
  opts: ArchiveSource & { timeoutMs?: number },
  query: (handle: WorkflowHandle) => Promise<ReviewCycleState>,
  cut: (archived: ReviewCycleState) => ReviewCycleState,
): Promise<ReviewCycleState> {
  const id = reviewCycleId(year);
  const store = opts.archive;
  let seen = store ? noFinalArchive.get(store) : undefined;
  if (store && !seen) noFinalArchive.set(store, (seen = new Map()));
  // A damaged archive must not hide a cycle Temporal can still answer for: its error waits.
  let archiveError: Error | undefined;
  const readArchive = async () =>
    store
      ? readCycleArchive(store, year).catch((err: Error) => {
          archiveError = err;
          return undefined;
        })
      : undefined;
  const recentlyWithout = (seen?.get(year) ?? -Infinity) > Date.now() - NO_FINAL_ARCHIVE_MS;
  let archived = recentlyWithout ? undefined : await readArchive();
  if (archived?.final) return cut(archived.state);
  if (seen && !recentlyWithout && !archiveError) seen.set(year, Date.now());
  try {
    return await call(client, id, () => query(client.workflow.getHandle(id)), opts.timeoutMs);
  } catch (err) {
    if (!(err instanceof CycleError && err.kind === 'not-found')) throw err;
    if (recentlyWithout) {
      seen!.delete(year);
      archived = await readArchive();
    }
    if (archived) return cut(archived.state);
    if (archiveError) throw new CycleError('unavailable', `${id}: ${archiveError.message}`);
    throw err;
  }
}

/** Status of the workflow execution (RUNNING, COMPLETED, …) of the cycle of `year`. */
export async function describeCycle(client: Client, year: number) {
  const id = reviewCycleId(year);
  return call(client, id, () => client.workflow.getHandle(id).describe());
}

/**
 * Sends an update to the cycle of `year`. `updateId` makes a repeated request (a double click, a
 * retried POST) return the first result instead of acting twice; without one, a new id is made
 * here, so that the retries of this call (client/retry.ts) are recognised as one request too.
 */
export function updateCycle<A>(
  client: Client,
  year: number,
  def: UpdateDefinition<UpdateOutcome, [A]>,
  arg: A,
  updateId: string = randomUUID(),
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

/**
 * Submits or revises an area's input (Update on the area's child workflow). With `store`, the
 * input goes by reference (`storeContribution`; the area's commitments are read from the cycle's
 * state unless `area` is given) and may be up to 2 MB; without it, inline as clients of earlier
 * versions sent it (at most 120 KB).
 */
export async function submitContribution(
  client: Client,
  opts: {
    year: number;
    areaId: string;
    contribution: ContributionInput;
    actor: Actor;
    updateId?: string;
    store?: DocumentStore;
    area?: Pick<AreaOfCooperation, 'id' | 'commitments'>;
  },
): Promise<SubmitContributionResult> {
  const id = areaCollectionId(opts.year, opts.areaId);
  // One id for every attempt of this call, so that a retry is not a second revision.
  const updateId = opts.updateId ?? randomUUID();
  const noArea = () => new CycleError('not-found', `areaId: the ${opts.year} cycle has no area "${opts.areaId}".`, [], { code: 'unknown-area', field: 'areaId', areaId: opts.areaId, known: [] });
  let args: SubmitContributionArgs = { contribution: opts.contribution, actor: opts.actor };
  if (opts.store) {
    const area = opts.area ?? (await getCycleState(client, opts.year)).areas.find((a) => a.id === opts.areaId);
    if (!area) throw noArea();
    args = { stored: await storeContribution(opts.store, { year: opts.year, area, contribution: opts.contribution }), actor: opts.actor };
  }
  const cycleId = reviewCycleId(opts.year);
  return call(client, id, async () => {
    // Right after kick-off the cycle may not have started the area's workflow yet (under load its
    // first workflow task alone can take seconds): while the cycle runs and has the area, wait for
    // it until the call's deadline (then "try later") instead of answering "not found". Whether it
    // has the area is asked of the cycle only when the area's workflow is not among its children
    // being started, and once the cycle can answer.
    let hasArea: boolean | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.workflow.getHandle(id).executeUpdate(submitContributionUpdate, { args: [args], updateId });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        // A failure to describe (the deadline, Temporal busy) is the answer; "not found" is the update's.
        const cycle = await client.workflow.getHandle(cycleId).describe().catch((e: unknown) => {
          if (e instanceof WorkflowNotFoundError) return undefined;
          throw e;
        });
        if (!cycle) throw err;
        if (cycle.status.name !== 'RUNNING') throw new CycleError('gone', `${id}: the review cycle ${opts.year} is ${cycle.status.name.toLowerCase()}.`);
        const starting = cycle.raw.pendingChildren?.some((c) => c.workflowId === id);
        if (!starting && hasArea === undefined && attempt % 5 === 4) hasArea = await cycleHasArea(client, cycleId, opts.areaId);
        if (hasArea === false) throw noArea();
        await new Promise((r) => setTimeout(r, 100 * Math.min(attempt + 1, 5)));
      }
    }
  });
}

/**
 * Whether the running cycle `cycleId` has the area `areaId`, from its state; undefined while it
 * cannot answer (its first workflow task not done yet, Temporal busy): the caller asks again later.
 */
async function cycleHasArea(client: Client, cycleId: string, areaId: string): Promise<boolean | undefined> {
  try {
    return (await client.workflow.getHandle(cycleId).query(stateQuery)).areas.some((a) => a.id === areaId);
  } catch {
    return undefined;
  }
}

/** One row of `listCycles`. */
export interface CycleSummary {
  workflowId: string;
  year: number;
  stage: string;
  status: string;
  startTime: string;
  closeTime?: string;
  /** True when Temporal no longer has the cycle and the row comes from its archive. */
  archived?: boolean;
  /** A cycle that has not begun: when it begins (ISO 8601 UTC). It answers no query until then. */
  scheduledStartAt?: string;
  /** The cycle's time zone, when known from the listing (a scheduled start records it). */
  timeZone?: string;
  /**
   * The cycle's list view, from its workflow's memo (domain/cycle-list-memo.ts) when the workflow
   * keeps one: its figures without a query. Absent for cycles whose workflow does not.
   */
  list?: CycleListMemo;
}

/**
 * Lists cycles through Temporal visibility, newest year first, optionally filtered by stage or
 * year (search attributes `ReviewYear`, `ReviewStage`). With `archive`, cycles that Temporal no
 * longer has but whose archive exists are listed too, from their archive.
 */
export async function listCycles(client: Client, filter: { stage?: string; year?: number } = {}, source: ArchiveSource = {}): Promise<CycleSummary[]> {
  const live = await listLiveCycles(client, filter);
  if (!source.archive) return live;
  const known = new Set(live.map((r) => r.year));
  const archived = (await archivesNotIn(source.archive, known, filter.year))
    .filter((a) => !filter.stage || a.state.stage === filter.stage)
    .map(archivedSummary);
  return [...live, ...archived].sort((a, b) => b.year - a.year);
}

/**
 * The archives of the years in `store` that `known` lacks (and of `year` only, when given): one
 * listing of `archive/`, then a read of each such archive only. The cycles Temporal still lists are
 * not read here: they were, for every list, before (a whole state per finished cycle).
 */
async function archivesNotIn(store: DocumentStore, known: ReadonlySet<number>, year?: number): Promise<ArchivedCycle[]> {
  const keys = await store.list('archive/');
  const years = new Set(keys.map((k) => Number(/^archive\/(\d{4})\/cycle-state\.json$/.exec(k)?.[1] ?? Number.NaN)));
  const wanted = [...years].filter((y) => Number.isInteger(y) && !known.has(y) && (!year || y === year));
  // A damaged archive is left out of the list, as listCycleArchives does.
  const found = await Promise.all(wanted.map((y) => readCycleArchive(store, y).catch(() => undefined)));
  return found.filter((a): a is ArchivedCycle => !!a);
}

/** The list row of a cycle known only from its archive. */
function archivedSummary({ state, archivedAt }: ArchivedCycle): CycleSummary {
  const status = state.stage === 'submitted' ? 'COMPLETED' : state.stage === 'cancelled' ? 'CANCELED' : 'UNKNOWN';
  return { workflowId: state.workflowId, year: state.year, stage: state.stage, status, startTime: state.events[0]?.at ?? state.kickoffAt, closeTime: archivedAt, archived: true };
}

async function listLiveCycles(client: Client, filter: { stage?: string; year?: number }): Promise<CycleSummary[]> {
  const clauses = [`WorkflowType = 'reviewCycle'`];
  if (filter.stage) clauses.push(`ReviewStage = '${filter.stage.replace(/'/g, '')}'`);
  if (filter.year) clauses.push(`ReviewYear = ${Math.trunc(filter.year)}`);
  return call(client, 'list', async () => {
    const rows: CycleSummary[] = [];
    for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
      rows.push({
        workflowId: wf.workflowId,
        year: Number(wf.typedSearchAttributes.get(ReviewYearKey) ?? 0),
        // A run that closed before its start delay was over never began: cancelled before it started.
        stage: wf.closeTime && wf.executionTime && wf.executionTime > wf.closeTime ? 'cancelled' : String(wf.typedSearchAttributes.get(ReviewStageKey) ?? ''),
        status: wf.status.name,
        startTime: wf.startTime.toISOString(),
        closeTime: wf.closeTime?.toISOString(),
        ...scheduledStartOf(wf),
        ...listViewOf(wf),
      });
    }
    return rows.sort((a, b) => b.year - a.year);
  });
}

/** The list view in a listed cycle's memo, with its time zone, when its workflow keeps one. */
function listViewOf(wf: WorkflowExecutionInfo): Pick<CycleSummary, 'list' | 'timeZone'> {
  const list = listMemoOf(wf.memo);
  return list ? { list, timeZone: list.timeZone } : {};
}

/**
 * When a running cycle has not begun yet (a delayed start whose delay is not over, `startCycle`
 * with `startAtKickoff`): its start instant and time zone, for its list row.
 */
function scheduledStartOf(wf: WorkflowExecutionInfo): Pick<CycleSummary, 'scheduledStartAt' | 'timeZone'> {
  if (wf.status.name !== 'RUNNING' || !wf.executionTime || wf.executionTime.getTime() <= Date.now()) return {};
  const memo = wf.memo?.[SCHEDULED_START_MEMO] as Partial<ScheduledStartMemo> | undefined;
  return { scheduledStartAt: memo?.at ?? wf.executionTime.toISOString(), ...(typeof memo?.timeZone === 'string' ? { timeZone: memo.timeZone } : {}) };
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
 * Lists cycles (visibility, `listCycles`) and queries each running one whose workflow keeps no list
 * view in its memo, in parallel, each query with its own deadline of LIST_QUERY_TIMEOUT_MS. A cycle whose query fails (no worker answering)
 * keeps its row, with `queryError`. Throws CycleError when the listing itself fails.
 */
export async function cycleListRows(client: Client, filter: { stage?: string; year?: number } = {}, now = Date.now(), source: ArchiveSource = {}): Promise<CycleListRow[]> {
  const rows = await listCycles(client, filter, source);
  return Promise.all(
    rows.map(async (row): Promise<CycleListRow> => {
      // A cycle that has not begun cannot answer a query yet: its row says when it begins.
      if (row.status !== 'RUNNING' || row.scheduledStartAt) return row;
      // A workflow that keeps its list view in its memo needs no query.
      if (row.list) {
        const f = figuresOfListMemo(row.list, now);
        return { ...row, areasSubmitted: f.areasSubmitted, areasTotal: f.areasTotal, overdue: f.overdue, nextDeadline: f.nextDeadline?.at, timeZone: row.list.timeZone };
      }
      try {
        const state = await withRetry(client, Date.now() + LIST_QUERY_TIMEOUT_MS, () => client.workflow.getHandle(row.workflowId).query(stateQuery));
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
