/**
 * `sdp-review status`: one cycle, its stage and each area, as a table or one JSON object; for a
 * cycle scheduled to start later, when it starts (or that it was cancelled before it started).
 */
import { Command } from 'commander';
import { pc } from '../../infra/colour';
import type { Client } from '@temporalio/client';
import { getCycleState } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { notBegunCycle, type NotBegunCycle } from '../../client/scheduled-cycles';
import { isAreaOverdue, isFinished } from '../../domain/figures';
import type { AreaStatus } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { loadSeeds } from '../../seeds';
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
  if (s.stuck) console.log(pc.red(t.stuck(local(s.stuck.since), s.stuck.version, s.stuck.reason, s.stuck.step)));
}

/**
 * The `status --json` object of a cycle that has not begun: `stage` `scheduled` (with `startsAt`,
 * ISO 8601 UTC) or `cancelled` (before it started, with `cancelledAt` and `reason`).
 */
export function notBegunJson(c: NotBegunCycle, timeZone: string) {
  return c.state === 'scheduled'
    ? { workflowId: c.workflowId, year: c.year, stage: 'scheduled' as const, startsAt: c.startsAt, timeZone }
    : { workflowId: c.workflowId, year: c.year, stage: 'cancelled' as const, startsAt: c.startsAt, cancelledAt: c.cancelledAt, reason: c.reason, timeZone };
}

/**
 * The state of the cycle of `year`, or what Temporal says of it when it has not begun (it answers
 * no query until then). Throws the query's CycleError otherwise.
 */
async function readStatus(client: Client, year: number): Promise<{ state: ReviewCycleState } | { notBegun: NotBegunCycle }> {
  try {
    return { state: await getCycleState(client, year, archiveSource()) };
  } catch (err) {
    if (!(err instanceof CycleError) || err.kind !== 'unavailable') throw err;
    const notBegun = await notBegunCycle(client, year).catch(() => undefined);
    if (!notBegun) throw err;
    return { notBegun };
  }
}

function printNotBegun(c: NotBegunCycle, json: boolean | undefined): void {
  const tz = c.timeZone ?? loadSeeds().timeline.timeZone;
  if (json) return console.log(JSON.stringify(notBegunJson(c, tz), null, 2));
  if (c.state === 'scheduled') console.log(pc.cyan(texts.scheduled.status(c.workflowId, c.year, localTime(c.startsAt, tz), tz)));
  else console.log(pc.red(texts.scheduled.cancelledStatus(c.workflowId, c.year, localTime(c.cancelledAt, tz), tz, c.reason)));
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
          const read = await readStatus(client, opts.year);
          if (opts.watch && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
          if ('notBegun' in read) printNotBegun(read.notBegun, opts.json);
          else if (opts.json) console.log(JSON.stringify(statusJson(read.state), null, 2));
          else printStatus(read.state);
          // --watch goes on while a scheduled cycle waits: it shows the cycle once it has begun.
          const done = 'notBegun' in read ? read.notBegun.state !== 'scheduled' : isFinished(read.state);
          if (!opts.watch || done) return;
          await new Promise((r) => setTimeout(r, WATCH_INTERVAL_MS));
        }
      });
    });
}
