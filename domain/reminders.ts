/**
 * Reminders and escalations of a review cycle: the policy (zod), the calendar helpers it needs and
 * the planner that turns open items into dated mails (issue 4).
 *
 * This module is imported by workflow code and by the CLI (`sdp-review timeline`), so it is
 * deterministic: no Node imports, no clock (the caller passes `from`/`until`), no randomness, no
 * I/O. Every date-time is computed with luxon in an explicitly named zone, never the process's
 * zone, so results are the same whatever `TZ` the process runs with. Instants are ISO 8601 UTC
 * strings (`2025-03-31T07:00:00.000Z`); local dates are `YYYY-MM-DD` in the cycle's time zone.
 *
 * "09:00 local" is computed as a local wall time on each day, not as "24 hours after the previous
 * one", so it stays at 09:00 across daylight-saving changes (../shared/cases C8: 08:00Z on
 * 2025-03-29, 07:00Z on 2025-03-30 in Europe/Brussels).
 */
import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { CalendarDate, Stage } from './schemas';

// ---------------------------------------------------------------------------------------------
// Policy

/** A local wall time `HH:MM` (24-hour clock), e.g. `09:00`. */
export const LocalTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. 09:00');

/** The stages that have something due and therefore reminders. */
export const ReminderStage = Stage.extract(['collecting', 'drafting', 'sign-off']);
export type ReminderStage = z.infer<typeof ReminderStage>;

/** Who an escalation goes to: the coordinator, or every director (both co-chairs). */
export const EscalationTarget = z.enum(['coordinator', 'directors'], { message: 'must be coordinator or directors' });
export type EscalationTarget = z.infer<typeof EscalationTarget>;

/**
 * What is sent for one stage. Defaults (issue 4): owners are reminded 7 and 2 calendar days before
 * the due date and on the morning of the due date (0); the coordinator is told 1 working day after
 * it, both directors 5 working days after it; owners are reminded every 2 working days while the
 * item is outstanding, the first time 2 working days after the due date.
 */
export const StageReminderPolicy = z
  .strictObject({
    /** Calendar days before the local due date on which owners are reminded; 0 = the due date's morning. */
    beforeDueDays: z.array(z.number().int().min(0).max(365)).max(30).default([7, 2, 0]),
    /** Escalations after the due date, in working days after the local due date (1 = the next working day). */
    escalations: z
      .array(z.strictObject({ afterWorkingDays: z.number().int().min(1).max(260), to: EscalationTarget }))
      .max(10)
      .default([
        { afterWorkingDays: 1, to: 'coordinator' },
        { afterWorkingDays: 5, to: 'directors' },
      ]),
    /** Repeated reminders to owners while overdue; `null` sends none. */
    repeatOverdue: z
      .strictObject({
        /** Working days after the local due date of the first overdue reminder. */
        firstAfterWorkingDays: z.number().int().min(1).max(260).default(2),
        /** Working days between overdue reminders. */
        everyWorkingDays: z.number().int().min(1).max(260).default(2),
      })
      .nullable()
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    const days = new Set<number>();
    p.beforeDueDays.forEach((d, i) => {
      if (days.has(d)) ctx.addIssue({ code: 'custom', path: ['beforeDueDays', i], message: `duplicate day ${d}` });
      days.add(d);
    });
    // Two escalations on one day would share an id (`key|escalation|at`) and one be dropped as a duplicate send.
    const after = new Set<number>();
    p.escalations.forEach((e, i) => {
      if (after.has(e.afterWorkingDays)) {
        ctx.addIssue({ code: 'custom', path: ['escalations', i, 'afterWorkingDays'], message: `two escalations ${e.afterWorkingDays} working days after; give each its own day` });
      }
      after.add(e.afterWorkingDays);
    });
  });
export type StageReminderPolicy = z.output<typeof StageReminderPolicy>;

/**
 * The reminder policy of a cycle (seeds/reminder-policy.json). `ReminderPolicy.parse({})` gives the
 * issue's defaults with no closed days; the seed adds the EU institutions' holidays.
 * - `sendAt`: local time, in the cycle's time zone, at which every reminder and escalation is sent;
 * - `closedDays`: local dates that are not working days (besides Saturdays and Sundays);
 * - `stages`: one `StageReminderPolicy` per stage with a due date.
 */
export const ReminderPolicy = z.strictObject({
  sendAt: LocalTime.default('09:00'),
  closedDays: z.array(CalendarDate).max(1000).default([]),
  stages: z
    .strictObject({
      collecting: StageReminderPolicy.prefault({}),
      drafting: StageReminderPolicy.prefault({}),
      'sign-off': StageReminderPolicy.prefault({}),
    })
    .prefault({}),
});
/** A policy after validation, defaults applied. */
export type ReminderPolicy = z.output<typeof ReminderPolicy>;
/** A policy as written in a seed or sent by a client, before defaults. */
export type ReminderPolicyInput = z.input<typeof ReminderPolicy>;

// ---------------------------------------------------------------------------------------------
// Argument checks: every error is a RangeError that names the argument.

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its offset: a bare "2025-03-30T09:00" would be read in some zone we did not choose.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function checkZone(timeZone: unknown, name: string): string {
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new RangeError(`${name}: ${JSON.stringify(timeZone)} is not an IANA time zone (e.g. Europe/Brussels)`);
  }
  return timeZone;
}

/** A calendar date as a luxon DateTime at midnight UTC: pure calendar arithmetic, no zone involved. */
function parseDate(date: unknown, name: string): DateTime {
  const dt = typeof date === 'string' && DATE_RE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : undefined;
  if (!dt || !dt.isValid) throw new RangeError(`${name}: ${JSON.stringify(date)} is not a date YYYY-MM-DD`);
  return dt;
}

function parseInstant(instant: unknown, name: string): DateTime {
  let dt: DateTime | undefined;
  if (typeof instant === 'number' && Number.isFinite(instant)) dt = DateTime.fromMillis(instant, { zone: 'utc' });
  else if (typeof instant === 'string' && INSTANT_RE.test(instant)) dt = DateTime.fromISO(instant, { zone: 'utc' });
  if (!dt || !dt.isValid) {
    throw new RangeError(`${name}: ${JSON.stringify(instant)} is not an instant (ISO 8601 with Z or an offset, or epoch milliseconds)`);
  }
  return dt;
}

function parseLocalTime(time: unknown, name: string): { hour: number; minute: number } {
  if (typeof time !== 'string' || !LocalTime.safeParse(time).success) {
    throw new RangeError(`${name}: ${JSON.stringify(time)} is not a local time HH:MM`);
  }
  return { hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) };
}

function checkInteger(n: unknown, name: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RangeError(`${name}: ${JSON.stringify(n)} is not an integer`);
  return n;
}

function closedSet(closedDays: readonly string[], name: string): Set<string> {
  if (!Array.isArray(closedDays)) throw new RangeError(`${name}: must be an array of dates YYYY-MM-DD`);
  closedDays.forEach((d, i) => parseDate(d, `${name}[${i}]`));
  return new Set(closedDays);
}

const utcIso = (dt: DateTime): string => dt.toUTC().toISO()!;
const isoDate = (dt: DateTime): string => dt.toISODate()!;

// ---------------------------------------------------------------------------------------------
// Calendar helpers

/**
 * The last instant of a local calendar day: `date` 23:59:59.999 in `timeZone`, as ISO 8601 UTC.
 * A due date given as a calendar date means this instant (issue 4), e.g.
 * `endOfLocalDay('2025-01-15', 'Europe/Brussels')` = `2025-01-15T22:59:59.999Z`,
 * `endOfLocalDay('2025-07-15', 'Europe/Brussels')` = `2025-07-15T21:59:59.999Z`.
 * @throws RangeError naming `date` or `timeZone` if either is invalid.
 */
export function endOfLocalDay(date: string, timeZone: string): string {
  const d = parseDate(date, 'date');
  const zone = checkZone(timeZone, 'timeZone');
  return utcIso(DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone }).endOf('day'));
}

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in `timeZone`.
 * `instant`: ISO 8601 with `Z` or an offset, or epoch milliseconds.
 * @throws RangeError naming `instant` or `timeZone` if either is invalid.
 */
export function localDateOf(instant: string | number, timeZone: string): string {
  const zone = checkZone(timeZone, 'timeZone');
  return isoDate(parseInstant(instant, 'instant').setZone(zone));
}

/**
 * The calendar date `n` days after `date` (`n` may be negative or 0). Calendar arithmetic only:
 * independent of any time zone.
 * @throws RangeError naming `date` or `n` if invalid.
 */
export function addLocalDays(date: string, n: number): string {
  const d = parseDate(date, 'date');
  return isoDate(d.plus({ days: checkInteger(n, 'n') }));
}

/**
 * True if `date` is a working day: neither a Saturday, a Sunday nor one of `closedDays` (YYYY-MM-DD).
 * @throws RangeError naming `date` or `closedDays[i]` if invalid.
 */
export function isWorkingDay(date: string, closedDays: readonly string[]): boolean {
  const d = parseDate(date, 'date');
  return isWorking(d, closedSet(closedDays, 'closedDays'));
}

function isWorking(d: DateTime, closed: ReadonlySet<string>): boolean {
  return d.weekday <= 5 && !closed.has(isoDate(d));
}

/**
 * The date `n` working days after `date` (before it for negative `n`), skipping Saturdays, Sundays
 * and `closedDays`. Counting starts from the day after (before) `date`, so Friday + 1 = Monday and
 * Saturday + 1 = Monday; `n` = 0 returns `date` unchanged, working day or not.
 * @throws RangeError naming `date`, `n` or `closedDays[i]` if invalid.
 */
export function addWorkingDays(date: string, n: number, closedDays: readonly string[]): string {
  const d = parseDate(date, 'date');
  const count = checkInteger(n, 'n');
  return isoDate(stepWorkingDays(d, count, closedSet(closedDays, 'closedDays')));
}

function stepWorkingDays(d: DateTime, n: number, closed: ReadonlySet<string>): DateTime {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let cur = d;
  while (left > 0) {
    cur = cur.plus({ days: step });
    if (isWorking(cur, closed)) left -= 1;
  }
  return cur;
}

function onOrBeforeWorkingDay(d: DateTime, closed: ReadonlySet<string>): DateTime {
  let cur = d;
  while (!isWorking(cur, closed)) cur = cur.minus({ days: 1 });
  return cur;
}

/**
 * The instant (ISO 8601 UTC) at which the wall clock in `timeZone` shows `time` (`HH:MM`) on local
 * `date`. Computed per day, so `09:00` in Europe/Brussels is 08:00Z in winter and 07:00Z in summer
 * (C8). A wall time that does not exist (in the spring gap) is moved forward by the gap
 * (02:30 → 03:30); one that occurs twice (autumn) is luxon's choice, the later of the two
 * (2025-10-26 02:30 Europe/Brussels = 01:30Z).
 * @throws RangeError naming `date`, `time` or `timeZone` if invalid.
 */
export function localTimeAt(date: string, time: string, timeZone: string): string {
  const d = parseDate(date, 'date');
  const t = parseLocalTime(time, 'time');
  const zone = checkZone(timeZone, 'timeZone');
  return utcIso(atLocal(d, t, zone));
}

function atLocal(d: DateTime, t: { hour: number; minute: number }, zone: string): DateTime {
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: t.hour, minute: t.minute }, { zone });
}

/**
 * The first instant strictly after `instant` at which the wall clock in `timeZone` shows `time`
 * (`HH:MM`): what a workflow sleeps until for "each day at 09:00" — never a fixed 24 hours, which
 * would drift by an hour across a daylight-saving change (C8). Returned as ISO 8601 UTC.
 * `instant`: ISO 8601 with `Z` or an offset, or epoch milliseconds.
 * @throws RangeError naming `instant`, `time` or `timeZone` if invalid.
 */
export function nextLocalTimeAfter(instant: string | number, time: string, timeZone: string): string {
  const zone = checkZone(timeZone, 'timeZone');
  const t = parseLocalTime(time, 'time');
  const after = parseInstant(instant, 'instant');
  const day = DateTime.fromISO(isoDate(after.setZone(zone)), { zone: 'utc' });
  for (let i = 0; ; i += 1) {
    const at = atLocal(day.plus({ days: i }), t, zone);
    if (at.toMillis() > after.toMillis()) return utcIso(at);
  }
}

/**
 * An instant as ISO 8601 local time with its offset in `timeZone`, for mails and pages, e.g.
 * `formatLocal('2025-03-30T07:00:00.000Z', 'Europe/Brussels')` = `2025-03-30T09:00:00.000+02:00`.
 * `instant`: ISO 8601 with `Z` or an offset, or epoch milliseconds.
 * @throws RangeError naming `instant` or `timeZone` if invalid.
 */
export function formatLocal(instant: string | number, timeZone: string): string {
  const zone = checkZone(timeZone, 'timeZone');
  return parseInstant(instant, 'instant').setZone(zone).toISO()!;
}

// ---------------------------------------------------------------------------------------------
// Planner

/** Someone who receives mail. */
export interface Recipient {
  name: string;
  email: string;
}

/** Something that is due and has owners who must act. */
export interface ReminderItem {
  stage: ReminderStage;
  /** Stable key of the item, e.g. `area:cyber-issues`, `draft:v2`, `director:eu:v2`. */
  key: string;
  areaId?: string;
  /** What is asked, for the mail. */
  title: string;
  /** ISO 8601 UTC instant by which the item is due (usually `endOfLocalDay(dueDate, timeZone)`). */
  dueAt: string;
  /** Who must act. */
  owners: Recipient[];
  /** Submitted, waived or decided: nothing more is sent. */
  done: boolean;
}

/** One mail to send (before digesting), at one instant. */
export interface PlannedReminder {
  /** ISO 8601 UTC. */
  at: string;
  /** `at` in the cycle's time zone, ISO 8601 with offset. */
  local: string;
  /** `reminder` goes to the item's owners (before the due date, or overdue); `escalation` to the coordinator or directors. */
  kind: 'reminder' | 'escalation';
  stage: ReminderStage;
  key: string;
  areaId?: string;
  to: Recipient[];
  /** ISO 8601 UTC. */
  dueAt: string;
  /** `7 days before`, `1 day before`, `due today`, `overdue: 2 working days`, `escalation to the coordinator`, `escalation to the directors`. */
  label: string;
  /** Stable `${key}|${kind}|${at}`: the same reminder planned twice has the same id, so sends are deduped. */
  id: string;
}

/** Input of `planReminders`. */
export interface PlanRemindersArgs {
  policy: ReminderPolicy;
  /** IANA time zone of the cycle, e.g. `Europe/Brussels`. */
  timeZone: string;
  items: ReminderItem[];
  coordinator: Recipient;
  directors: Recipient[];
  /** ISO 8601 UTC, exclusive: only reminders strictly after this instant (usually "now"). */
  from: string;
  /** ISO 8601 UTC horizon, inclusive. */
  until: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function uniqueRecipients(list: readonly Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = r.email.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Plans the reminders and escalations of `items` that fall in (`from`, `until`] (issue 4):
 * - before the due date: 09:00 local (`policy.sendAt`) on each `beforeDueDays` calendar day before
 *   the item's local due date; a day that is not a working day moves to the previous working day;
 *   at most one per item per local day; none at or after `dueAt`; those before `from` are skipped,
 *   never sent late. The label tells the real distance (`3 days before` for a Saturday moved to Friday);
 * - after the due date, on working days counted from the local due date, at `sendAt` local:
 *   escalations to the coordinator or to every director, and overdue reminders to the owners
 *   every `repeatOverdue.everyWorkingDays`, continuing up to `until` but no further than
 *   MAX_OVERDUE_WORKING_DAYS working days after the due date;
 * - items with `done` produce nothing; a mail with no recipient is not planned.
 * Times are wall-clock times in `timeZone` (C8), independent of the process's time zone.
 * Returns reminders sorted by `at`, then `key`, then `kind`.
 * @throws RangeError naming the argument (`timeZone`, `from`, `until`, `items[i].dueAt`,
 *   `items[i].stage`, `policy.<path>`) that is invalid, or `until` if it is before `from`.
 */
export function planReminders(args: PlanRemindersArgs): PlannedReminder[] {
  const zone = checkZone(args.timeZone, 'timeZone');
  const parsed = ReminderPolicy.safeParse(args.policy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`policy.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  const policy = parsed.data;
  const closed = new Set(policy.closedDays);
  const sendAt = parseLocalTime(policy.sendAt, 'policy.sendAt');
  const from = parseInstant(args.from, 'from').toMillis();
  const until = parseInstant(args.until, 'until').toMillis();
  if (until < from) throw new RangeError(`until: ${args.until} is before from (${args.from})`);
  const directors = uniqueRecipients(args.directors);

  const out: PlannedReminder[] = [];
  args.items.forEach((item, i) => {
    if (!ReminderStage.safeParse(item.stage).success) {
      throw new RangeError(`items[${i}].stage: ${JSON.stringify(item.stage)} must be one of ${ReminderStage.options.join(', ')}`);
    }
    const due = parseInstant(item.dueAt, `items[${i}].dueAt`);
    if (item.done) return;
    const stagePolicy = policy.stages[item.stage];
    const owners = uniqueRecipients(item.owners);
    const dueDate = DateTime.fromISO(isoDate(due.setZone(zone)), { zone: 'utc' });
    const dueAt = utcIso(due);

    const push = (at: DateTime, kind: PlannedReminder['kind'], to: Recipient[], label: string): void => {
      const ms = at.toMillis();
      if (ms <= from || ms > until || to.length === 0) return;
      const atIso = utcIso(at);
      out.push({
        at: atIso,
        local: at.setZone(zone).toISO()!,
        kind,
        stage: item.stage,
        key: item.key,
        ...(item.areaId !== undefined ? { areaId: item.areaId } : {}),
        to,
        dueAt,
        label,
        id: `${item.key}|${kind}|${atIso}`,
      });
    };

    // Before the due date: one per local day, the closest to the due date deciding the label.
    const days = new Set<string>();
    for (const d of [...stagePolicy.beforeDueDays].sort((a, b) => a - b)) {
      const day = onOrBeforeWorkingDay(dueDate.minus({ days: d }), closed);
      const dayIso = isoDate(day);
      if (days.has(dayIso)) continue;
      days.add(dayIso);
      const at = atLocal(day, sendAt, zone);
      if (at.toMillis() >= due.toMillis()) continue;
      const before = Math.round(dueDate.diff(day, 'days').days);
      push(at, 'reminder', owners, before === 0 ? 'due today' : `${plural(before, 'day', 'days')} before`);
    }

    // After the due date: walk the working days until the horizon.
    const escalations = new Map(stagePolicy.escalations.map((e) => [e.afterWorkingDays, e.to]));
    const lastEscalation = Math.max(0, ...escalations.keys());
    const repeat = stagePolicy.repeatOverdue;
    let day: DateTime = dueDate;
    for (let n = 1; n <= MAX_OVERDUE_WORKING_DAYS; n += 1) {
      day = stepWorkingDays(day, 1, closed);
      const at = atLocal(day, sendAt, zone);
      if (at.toMillis() > until) break;
      if (at.toMillis() <= due.toMillis()) continue;
      const target = escalations.get(n);
      if (target === 'coordinator') push(at, 'escalation', [args.coordinator], 'escalation to the coordinator');
      if (target === 'directors') push(at, 'escalation', directors, 'escalation to the directors');
      if (repeat && n >= repeat.firstAfterWorkingDays && (n - repeat.firstAfterWorkingDays) % repeat.everyWorkingDays === 0) {
        push(at, 'reminder', owners, `overdue: ${plural(n, 'working day', 'working days')}`);
      }
      if (!repeat && n >= lastEscalation) break;
    }
  });

  return out.sort(
    (a, b) => cmp(a.at, b.at) || cmp(a.key, b.key) || cmp(a.kind, b.kind) || cmp(a.id, b.id),
  );
}

/**
 * Overdue reminders stop a year of working days after the due date: an item that late has long been
 * escalated, and the walk over the days stays short whatever the age of the cycle.
 */
export const MAX_OVERDUE_WORKING_DAYS = 260;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The instant (ISO 8601 UTC) of the earliest planned reminder or escalation for `key`, or
 * `undefined` if none is planned (e.g. for `AreaState.nextReminderAt`).
 */
export function nextReminderAt(planned: readonly PlannedReminder[], key: string): string | undefined {
  let next: string | undefined;
  for (const p of planned) if (p.key === key && (next === undefined || p.at < next)) next = p.at;
  return next;
}

// ---------------------------------------------------------------------------------------------
// Digests

/** One mail to one person for one local day, listing all that person's reminders of that day. */
export interface Digest {
  recipient: Recipient;
  /** Local date in the cycle's time zone, YYYY-MM-DD. */
  localDate: string;
  /** ISO 8601 UTC: the earliest `at` of the reminders. */
  at: string;
  /** Sorted by `at`, then `key`, then `kind`. */
  reminders: PlannedReminder[];
  /** Stable `${email}|${localDate}` (e-mail lower-case): used to send each digest once. */
  id: string;
}

/**
 * Groups planned reminders into one digest per recipient (by e-mail, case-insensitive) per local
 * day in `timeZone`: an owner of several overdue areas receives one mail listing them all
 * (issue 4). A reminder with several recipients appears in each recipient's digest. Returns
 * digests sorted by `at`, then `id`.
 * @throws RangeError naming `timeZone` or `planned[i].at` if invalid.
 */
export function groupIntoDigests(planned: readonly PlannedReminder[], timeZone: string): Digest[] {
  const zone = checkZone(timeZone, 'timeZone');
  const groups = new Map<string, Digest>();
  planned.forEach((p, i) => {
    const localDate = isoDate(parseInstant(p.at, `planned[${i}].at`).setZone(zone));
    for (const r of p.to) {
      const id = `${r.email.toLowerCase()}|${localDate}`;
      let g = groups.get(id);
      if (!g) {
        g = { recipient: r, localDate, at: p.at, reminders: [], id };
        groups.set(id, g);
      }
      if (g.reminders.some((x) => x.id === p.id)) continue;
      g.reminders.push(p);
    }
  });
  const digests = [...groups.values()];
  for (const g of digests) {
    g.reminders.sort((a, b) => cmp(a.at, b.at) || cmp(a.key, b.key) || cmp(a.kind, b.kind) || cmp(a.id, b.id));
    g.at = g.reminders[0]!.at;
  }
  return digests.sort((a, b) => cmp(a.at, b.at) || cmp(a.id, b.id));
}
