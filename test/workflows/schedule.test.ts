/**
 * The yearly kick-off on the real dev server: one Temporal Schedule in the cycle's time zone, and
 * the `scheduledKickoff` launcher it starts (workflows/scheduled-kickoff.ts).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import {
  YEARLY_SCHEDULE_ID,
  deleteYearlySchedule,
  describeYearlySchedule,
  pauseYearlySchedule,
  resumeYearlySchedule,
  setYearlySchedule,
  yearlySpec,
} from '../../client/schedule';
import { ReviewStageKey, ReviewYearKey, TASK_QUEUE, reviewCycleId } from '../../domain/messages';
import { SEEDS_DIR } from '../../seeds';
import { createWorker } from '../../run/create-worker';
import type { ScheduledKickoffResult } from '../../workflows/scheduled-kickoff';
import { seeds } from '../helpers/cycle';
import { workflowBundle, startWorkerHarness, type TestDeps, type WorkerHarness } from '../helpers/temporal';
import { cli } from '../helpers/cli';

const TZ = seeds.timeline.timeZone;

let env: TestWorkflowEnvironment;
let client: Client;
let testDeps: TestDeps;

let harness: WorkerHarness;

beforeAll(async () => {
  harness = await startWorkerHarness();
  ({ env, testDeps } = harness);
  client = env.client;
  process.env.TEMPORAL_ADDRESS = env.address;
});

afterAll(() => harness?.stop());


async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The launcher started by the schedule's `n`-th action (1-based), once it has finished. */
async function nthLauncherResult(n: number): Promise<{ workflowId: string; runId: string; result: ScheduledKickoffResult }> {
  const { workflowId, runId } = await until(`schedule action ${n}`, async () => (await describeYearlySchedule(client)).recentRuns[n - 1]);
  return { workflowId, runId, result: await client.workflow.getHandle(workflowId, runId).result() };
}

describe('yearlySpec', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  it('makes one calendar entry in the cycle time zone', () => {
    expect(yearlySpec({ month: 3, day: 30, time: '09:00', timeZone: TZ }, { from })).toEqual({
      calendars: [expect.objectContaining({ month: 'MARCH', dayOfMonth: 30, hour: 9, minute: 0 })],
      timezone: 'Europe/Brussels',
    });
  });
  it('refuses impossible dates and times that daylight saving skips or repeats, naming the option', () => {
    const bad = (month: number, day: number, time: string) => {
      try {
        yearlySpec({ month, day, time, timeZone: TZ }, { from });
        return undefined;
      } catch (err) {
        expect(err).toBeInstanceOf(CycleError);
        return (err as CycleError).message;
      }
    };
    expect(bad(2, 29, '09:00')).toMatch(/^--day: 29 February/);
    expect(bad(4, 31, '09:00')).toMatch(/^--day: must be 1–30/);
    expect(bad(13, 1, '09:00')).toMatch(/^--month/);
    expect(bad(1, 1, '9am')).toMatch(/^--time/);
    // 29 March 2026 is the last Sunday of March: 02:00–03:00 does not exist in Brussels.
    expect(bad(3, 29, '02:30')).toMatch(/^--time: 02:30 does not exist on 2026-03-29 in Europe\/Brussels/);
    // 25 October 2026 is the last Sunday of October: 02:00–03:00 happens twice.
    expect(bad(10, 25, '02:30')).toMatch(/^--time: 02:30 happens twice on 2026-10-25/);
    expect(bad(3, 29, '09:00')).toBeUndefined();
  });
});

describe('the yearly schedule', () => {
  it('runs at the local time in Europe/Brussels, summer (UTC+2) and winter (UTC+1) alike; set updates the one schedule', async () => {
    const set = await cli('schedule', 'set', '--month', '7', '--day', '1', '--time', '09:00');
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    let info = await describeYearlySchedule(client);
    expect(info.yearly).toEqual({ month: 7, day: 1, time: '09:00', timeZone: TZ });
    const summer = info.nextRuns[0]!;
    const expectedSummer = nextLocal(7, 1, 9);
    expect(summer.at).toBe(expectedSummer.toUTC().toISO());
    expect(summer.at).toMatch(/-07-01T07:00:00\.000Z$/); // 09:00 CEST
    expect(summer.local).toMatch(/-07-01T09:00:00\.000\+02:00$/);
    // A year later, the same local time (Temporal's calendar, not a fixed offset).
    expect(info.nextRuns[1]!.at).toBe(expectedSummer.plus({ years: 1 }).toUTC().toISO());

    const createdAt = info.createdAt;
    const again = await cli('schedule', 'set', '--month', '1', '--day', '15', '--time', '09:00');
    expect(again.code).toBe(0);
    const shown = await cli('schedule', 'show', '--json');
    expect(shown.code).toBe(0);
    info = JSON.parse(shown.out);
    expect(info.createdAt).toBe(createdAt); // updated in place, not a second schedule
    expect(info.nextRuns[0]!.at).toBe(nextLocal(1, 15, 9).toUTC().toISO());
    expect(info.nextRuns[0]!.at).toMatch(/-01-15T08:00:00\.000Z$/); // 09:00 CET
    expect(info.nextRuns[0]!.local).toMatch(/-01-15T09:00:00\.000\+01:00$/);

    const table = await cli('schedule', 'show');
    expect(table.out).toContain('every year on 15 January at 09:00 (Europe/Brussels)');
    expect(table.out).toMatch(/-01-15 09:00 \+01:00 .*-01-15 08:00/);

    // Schedules are listed through Temporal's visibility, which catches up with a change a moment later.
    const listed = await until('the schedule in the list', async () => {
      const ids: string[] = [];
      for await (const s of client.schedule.list()) ids.push(s.scheduleId);
      return ids.includes(YEARLY_SCHEDULE_ID) ? ids : undefined;
    }, 30_000);
    expect(listed.filter((id) => id.startsWith('sdp-review'))).toEqual([YEARLY_SCHEDULE_ID]);
  });

  it('starts this year’s cycle when triggered, and a second trigger is refused without failing', async () => {
    const year = DateTime.now().setZone(TZ).year;
    await client.schedule.getHandle(YEARLY_SCHEDULE_ID).trigger();
    const first = await nthLauncherResult(1);
    expect(first.workflowId).toMatch(new RegExp(`^${YEARLY_SCHEDULE_ID}-`));
    expect(first.result).toMatchObject({ outcome: 'started', year, workflowId: reviewCycleId(year) });

    const state = await until('the cycle state', () => getCycleState(client, year));
    expect(state.stage).toBe('collecting');
    expect(state.areas).toHaveLength(seeds.areas.length);
    const started = state.events.find((e) => e.action === 'cycle-started')!;
    expect(started.actor).toMatchObject({ email: seeds.participants.coordinator.email, channel: 'schedule' });
    expect(started.actor.userAgent).toContain(YEARLY_SCHEDULE_ID);
    const cycle = await client.workflow.getHandle(reviewCycleId(year)).describe();
    expect(cycle.status.name).toBe('RUNNING'); // the launcher is done, the cycle goes on (ABANDON)
    expect(cycle.typedSearchAttributes.get(ReviewYearKey)).toBe(year);
    expect(cycle.typedSearchAttributes.get(ReviewStageKey)).toBe('collecting');

    await client.schedule.getHandle(YEARLY_SCHEDULE_ID).trigger();
    const second = await nthLauncherResult(2);
    expect(second.runId).not.toBe(first.runId);
    expect(second.result).toMatchObject({ outcome: 'refused', year, workflowId: reviewCycleId(year), reason: expect.stringContaining('already exists') });
    const launcher = await client.workflow.getHandle(second.workflowId, second.runId).describe();
    expect(launcher.status.name).toBe('COMPLETED');

    const cycles = await until('the cycle in visibility', async () => {
      const ids: string[] = [];
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'reviewCycle' AND ReviewYear = ${year}` })) ids.push(wf.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(cycles).toEqual([reviewCycleId(year)]);
  });

  it('takes the year of the kick-off in the cycle time zone: 00:30 on 1 January in Brussels is still 31 December in UTC', async () => {
    await setYearlySchedule(client, { month: 1, day: 1, time: '00:30', timeZone: TZ });
    const before = (await describeYearlySchedule(client)).recentRuns.length;
    // Backfill runs the schedule as if that hour had passed: nominal time 2030-12-31T23:30Z.
    await client.schedule.getHandle(YEARLY_SCHEDULE_ID).backfill({ start: new Date('2030-12-31T23:00:00Z'), end: new Date('2030-12-31T23:59:00Z') });
    const { result } = await nthLauncherResult(before + 1);
    expect(result).toMatchObject({ outcome: 'started', year: 2031, workflowId: 'review-cycle-2031', kickoffAt: '2030-12-31T23:30:00.000Z' });
    const state = await until('the 2031 cycle', () => getCycleState(client, 2031));
    expect(state.kickoffAt).toBe('2030-12-31T23:30:00.000Z');
  });

  it('pauses, resumes and deletes the schedule', async () => {
    await pauseYearlySchedule(client, 'Dialogue postponed');
    expect(await describeYearlySchedule(client)).toMatchObject({ paused: true, note: 'Dialogue postponed' });
    expect((await cli('schedule', 'show')).out).toContain('PAUSED');
    expect((await cli('schedule', 'resume')).code).toBe(0);
    expect((await describeYearlySchedule(client)).paused).toBe(false);
    const deleted = await cli('schedule', 'delete');
    expect(deleted.code).toBe(0);
    await expect(describeYearlySchedule(client)).rejects.toMatchObject({ kind: 'not-found' });
    const shown = await cli('schedule', 'show');
    expect(shown.code).toBe(6);
    expect(shown.err).toContain('sdp-review schedule set');
    await expect(deleteYearlySchedule(client)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(resumeYearlySchedule(client)).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('scheduledKickoff, started directly', () => {
  it('completes with "refused" for a year that has a cycle', async () => {
    const year = DateTime.now().setZone(TZ).year; // started by the trigger test above
    const result = await client.workflow.execute('scheduledKickoff', { taskQueue: TASK_QUEUE, workflowId: 'scheduled-kickoff-direct', args: [] });
    expect(result).toMatchObject({ outcome: 'refused', year, workflowId: reviewCycleId(year) });
  });

  it('fails once, without retries, when the seeds are broken, naming the file and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-review-seeds-'));
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const participants = JSON.parse(readFileSync(join(dir, 'participants.json'), 'utf8'));
    participants.coordinator.email = 'not-an-address';
    writeFileSync(join(dir, 'participants.json'), JSON.stringify(participants));
    const taskQueue = 'sdp-review-broken-seeds';
    const broken = await createWorker({ connection: env.nativeConnection, namespace: 'default', deps: { ...testDeps.deps, seedsDir: dir }, workflowBundle: await workflowBundle(), taskQueue });
    const err = await broken.runUntil(client.workflow.execute('scheduledKickoff', { taskQueue, workflowId: 'scheduled-kickoff-broken-seeds', args: [] }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activity = (err as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const failure = (activity as ActivityFailure).cause as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('SeedError');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/participants\.json: coordinator\.email: must be an e-mail address/);
    const history = await client.workflow.getHandle('scheduled-kickoff-broken-seeds').fetchHistory();
    expect(history.events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
  });
});

/** The next occurrence after now of month/day at hour:00 local time in the cycle's zone. */
function nextLocal(month: number, day: number, hour: number): DateTime {
  const now = DateTime.now().setZone(TZ);
  const thisYear = DateTime.fromObject({ year: now.year, month, day, hour }, { zone: TZ });
  return thisYear > now ? thisYear : thisYear.plus({ years: 1 });
}
