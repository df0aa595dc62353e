/**
 * The CLI's safe commands against a real dev server and worker, run in-process (test/helpers/cli.ts):
 * `start --kickoff <a later date>` schedules the cycle and mails nobody, `status` says when it
 * starts, `cancel` removes it; `close`, `cancel` and `draft reopen` state their consequences in
 * figures and do nothing without a terminal or --yes; an update Temporal does not answer in time
 * (the worker is down) is "not yet confirmed" (exit 8), is applied once the worker is back, and
 * the same command with the same --request-id is then recognised instead of acting twice.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCycle, submitContribution } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { notBegunCycle } from '../../client/scheduled-cycles';
import { terminal } from '../../cli/confirm';
import { kickoffInstant } from '../../cli/options';
import type { ReviewCycleState } from '../../domain/state';
import type { FolderStore } from '../../infra/storage';
import { createWorker } from '../../run/create-worker';
import { cli } from '../helpers/cli';
import { actorOf, coordinator, sampleFor } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { createLocalEnv, createTestDeps, workflowBundle, type TestDeps } from '../helpers/temporal';

// While `frozen.state` is set, the CLI reads that state instead of querying the cycle: the query
// would time out with the worker down, before the update under test is even sent.
const frozen = vi.hoisted(() => ({ state: undefined as ReviewCycleState | undefined }));
vi.mock('../../client/cycles', async (original) => {
  const real = await original<typeof import('../../client/cycles')>();
  return { ...real, getCycleState: (...args: Parameters<typeof real.getCycleState>) => (frozen.state ? Promise.resolve(frozen.state) : real.getCycleState(...args)) };
});

let env: TestWorkflowEnvironment;
let testDeps: TestDeps;
let store: FolderStore;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
const saved = { address: process.env.TEMPORAL_ADDRESS, artifacts: process.env.SDP_ARTIFACTS_DIR };
const seeds = smallSeeds(3);
const tz = seeds.timeline.timeZone;

async function startWorker(): Promise<void> {
  worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', deps: testDeps.deps, workflowBundle: await workflowBundle() });
  running = worker.run();
}

async function stopWorker(): Promise<void> {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  worker = undefined;
}

beforeAll(async () => {
  [env, testDeps] = await Promise.all([createLocalEnv(), createTestDeps()]);
  store = testDeps.deps.store as FolderStore;
  process.env.TEMPORAL_ADDRESS = env.address;
  process.env.SDP_ARTIFACTS_DIR = store.root;
  await startWorker();
});

afterAll(async () => {
  for (const [k, v] of [['TEMPORAL_ADDRESS', saved.address], ['SDP_ARTIFACTS_DIR', saved.artifacts]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await stopWorker();
  await env?.teardown();
  await testDeps?.close();
});

/** A cycle on three areas, the first one submitted. */
async function cycleWithOneInput(year: number): Promise<ReviewCycleState> {
  await startCycle(env.client, { year, seeds, startedBy: coordinator });
  const area = seeds.areas[0]!;
  await submitContribution(env.client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: actorOf(seeds.participants.areaOwners[area.id]!.eu, 'area-owner'), store, area });
  return waitForState(env.client, year, (s) => s.areas[0]!.status === 'submitted', 'the first input');
}

describe('start --kickoff <a later date>', () => {
  it('asks first, then schedules the start: nobody is mailed, status says when, cancel removes it', async () => {
    const year = 2072;
    const date = DateTime.now().setZone(tz).plus({ days: 30 }).toISODate()!;
    const startsAt = `${date} 09:00`;

    const refused = await cli('start', '--year', String(year), '--kickoff', date);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`Start the ${year} cycle: 27 area owners in 15 areas will be mailed on ${startsAt} (${tz}), and nobody before then (30 input requests).`);
    expect(refused.err).toContain('Add --yes to confirm.');
    expect(refused.out).toBe('');
    expect((await cli('status', '--year', String(year))).code).toBe(6);

    const scheduled = await cli('start', '--year', String(year), '--kickoff', date, '--yes');
    expect(scheduled.err).toBe('');
    expect(scheduled.code).toBe(0);
    expect(scheduled.out).toContain(`Scheduled review-cycle-${year} to start on ${startsAt} (${tz}); nobody is mailed before then.`);

    const status = await cli('status', '--year', String(year));
    expect(status.code).toBe(0);
    expect(status.out).toContain(`Review cycle ${year} (review-cycle-${year}) — scheduled to start on ${startsAt} (${tz}).`);
    const json = JSON.parse((await cli('status', '--year', String(year), '--json')).out);
    expect(json).toEqual({ workflowId: `review-cycle-${year}`, year, stage: 'scheduled', startsAt: kickoffInstant(date, tz), timeZone: tz });
    // `list` reads Temporal's visibility, which catches up with a start a moment later.
    await expect.poll(async () => (await cli('list', '--year', String(year))).out, { timeout: 30_000, interval: 500 }).toContain(`scheduled (starts ${startsAt})`);
    const early = await cli('close', '--year', String(year), '--yes');
    expect(early.code).toBe(4);
    expect(early.err).toContain(`The ${year} cycle is scheduled to start on ${startsAt} (${tz}); nothing can be decided on it before then.`);

    const notCancelled = await cli('cancel', '--year', String(year), '--reason', 'Wrong date.');
    expect(notCancelled.code).toBe(2);
    expect(notCancelled.err).toContain(`Cancel the ${year} cycle scheduled to start on ${startsAt} (${tz})? It will not start and nobody will be mailed`);
    expect((await cli('status', '--year', String(year))).out).toContain('scheduled to start on');

    const cancelled = await cli('cancel', '--year', String(year), '--reason', 'Wrong date.', '--yes');
    expect(cancelled.code).toBe(0);
    expect(cancelled.out).toContain(`Cancelled review-cycle-${year} before it started; nobody was mailed.`);
    const after = await cli('status', '--year', String(year));
    expect(after.out).toContain(`Review cycle ${year} (review-cycle-${year}) — cancelled before it started`);
    expect(after.out).toContain(`Temporal's record: Cancelled before it started by ${coordinator.email}: Wrong date.`);
    await expect.poll(async () => (await cli('list', '--year', String(year))).out, { timeout: 30_000, interval: 500 }).toMatch(new RegExp(`${year} .* cancelled .* TERMINATED`));

    // The year is free again: a cycle cancelled before it began ran nothing.
    const later = DateTime.fromISO(date).plus({ days: 7 }).toISODate()!;
    const again = await cli('start', '--year', String(year), '--kickoff', later, '--yes');
    expect(again.code).toBe(0);
    expect(again.out).toContain(`to start on ${later} 09:00`);
    expect((await cli('cancel', '--year', String(year), '--reason', 'Done.', '--yes')).code).toBe(0);

    // Nothing ran, so nothing was sent (the SMTP capture got no mail).
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await testDeps.capture.list()).toEqual([]);
  });
});

describe('commands that mail many people or lose inputs ask first', () => {
  it('close: figures, nothing changed without --yes or when declined, recorded with --yes, recognised when retried', async () => {
    const year = 2073;
    const before = await cycleWithOneInput(year);
    const owners = new Set(before.areas.slice(1).flatMap((a) => [a.owners.eu.email, a.owners.al.email])).size;
    const figures = `Close collection with 1 of 3 inputs? 2 areas will be reported missing, and their ${owners} owners can no longer submit; the draft report is then assembled.`;

    const refused = await cli('close', '--year', String(year));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(figures);
    expect(refused.err).toContain('Add --yes to confirm.');
    const unchanged = async () => {
      const s = await waitForState(env.client, year, () => true, 'the state');
      expect(s.stage).toBe('collecting');
      expect(s.areas.map((a) => a.status)).toEqual(['submitted', 'awaiting-input', 'awaiting-input']);
      expect(s.events.some((e) => e.action === 'collection-closed')).toBe(false);
    };
    await unchanged();

    vi.spyOn(terminal, 'interactive').mockReturnValue(true);
    const ask = vi.spyOn(terminal, 'ask').mockResolvedValue('n');
    const declined = await cli('close', '--year', String(year));
    vi.restoreAllMocks();
    expect(ask).toHaveBeenCalledWith(`${figures} [y/N] `);
    expect(declined.code).toBe(1);
    expect(declined.err).toContain('Nothing was done.');
    await unchanged();

    const closed = await cli('close', '--year', String(year), '--yes', '--request-id', 'close-1');
    expect(closed.code).toBe(0);
    expect(closed.out).toBe(`${figures}\nCollection is closed.\nThe draft report is being assembled; you will receive it by mail.`);
    const retried = await cli('close', '--year', String(year), '--yes', '--request-id', 'close-1');
    expect(retried.code).toBe(0);
    expect(retried.out).toContain('Collection is closed.');
    // Another request id is another request: refused, since collection is closed already.
    expect((await cli('close', '--year', String(year), '--yes', '--request-id', 'close-2')).code).toBe(4);
    const drafting = await waitForState(env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    expect(drafting.events.filter((e) => e.action === 'collection-closed')).toHaveLength(1);

    const area = drafting.areas[1]!;
    const reopen = await cli('draft', 'reopen', area.id, '--comment', 'Add the dates.', '--year', String(year));
    expect(reopen.code).toBe(2);
    expect(reopen.err).toContain(`Reopen 1 area of draft v1 (${area.title})? Their 2 owners will be mailed your comment and asked to revise; a new draft follows.`);
    const cancel = await cli('cancel', '--year', String(year), '--reason', 'Test over.');
    expect(cancel.code).toBe(2);
    expect(cancel.err).toContain(`Cancel the ${year} cycle (stage drafting, 1 of 3 inputs in, draft v1)?`);
    const still = await waitForState(env.client, year, () => true, 'the state');
    expect(still.stage).toBe('drafting');
    expect(still.areas[1]!.status).toBe('missing');
    expect(still.cancelled).toBeUndefined();
  });

  it('an update Temporal does not answer in time is not yet confirmed (exit 8); once applied, a retry with its request id is recognised', async () => {
    const year = 2074;
    frozen.state = await cycleWithOneInput(year);
    await stopWorker();
    let unanswered: Awaited<ReturnType<typeof cli>>;
    try {
      unanswered = await cli('close', '--year', String(year), '--yes', '--request-id', 'slow-1');
    } finally {
      frozen.state = undefined;
      await startWorker();
    }
    expect(unanswered.code).toBe(8);
    expect(unanswered.err).toContain(`close was sent to the ${year} cycle, but Temporal did not confirm it in time`);
    expect(unanswered.err).toContain(`NOT YET CONFIRMED: it may still be recorded once the worker answers. Check with: sdp-review status --year ${year}`);
    expect(unanswered.err).toContain('run the same command with --request-id slow-1');
    expect(unanswered.err).not.toMatch(/nothing was (recorded|done)/i);

    // The worker is back: the update it had not answered is applied.
    const closed = await waitForState(env.client, year, (s) => s.events.some((e) => e.action === 'collection-closed'), 'the close to apply', { timeoutMs: 30_000 });
    expect(closed.events.filter((e) => e.action === 'collection-closed')).toHaveLength(1);
    const retried = await cli('close', '--year', String(year), '--yes', '--request-id', 'slow-1');
    expect(retried.code).toBe(0);
    expect(retried.out).toContain('Collection is closed.');
    const after = await waitForState(env.client, year, () => true, 'the state');
    expect(after.events.filter((e) => e.action === 'collection-closed')).toHaveLength(1);
  }, 90_000);

  it('a scheduled cycle begins at its kick-off, and only then asks its owners for input', async () => {
    const year = 2075;
    // Far enough ahead that the start and the look at it below are done before it, on a loaded machine too.
    const kickoffAt = new Date(Date.now() + 10_000).toISOString();
    const one = smallSeeds(1);
    await startCycle(env.client, { year, kickoffAt, seeds: one, startedBy: coordinator, startAtKickoff: true });
    expect(await notBegunCycle(env.client, year)).toMatchObject({ state: 'scheduled', startsAt: kickoffAt, timeZone: tz });
    // The cycle answers no query before it begins: its state is read from the kick-off on.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(kickoffAt) - Date.now())));
    const begun = await waitForState(env.client, year, (s) => s.events.filter((e) => e.action === 'mail-sent').length === 2, 'the two input requests', { timeoutMs: 30_000 });
    // Nothing ran before the kick-off: the cycle's first event and its mails are recorded after it.
    expect(begun.events.length).toBeGreaterThan(0);
    for (const e of begun.events) expect(Date.parse(e.at), e.action).toBeGreaterThanOrEqual(Date.parse(kickoffAt));
    expect(begun.kickoffAt).toBe(kickoffAt);
    expect(begun.stage).toBe('collecting');
  });
});
