/**
 * `sdp-review timeline`: the reminders and escalations planned for a running cycle, or with
 * `--kickoff` for a cycle not yet started (planned from the seeds by the code the workflow runs).
 */
import { Command, Option } from 'commander';
import { cycleInputFromSeeds, getCycleState } from '../../client/cycles';
import { initialState, plannedReminders } from '../../domain/cycle';
import { reviewCycleId } from '../../domain/messages';
import { ReminderPolicy } from '../../domain/reminder-policy';
import { groupIntoDigests } from '../../domain/reminders';
import type { ReviewCycleState } from '../../domain/state';
import { loadSeeds } from '../../seeds';
import { archiveSource } from '../store';
import { withClient } from '../connection';
import { kickoffInstant, parseDate, yearOption } from '../options';
import { newTable, utcMinutes } from '../output';
import { texts } from '../texts';

const t = texts.timeline;

/**
 * The `timeline --json` rows: each planned reminder or escalation with `at` (UTC, ISO 8601),
 * `local` (ISO 8601 with the cycle zone's offset), `to` (addresses), `kind`, `stage`, `area` (where
 * one applies) and `label`; planned by the same code the workflow runs (domain/cycle.ts).
 */
export function timelineRows(state: ReviewCycleState, policy: ReminderPolicy, from: string) {
  return plannedReminders(state, policy, from).map((r) => ({
    at: r.at,
    local: r.local,
    to: r.to.map((p) => p.email),
    kind: r.kind,
    stage: r.stage,
    area: r.areaId,
    key: r.key,
    label: r.label,
  }));
}

/**
 * The mails the plan makes, as the workflow sends them (domain/reminders.ts `groupIntoDigests`):
 * one per person per local day, with the items it lists by name (area titles, draft reviews,
 * sign-offs) and their labels. `local` is the first item's local time (ISO 8601 with offset).
 */
export function timelineMails(state: ReviewCycleState, policy: ReminderPolicy, from: string) {
  const planned = plannedReminders(state, policy, from);
  const title = (areaId: string | undefined, key: string) => state.areas.find((a) => a.id === areaId)?.title ?? key;
  return groupIntoDigests(planned, state.timeZone).map((d) => ({
    localDate: d.localDate,
    at: d.at,
    local: d.reminders[0]!.local,
    to: { name: d.recipient.name, email: d.recipient.email },
    escalation: d.reminders.some((r) => r.kind === 'escalation'),
    items: d.reminders.map((r) => `${title(r.areaId, r.key)} (${r.label})`),
    /** The items grouped by label: `7 days before: Cyber issues, FIMI`. */
    summary: byLabel(d.reminders).map(([label, rs]) => `${label}: ${rs.map((r) => title(r.areaId, r.key)).join(', ')}`),
  }));
}

/** `items` grouped by their label, in order of first appearance. */
function byLabel<T extends { label: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const i of items) groups.set(i.label, [...(groups.get(i.label) ?? []), i]);
  return [...groups];
}

/** A cycle as it would stand at kick-off on `date` (YYYY-MM-DD, local), from the seeds. */
function plannedCycle(year: number, date: string): { state: ReviewCycleState; policy: ReminderPolicy; from: string } {
  const seeds = loadSeeds();
  const kickoffAt = kickoffInstant(date, seeds.timeline.timeZone);
  const c = seeds.participants.coordinator;
  const input = cycleInputFromSeeds({ year, kickoffAt, seeds, startedBy: { email: c.email, role: 'coordinator', channel: 'cli' } });
  return { state: initialState(input, reviewCycleId(year)), policy: input.reminderPolicy, from: kickoffAt };
}

export function timelineCommand(): Command {
  return new Command('timeline')
    .description(t.description)
    .addOption(yearOption())
    .addOption(new Option('--kickoff <date>', t.kickoff).argParser(parseDate))
    .option('--detail', t.detail)
    .option('--json', texts.options.jsonArray)
    .action(async (opts: { year: number; kickoff?: string; json?: boolean; detail?: boolean }) => {
      let plan: { state: ReviewCycleState; policy: ReminderPolicy; from: string };
      if (opts.kickoff) {
        plan = plannedCycle(opts.year, opts.kickoff);
      } else {
        const state = await withClient((client) => getCycleState(client, opts.year, archiveSource()));
        plan = { state, policy: ReminderPolicy.parse(state.reminderPolicy ?? {}), from: new Date().toISOString() };
      }
      const { state } = plan;
      if (!opts.detail) {
        const mails = timelineMails(state, plan.policy, plan.from);
        if (opts.json) return console.log(JSON.stringify(mails, null, 2));
        if (mails.length === 0) return console.log(t.nothing(state.year, state.stage));
        // Fixed widths keep the table within a 132-column terminal; long lists wrap.
        const table = newTable({ head: [...t.mailHead], wordWrap: true, colWidths: [18, 24, 12, 74] });
        for (const m of mails) table.push([m.local.slice(0, 16).replace('T', ' '), m.to.name, m.escalation ? t.escalation : t.reminder, m.summary.join('\n')]);
        console.log(t.mailTitle(state.year, state.timeZone, mails.length));
        console.log(table.toString());
        return;
      }
      const rows = timelineRows(state, plan.policy, plan.from);
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log(t.nothing(state.year, state.stage));
      const table = newTable({ head: [...t.head], wordWrap: true });
      for (const r of rows) table.push([r.local.slice(0, 16).replace('T', ' '), utcMinutes(r.at), r.kind, r.stage, r.area ?? r.key, r.to.join('\n'), r.label]);
      console.log(t.title(state.year, state.timeZone));
      console.log(table.toString());
    });
}
