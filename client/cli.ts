/**
 * `sdp-review`: the command line of the secretariat. Connects to Temporal with the SDK's
 * configuration conventions (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key; see README),
 * does one thing, and exits non-zero with the error printed:
 * 2 invalid input (a bad option or argument included), 3 forbidden, 4 conflict (closed step),
 * 5 finished cycle, 6 not found, 7 Temporal unavailable, 1 other.
 */
import { writeFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
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
import { CalendarDate, Stage, contributionSchemaFor } from '../domain/schemas';
import { fieldErrors } from '../domain/validation';
import { ReviewCycleInput, initialState, plannedReminders } from '../domain/cycle';
import { ReminderPolicy } from '../domain/reminders';
import { cycleFigures as domainCycleFigures, isAreaOverdue } from '../domain/figures';
import { reviewCycleId, stateQuery } from '../domain/messages';
import { TemporalUnavailableError, connectClient } from '../infra/temporal-connection';
import { loadSeeds } from '../seeds';
import { auditCsv, auditJson, auditRows } from './audit';
import { readContributionFile } from './contribution-file';
import { CycleError, getCycleState, listCycles, startCycle, submitContribution, toCycleError, updateCycle, type CycleErrorKind, type CycleSummary } from './cycles';
import {
  YEARLY_SCHEDULE_ID,
  deleteYearlySchedule,
  describeYearlySchedule,
  pauseYearlySchedule,
  resumeYearlySchedule,
  setYearlySchedule,
  type YearlyScheduleInfo,
} from './schedule';

/** A table for the terminal: bold headers and grey borders on a TTY, plain text when piped. */
function newTable(options: ConstructorParameters<typeof Table>[0]): InstanceType<typeof Table> {
  const tty = process.stdout.isTTY === true;
  return new Table({ ...options, style: { head: tty ? ['bold'] : [], border: tty ? ['grey'] : [] } });
}

const EXIT: Record<CycleErrorKind, number> = { invalid: 2, forbidden: 3, conflict: 4, gone: 5, 'not-found': 6, unavailable: 7 };

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) throw new InvalidArgumentError('must be a year between 2024 and 2100');
  return year;
}
function parseVersion(value: string): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new InvalidArgumentError('must be a draft version: 1, 2, …');
  return version;
}
function parseDate(value: string): string {
  if (!CalendarDate.safeParse(value).success || !DateTime.fromISO(value).isValid) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
function parseIntIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}
function parseTime(value: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new InvalidArgumentError('must be a local time HH:MM (24-hour), e.g. 09:00');
  return value;
}
const yearOption = () => new Option('--year <year>', 'review year').argParser(parseYear).default(new Date().getFullYear(), 'this year');
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

function printStatus(state: ReviewCycleState): void {
  const s = statusJson(state);
  console.log(`${pc.bold(`Review cycle ${s.year}`)} (${s.workflowId}) — stage ${pc.cyan(s.stage)}${s.stageDueAt ? `, due ${local(s.stageDueAt, s.timeZone)}` : ''} (${s.timeZone})`);
  const table = newTable({ head: ['Area of cooperation', 'Status', 'Due', 'Rev.', 'Submitted'], wordWrap: true, colWidths: [52, 16, 18, 6, 18] });
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

/** Deadline of the `state` query that `list` makes per running cycle (ms): short, as they run side by side. */
export const LIST_QUERY_TIMEOUT_MS = 5_000;

/**
 * One row of `list`: the visibility summary, and for a running cycle what its `state` query says —
 * areas submitted (of all areas), how many awaited items are overdue (areas in collecting, the
 * draft in drafting, directors in sign-off; the rules of `reminderItems`), and the next deadline
 * still ahead (ISO 8601 UTC). `queryError` says why those are missing when the query failed.
 */
export interface CycleListRow extends CycleSummary {
  areasSubmitted?: number;
  areasTotal?: number;
  overdue?: number;
  nextDeadline?: string;
  timeZone?: string;
  queryError?: string;
}

/** The `list` figures of one cycle's state at `now` (ms since the epoch). */
export function cycleFigures(state: ReviewCycleState, now = Date.now()): Pick<CycleListRow, 'areasSubmitted' | 'areasTotal' | 'overdue' | 'nextDeadline' | 'timeZone'> {
  const figures = domainCycleFigures(state, now);
  return { areasSubmitted: figures.areasSubmitted, areasTotal: figures.areasTotal, overdue: figures.overdue, nextDeadline: figures.nextDeadline?.at, timeZone: state.timeZone };
}

/**
 * Lists cycles (visibility, `listCycles`) and queries each running one, in parallel, each query
 * with its own deadline of LIST_QUERY_TIMEOUT_MS. A cycle whose query fails (no worker answering)
 * keeps its row, with `queryError`. Throws CycleError when the listing itself fails.
 */
export async function cycleListRows(client: Client, filter: { stage?: string; year?: number } = {}, now = Date.now()): Promise<CycleListRow[]> {
  const rows = await listCycles(client, filter);
  return Promise.all(
    rows.map(async (row): Promise<CycleListRow> => {
      if (row.status !== 'RUNNING') return row;
      try {
        const state = await client.withDeadline(Date.now() + LIST_QUERY_TIMEOUT_MS, () => client.workflow.getHandle(row.workflowId).query(stateQuery));
        return { ...row, ...cycleFigures(state, now) };
      } catch (err) {
        let message: string;
        try {
          message = toCycleError(err, row.workflowId).message;
        } catch {
          message = (err as Error).message;
        }
        return { ...row, queryError: message };
      }
    }),
  );
}

function printSchedule(info: YearlyScheduleInfo): void {
  const when = info.yearly
    ? `every year on ${DateTime.fromObject({ year: 2001, month: info.yearly.month, day: info.yearly.day }).toFormat('d LLLL')} at ${info.yearly.time} (${info.timeZone})`
    : `a custom calendar (${info.timeZone})`;
  console.log(`${pc.bold('Yearly kick-off')} (schedule ${info.scheduleId}): ${when} — ${info.paused ? pc.yellow('PAUSED') : pc.green('active')}${info.note ? ` (${info.note})` : ''}`);
  const next = newTable({ head: [`Next runs (${info.timeZone})`, 'UTC'] });
  for (const r of info.nextRuns) next.push([DateTime.fromISO(r.local, { setZone: true }).toFormat('yyyy-LL-dd HH:mm ZZ'), r.at.slice(0, 16).replace('T', ' ')]);
  console.log(next.toString());
  if (info.paused) console.log('While paused, the runs above do not happen. Resume with: sdp-review schedule resume');
  if (info.recentRuns.length > 0) {
    console.log('Recent kick-offs (the launcher checks the year and starts review-cycle-<year>, or is refused if it exists):');
    for (const r of info.recentRuns) console.log(`  ${local(r.takenAt, info.timeZone)}  ${r.workflowId}`);
  }
}

/**
 * The `sdp-review` program. Usage errors throw a CommanderError instead of exiting (exitOverride is
 * set before the commands are added, so every subcommand inherits it): `runCli` maps them to exit 2.
 */
export function buildProgram(): Command {
  const program = new Command('sdp-review')
    .description('Annual review cycle of the EU–Albania Security and Defence Partnership, on Temporal.')
    .exitOverride()
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
    .description('list review cycles (Temporal visibility); running ones with areas submitted, overdue items and the next deadline')
    .addOption(new Option('--stage <stage>', 'only cycles in this stage').choices(Stage.options))
    .addOption(new Option('--year <year>', 'only this year').argParser(parseYear))
    .option('--json', 'print a JSON array')
    .action(async (opts: { stage?: string; year?: number; json?: boolean }) => {
      const rows = await withClient((client) => cycleListRows(client, { stage: opts.stage, year: opts.year }));
      for (const r of rows) if (r.queryError) console.error(pc.yellow(`${r.workflowId}: no figures (${r.queryError})`));
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log('No review cycles.');
      const table = newTable({ head: ['Year', 'Workflow id', 'Stage', 'Status', 'Areas submitted', 'Overdue', 'Next deadline (local)', 'Started (UTC)', 'Closed (UTC)'] });
      for (const r of rows) {
        const figures = r.areasTotal !== undefined;
        table.push([
          String(r.year),
          r.workflowId,
          r.stage,
          r.status,
          figures ? `${r.areasSubmitted}/${r.areasTotal}` : r.queryError ? '?' : '',
          figures ? (r.overdue ? pc.red(String(r.overdue)) : '0') : r.queryError ? '?' : '',
          r.nextDeadline && r.timeZone ? local(r.nextDeadline, r.timeZone) : '',
          r.startTime.slice(0, 16).replace('T', ' '),
          r.closeTime?.slice(0, 16).replace('T', ' ') ?? '',
        ]);
      }
      console.log(table.toString());
    });

  program
    .command('audit')
    .description('the whole event history of a cycle (who did what, when, through what): CSV for Excel, or JSON')
    .addOption(yearOption())
    .addOption(new Option('--format <format>', 'csv (UTF-8 with BOM, RFC 4180) or json').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { year: number; format: 'csv' | 'json'; out?: string }) => {
      const state = await withClient((client) => getCycleState(client, opts.year));
      const rows = auditRows(state);
      const text = opts.format === 'csv' ? auditCsv(rows) : auditJson(rows);
      if (!opts.out) return void process.stdout.write(text);
      writeFileSync(opts.out, text, 'utf8');
      console.log(`Wrote ${rows.length} events of ${state.workflowId} to ${opts.out}.`);
    });

  const schedule = program
    .command('schedule')
    .description(`the yearly kick-off: one Temporal Schedule (${YEARLY_SCHEDULE_ID}) that starts the year's cycle at a local time`);
  schedule
    .command('set')
    .description("create or change the yearly kick-off, at a local time in the cycle's time zone (seeds/timeline.json)")
    .addOption(new Option('--month <month>', 'month 1–12').argParser(parseIntIn(1, 12)).makeOptionMandatory())
    .addOption(new Option('--day <day>', 'day of the month 1–31').argParser(parseIntIn(1, 31)).makeOptionMandatory())
    .addOption(new Option('--time <HH:MM>', 'local time, 24-hour').argParser(parseTime).default('09:00'))
    .action(async (opts: { month: number; day: number; time: string }) => {
      const { timeZone } = loadSeeds().timeline;
      const info = await withClient((client) => setYearlySchedule(client, { month: opts.month, day: opts.day, time: opts.time, timeZone }));
      printSchedule(info);
    });
  schedule
    .command('show')
    .description('the yearly kick-off: when, whether paused, the next runs in local time and UTC, recent kick-offs')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const info = await withClient((client) => describeYearlySchedule(client));
      if (opts.json) return console.log(JSON.stringify(info, null, 2));
      printSchedule(info);
    });
  schedule
    .command('pause')
    .description('pause the yearly kick-off (nothing starts until resumed)')
    .option('--note <text>', 'why (shown by schedule show)')
    .action(async (opts: { note?: string }) => {
      await withClient((client) => pauseYearlySchedule(client, opts.note));
      console.log(pc.yellow(`Paused the yearly kick-off (${YEARLY_SCHEDULE_ID}).`));
    });
  schedule
    .command('resume')
    .description('resume the yearly kick-off')
    .option('--note <text>', 'why (shown by schedule show)')
    .action(async (opts: { note?: string }) => {
      await withClient((client) => resumeYearlySchedule(client, opts.note));
      console.log(pc.green(`Resumed the yearly kick-off (${YEARLY_SCHEDULE_ID}).`));
    });
  schedule
    .command('delete')
    .description('delete the yearly kick-off (cycles already started go on)')
    .action(async () => {
      await withClient((client) => deleteYearlySchedule(client));
      console.log(`Deleted the yearly kick-off (${YEARLY_SCHEDULE_ID}). Cycles it started go on.`);
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
        // Checked here first, with the same schema as the workflow's validator: a clear answer
        // without sending a large invalid input through Temporal.
        const local = contributionSchemaFor(area).safeParse(contribution);
        if (!local.success) throw new CycleError('invalid', 'the input is not valid', fieldErrors(local.error));
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
    .option('--version <n>', 'draft version (default: the current one)', parseVersion)
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
    .option('--version <n>', 'draft version (default: the current one)', parseVersion)
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
    .option('--version <n>', 'draft version (default: the current one)', parseVersion)
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
        policy = ReminderPolicy.parse(state.reminderPolicy ?? {});
        from = new Date().toISOString();
      }
      const rows = timelineRows(state, policy, from);
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return console.log(`Nothing planned for the ${state.year} cycle (stage ${state.stage}).`);
      const table = newTable({ head: ['When (local)', 'When (UTC)', 'Kind', 'Stage', 'Area / item', 'To', 'Why'], wordWrap: true });
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
    // Commander has already printed its message (naming the option or argument); help and
    // --version exit 0, every other usage error is invalid input.
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode === 0 ? 0 : 2;
    if (err instanceof TemporalUnavailableError) {
      console.error(pc.red(`sdp-review: ${err.message}`));
      return EXIT.unavailable;
    }
    if (err instanceof CycleError) {
      if (err.fieldErrors.length === 0) {
        console.error(pc.red(`sdp-review: ${err.message}`));
      } else {
        console.error(pc.red('sdp-review: the input is not valid:'));
        for (const f of err.fieldErrors) console.error(`  ${f.path || '(input)'}: ${f.message}`);
      }
      return EXIT[err.kind];
    }
    console.error(pc.red(`sdp-review: ${(err as Error).message}`));
    return 1;
  }
}

/**
 * Exits with `code` once stdout and stderr have been written out: a plain `process.exit` cuts a
 * piped output at 64 KiB (e.g. `audit --format json | jq`).
 */
export function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Run when executed directly (`tsx client/cli.ts …`); bin/sdp-review.mjs calls runCli itself.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv).then(exitAfterFlush);
}
