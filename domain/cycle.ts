/**
 * The input of a review cycle, its search attributes at start, and the rules that derive its
 * reminders from its state. Shared by
 * the workflow (which sends the reminders) and the CLI (`sdp-review timeline`, which shows them),
 * so both plan from the same code. Deterministic: no clock, no I/O.
 */
import type { SearchAttributePair } from '@temporalio/common';
import { z } from 'zod';
import { addLocalDays, endOfLocalDay, isWorkingDay, localDateOf, workingDayOnOrAfter } from './calendar';
import type { Refusal } from './outcomes';
import { ReminderPolicy } from './reminder-policy';
import { ReviewStageKey, ReviewYearKey } from './messages';
import { planReminders, type PlannedReminder, type ReminderItem } from './reminders';
import { CycleMarking } from './report-identity';
import { Actor, AreasSeed, Instant, Participants, ReviewYear, Timeline, type Person } from './schemas';
import { type AreaState, type ReviewCycleState } from './state';

/** What starts a cycle: a snapshot of the seeds, so the workflow never reads files. */
export const ReviewCycleInput = z.strictObject({
  year: ReviewYear,
  /** Kick-off instant; its local date in `timeline.timeZone` is day 0 of the timeline. */
  kickoffAt: Instant,
  areas: AreasSeed,
  participants: Participants,
  timeline: Timeline,
  /** Reminders and escalations (seeds/reminder-policy.json); the built-in defaults when absent. */
  reminderPolicy: ReminderPolicy.default(ReminderPolicy.parse({})),
  startedBy: Actor,
  /**
   * The distribution marking of this cycle's reports (`sdp-review start --marking`), e.g. `LIMITE`;
   * `''` for none. Absent (cycles started before it existed, or without the option): the worker's
   * `SDP_REPORT_MARKING`. Only this short string travels; the renderer prints it.
   */
  marking: CycleMarking.optional(),
}).superRefine((input, ctx) => {
  if (input.participants.directors.eu.email === input.participants.directors.al.email) {
    ctx.addIssue({ code: 'custom', path: ['participants', 'directors', 'al', 'email'], message: 'the two directors must be different people (two sign-offs)' });
  }
  for (const area of input.areas) {
    if (!input.participants.areaOwners[area.id]) {
      ctx.addIssue({ code: 'custom', path: ['participants', 'areaOwners', area.id], message: `no owners for area ${area.id}` });
    }
  }
});
export type ReviewCycleInput = z.input<typeof ReviewCycleInput>;

/**
 * The search attributes a cycle starts with: its year, and stage `collecting`. Set by whoever
 * starts it (the client, the yearly launcher) and by the workflow itself, so a cycle can be listed
 * by year and stage from its first moment.
 */
export function initialSearchAttributes(year: number): SearchAttributePair[] {
  return [
    { key: ReviewYearKey, value: year },
    { key: ReviewStageKey, value: 'collecting' },
  ];
}

/** How far ahead reminders are planned at a time (ms): past the longest stage of a cycle. */
export const REMINDER_HORIZON_MS = 120 * 24 * 3600 * 1000;

/**
 * What the cycle is waiting for, as reminder items (issue 4):
 * - collecting: each open area without input (or reopened), owed by its two owners;
 * - drafting: the draft waiting for the coordinator;
 * - sign-off: each director who has not decided on the version in sign-off.
 * Submitted or waived areas and directors who decided are not items: nothing is sent for them.
 */
export function reminderItems(state: ReviewCycleState): ReminderItem[] {
  const draft = state.drafts[state.drafts.length - 1];
  switch (state.stage) {
    case 'collecting':
      return state.areas
        .filter((a) => !a.closed && (a.status === 'awaiting-input' || a.status === 'reopened'))
        .map((a) => ({
          stage: 'collecting',
          key: `area:${a.id}`,
          areaId: a.id,
          title: `Input for «${a.title}»${a.status === 'reopened' ? ' (reopened)' : ''}`,
          dueAt: a.dueAt,
          owners: [a.owners.eu, a.owners.al],
          done: false,
        }));
    case 'drafting':
      if (!draft || !state.stageDueAt || !(draft.status === 'in-review' || draft.status === 'changes-requested')) return [];
      return [{ stage: 'drafting', key: `draft:v${draft.version}`, title: `Review of draft v${draft.version}`, dueAt: state.stageDueAt, owners: [state.coordinator], done: false }];
    case 'sign-off':
      if (!draft || !state.stageDueAt) return [];
      return (['eu', 'al'] as const)
        .filter((side) => !state.decisions.some((d) => d.version === draft.version && d.director === side))
        .map((side) => ({
          stage: 'sign-off',
          key: `director:${side}:v${draft.version}`,
          title: `Sign-off of draft v${draft.version}`,
          dueAt: state.stageDueAt!,
          owners: [state.directors[side]],
          done: false,
        }));
    default:
      return [];
  }
}

/** The reminders planned for `state` in (`from`, `from` + horizon], from the same rules the workflow uses. */
export function plannedReminders(state: ReviewCycleState, policy: ReminderPolicy, from: string): PlannedReminder[] {
  return planReminders({
    policy,
    timeZone: state.timeZone,
    items: reminderItems(state),
    coordinator: state.coordinator,
    directors: [state.directors.eu, state.directors.al],
    from,
    until: new Date(Date.parse(from) + REMINDER_HORIZON_MS).toISOString(),
  });
}

/**
 * Why the cycle does not move an area's deadline to the end of local day `dueDate` (YYYY-MM-DD),
 * or undefined when it does: the day is a weekend or a closed day (deadlines end on working days,
 * as `dueAtAfter` sets them), its end has passed at `now` (ms since the epoch), it is not later
 * than the area's current deadline `currentDueAt`, or it is after the submission's `submissionDueAt`
 * (instants ISO 8601 UTC). One rule for the workflow's validator and the console's form. Pure.
 */
export function extensionRefusal(
  dueDate: string,
  c: { timeZone: string; closedDays: readonly string[]; currentDueAt: string; submissionDueAt: string; now: number },
): Refusal | undefined {
  const workingDay = workingDayOnOrAfter(dueDate, c.closedDays);
  if (workingDay !== dueDate) return { code: 'due-date-not-working-day', dueDate, nextWorkingDate: workingDay };
  const newDueAt = Date.parse(endOfLocalDay(dueDate, c.timeZone));
  if (newDueAt <= c.now) return { code: 'due-date-passed', dueDate, timeZone: c.timeZone };
  if (newDueAt <= Date.parse(c.currentDueAt)) return { code: 'due-date-not-later', dueDate, currentDueDate: localDateOf(c.currentDueAt, c.timeZone) };
  if (newDueAt > Date.parse(c.submissionDueAt)) return { code: 'due-date-after-submission', dueDate, submissionDueDate: localDateOf(c.submissionDueAt, c.timeZone) };
  return undefined;
}

/**
 * The end (ISO 8601 UTC) of the local day `days` calendar days after `from` (YYYY-MM-DD), moved on
 * to the next working day when it falls on a weekend or a closed day of the policy: nobody is
 * asked to deliver on a Sunday or on 25 December.
 */
export function dueAtAfter(from: string, days: number, timeZone: string, closedDays: readonly string[]): string {
  let date = addLocalDays(from, days);
  while (!isWorkingDay(date, closedDays)) date = addLocalDays(date, 1);
  return endOfLocalDay(date, timeZone);
}

/**
 * The state of a cycle at kick-off, before the workflow starts: for `sdp-review timeline --kickoff`,
 * which shows the reminders a cycle would get.
 */
export function initialState(input: z.output<typeof ReviewCycleInput>, workflowId: string): ReviewCycleState {
  const tz = input.timeline.timeZone;
  const kickoff = localDateOf(input.kickoffAt, tz);
  const closed = input.reminderPolicy.closedDays;
  const inputsDueAt = dueAtAfter(kickoff, input.timeline.inputsDueDays, tz, closed);
  return {
    workflowId,
    year: input.year,
    stage: 'collecting',
    timeZone: tz,
    kickoffAt: input.kickoffAt,
    inputsDueAt,
    submissionDueAt: dueAtAfter(kickoff, input.timeline.submissionDueDays, tz, closed),
    stageDueAt: inputsDueAt,
    coordinator: input.participants.coordinator,
    directors: input.participants.directors,
    saCouncilSecretariat: input.participants.saCouncilSecretariat,
    areas: input.areas.map((area) => {
      const owners = input.participants.areaOwners[area.id];
      if (!owners) throw new RangeError(`participants.areaOwners.${area.id}: no owners for area ${area.id}`);
      return { ...area, owners, status: 'awaiting-input', closed: false, dueAt: inputsDueAt, revision: 0 };
    }),
    drafts: [],
    decisions: [],
    events: [],
  };
}

/**
 * `areas` grouped by owner (e-mail): each owner once, with the areas they own, in the order of
 * `areas` — one mail per person, listing their areas.
 */
export function areasByOwner(areas: readonly AreaState[]): { to: Person; areas: AreaState[] }[] {
  const byOwner = new Map<string, { to: Person; areas: AreaState[] }>();
  for (const a of areas) {
    for (const owner of [a.owners.eu, a.owners.al]) {
      const entry = byOwner.get(owner.email) ?? { to: owner, areas: [] };
      entry.areas.push(a);
      byOwner.set(owner.email, entry);
    }
  }
  return [...byOwner.values()];
}
