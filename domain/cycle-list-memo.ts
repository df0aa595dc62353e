/**
 * The list view of a review cycle, small enough for a workflow memo (about 1 KB for 15 areas):
 * what `/cycles` and `sdp-review list` show of a cycle — stage, time zone, areas submitted, and the
 * instants its awaited items fall due — so that the list is one visibility call, with no `state`
 * query per cycle. The workflow keeps it current with
 * `upsertMemo({ [CYCLE_LIST_MEMO]: cycleListMemo(state) })` after each change of its state; a reader
 * computes the figures at its own clock with `figuresOfListMemo` (overdue depends on `now`), equal
 * to domain/figures.ts `cycleFigures` of the same state. Deterministic and sandbox-safe.
 */
import { z } from 'zod';
import { reminderItems } from './cycle';
import { isFinished, type CycleFigures, type Deadline } from './figures';
import { Stage } from './schemas';
import type { ReviewCycleState } from './state';

/** The memo field of a review cycle's workflow that holds its list view. */
export const CYCLE_LIST_MEMO = 'cycleList';

/** The list view: see the module comment. Instants are ISO 8601 (UTC). */
export const CycleListMemo = z.object({
  v: z.literal(1),
  stage: Stage,
  timeZone: z.string(),
  areasTotal: z.number().int().nonnegative(),
  areasSubmitted: z.number().int().nonnegative(),
  submissionDueAt: z.string(),
  stageDueAt: z.string().optional(),
  /** What the cycle waits for (domain/cycle.ts `reminderItems`): its due instant, and the area for an area's input. */
  awaiting: z.array(z.object({ dueAt: z.string(), areaId: z.string().optional() })),
});
export type CycleListMemo = z.infer<typeof CycleListMemo>;

/** The list view of `state`, for the workflow's memo. */
export function cycleListMemo(state: ReviewCycleState): CycleListMemo {
  return {
    v: 1,
    stage: state.stage,
    timeZone: state.timeZone,
    areasTotal: state.areas.length,
    areasSubmitted: state.areas.filter((a) => a.status === 'submitted').length,
    submissionDueAt: state.submissionDueAt,
    ...(state.stageDueAt ? { stageDueAt: state.stageDueAt } : {}),
    awaiting: reminderItems(state).map((i) => (i.areaId ? { dueAt: i.dueAt, areaId: i.areaId } : { dueAt: i.dueAt })),
  };
}

/** The memo of a workflow listing, when it holds a list view this code reads; undefined otherwise (an older workflow). */
export function listMemoOf(memo: Record<string, unknown> | undefined): CycleListMemo | undefined {
  const parsed = CycleListMemo.safeParse(memo?.[CYCLE_LIST_MEMO]);
  return parsed.success ? parsed.data : undefined;
}

/** The headline figures of a list view at `now` (ms since the epoch): as `cycleFigures` of the state it was made from. */
export function figuresOfListMemo(memo: CycleListMemo, now: number): CycleFigures {
  const candidates: Deadline[] = [];
  for (const i of memo.awaiting) {
    if (Date.parse(i.dueAt) < now) continue;
    const same = candidates.find((c) => c.kind === 'area' && c.at === i.dueAt);
    if (i.areaId && same) same.count = (same.count ?? 1) + 1;
    else candidates.push(i.areaId ? { at: i.dueAt, kind: 'area', count: 1 } : { at: i.dueAt, kind: 'stage' });
  }
  if (memo.stageDueAt && Date.parse(memo.stageDueAt) >= now && !candidates.some((c) => c.at === memo.stageDueAt)) {
    candidates.push({ at: memo.stageDueAt, kind: 'stage' });
  }
  if (!isFinished(memo) && Date.parse(memo.submissionDueAt) >= now) candidates.push({ at: memo.submissionDueAt, kind: 'submission' });
  candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    areasSubmitted: memo.areasSubmitted,
    areasTotal: memo.areasTotal,
    overdue: memo.awaiting.filter((i) => Date.parse(i.dueAt) < now).length,
    overdueAreas: memo.awaiting.filter((i) => i.areaId && Date.parse(i.dueAt) < now).map((i) => i.areaId!),
    nextDeadline: candidates[0],
  };
}
