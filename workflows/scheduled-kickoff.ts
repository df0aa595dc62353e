/**
 * `scheduledKickoff`: the small launcher that the yearly Temporal Schedule starts
 * (client/schedule.ts, schedule id `sdp-review-yearly-kickoff`).
 *
 * Why a launcher and not `reviewCycle` itself: a Schedule appends a timestamp to the workflow id of
 * what it starts and fixes the arguments when it is created, while a cycle must be
 * `review-cycle-<year>` and start from the seeds as they are on the day. So the launcher:
 * 1. loads a validated snapshot of the seeds through an activity (the workflow never reads files);
 * 2. takes the year of the kick-off instant in the cycle's time zone (the seeds' timeline);
 * 3. starts `reviewCycle` as an abandoned child with id `review-cycle-<year>`, refusing a second
 *    cycle for a year exactly as a manual start does (REJECT_DUPLICATE: running or closed).
 * A refusal is a normal result (`outcome: 'refused'`), not a failure: nothing retries it.
 */
import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  log,
  proxyActivities,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, defineSearchAttributeKey } from '@temporalio/common';
import { DateTime } from 'luxon';
import type { Activities } from '../activities';
import { ReviewCycleInput, initialSearchAttributes } from '../domain/cycle';
import { reviewCycleId } from '../domain/messages';
import type { Actor } from '../domain/schemas';
import { VALIDATION_FAILURE } from '../domain/validation';
import { reviewCycle } from './review-cycle';

const { loadCycleSeeds } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // A file system hiccup is worth a few tries; a broken seed fails at once (non-retryable SeedError).
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

/** Set by the Temporal server on workflows a Schedule starts: the nominal (not actual) start time. */
const ScheduledStartTimeKey = defineSearchAttributeKey('TemporalScheduledStartTime', 'DATETIME');
/** Set by the Temporal server on workflows a Schedule starts: the schedule's id. */
const ScheduledByIdKey = defineSearchAttributeKey('TemporalScheduledById', 'KEYWORD');

/** What a scheduled kick-off did. `year` is the review year; `workflowId` is `review-cycle-<year>`. */
export type ScheduledKickoffResult =
  | { outcome: 'started'; year: number; workflowId: string; runId: string; kickoffAt: string }
  | { outcome: 'refused'; year: number; workflowId: string; reason: string };

/**
 * Starts this year's review cycle from the seeds. The kick-off instant is the schedule's nominal
 * time when a Schedule started the launcher (so a start delayed by an outage still belongs to the
 * right day), else the workflow's own time. Throws a non-retryable failure when the seeds do not
 * make a valid cycle input.
 */
export async function scheduledKickoff(): Promise<ScheduledKickoffResult> {
  const info = workflowInfo();
  const nominal = info.typedSearchAttributes.get(ScheduledStartTimeKey);
  const scheduleId = info.typedSearchAttributes.get(ScheduledByIdKey);
  const kickoff = nominal instanceof Date && !Number.isNaN(nominal.getTime()) ? nominal : new Date();

  const seeds = await loadCycleSeeds();
  const tz = seeds.timeline.timeZone;
  const year = DateTime.fromJSDate(kickoff, { zone: tz }).year;
  const workflowId = reviewCycleId(year);
  const coordinator = seeds.participants.coordinator;
  const startedBy: Actor = {
    email: coordinator.email,
    name: coordinator.name,
    role: 'coordinator',
    channel: 'schedule',
    userAgent: `temporal-schedule ${scheduleId ?? '(triggered by hand)'}; launcher ${info.workflowId}`,
  };
  const parsed = ReviewCycleInput.safeParse({ year, kickoffAt: kickoff.toISOString(), ...seeds, startedBy });
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(`The seeds do not make a valid ${year} cycle: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, VALIDATION_FAILURE);
  }

  try {
    const child = await startChild(reviewCycle, {
      workflowId,
      args: [parsed.data],
      // The cycle lives for months; the launcher ends as soon as it has started it.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: initialSearchAttributes(year),
    });
    log.info('Scheduled kick-off started the review cycle', { cycleId: workflowId, year });
    return { outcome: 'started', year, workflowId, runId: child.firstExecutionRunId, kickoffAt: parsed.data.kickoffAt };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const reason = `A review cycle for ${year} already exists (workflow id ${workflowId}); there is one cycle per year.`;
    log.warn('Scheduled kick-off refused', { cycleId: workflowId, year, reason });
    return { outcome: 'refused', year, workflowId, reason };
  }
}
