/**
 * The reminder planner (issue 4): turns what a cycle is waiting for into dated reminders and
 * escalations under the cycle's policy (./reminder-policy.ts), on the cycle's calendar
 * (./calendar.ts), and groups them into one digest per person per local day.
 *
 * Imported by workflow code and by the CLI (`sdp-review timeline`), so it is deterministic: no
 * Node imports, no clock (the caller passes `from`/`until`), no randomness, no I/O. Instants are
 * ISO 8601 UTC strings; local dates are `YYYY-MM-DD` in the cycle's time zone.
 */
import { DateTime } from 'luxon';
import { atLocal, checkZone, isoDate, onOrBeforeWorkingDay, parseInstant, parseLocalTime, stepWorkingDays, utcIso } from './calendar';
import type { Recipient } from './notifications';
import { ReminderStage, parsePolicyArgument, type ReminderPolicy } from './reminder-policy';

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
 * Times are wall-clock times in `timeZone`, so 09:00 stays 09:00 across a daylight-saving change,
 * independent of the process's time zone.
 * Returns reminders sorted by `at`, then `key`, then `kind`.
 * @throws RangeError naming the argument (`timeZone`, `from`, `until`, `items[i].dueAt`,
 *   `items[i].stage`, `policy.<path>`) that is invalid, or `until` if it is before `from`.
 */
export function planReminders(args: PlanRemindersArgs): PlannedReminder[] {
  const zone = checkZone(args.timeZone, 'timeZone');
  const policy = parsePolicyArgument(args.policy, 'policy');
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
 * escalated, and the walk over the days stays short whatever the age of the cycle. Exported so that
 * test/reminders.test.ts can check the bound it relies on.
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
