/**
 * Cycles that have not begun. `sdp-review start --kickoff <a later date>` starts the cycle's
 * workflow with a start delay (`startCycle` with `startAtKickoff`): until the kick-off Temporal
 * holds only its start (one history event), no workflow code has run, nobody has been mailed, and
 * the workflow answers no query or update. These functions read such a cycle from Temporal's
 * description of it, and cancel it before it begins (a termination: nothing of the workflow ran,
 * so there is nothing to wind down). They import nothing from cycles.ts, which uses them.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { reviewCycleId } from '../domain/messages';
import type { Actor } from '../domain/schemas';
import { CycleError, toCycleError } from './errors';

/** The memo key under which a scheduled start records its kick-off instant and time zone. */
export const SCHEDULED_START_MEMO = 'scheduledStart';

/** What a scheduled start keeps in its memo (ISO 8601 UTC instant, IANA zone). */
export interface ScheduledStartMemo {
  at: string;
  timeZone: string;
}

/** A cancellation this close to the start (ms) is refused: the workflow may begin while it is made. */
export const CANCEL_MARGIN_MS = 60_000;

/** Deadline of each call made here (ms), as CALL_TIMEOUT_MS in cycles.ts. */
const TIMEOUT_MS = 15_000;

/**
 * A cycle that has not begun: `scheduled` (it begins at `startsAt`, ISO 8601 UTC) or
 * `cancelled-before-start` (terminated before it began; `reason` as recorded, `cancelledAt` UTC).
 * `timeZone` is the cycle's, when the start recorded it.
 */
export type NotBegunCycle =
  | { state: 'scheduled'; workflowId: string; runId: string; year: number; startsAt: string; timeZone?: string }
  | { state: 'cancelled-before-start'; workflowId: string; runId: string; year: number; startsAt?: string; timeZone?: string; cancelledAt?: string; reason: string };

async function call<T>(client: Client, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + TIMEOUT_MS, fn);
  } catch (err) {
    throw toCycleError(err, what);
  }
}

/** The memo of a scheduled start, when the description carries one. */
function memoOf(d: WorkflowExecutionDescription): Partial<ScheduledStartMemo> {
  const memo = d.memo?.[SCHEDULED_START_MEMO] as Partial<ScheduledStartMemo> | undefined;
  return memo && typeof memo === 'object' ? memo : {};
}

/**
 * The history of the run `d` describes when that run never ran any workflow code (no workflow task
 * ever started); undefined when it did. A delayed start has one event until its delay is over, and
 * one more once terminated: the history is read only when it is that short, so a real cycle
 * (thousands of events) costs one describe.
 */
async function historyIfNeverRan(client: Client, d: WorkflowExecutionDescription) {
  if (d.historyLength > 3) return undefined;
  const history = await call(client, d.workflowId, () => client.workflow.getHandle(d.workflowId, d.runId).fetchHistory());
  const events = history.events ?? [];
  return events.some((e) => e.workflowTaskStartedEventAttributes) ? undefined : events;
}

/**
 * The cycle of `year` when its latest run has not begun (scheduled, or cancelled before it began);
 * undefined when there is no such cycle or it has begun. Throws CycleError when Temporal fails.
 */
export async function notBegunCycle(client: Client, year: number): Promise<NotBegunCycle | undefined> {
  const workflowId = reviewCycleId(year);
  let d: WorkflowExecutionDescription;
  try {
    d = await client.withDeadline(Date.now() + TIMEOUT_MS, () => client.workflow.getHandle(workflowId).describe());
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw toCycleError(err, workflowId);
  }
  const memo = memoOf(d);
  const base = { workflowId, runId: d.runId, year, timeZone: memo.timeZone };
  // The memo holds the kick-off exactly; the execution time is the start plus the delay, which
  // lands a few milliseconds later.
  const startsAt = memo.at ?? d.executionTime?.toISOString();
  if (d.status.name === 'RUNNING' && d.historyLength <= 1 && startsAt) return { ...base, state: 'scheduled', startsAt };
  const events = d.status.name === 'TERMINATED' ? await historyIfNeverRan(client, d) : undefined;
  if (!events) return undefined;
  const reason = events.find((e) => e.workflowExecutionTerminatedEventAttributes)?.workflowExecutionTerminatedEventAttributes?.reason ?? '';
  return { ...base, state: 'cancelled-before-start', startsAt, cancelledAt: d.closeTime?.toISOString(), reason };
}

/**
 * True when the latest run of `workflowId` was terminated before it began: its workflow id may be
 * used again (`startCycle` then starts the year anew). False when there is none or it ran.
 */
export async function endedBeforeItBegan(client: Client, workflowId: string): Promise<boolean> {
  const d = await call(client, workflowId, () => client.workflow.getHandle(workflowId).describe()).catch(() => undefined);
  return d?.status.name === 'TERMINATED' && (await historyIfNeverRan(client, d)) !== undefined;
}

/**
 * Cancels the scheduled cycle of `year` before it begins: terminates its run (that run only),
 * recording `reason` and who cancelled. Nobody was mailed and nobody is. Throws CycleError
 * `conflict` when the year has no scheduled cycle (none, or it has begun: cancel it then with the
 * cancel update) or it begins within CANCEL_MARGIN_MS, `gone` when it was already cancelled.
 */
export async function cancelScheduledCycle(client: Client, year: number, opts: { reason: string; by: Actor }): Promise<NotBegunCycle> {
  const cycle = await notBegunCycle(client, year);
  const workflowId = reviewCycleId(year);
  if (!cycle) throw new CycleError('conflict', `${workflowId}: the cycle is not scheduled (it has begun, or does not exist); see: sdp-review status --year ${year}`);
  if (cycle.state === 'cancelled-before-start') throw new CycleError('gone', `${workflowId}: the scheduled cycle was already cancelled before it started.`);
  if (Date.parse(cycle.startsAt) - Date.now() < CANCEL_MARGIN_MS) {
    throw new CycleError('conflict', `${workflowId} begins at ${cycle.startsAt}, in less than a minute; cancel it once it has begun: sdp-review cancel --year ${year} --reason …`);
  }
  const reason = `Cancelled before it started by ${opts.by.email}: ${opts.reason}`;
  await call(client, workflowId, () => client.workflow.getHandle(workflowId, cycle.runId).terminate(reason));
  return { ...cycle, state: 'cancelled-before-start', reason, cancelledAt: new Date().toISOString() };
}
