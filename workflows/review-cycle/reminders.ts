/**
 * Reminders and escalations while the cycle runs: planned from the state with the cycle's policy,
 * one digest per person per local day.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { RemindNowArgs, remindNowUpdate } from '../../domain/messages';
import { BY_HAND_REMINDER_LABEL } from '../../domain/notifications';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import type { AreaState } from '../../domain/state';
import { localDateOf } from '../../domain/calendar';
import { REMINDER_HORIZON_MS, areasByOwner, reminderItems } from '../../domain/cycle';
import { groupIntoDigests, nextReminderAt, planReminders } from '../../domain/reminders';
import { SYSTEM, type ReviewCycle } from './cycle';

/**
 * Sends reminders until the cycle finishes: sleeps until the next one (a timer at that exact local
 * 09:00, not a 24-hour sleep, so a daylight-saving change moves it by the hour), re-plans whenever
 * the state changes (a submission, an extension, a stage change), and sends one digest per person
 * per local day. A digest id is never sent twice, and each mail has a stable Message-ID, so neither
 * a replay nor a retried send duplicates it.
 */
export async function reminderLoop(cycle: ReviewCycle): Promise<void> {
  const { state, participants, cycleId, year, tz, input } = cycle;
  const sentDigests = new Set<string>();
  const titleOf = (key: string): string => reminderItems(state).find((i) => i.key === key)?.title ?? key;
  let cursor = cycle.now();
  while (!cycle.finished) {
    const seen = cycle.changes;
    const plan = planReminders({
      policy: input.reminderPolicy, timeZone: tz, items: reminderItems(state),
      coordinator: participants.coordinator, directors: [participants.directors.eu, participants.directors.al],
      from: cursor, until: new Date(Date.now() + REMINDER_HORIZON_MS).toISOString(),
    });
    for (const a of state.areas) a.nextReminderAt = nextReminderAt(plan, `area:${a.id}`);
    const due = plan.filter((p) => Date.parse(p.at) <= Date.now());
    if (due.length > 0) {
      for (const digest of groupIntoDigests(due, tz)) {
        if (sentDigests.has(digest.id)) continue;
        sentDigests.add(digest.id);
        cycle.notify({
          kind: 'reminder-digest', cycleId, year, timeZone: tz, to: digest.recipient, localDate: digest.localDate,
          items: digest.reminders.map((r) => ({ kind: r.kind, stage: r.stage, key: r.key, title: titleOf(r.key), label: r.label, dueAt: r.dueAt, areaId: r.areaId })),
        });
        cycle.record({ actor: SYSTEM, action: 'reminder-sent', reminders: { to: digest.recipient.email, items: digest.reminders.map((r) => `${titleOf(r.key)} (${r.label})`) } });
      }
      cursor = due[due.length - 1]!.at;
      continue;
    }
    // Nothing within the horizon: look again when the horizon has moved on.
    const next = plan[0];
    const wait = next ? Date.parse(next.at) - Date.now() : REMINDER_HORIZON_MS;
    await condition(() => cycle.finished || cycle.changes !== seen, wait);
  }
}

/**
 * Registers `remindNow`: the coordinator reminds the owners of outstanding areas (those still
 * taking inputs with none on record, or reopened) at once, all of them or those of `areaIds`.
 * One mail per person, listing their areas; a deputy acting today gets it instead (cycle.notify).
 * The planned reminders go on as before.
 */
export function registerRemindNow(cycle: ReviewCycle): void {
  const { state, cycleId, year, tz } = cycle;
  let sent = 0;
  const outstanding = (areaIds: string[] | undefined): AreaState[] =>
    state.areas.filter((a) => !a.closed && (a.status === 'awaiting-input' || a.status === 'reopened') && (!areaIds || areaIds.includes(a.id)));

  setHandler(
    remindNowUpdate,
    (raw): UpdateOutcome => {
      const { areaIds, actor } = parseArgs(RemindNowArgs, raw);
      const areas = outstanding(areaIds);
      sent += 1;
      const byPerson = areasByOwner(areas);
      const localDate = localDateOf(cycle.now(), tz);
      for (const { to, areas: theirs } of byPerson) {
        cycle.notify({
          kind: 'reminder-digest', cycleId, year, timeZone: tz, to, localDate, byHand: sent,
          items: theirs.map((a) => ({
            kind: 'reminder', stage: 'collecting', key: `area:${a.id}`, title: a.status === 'reopened' ? `${a.title} (reopened)` : a.title,
            label: BY_HAND_REMINDER_LABEL, dueAt: a.dueAt, areaId: a.id,
          })),
        });
      }
      cycle.record({ actor, action: 'reminder-sent', areaIds: areas.map((a) => a.id), reminders: { to: byPerson.map((p) => p.to.email).join(', '), items: areas.map((a) => a.title) } });
      return { stage: state.stage, code: 'reminders-sent', areas: areas.map((a) => ({ id: a.id, title: a.title })), people: byPerson.length };
    },
    {
      validator: (raw) => {
        const { areaIds, actor } = parseArgs(RemindNowArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('collecting', 'drafting');
        for (const [i, id] of (areaIds ?? []).entries()) cycle.area(id, `areaIds.${i}`);
        if (outstanding(areaIds).length === 0) refuse({ code: 'nothing-outstanding', year, ...(areaIds ? { areaIds } : {}) });
      },
    },
  );
}
