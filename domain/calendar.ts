/**
 * The calendar of a review cycle: local dates, working days, local wall times and the end of a
 * local day, in the cycle's time zone.
 *
 * Imported by workflow code, so it is deterministic: no Node imports, no clock (callers pass the
 * instants), no randomness, no I/O. Every date-time is computed with luxon in an explicitly named
 * zone, never the process's zone, so results are the same whatever `TZ` the process runs with.
 * Instants are ISO 8601 UTC strings (`2025-03-31T07:00:00.000Z`); local dates are `YYYY-MM-DD` in
 * the cycle's time zone. Every argument is checked: an invalid one is a RangeError that names it.
 *
 * "09:00 local" is computed as a local wall time on each day, not as "24 hours after the previous
 * one", so it stays at 09:00 across daylight-saving changes: in Europe/Brussels it is 08:00Z on
 * 2025-03-29 and 07:00Z on 2025-03-30, once each day.
 *
 * Inside the domain (the reminder planner) a calendar day is a luxon DateTime at midnight UTC:
 * pure calendar arithmetic, no zone involved. Those helpers are exported for ./reminders.ts only.
 */
import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';

/** A local wall time `HH:MM` (24-hour clock), e.g. `09:00`. */
export const LocalTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. 09:00');

// Argument checks: every error is a RangeError that names the argument.

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its offset: a bare "2025-03-30T09:00" would be read in some zone we did not choose.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** `timeZone` when it is an IANA zone. @throws RangeError naming `name` otherwise. */
export function checkZone(timeZone: unknown, name: string): string {
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

/**
 * An instant (ISO 8601 with `Z` or an offset, or epoch milliseconds) as a luxon DateTime in UTC.
 * @throws RangeError naming `name` when it is neither.
 */
export function parseInstant(instant: unknown, name: string): DateTime {
  let dt: DateTime | undefined;
  if (typeof instant === 'number' && Number.isFinite(instant)) dt = DateTime.fromMillis(instant, { zone: 'utc' });
  else if (typeof instant === 'string' && INSTANT_RE.test(instant)) dt = DateTime.fromISO(instant, { zone: 'utc' });
  if (!dt || !dt.isValid) {
    throw new RangeError(`${name}: ${JSON.stringify(instant)} is not an instant (ISO 8601 with Z or an offset, or epoch milliseconds)`);
  }
  return dt;
}

/** A local time `HH:MM` as hour and minute. @throws RangeError naming `name` when it is not one. */
export function parseLocalTime(time: unknown, name: string): { hour: number; minute: number } {
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

/** A DateTime as an ISO 8601 UTC instant. */
export const utcIso = (dt: DateTime): string => dt.toUTC().toISO()!;
/** A DateTime's date, `YYYY-MM-DD`, in the DateTime's own zone. */
export const isoDate = (dt: DateTime): string => dt.toISODate()!;

// The calendar, on strings: what workflow, CLI and tests call.

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
 * The first working day on or after `date` (YYYY-MM-DD), under `closedDays`: `date` itself when it
 * is one. An extension must end on one (the workflow's validator, the console's confirmation).
 * @throws RangeError naming `date` or `closedDays[i]` if invalid.
 */
export function workingDayOnOrAfter(date: string, closedDays: readonly string[]): string {
  let day = date;
  while (!isWorkingDay(day, closedDays)) day = addLocalDays(day, 1);
  return day;
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
 *
 * The planner walks working days with `stepWorkingDays`; this is the same rule on strings, exported
 * so that test/reminders.test.ts pins it on its own (Good Friday and Easter Monday closed).
 * @throws RangeError naming `date`, `n` or `closedDays[i]` if invalid.
 */
export function addWorkingDays(date: string, n: number, closedDays: readonly string[]): string {
  const d = parseDate(date, 'date');
  const count = checkInteger(n, 'n');
  return isoDate(stepWorkingDays(d, count, closedSet(closedDays, 'closedDays')));
}

/** The calendar day `n` working days after `d` (before it for negative `n`); see `addWorkingDays`. */
export function stepWorkingDays(d: DateTime, n: number, closed: ReadonlySet<string>): DateTime {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let cur = d;
  while (left > 0) {
    cur = cur.plus({ days: step });
    if (isWorking(cur, closed)) left -= 1;
  }
  return cur;
}

/** `d` when it is a working day, else the closest working day before it. */
export function onOrBeforeWorkingDay(d: DateTime, closed: ReadonlySet<string>): DateTime {
  let cur = d;
  while (!isWorking(cur, closed)) cur = cur.minus({ days: 1 });
  return cur;
}

/**
 * The instant (ISO 8601 UTC) at which the wall clock in `timeZone` shows `time` (`HH:MM`) on local
 * `date`. Computed per day, so `09:00` in Europe/Brussels is 08:00Z in winter and 07:00Z in summer.
 * A wall time that does not exist (in the spring gap) is moved forward by the gap
 * (02:30 → 03:30); one that occurs twice (autumn) is luxon's choice, the later of the two
 * (2025-10-26 02:30 Europe/Brussels = 01:30Z).
 *
 * The planner uses its DateTime form, `atLocal`; this one is exported so that
 * test/reminders.test.ts pins the gap and overlap rules on their own.
 * @throws RangeError naming `date`, `time` or `timeZone` if invalid.
 */
export function localTimeAt(date: string, time: string, timeZone: string): string {
  const d = parseDate(date, 'date');
  const t = parseLocalTime(time, 'time');
  const zone = checkZone(timeZone, 'timeZone');
  return utcIso(atLocal(d, t, zone));
}

/** The DateTime (in `zone`) at which the wall clock in `zone` shows `t` on calendar day `d`; see `localTimeAt`. */
export function atLocal(d: DateTime, t: { hour: number; minute: number }, zone: string): DateTime {
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: t.hour, minute: t.minute }, { zone });
}

/**
 * The first instant strictly after `instant` at which the wall clock in `timeZone` shows `time`
 * (`HH:MM`): "each day at 09:00" — never a fixed 24 hours, which would drift by an hour across a
 * daylight-saving change. Returned as ISO 8601 UTC.
 *
 * No product code sleeps on it today (the planner computes each day's send time with `atLocal`);
 * it is exported because test/reminders.test.ts states the daylight-saving rule with it: once a
 * day at 09:00 local across 2025-03-30 and 2025-10-26, never twice on one local day.
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
 * An instant as ISO 8601 local time with its offset in `timeZone`, e.g.
 * `formatLocal('2025-03-30T07:00:00.000Z', 'Europe/Brussels')` = `2025-03-30T09:00:00.000+02:00`:
 * the form of `PlannedReminder.local`. Exported so that test/reminders.test.ts can check that
 * field against an independent computation.
 * `instant`: ISO 8601 with `Z` or an offset, or epoch milliseconds.
 * @throws RangeError naming `instant` or `timeZone` if invalid.
 */
export function formatLocal(instant: string | number, timeZone: string): string {
  const zone = checkZone(timeZone, 'timeZone');
  return parseInstant(instant, 'instant').setZone(zone).toISO()!;
}
