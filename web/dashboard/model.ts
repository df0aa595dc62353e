/**
 * What the dashboard shows, computed from a cycle's state (the `state` query) and the clock: the
 * figures of a cycle, the rows of the area grid, the stages as a progress line, and the planned and
 * actual dates of the timeline. Pure functions: no I/O, times are ISO 8601 instants (UTC) and `now`
 * is milliseconds since the epoch, so tests give fixed states and times.
 *
 * "Overdue" follows the reminder rules (domain/cycle.ts `reminderItems`), as `sdp-review list` does:
 * an open area without input past its due date while collecting, the draft waiting for the
 * coordinator past its review date, a director who has not decided past the sign-off date.
 */
import { cycleFigures, isAreaOverdue, isFinished, type CycleFigures, type Deadline } from '../../domain/figures';

export { cycleFigures, isAreaOverdue, isFinished, type CycleFigures, type Deadline };
import type { AreaStatus, Stage } from '../../domain/schemas';
import type { CycleEvent } from '../../domain/events';
import type { AreaState, ReviewCycleState } from '../../domain/state';

/** The stages in their order, as the progress line shows them (`cancelled` is not on the line). */
export const STAGE_LINE: readonly Stage[] = ['collecting', 'drafting', 'sign-off', 'submission', 'submitted'];

/** Whole days from `from` to `to` (ms), rounded down; 0 when `to` is before `from`. */
export function daysBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 86_400_000));
}

// ---------------------------------------------------------------------------------------------
// Areas

/** One row of the area grid. */
export interface AreaRow {
  area: AreaState;
  overdue: boolean;
  /** Whole days past the due date, when overdue. */
  daysOverdue: number;
  /** The area's latest event (submission, revision, extension, waiver…), if any. */
  lastEvent?: CycleEvent;
}

export function areaRows(state: ReviewCycleState, now: number): AreaRow[] {
  const last = new Map<string, CycleEvent>();
  for (const e of state.events) if (e.areaId) last.set(e.areaId, e);
  return state.areas.map((area) => {
    const overdue = isAreaOverdue(area, now);
    return { area, overdue, daysOverdue: overdue ? daysBetween(Date.parse(area.dueAt), now) : 0, lastEvent: last.get(area.id) };
  });
}

/** The categories of the status picture: the area statuses, with the overdue ones apart. */
export type StatusCategory = AreaStatus | 'overdue';
export const STATUS_CATEGORIES: readonly StatusCategory[] = ['submitted', 'awaiting-input', 'overdue', 'reopened', 'waived', 'missing'];

/** How many areas are in each category, in STATUS_CATEGORIES order (zero counts kept). */
export function statusCounts(state: ReviewCycleState, now: number): { category: StatusCategory; count: number }[] {
  const counts = new Map<StatusCategory, number>(STATUS_CATEGORIES.map((c) => [c, 0]));
  for (const a of state.areas) {
    const c: StatusCategory = isAreaOverdue(a, now) ? 'overdue' : a.status;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return STATUS_CATEGORIES.map((category) => ({ category, count: counts.get(category) ?? 0 }));
}

// ---------------------------------------------------------------------------------------------
// Stages

export interface StageStep {
  stage: Stage;
  state: 'done' | 'current' | 'upcoming';
  /** When the stage was last entered (the `stage-entered` event; the start for collecting). */
  enteredAt?: string;
}

/** A stretch of time the cycle spent in one stage; `to` is absent while it lasts. */
export interface StageSpan {
  stage: Stage;
  from: string;
  to?: string;
}

/** The stages the cycle went through, in order, from its `cycle-started` and `stage-entered` events. */
export function stageSpans(state: ReviewCycleState): StageSpan[] {
  const started = state.events.find((e) => e.action === 'cycle-started')?.at ?? state.events[0]?.at ?? state.kickoffAt;
  const spans: StageSpan[] = [{ stage: 'collecting', from: started }];
  for (const e of state.events) {
    if (e.action !== 'stage-entered' || !e.stage) continue;
    const current = spans[spans.length - 1]!;
    if (current.stage === e.stage) continue;
    current.to = e.at;
    spans.push({ stage: e.stage, from: e.at });
  }
  const last = spans[spans.length - 1]!;
  // A finished cycle ends where its last stage begins: submitted and cancelled are instants.
  if (isFinished(state)) last.to = last.from;
  return spans;
}

/** The progress line: each stage of STAGE_LINE done, current or upcoming. A cancelled cycle stops where it was. */
export function stageSteps(state: ReviewCycleState): StageStep[] {
  const spans = stageSpans(state);
  const entered = (stage: Stage) => spans.filter((s) => s.stage === stage).at(-1)?.from;
  let current: Stage = state.stage;
  if (current === 'cancelled') current = spans.filter((s) => s.stage !== 'cancelled').at(-1)?.stage ?? 'collecting';
  const at = STAGE_LINE.indexOf(current);
  return STAGE_LINE.map((stage, i) => ({
    stage,
    state: i < at || (i === at && state.stage === 'submitted') ? 'done' : i === at ? 'current' : 'upcoming',
    enteredAt: i <= at ? entered(stage) : undefined,
  }));
}

// ---------------------------------------------------------------------------------------------
// Timeline: planned against actual

/** One row of the timeline chart: a stage (or the submission) with its planned and actual times. */
export interface TimelineRow {
  key: 'collecting' | 'drafting' | 'sign-off' | 'submission';
  /** Planned stretch (collecting: kick-off to inputs due). */
  planned?: { from: string; to: string };
  /** Planned due instant of the row when known (the current stage's due date, the submission due date). */
  due?: string;
  /** Actual stretches; an open one (`to` absent) lasts until now. */
  actual: StageSpan[];
  /** Instants of things that happened in the row: inputs arriving, drafts assembled, decisions, the submission. */
  marks: { at: string; kind: 'input' | 'draft' | 'decision' | 'submitted' | 'cancelled' }[];
}

export interface TimelineModel {
  rows: TimelineRow[];
  /** Range of the time axis (ms), covering every planned and actual instant and now. */
  from: number;
  to: number;
  now: number;
  kickoffAt: string;
  startedAt: string;
  inputsDueAt: string;
  submissionDueAt: string;
  /** Instants of the inputs received (first submissions and revisions), in order. */
  inputs: string[];
  /** Areas with an input in, and all areas. */
  inputsIn: number;
  areasTotal: number;
  submittedAt?: string;
  cancelledAt?: string;
}

export function timelineModel(state: ReviewCycleState, now: number): TimelineModel {
  const spans = stageSpans(state);
  const of = (stage: Stage) => spans.filter((s) => s.stage === stage);
  const inputs = state.events.filter((e) => e.action === 'contribution-submitted' || e.action === 'contribution-revised').map((e) => e.at);
  const dueNow = (stage: Stage) => (state.stage === stage && state.stageDueAt ? state.stageDueAt : undefined);
  const collectingDue = dueNow('collecting');
  const rows: TimelineRow[] = [
    {
      key: 'collecting',
      planned: { from: state.kickoffAt, to: state.inputsDueAt },
      // After a reopening the stage has a due date of its own.
      due: collectingDue && collectingDue !== state.inputsDueAt ? collectingDue : undefined,
      actual: of('collecting'),
      marks: inputs.map((at) => ({ at, kind: 'input' as const })),
    },
    {
      key: 'drafting',
      due: dueNow('drafting'),
      actual: of('drafting'),
      marks: state.drafts.map((d) => ({ at: d.createdAt, kind: 'draft' as const })),
    },
    {
      key: 'sign-off',
      due: dueNow('sign-off'),
      actual: of('sign-off'),
      marks: state.decisions.map((d) => ({ at: d.at, kind: 'decision' as const })),
    },
    {
      key: 'submission',
      due: state.submissionDueAt,
      actual: of('submission'),
      marks: [
        ...(state.submission ? [{ at: state.submission.submittedAt, kind: 'submitted' as const }] : []),
        ...(state.cancelled ? [{ at: state.cancelled.at, kind: 'cancelled' as const }] : []),
      ],
    },
  ];
  const instants = [
    now,
    Date.parse(state.kickoffAt),
    Date.parse(state.inputsDueAt),
    Date.parse(state.submissionDueAt),
    ...rows.flatMap((r) => [r.due, ...r.actual.flatMap((s) => [s.from, s.to]), ...r.marks.map((m) => m.at)]).filter((x): x is string => !!x).map(Date.parse),
  ].filter(Number.isFinite);
  const min = Math.min(...instants);
  const max = Math.max(...instants);
  const pad = Math.max((max - min) * 0.03, 12 * 3600_000);
  return {
    rows,
    from: min - pad,
    to: max + pad,
    now,
    kickoffAt: state.kickoffAt,
    startedAt: spans[0]!.from,
    inputsDueAt: state.inputsDueAt,
    submissionDueAt: state.submissionDueAt,
    inputs,
    inputsIn: state.areas.filter((a) => a.revision > 0).length,
    areasTotal: state.areas.length,
    submittedAt: state.submission?.submittedAt,
    cancelledAt: state.cancelled?.at,
  };
}
