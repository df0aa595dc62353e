/**
 * Listing cycles through Temporal visibility (`listCycles`, `sdp-review list`) on the dev server:
 * cycles in different stages are listed and filtered by stage and year, and running ones carry the
 * figures of their `state` query. Visibility is eventually consistent, so reads poll with a deadline.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleFigures, getCycleState, getLinkView, listCycles, startCycle, submitContribution, updateCycle, type CycleListRow, type CycleSummary } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { cancelCycleUpdate, closeCollectionUpdate, extendDeadlineUpdate } from '../../domain/messages';
import { createWorker } from '../../run/create-worker';
import { coordinator, ownerOf, sampleFor, seeds, workingDayFrom } from '../helpers/cycle';
import { createLocalEnv, createTestDeps, workflowBundle, type TestDeps } from '../helpers/temporal';
import { cli } from '../helpers/cli';

let env: TestWorkflowEnvironment;
let testDeps: TestDeps;
let worker: Worker;
let running: Promise<void>;

const COLLECTING = 2041;
const CANCELLED = 2042;
const DRAFTING = 2043;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  [env, testDeps] = await Promise.all([createLocalEnv(), createTestDeps()]);
  process.env.TEMPORAL_ADDRESS = env.address;
  worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', deps: testDeps.deps, workflowBundle: await workflowBundle() });
  running = worker.run();

  // Collecting, kicked off 40 days ago: inputs were due after 28 days, so open areas are overdue.
  await startCycle(env.client, { year: COLLECTING, kickoffAt: new Date(Date.now() - 40 * DAY).toISOString(), seeds, startedBy: coordinator });
  for (const areaId of ['cyber-issues', 'fimi', 'hybrid-threats']) {
    await submitContribution(env.client, { year: COLLECTING, areaId, contribution: sampleFor(areaId), actor: ownerOf(areaId) });
  }
  const due = workingDayFrom(new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10));
  await updateCycle(env.client, COLLECTING, extendDeadlineUpdate, { areaId: 'counterterrorism', dueDate: due, actor: coordinator });

  await startCycle(env.client, { year: CANCELLED, seeds, startedBy: coordinator });
  await updateCycle(env.client, CANCELLED, cancelCycleUpdate, { reason: 'Superseded by the 2043 cycle.', actor: coordinator });

  await startCycle(env.client, { year: DRAFTING, seeds, startedBy: coordinator });
  for (const area of seeds.areas) await submitContribution(env.client, { year: DRAFTING, areaId: area.id, contribution: sampleFor(area.id), actor: ownerOf(area.id) });
  await updateCycle(env.client, DRAFTING, closeCollectionUpdate, { actor: coordinator });
  await waitForState(env.client, DRAFTING, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await testDeps?.close();
});

/** Polls `listCycles(filter)` until `check` holds (visibility catches up within seconds). */
async function listUntil(filter: { stage?: string; year?: number }, check: (rows: CycleSummary[]) => boolean): Promise<CycleSummary[]> {
  const deadline = Date.now() + 20_000;
  let rows: CycleSummary[] = [];
  while (Date.now() < deadline) {
    rows = await listCycles(env.client, filter);
    if (check(rows)) return rows;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`visibility did not show the expected cycles for ${JSON.stringify(filter)}; last saw ${JSON.stringify(rows.map((r) => [r.workflowId, r.stage]))}`);
}

const ids = (rows: CycleSummary[]) => rows.map((r) => r.workflowId);


describe('listCycles', () => {
  it('lists every cycle, newest year first, with its stage and execution status', async () => {
    const rows = await listUntil({}, (r) => r.length === 3 && r.find((x) => x.year === CANCELLED)?.status === 'COMPLETED' && r.find((x) => x.year === DRAFTING)?.stage === 'drafting');
    expect(rows.map((r) => [r.workflowId, r.year, r.stage, r.status])).toEqual([
      ['review-cycle-2043', DRAFTING, 'drafting', 'RUNNING'],
      ['review-cycle-2042', CANCELLED, 'cancelled', 'COMPLETED'],
      ['review-cycle-2041', COLLECTING, 'collecting', 'RUNNING'],
    ]);
    expect(rows.find((r) => r.year === CANCELLED)!.closeTime).toMatch(/Z$/);
  });

  it('filters by stage and by year', async () => {
    expect(ids(await listUntil({ stage: 'collecting' }, (r) => r.length === 1))).toEqual(['review-cycle-2041']);
    expect(ids(await listUntil({ stage: 'cancelled' }, (r) => r.length === 1))).toEqual(['review-cycle-2042']);
    expect(ids(await listUntil({ stage: 'drafting' }, (r) => r.length === 1))).toEqual(['review-cycle-2043']);
    expect(ids(await listUntil({ year: DRAFTING }, (r) => r.length === 1))).toEqual(['review-cycle-2043']);
    expect(await listCycles(env.client, { stage: 'sign-off' })).toEqual([]);
    expect(await listCycles(env.client, { stage: 'collecting', year: DRAFTING })).toEqual([]);
  });
});

describe('sdp-review list', () => {
  it('prints running cycles with areas submitted, overdue items and the next deadline (JSON)', async () => {
    const { code, out } = await cli('list', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as CycleListRow[];
    expect(rows.map((r) => r.workflowId)).toEqual(['review-cycle-2043', 'review-cycle-2042', 'review-cycle-2041']);
    const [drafting, cancelled, collecting] = rows as [CycleListRow, CycleListRow, CycleListRow];

    // 3 of 15 in; 11 overdue (15 - 3 submitted - 1 extended); the next deadline is the extension.
    const state = await getCycleState(env.client, COLLECTING);
    expect(collecting).toMatchObject({ stage: 'collecting', areasSubmitted: 3, areasTotal: 15, overdue: 11, timeZone: 'Europe/Brussels' });
    expect(collecting.nextDeadline).toBe(state.areas.find((a) => a.id === 'counterterrorism')!.dueAt);

    const draftState = await getCycleState(env.client, DRAFTING);
    expect(drafting).toMatchObject({ stage: 'drafting', areasSubmitted: 15, areasTotal: 15, overdue: 0, nextDeadline: draftState.stageDueAt });

    // A closed cycle is not queried.
    expect(cancelled.areasTotal).toBeUndefined();
    expect(cancelled.queryError).toBeUndefined();
  });

  it('filters like listCycles and prints a table', async () => {
    const { code, out } = await cli('list', '--stage', 'collecting');
    expect(code).toBe(0);
    expect(out).toContain('review-cycle-2041');
    expect(out).not.toContain('review-cycle-2043');
    expect(out).toMatch(/3\/15/);
    const byYear = await cli('list', '--year', String(CANCELLED), '--json');
    expect(JSON.parse(byYear.out).map((r: CycleListRow) => r.workflowId)).toEqual(['review-cycle-2042']);
    const none = await cli('list', '--stage', 'submitted');
    expect(none.out).toBe('No review cycles.');
  });

  it('computes the figures from a state at a given instant', async () => {
    const state = await getCycleState(env.client, COLLECTING);
    const later = Date.parse(state.areas.find((a) => a.id === 'counterterrorism')!.dueAt) + 1;
    // Every area is past its due date: what is still ahead is the submission to the SA Council.
    expect(cycleFigures(state, later)).toMatchObject({ overdue: 12, nextDeadline: state.submissionDueAt });
  });
});

describe('the link view (the `view` query)', () => {
  it('leaves out the mail events and, for an area, the other areas\' commitments; the rest is the state', async () => {
    const state = await getCycleState(env.client, DRAFTING);
    const whole = await getLinkView(env.client, DRAFTING, {});
    const area = await getLinkView(env.client, DRAFTING, { areaId: 'fimi' });
    expect(state.events.some((e) => e.action === 'mail-sent')).toBe(true);
    for (const view of [whole, area]) {
      expect(view.events.some((e) => e.action === 'mail-sent' || e.action === 'mail-failed' || e.action === 'reminder-sent')).toBe(false);
      expect(view).toMatchObject({ stage: state.stage, drafts: state.drafts, decisions: state.decisions, directors: state.directors, timeZone: state.timeZone });
      expect(view.areas.map((a) => [a.id, a.status, a.revision, a.owners])).toEqual(state.areas.map((a) => [a.id, a.status, a.revision, a.owners]));
    }
    expect(whole.areas).toEqual(state.areas);
    expect(whole.events).toEqual(state.events.filter((e) => !['mail-sent', 'mail-failed', 'reminder-sent'].includes(e.action)));
    expect(area.areas.find((a) => a.id === 'fimi')).toEqual(state.areas.find((a) => a.id === 'fimi'));
    expect(area.areas.filter((a) => a.id !== 'fimi').every((a) => a.commitments.length === 0)).toBe(true);
    expect(area.events.every((e) => !e.areaId || e.areaId === 'fimi')).toBe(true);
    expect(area.events.some((e) => e.action === 'collection-closed')).toBe(true);
    // What a click moves: a fraction of the state.
    const size = (s: unknown) => JSON.stringify(s).length;
    expect(size(area)).toBeLessThan(size(state) / 2);
  });
});
