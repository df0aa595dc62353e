/**
 * The yearly kick-off: ONE Temporal Schedule (`sdp-review-yearly-kickoff`) that starts the
 * `scheduledKickoff` launcher once a year at a local time in the cycle's time zone; the launcher
 * starts `review-cycle-<year>` (workflows/scheduled-kickoff.ts). Used by `sdp-review schedule …`.
 *
 * Time: the Schedule's calendar is read in its `timezone` (the seeds' timeline, Europe/Brussels),
 * so 09:00 stays 09:00 local on both sides of a daylight-saving change. Temporal matches wall-clock
 * times literally, so a time that does not exist (skipped by the clocks going forward) would not
 * fire that year, and one that happens twice would fire twice: `yearlySpec` refuses both.
 *
 * Every call has a deadline (CALL_TIMEOUT_MS), and failures come back as `CycleError`.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type Client,
  type ScheduleDescription,
  type ScheduleSpec,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import { DateTime } from 'luxon';
import { TASK_QUEUE } from '../domain/messages';
import type { scheduledKickoff } from '../workflows/scheduled-kickoff';
import { CALL_TIMEOUT_MS } from './cycles';
import { CycleError, toCycleError } from './errors';

/** The id of the one yearly schedule; also the prefix of its launchers' workflow ids. */
export const YEARLY_SCHEDULE_ID = 'sdp-review-yearly-kickoff';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;
/** Days in each month in a common year: 29 February is refused (it would skip three years in four). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** When the kick-off happens each year: a local month, day and time in `timeZone`. */
export interface YearlyTime {
  /** 1–12. */
  month: number;
  /** 1–31, valid for the month; not 29 February. */
  day: number;
  /** Local time `HH:MM` (24 h). */
  time: string;
  /** IANA zone, e.g. `Europe/Brussels`. */
  timeZone: string;
}

/** What `describeYearlySchedule` reports. Instants are ISO 8601 UTC; `local` values carry the zone's offset. */
export interface YearlyScheduleInfo {
  scheduleId: string;
  /** The configured time; undefined if the schedule was changed by hand into another shape. */
  yearly?: YearlyTime;
  timeZone: string;
  paused: boolean;
  note?: string;
  /** The next runs (Temporal computes them), earliest first. */
  nextRuns: { at: string; local: string }[];
  /**
   * The latest launchers started (by the calendar or by hand), oldest first. Two started within the
   * same second share a workflow id (Temporal appends the time in seconds); `runId` tells them apart.
   */
  recentRuns: { scheduledAt: string; takenAt: string; workflowId: string; runId: string }[];
  createdAt: string;
}

/**
 * Checks a yearly time and turns it into a Schedule spec. Throws CycleError `invalid` naming the
 * option (`--month`, `--day`, `--time`) when the value is out of range, the day does not exist in
 * the month, or the local time falls into a daylight-saving gap or overlap in any of the next
 * `checkYears` years (default 30) from `from` (default now).
 */
export function yearlySpec(t: YearlyTime, opts: { from?: Date; checkYears?: number } = {}): ScheduleSpec {
  if (!Number.isInteger(t.month) || t.month < 1 || t.month > 12) throw new CycleError('invalid', `--month: must be 1–12, got ${t.month}`);
  const maxDay = DAYS_IN_MONTH[t.month - 1]!;
  if (t.month === 2 && t.day === 29) throw new CycleError('invalid', '--day: 29 February exists only in leap years; choose 28 February or 1 March');
  if (!Number.isInteger(t.day) || t.day < 1 || t.day > maxDay) throw new CycleError('invalid', `--day: must be 1–${maxDay} for month ${t.month}, got ${t.day}`);
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t.time);
  if (!m) throw new CycleError('invalid', `--time: must be HH:MM (24-hour, local), got "${t.time}"`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (!DateTime.local().setZone(t.timeZone).isValid) throw new CycleError('invalid', `time zone: "${t.timeZone}" is not an IANA time zone`);

  const firstYear = DateTime.fromJSDate(opts.from ?? new Date(), { zone: t.timeZone }).year;
  for (let year = firstYear; year < firstYear + (opts.checkYears ?? 30); year++) {
    const at = DateTime.fromObject({ year, month: t.month, day: t.day, hour, minute }, { zone: t.timeZone });
    const date = `${year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
    if (at.hour !== hour || at.minute !== minute) {
      throw new CycleError('invalid', `--time: ${t.time} does not exist on ${date} in ${t.timeZone} (the clocks go forward); choose another time`);
    }
    // The same wall-clock time an hour later in UTC with the same local reading means it occurs twice.
    const later = at.plus({ hours: 1 });
    const earlier = at.minus({ hours: 1 });
    if ((later.hour === hour && later.minute === minute) || (earlier.hour === hour && earlier.minute === minute)) {
      throw new CycleError('invalid', `--time: ${t.time} happens twice on ${date} in ${t.timeZone} (the clocks go back); choose another time`);
    }
  }
  return {
    calendars: [{ month: MONTHS[t.month - 1]!, dayOfMonth: t.day, hour, minute, comment: `Yearly kick-off of the review cycle, ${t.time} local` }],
    timezone: t.timeZone,
  };
}

function action(): ScheduleOptionsStartWorkflowAction<typeof scheduledKickoff> {
  return {
    type: 'startWorkflow',
    workflowType: 'scheduledKickoff',
    // Temporal appends the nominal start time, e.g. `sdp-review-yearly-kickoff-2027-03-30T07:00:00Z`.
    workflowId: YEARLY_SCHEDULE_ID,
    taskQueue: TASK_QUEUE,
    args: [],
    // The launcher takes seconds once a worker runs; it may wait for one through an outage (as long
    // as the catch-up window), but never so long that it holds next year's start (overlap SKIP).
    workflowExecutionTimeout: '30 days',
  };
}

async function call<T>(client: Client, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await client.withDeadline(Date.now() + CALL_TIMEOUT_MS, fn);
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) {
      throw new CycleError('not-found', `${what}: there is no yearly schedule (${YEARLY_SCHEDULE_ID}). Create it with: sdp-review schedule set --month M --day D [--time HH:MM]`);
    }
    throw toCycleError(err, what);
  }
}

/**
 * Creates the yearly schedule, or updates it in place when it exists (there is only ever one;
 * a paused schedule stays paused). Throws CycleError `invalid` as `yearlySpec` does, `unavailable`
 * when Temporal does not answer in time.
 */
export async function setYearlySchedule(client: Client, t: YearlyTime): Promise<YearlyScheduleInfo> {
  const spec = yearlySpec(t);
  await call(client, 'schedule set', async () => {
    try {
      await client.schedule.create({
        scheduleId: YEARLY_SCHEDULE_ID,
        spec,
        action: action(),
        // If Temporal is down at the kick-off instant, it still starts the cycle within a month;
        // later than that, a person should decide (sdp-review start).
        policies: { catchupWindow: '30 days', overlap: 'SKIP', pauseOnFailure: false },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(YEARLY_SCHEDULE_ID).update((prev) => ({ ...prev, spec, action: action() }));
    }
  });
  return describeYearlySchedule(client);
}

/** Reads the yearly time back from the schedule's spec; undefined when it has another shape. */
function yearlyOf(d: ScheduleDescription): YearlyTime | undefined {
  const cal = d.spec.calendars?.[0];
  if (!cal || d.spec.calendars!.length !== 1) return undefined;
  const one = <U>(r: { start: U; end: U }[]) => (r.length === 1 && r[0]!.start === r[0]!.end ? r[0]!.start : undefined);
  const month = one(cal.month);
  const day = one(cal.dayOfMonth);
  const hour = one(cal.hour);
  const minute = one(cal.minute);
  if (month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  return { month: MONTHS.indexOf(month) + 1, day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timeZone: d.spec.timezone ?? 'UTC' };
}

/** The yearly schedule: its time, state, next runs and recent launchers. Throws CycleError `not-found`. */
export async function describeYearlySchedule(client: Client): Promise<YearlyScheduleInfo> {
  const d = await call(client, 'schedule show', () => client.schedule.getHandle(YEARLY_SCHEDULE_ID).describe());
  const timeZone = d.spec.timezone ?? 'UTC';
  return {
    scheduleId: d.scheduleId,
    yearly: yearlyOf(d),
    timeZone,
    paused: d.state.paused,
    note: d.state.note,
    nextRuns: d.info.nextActionTimes.map((t) => ({ at: t.toISOString(), local: DateTime.fromJSDate(t, { zone: timeZone }).toISO()! })),
    recentRuns: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), takenAt: a.takenAt.toISOString(), workflowId: a.action.workflow.workflowId, runId: a.action.workflow.firstExecutionRunId })),
    createdAt: d.info.createdAt.toISOString(),
  };
}

/** Pauses the yearly schedule with a note (shown by `schedule show`). Throws CycleError `not-found`. */
export async function pauseYearlySchedule(client: Client, note = 'Paused with sdp-review schedule pause'): Promise<void> {
  await call(client, 'schedule pause', () => client.schedule.getHandle(YEARLY_SCHEDULE_ID).pause(note));
}

/** Resumes the yearly schedule. Throws CycleError `not-found`. */
export async function resumeYearlySchedule(client: Client, note = 'Resumed with sdp-review schedule resume'): Promise<void> {
  await call(client, 'schedule resume', () => client.schedule.getHandle(YEARLY_SCHEDULE_ID).unpause(note));
}

/** Deletes the yearly schedule; cycles it started go on. Throws CycleError `not-found`. */
export async function deleteYearlySchedule(client: Client): Promise<void> {
  await call(client, 'schedule delete', () => client.schedule.getHandle(YEARLY_SCHEDULE_ID).delete());
}
