/**
 * Collecting: a child workflow per area takes the owners' inputs (Partnership §32: the areas are
 * reviewed regularly); the coordinator extends deadlines, waives areas and closes collection.
 */
import { ParentClosePolicy, condition, isCancellation, log, patched, setHandler, startChild } from '@temporalio/workflow';
import {
  AREA_REPORT_FIELDS,
  areaChangedSignal,
  areaCollectionId,
  areaReportProblem,
  closeCollectionUpdate,
  CloseCollectionArgs,
  ExtendDeadlineArgs,
  extendDeadlineUpdate,
  WaiveAreaArgs,
  waiveAreaUpdate,
  type AreaReport,
} from '../../domain/messages';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import { endOfLocalDay } from '../../domain/calendar';
import { extensionRefusal } from '../../domain/cycle';
import type { AreaState } from '../../domain/state';
import { areaCollection } from '../area-collection';
import { roundOf } from '../../domain/notifications';
import type { ReviewCycle } from './cycle';

/** Starts each area's workflow and asks its two owners for their input. */
export async function startAreas(cycle: ReviewCycle): Promise<void> {
  const { cycleId, year, tz, participants } = cycle;
  for (const a of cycle.state.areas) {
    const handle = await startChild(areaCollection, {
      workflowId: areaCollectionId(year, a.id),
      args: [{ cycleId, area: cycle.input.areas.find((x) => x.id === a.id)!, owners: a.owners, coordinatorEmail: participants.coordinator.email, dueAt: a.dueAt }],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
    });
    cycle.children.set(a.id, handle);
    for (const side of ['eu', 'al'] as const) {
      cycle.notify({ kind: 'contribution-request', cycleId, year, timeZone: tz, to: a.owners[side], side, dueAt: a.dueAt, area: { id: a.id, title: a.title, paragraphs: a.paragraphs } });
    }
  }
}

/** Registers the collecting stage's messages: the areas' reports and the coordinator's decisions. */
export function registerCollecting(cycle: ReviewCycle): void {
  const { state, tz, year } = cycle;

  // Temporal does not order signals between workflows: an area's report can arrive after a later
  // one. Its fields are then stale and not applied, but its event (an input, a waiver) belongs in
  // the history, where record() places it by time. A report seen before is not recorded twice.
  setHandler(areaChangedSignal, (report: AreaReport) => {
    // A report the cycle cannot take (not sent by an area's workflow: a signal from outside) is
    // logged and left: applied, it would fail this workflow task at every attempt, or hold the
    // area's fields hostage with an enormous number. Histories from before this took any report.
    const problem = areaReportProblem(report);
    if (problem && patched('area-report-checked')) {
      log.warn('area report ignored', { year, problem });
      return;
    }
    const target = state.areas.find((a) => a.id === report.id);
    if (!target) return;
    let reports = cycle.areaReports.get(report.id);
    if (!reports) cycle.areaReports.set(report.id, (reports = { last: 0, seen: new Set() }));
    const repeat = reports.seen.has(report.seq);
    reports.seen.add(report.seq);
    if (reports.last >= report.seq) {
      if (report.event && !repeat && patched('late-area-report-event')) cycle.record({ ...report.event, areaId: report.id });
      return;
    }
    reports.last = report.seq;
    // The area's own fields only: a report's other keys are not the cycle's to take.
    for (const key of AREA_REPORT_FIELDS) if (key in report) Object.assign(target, { [key]: report[key] });
    if (report.event) cycle.record({ ...report.event, areaId: report.id });
  });

  setHandler(
    extendDeadlineUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { areaId, dueDate, actor } = parseArgs(ExtendDeadlineArgs, raw);
      const by = cycle.asCoordinator(actor);
      const dueAt = endOfLocalDay(dueDate, tz);
      const target = cycle.area(areaId);
      const previousDueAt = target.dueAt;
      cycle.extending.add(areaId);
      await cycle.sendDirective(areaId, { kind: 'extend', dueAt, actor: by, at: cycle.now() });
      // The area may have closed meanwhile (collection closed): then the extension did not apply.
      await condition(() => target.dueAt === dueAt || target.closed);
      cycle.extending.delete(areaId);
      if (target.dueAt !== dueAt) refuse({ code: 'closed-before-applied', action: 'extend', area: cycle.areaRef(areaId), status: target.status });
      // The owners' calendars move with the deadline. Histories from before these mails replay without them.
      if (patched('deadline-moved-mail')) tellDeadlineMoved(cycle, target, previousDueAt);
      return { stage: state.stage, code: 'deadline-extended', area: cycle.areaRef(areaId), dueDate, timeZone: tz };
    },
    {
      validator: (raw) => {
        const { areaId, dueDate, actor } = parseArgs(ExtendDeadlineArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('collecting');
        const target = cycle.area(areaId);
        if (target.closed) refuse({ code: 'area-closed', area: cycle.areaRef(areaId), status: target.status });
        if (cycle.extending.has(areaId)) refuse({ code: 'extension-pending', area: cycle.areaRef(areaId) });
        // A validator runs only for new Updates, never in replay: a running cycle takes this as is.
        const refusal = extensionRefusal(dueDate, {
          timeZone: tz, closedDays: cycle.input.reminderPolicy.closedDays, currentDueAt: target.dueAt, submissionDueAt: state.submissionDueAt, now: Date.now(),
        });
        if (refusal) refuse(refusal);
      },
    },
  );

  setHandler(
    waiveAreaUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { areaId, reason, actor } = parseArgs(WaiveAreaArgs, raw);
      const by = cycle.asCoordinator(actor);
      const target = cycle.area(areaId);
      await cycle.sendDirective(areaId, { kind: 'waive', reason, actor: by, at: cycle.now() });
      await condition(() => target.closed);
      if (target.status !== 'waived') refuse({ code: 'closed-before-applied', action: 'waive', area: cycle.areaRef(areaId), status: target.status });
      return { stage: state.stage, code: 'area-waived', area: cycle.areaRef(areaId), year };
    },
    {
      validator: (raw) => {
        const { areaId, actor } = parseArgs(WaiveAreaArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('collecting');
        const target = cycle.area(areaId);
        if (target.closed) refuse({ code: 'area-closed', area: cycle.areaRef(areaId), status: target.status });
      },
    },
  );

  setHandler(
    closeCollectionUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const by = cycle.asCoordinator(parseArgs(CloseCollectionArgs, raw).actor);
      cycle.closeRequested = true;
      cycle.record({ actor: by, action: 'collection-closed' });
      return { stage: state.stage, code: 'collection-closed' };
    },
    {
      validator: (raw) => {
        cycle.asCoordinator(parseArgs(CloseCollectionArgs, raw).actor);
        cycle.requireStage('collecting');
        if (cycle.closeRequested) refuse({ code: 'collection-closing' });
      },
    },
  );
}

/**
 * Tells both owners of `area` (or the deputies acting for them) that its input is now due at
 * `area.dueAt` instead of `previousDueAt`; the mail's invitation moves the event their request put
 * in their calendar (same UID, higher SEQUENCE: ./calendar.ts).
 */
function tellDeadlineMoved(cycle: ReviewCycle, area: AreaState, previousDueAt: string): void {
  const { cycleId, year, tz } = cycle;
  for (const side of ['eu', 'al'] as const) {
    cycle.notify({
      kind: 'deadline-moved', cycleId, year, timeZone: tz, to: area.owners[side], side, dueAt: area.dueAt, previousDueAt,
      area: { id: area.id, title: area.title, paragraphs: area.paragraphs }, round: roundOf(area),
    });
  }
}

/**
 * One collection round. It closes when the coordinator says so, or by itself once nothing is
 * outstanding: on the first round only after the due date (owners may revise until then), after a
 * reopening at once. Then every open area is told to close, and the round waits until all have.
 */
export async function collect(cycle: ReviewCycle): Promise<void> {
  const { state, tz, year, cycleId, participants } = cycle;
  const outstanding = () => state.areas.some((a) => a.status === 'awaiting-input' || a.status === 'reopened');
  const ready = () => cycle.closeRequested || !!cycle.cancelRequest || (!outstanding() && (cycle.reopenRound || Date.now() >= Date.parse(state.inputsDueAt)));
  const round = cycle.collectionRounds++;
  // When nothing is outstanding any more before the due date, the coordinator is told once per
  // round and may close collection from the mail. Only the first round needs it: a reopen round
  // closes by itself as soon as nothing is outstanding. A side wait (no timer): the stage's own
  // waits below are unchanged, and `patched` keeps histories from before this mail replaying.
  let collected = false;
  if (!cycle.reopenRound) {
    void condition(() => collected || !outstanding()).then(() => {
      if (collected || cycle.closeRequested || cycle.cancelRequest || Date.now() >= Date.parse(state.inputsDueAt)) return;
      if (!patched('inputs-complete-mail')) return;
      const count = (status: AreaState['status']) => state.areas.filter((a) => a.status === status).length;
      cycle.notify({
        kind: 'inputs-complete', cycleId, year, timeZone: tz, to: participants.coordinator,
        submitted: count('submitted'), waived: count('waived'), missing: count('missing'), dueAt: state.inputsDueAt, round,
      });
    }, (err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
  }
  while (!ready()) {
    const untilDue = Date.parse(state.inputsDueAt) - Date.now();
    await condition(ready, untilDue > 0 ? untilDue : undefined);
  }
  collected = true;
  cycle.throwIfCancelled();
  cycle.closeRequested = false;
  const at = cycle.now();
  await Promise.all(state.areas.filter((a) => !a.closed).map((a) => cycle.sendDirective(a.id, { kind: 'close', at })));
  await condition(() => state.areas.every((a) => a.closed));
  // Owners hear that collection closed, once (a reopen round's owners were asked by mail already).
  // Histories from before these mails replay without them.
  if (round === 0 && patched('owners-told')) cycle.tellOwners('collection-closed', {});
}
