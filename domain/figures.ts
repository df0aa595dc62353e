/**
 * The headline figures of a cycle, computed from its state and the clock, for the CLI (`list`,
 * `status`) and the dashboard alike. Pure and deterministic: instants are ISO 8601 (UTC), `now` is
 * milliseconds since the epoch.
 *
 * "Overdue" follows the reminder rules (domain/cycle.ts `reminderItems`): an open area without input
 * past its due date while collecting, the draft waiting for the coordinator past its review date, a
 * director who has not decided past the sign-off date.
 */
import { reminderItems } from './cycle';
import type { Stage } from './schemas';
import type { AreaState, ReviewCycleState } from './state';

const TERMINAL: readonly Stage[] = ['submitted', 'cancelled'];

/** True once the cycle can change no more (submitted or cancelled). */
export function isFinished(state: Pick<ReviewCycleState, 'stage'>): boolean {
  return TERMINAL.includes(state.stage);
}

/** A deadline still ahead, with what is due then. */
export interface Deadline {
  at: string;
  kind: 'area' | 'stage' | 'submission';
  /** For `area`: how many areas are due at that instant. */
  count?: number;
}

/** The headline figures of a cycle. */
export interface CycleFigures {
  areasSubmitted: number;
  areasTotal: number;
  /** Awaited items past their due date (areas, the draft, directors): see the module comment. */
  overdue: number;
  /** Ids of the areas that are overdue (a subset of what `overdue` counts). */
  overdueAreas: string[];
  nextDeadline?: Deadline;
}

/** True when the area still owes an input and its due date has passed. */
export function isAreaOverdue(area: AreaState, now: number): boolean {
  return !area.closed && (area.status === 'awaiting-input' || area.status === 'reopened') && Date.parse(area.dueAt) < now;
}

/**
 * Areas submitted (of all), overdue items, and the next deadline still ahead (an area's due date,
 * the stage's, or the submission's, whichever comes first; areas due at the same instant counted).
 */
export function cycleFigures(state: ReviewCycleState, now: number): CycleFigures {
  const items = reminderItems(state);
  const candidates: Deadline[] = [];
  for (const i of items) {
    if (Date.parse(i.dueAt) < now) continue;
    const same = candidates.find((c) => c.kind === 'area' && c.at === i.dueAt);
    if (i.areaId && same) same.count = (same.count ?? 1) + 1;
    else candidates.push(i.areaId ? { at: i.dueAt, kind: 'area', count: 1 } : { at: i.dueAt, kind: 'stage' });
  }
  if (state.stageDueAt && Date.parse(state.stageDueAt) >= now && !candidates.some((c) => c.at === state.stageDueAt)) {
    candidates.push({ at: state.stageDueAt, kind: 'stage' });
  }
  if (!isFinished(state) && Date.parse(state.submissionDueAt) >= now) candidates.push({ at: state.submissionDueAt, kind: 'submission' });
  candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    areasSubmitted: state.areas.filter((a) => a.status === 'submitted').length,
    areasTotal: state.areas.length,
    overdue: items.filter((i) => Date.parse(i.dueAt) < now).length,
    overdueAreas: state.areas.filter((a) => isAreaOverdue(a, now)).map((a) => a.id),
    nextDeadline: candidates[0],
  };
}

