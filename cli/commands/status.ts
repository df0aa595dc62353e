/** `sdp-review status`: one cycle, its stage and each area, as a table or one JSON object. */
import { Command } from 'commander';
import pc from 'picocolors';
import { getCycleState } from '../../client/cycles';
import { isAreaOverdue, isFinished } from '../../domain/figures';
import type { AreaStatus } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { archiveSource } from '../store';
import { withClient } from '../connection';
import { yearOption } from '../options';
import { newTable } from '../output';
import { localTime, texts } from '../texts';

/** How often `--watch` refreshes (ms). */
const WATCH_INTERVAL_MS = 2_000;

/** The `status --json` object: year, stage and areas (id, title, status, dueAt, overdue) and more. */
export function statusJson(state: ReviewCycleState, now = Date.now()) {
  return {
    workflowId: state.workflowId,
    year: state.year,
    stage: state.stage,
    stageDueAt: state.stageDueAt,
    stuck: state.stuck,
    timeZone: state.timeZone,
    kickoffAt: state.kickoffAt,
    inputsDueAt: state.inputsDueAt,
    areas: state.areas.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      closed: a.closed,
      dueAt: a.dueAt,
      overdue: isAreaOverdue(a, now),
      revision: a.revision,
      submittedAt: a.submittedAt,
      nextReminderAt: a.nextReminderAt,
    })),
    drafts: state.drafts.map((d) => ({ version: d.version, status: d.status, createdAt: d.createdAt, files: d.files.map((f) => f.key) })),
    decisions: state.decisions.map((d) => ({ version: d.version, director: d.director, decision: d.decision, comment: d.comment, by: d.by.email, at: d.at })),
    submission: state.submission,
    cancelled: state.cancelled,
  };
}

// Partial: an area status this CLI does not know (a newer worker) is printed plain.
const STATUS_COLOUR: Partial<Record<AreaStatus, (s: string) => string>> = {
  submitted: pc.green,
  waived: pc.dim,
  'awaiting-input': pc.yellow,
  reopened: pc.magenta,
  missing: pc.red,
};

function printStatus(state: ReviewCycleState): void {
  const s = statusJson(state);
  const t = texts.status;
  const local = (instant: string | undefined) => localTime(instant, s.timeZone);
  console.log(t.heading(pc.bold(t.title(s.year)), s.workflowId, pc.cyan(s.stage), s.stageDueAt ? local(s.stageDueAt) : undefined, s.timeZone));
  const table = newTable({ head: [...t.head], wordWrap: true, colWidths: [52, 16, 18, 6, 18] });
  for (const a of s.areas) {
    table.push([a.title, (STATUS_COLOUR[a.status] ?? String)(a.status) + (a.overdue ? pc.red(t.overdue) : ''), local(a.dueAt), String(a.revision), local(a.submittedAt)]);
  }
  console.log(table.toString());
  const count = (keep: (a: (typeof s.areas)[number]) => boolean) => s.areas.filter(keep).length;
  console.log(t.summary(count((a) => a.status === 'submitted'), s.areas.length, count((a) => a.status === 'waived'), count((a) => a.overdue)));
  for (const d of s.drafts) console.log(t.draft(d.version, d.status, local(d.createdAt)));
  for (const d of s.decisions) console.log(t.decision(d.version, d.director, d.decision, d.comment));
  if (s.submission) console.log(pc.green(t.submitted(local(s.submission.submittedAt), s.submission.signedVersion)));
  if (s.cancelled) console.log(pc.red(t.cancelled(s.cancelled.reason)));
  if (s.stuck) console.log(pc.red(t.stuck(local(s.stuck.since), s.stuck.version, s.stuck.reason)));
}

export function statusCommand(): Command {
  return new Command('status')
    .description(texts.status.description)
    .addOption(yearOption())
    .option('--json', texts.options.json)
    .option('--watch', texts.status.watch)
    .action(async (opts: { year: number; json?: boolean; watch?: boolean }) => {
      await withClient(async (client) => {
        for (;;) {
          const state = await getCycleState(client, opts.year, archiveSource());
          if (opts.watch && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
          if (opts.json) console.log(JSON.stringify(statusJson(state), null, 2));
          else printStatus(state);
          if (!opts.watch || isFinished(state)) return;
          await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
        }
      });
    });
}
