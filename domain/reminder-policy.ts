/**
 * The reminder policy of a cycle (seeds/reminder-policy.json): when owners are reminded before a
 * due date, to whom an item is escalated after it, how often overdue owners are reminded again,
 * at what local time mails go out and which days are not working days (issue 4).
 * Deterministic and free of Node imports: the workflow parses it.
 */
import { z } from 'zod';
import { LocalTime } from './calendar';
import { CalendarDate, Stage } from './schemas';

/** The stages that have something due and therefore reminders. */
export const ReminderStage = Stage.extract(['collecting', 'drafting', 'sign-off']);
export type ReminderStage = z.infer<typeof ReminderStage>;

/** Who an escalation goes to: the coordinator, or every director (both co-chairs). */
const EscalationTarget = z.enum(['coordinator', 'directors'], { message: 'must be coordinator or directors' });

/**
 * What is sent for one stage. Defaults (issue 4): owners are reminded 7 and 2 calendar days before
 * the due date and on the morning of the due date (0); the coordinator is told 1 working day after
 * it, both directors 5 working days after it; owners are reminded every 2 working days while the
 * item is outstanding, the first time 2 working days after the due date.
 */
const StageReminderPolicy = z
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

/**
 * `policy` validated, defaults applied: how the planner checks its `policy` argument.
 * @throws RangeError naming the first fault as `<name>.<path>` (e.g. `policy.closedDays.0`).
 */
export function parsePolicyArgument(policy: unknown, name: string): ReminderPolicy {
  const parsed = ReminderPolicy.safeParse(policy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`${name}.${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
