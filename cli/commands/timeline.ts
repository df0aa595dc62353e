/**
 * `sdp-review timeline`: the reminders and escalations planned for a running cycle, or with
 * `--kickoff` for a cycle not yet started (planned from the seeds by the code the workflow runs).
 */
import { Command, Option } from 'commander';
import { cycleInputFromSeeds, getCycleState } from '../../client/cycles';
import { initialState, plannedReminders } from '../../domain/cycle';
import { reviewCycleId } from '../../domain/messages';
import { ReminderPolicy } from '../../domain/reminder-policy';
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
    .option('--json', texts.options.jsonArray)
    .action(async (opts: { year: number; kickoff?: string; json?: boolean }) => {
      let plan: { state: ReviewCycleState; policy: ReminderPolicy; from: string };
      if (opts.kickoff) {
        plan = plannedCycle(opts.year, opts.kickoff);
      } else {
        const state = await withClient((client) => getCycleState(client, opts.year, archiveSource()));
        plan = { state, policy: ReminderPolicy.parse(state.reminderPolicy ?? {}), from: new Date().toISOString() };
      }
      const { state } = plan;
      const rows = timelineRows(state, plan.policy, plan.from);
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log(t.nothing(state.year, state.stage));
      const table = newTable({ head: [...t.head], wordWrap: true });
      for (const r of rows) table.push([r.local.slice(0, 16).replace('T', ' '), utcMinutes(r.at), r.kind, r.stage, r.area ?? r.key, r.to.join('\n'), r.label]);
      console.log(t.title(state.year, state.timeZone));
      console.log(table.toString());
    });
}
