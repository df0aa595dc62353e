/**
 * `sdp-review`: the command line of the secretariat. Connects to Temporal with the SDK's
 * configuration conventions (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key; see README),
 * does one thing, and exits non-zero with the error printed:
 * 2 invalid input, 3 forbidden, 4 conflict (closed step), 5 finished cycle, 6 not found, 7 Temporal unavailable, 1 other.
 */
import { hostname, userInfo } from 'node:os';
import Table from 'cli-table3';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import pc from 'picocolors';
import type { Client } from '@temporalio/client';
import {
  approveDraftUpdate,
  cancelCycleUpdate,
  closeCollectionUpdate,
  extendDeadlineUpdate,
  reopenAreasUpdate,
  signOffUpdate,
  waiveAreaUpdate,
  type UpdateOutcome,
} from '../domain/messages';
import type { Actor, ReviewCycleState, Role } from '../domain/schemas';
import { CalendarDate } from '../domain/schemas';
import { ReviewCycleInput, initialState, plannedReminders } from '../domain/cycle';
import { ReminderPolicy } from '../domain/reminders';
import { reviewCycleId } from '../domain/messages';
import { connectClient } from '../infra/temporal-connection';
import { loadSeeds } from '../seeds';
import { readContributionFile } from './contribution-file';
import { CycleError, getCycleState, listCycles, startCycle, submitContribution, updateCycle, type CycleErrorKind } from './cycles';

const EXIT: Record<CycleErrorKind, number> = { invalid: 2, forbidden: 3, conflict: 4, gone: 5, 'not-found': 6, unavailable: 7 };

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) throw new InvalidArgumentError('must be a year between 2024 and 2100');
  return year;
}
function parseDate(value: string): string {
  if (!CalendarDate.safeParse(value).success || !DateTime.fromISO(value).isValid) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
const yearOption = () => new Option('--year <year>', 'review year (default: this year)').argParser(parseYear).default(new Date().getFullYear(), 'this year');
const asOption = () => new Option('--as <email>', 'who acts (default: the person of that role in the cycle)');

/** Runs `fn` with a connected client and closes it, whatever happens. */
async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { client, close } = await connectClient();
  try {
    return await fn(client);
  } finally {
    await close();
  }
}

/** The CLI's actor: a person of the cycle, acting through the CLI, with the OS user for the audit trail. */
function cliActor(state: ReviewCycleState, role: Role, email: string | undefined, fallback: { name: string; email: string }): Actor {
  const people = [state.coordinator, state.directors.eu, state.directors.al, ...state.areas.flatMap((a) => [a.owners.eu, a.owners.al])];
  const chosen = email ? people.find((p) => p.email === email.toLowerCase()) ?? { name: undefined, email } : fallback;
  return { email: chosen.email, name: chosen.name, role, channel: 'cli', userAgent: `sdp-review-cli (${userInfo().username}@${hostname()})` };
}

function printOutcome(outcome: UpdateOutcome): void {
  console.log(pc.green(outcome.recorded));
  console.log(outcome.next);
}

function local(instant: string | undefined, tz: string): string {
  return instant ? DateTime.fromISO(instant).setZone(tz).toFormat('yyyy-LL-dd HH:mm') : '—';
}

const STATUS_COLOUR: Record<string, (s: string) => string> = {
  submitted: pc.green,
  waived: pc.dim,
  'awaiting-input': pc.yellow,
  reopened: pc.magenta,
  missing: pc.red,
};

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

/** The `status --json` object: year, stage and areas (id, title, status, dueAt, overdue) and more. */
export function statusJson(state: ReviewCycleState, now = Date.now()) {
  return {
    workflowId: state.workflowId,
    year: state.year,
    stage: state.stage,
    stageDueAt: state.stageDueAt,
    timeZone: state.timeZone,
    kickoffAt: state.kickoffAt,
    inputsDueAt: state.inputsDueAt,
    areas: state.areas.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      closed: a.closed,
      dueAt: a.dueAt,
      overdue: !a.closed && (a.status === 'awaiting-input' || a.status === 'reopened') && Date.parse(a.dueAt) < now,
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

function printStatus(state: ReviewCycleState): void {
  const s = statusJson(state);
  console.log(`${pc.bold(`Review cycle ${s.year}`)} (${s.workflowId}) — stage ${pc.cyan(s.stage)}${s.stageDueAt ? `, due ${local(s.stageDueAt, s.timeZone)}` : ''} (${s.timeZone})`);
  const table = new Table({ head: ['Area of cooperation', 'Status', 'Due', 'Rev.', 'Submitted'], wordWrap: true, colWidths: [52, 16, 18, 6, 18] });
  for (const a of s.areas) {
    const colour = STATUS_COLOUR[a.status] ?? ((x: string) => x);
    table.push([a.title, colour(a.status) + (a.overdue ? pc.red(' OVERDUE') : ''), local(a.dueAt, s.timeZone), String(a.revision), local(a.submittedAt, s.timeZone)]);
  }
  console.log(table.toString());
  const submitted = s.areas.filter((a) => a.status === 'submitted').length;
  console.log(`${submitted} of ${s.areas.length} areas submitted, ${s.areas.filter((a) => a.status === 'waived').length} waived, ${s.areas.filter((a) => a.overdue).length} overdue.`);
  for (const d of s.drafts) console.log(`Draft v${d.version}: ${d.status} (${local(d.createdAt, s.timeZone)})`);
  for (const d of s.decisions) console.log(`  v${d.version} ${d.director.toUpperCase()} director: ${d.decision}${d.comment ? ` — ${d.comment}` : ''}`);
  if (s.submission) console.log(pc.green(`Submitted to the SA Council secretariat at ${local(s.submission.submittedAt, s.timeZone)} (draft v${s.submission.signedVersion}).`));
  if (s.cancelled) console.log(pc.red(`Cancelled: ${s.cancelled.reason}`));
}

export function buildProgram(): Command {
  const program = new Command('sdp-review')
    .description('Annual review cycle of the EU–Albania Security and Defence Partnership, on Temporal.')
    .showHelpAfterError();

  program
    .command('start')
    .description("start the year's review cycle from the seeds")
    .addOption(yearOption())
    .addOption(new Option('--kickoff <date>', 'kick-off date YYYY-MM-DD (default: now)').argParser(parseDate))
    .action(async (opts: { year: number; kickoff?: string }) => {
      const seeds = loadSeeds();
      const c = seeds.participants.coordinator;
      const kickoffAt = opts.kickoff ? DateTime.fromISO(opts.kickoff, { zone: seeds.timeline.timeZone }).set({ hour: 9 }).toUTC().toISO()! : undefined;
      const started = await withClient((client) =>
        startCycle(client, { year: opts.year, kickoffAt, seeds, startedBy: { email: c.email, name: c.name, role: 'coordinator', channel: 'cli', userAgent: `sdp-review-cli (${userInfo().username}@${hostname()})` } }),
      );
      console.log(pc.green(`Started ${started.workflowId}: ${seeds.areas.length} areas collecting.`));
    });

  program
    .command('status')
    .description('show a cycle: stage, each area with its status and due date')
    .addOption(yearOption())
    .option('--json', 'print one JSON object')
    .option('--watch', 'refresh every 2 seconds until Ctrl-C')
    .action(async (opts: { year: number; json?: boolean; watch?: boolean }) => {
      await withClient(async (client) => {
        for (;;) {
          const state = await getCycleState(client, opts.year);
          if (opts.watch && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
          if (opts.json) console.log(JSON.stringify(statusJson(state), null, 2));
          else printStatus(state);
          if (!opts.watch || state.stage === 'submitted' || state.stage === 'cancelled') return;
          await new Promise((r) => setTimeout(r, 2_000));
        }
      });
    });

  program
    .command('list')
    .description('list review cycles (Temporal visibility)')
    .option('--stage <stage>', 'only cycles in this stage')
    .addOption(new Option('--year <year>', 'only this year').argParser(parseYear))
    .option('--json', 'print JSON')
    .action(async (opts: { stage?: string; year?: number; json?: boolean }) => {
      const rows = await withClient((client) => listCycles(client, opts));
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log('No review cycles.');
      const table = new Table({ head: ['Year', 'Workflow id', 'Stage', 'Status', 'Started', 'Closed'] });
      for (const r of rows) table.push([String(r.year), r.workflowId, r.stage, r.status, r.startTime.slice(0, 16).replace('T', ' '), r.closeTime?.slice(0, 16).replace('T', ' ') ?? '']);
      console.log(table.toString());
    });

  program
    .command('submit <area>')
    .description("submit or revise an area's input from a .json or .md file")
    .requiredOption('--file <path>', 'the input (.json in the Contribution shape, or .md)')
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (areaId: string, opts: { file: string; year: number; as?: string }) => {
      const contribution = readContributionFile(opts.file, areaId);
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        const area = state.areas.find((a) => a.id === areaId);
        if (!area) throw new CycleError('invalid', `area: unknown area "${areaId}"; known: ${state.areas.map((a) => a.id).join(', ')}`);
        const isOwner = opts.as && [area.owners.eu.email, area.owners.al.email].includes(opts.as.toLowerCase());
        const actor = cliActor(state, isOwner ? 'area-owner' : 'coordinator', opts.as, state.coordinator);
        printOutcome(await submitContribution(client, { year: opts.year, areaId, contribution, actor }));
      });
    });

  const draft = program.command('draft').description("the coordinator's decisions on the current draft");
  draft
    .command('approve')
    .description('approve the current draft for the directors’ sign-off')
    .addOption(yearOption())
    .option('--version <n>', 'draft version (default: the current one)', (v) => Number(v))
    .addOption(asOption())
    .action(async (opts: { year: number; version?: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        const version = opts.version ?? state.drafts.at(-1)?.version ?? 0;
        printOutcome(await updateCycle(client, opts.year, approveDraftUpdate, { version, actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });
  draft
    .command('reopen <areas...>')
    .description('send areas back to their owners with a comment')
    .requiredOption('--comment <text>', 'what the owners should change')
    .addOption(yearOption())
    .option('--version <n>', 'draft version (default: the current one)', (v) => Number(v))
    .addOption(asOption())
    .action(async (areaIds: string[], opts: { comment: string; year: number; version?: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        const version = opts.version ?? state.drafts.at(-1)?.version ?? 0;
        printOutcome(await updateCycle(client, opts.year, reopenAreasUpdate, { version, areaIds, comment: opts.comment, actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });

  program
    .command('sign <decision>')
    .description("a director's decision on the draft in sign-off: approve or request-changes")
    .addOption(new Option('--director <side>', 'which director').choices(['eu', 'al']).makeOptionMandatory())
    .option('--comment <text>', 'comment (required to request changes)', '')
    .addOption(yearOption())
    .option('--version <n>', 'draft version (default: the current one)', (v) => Number(v))
    .addOption(asOption())
    .action(async (decision: string, opts: { director: 'eu' | 'al'; comment: string; year: number; version?: number; as?: string }) => {
      if (decision !== 'approve' && decision !== 'request-changes') throw new CycleError('invalid', `decision: must be approve or request-changes, got "${decision}"`);
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        const version = opts.version ?? state.drafts.at(-1)?.version ?? 0;
        const actor = cliActor(state, 'director', opts.as, state.directors[opts.director]);
        printOutcome(await updateCycle(client, opts.year, signOffUpdate, { version, director: opts.director, decision, comment: opts.comment, actor }));
      });
    });

  program
    .command('waive <area>')
    .description('waive an area for this cycle, with a reason')
    .requiredOption('--reason <text>', 'why the area is waived (shown in the report)')
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (areaId: string, opts: { reason: string; year: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        printOutcome(await updateCycle(client, opts.year, waiveAreaUpdate, { areaId, reason: opts.reason, actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });

  program
    .command('extend <area>')
    .description("extend an area's deadline to the end of a local day")
    .addOption(new Option('--due <date>', 'new due date YYYY-MM-DD').argParser(parseDate).makeOptionMandatory())
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (areaId: string, opts: { due: string; year: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        printOutcome(await updateCycle(client, opts.year, extendDeadlineUpdate, { areaId, dueDate: opts.due, actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });

  program
    .command('close')
    .description('close collection and assemble the draft')
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (opts: { year: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        printOutcome(await updateCycle(client, opts.year, closeCollectionUpdate, { actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });

  program
    .command('timeline')
    .description('planned reminders and escalations: of a running cycle, or with --kickoff of a cycle not yet started')
    .addOption(yearOption())
    .addOption(new Option('--kickoff <date>', 'plan for a cycle kicked off on this date (YYYY-MM-DD), from the seeds').argParser(parseDate))
    .option('--json', 'print a JSON array')
    .action(async (opts: { year: number; kickoff?: string; json?: boolean }) => {
      let state: ReviewCycleState;
      let policy: ReminderPolicy;
      let from: string;
      if (opts.kickoff) {
        const seeds = loadSeeds();
        const kickoffAt = DateTime.fromISO(opts.kickoff, { zone: seeds.timeline.timeZone }).set({ hour: 9 }).toUTC().toISO()!;
        const c = seeds.participants.coordinator;
        const input = ReviewCycleInput.parse({ year: opts.year, kickoffAt, ...seeds, startedBy: { email: c.email, role: 'coordinator', channel: 'cli' } });
        state = initialState(input, reviewCycleId(opts.year));
        policy = input.reminderPolicy;
        from = kickoffAt;
      } else {
        state = await withClient((client) => getCycleState(client, opts.year));
        policy = state.reminderPolicy ?? ReminderPolicy.parse({});
        from = new Date().toISOString();
      }
      const rows = timelineRows(state, policy, from);
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log(`Nothing planned for the ${state.year} cycle (stage ${state.stage}).`);
      const table = new Table({ head: ['When (local)', 'When (UTC)', 'Kind', 'Stage', 'Area / item', 'To', 'Why'], wordWrap: true });
      for (const r of rows) table.push([r.local.slice(0, 16).replace('T', ' '), r.at.slice(0, 16).replace('T', ' '), r.kind, r.stage, r.area ?? r.key, r.to.join('\n'), r.label]);
      console.log(`Planned reminders for the ${state.year} cycle (${state.timeZone}):`);
      console.log(table.toString());
    });

  program
    .command('cancel')
    .description('cancel a cycle (no more requests or reminders)')
    .requiredOption('--reason <text>', 'why')
    .addOption(yearOption())
    .addOption(asOption())
    .action(async (opts: { reason: string; year: number; as?: string }) => {
      await withClient(async (client) => {
        const state = await getCycleState(client, opts.year);
        printOutcome(await updateCycle(client, opts.year, cancelCycleUpdate, { reason: opts.reason, actor: cliActor(state, 'coordinator', opts.as, state.coordinator) }));
      });
    });

  return program;
}

/** Runs the CLI on `argv`; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().exitOverride().parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 2;
    if (err instanceof CycleError) {
      console.error(pc.red(`sdp-review: ${err.message}`));
      for (const f of err.fieldErrors) console.error(`  ${f.path || '(input)'}: ${f.message}`);
      return EXIT[err.kind];
    }
    console.error(pc.red(`sdp-review: ${(err as Error).message}`));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('sdp-review.mjs') || process.argv[1]?.endsWith('cli.ts')) {
  runCli(process.argv).then((code) => process.exit(code));
}
