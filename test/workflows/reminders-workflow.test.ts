/**
 * Reminders and escalations in a running cycle, on the time-skipping test server: the exact UTC
 * send times and recipients with the default policy, across the March and October daylight-saving
 * changes (09:00 local stays 09:00 local), a submission between two reminders, a deadline
 * extension, and a cancellation after which nothing more is sent. Time is skipped, never waited for.
 *
 * The test server's clock starts at today's date and only moves forward, so the cycles here
 * straddle the next changes (2027-03-28 and 2027-10-31); the planner's own tests pin 2025.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { approveDraftUpdate, cancelCycleUpdate, extendDeadlineUpdate, signOffUpdate } from '../../domain/messages';
import { ReminderPolicy } from '../../domain/reminder-policy';
import type { CycleEvent } from '../../domain/events';
import type { ReviewCycleState } from '../../domain/state';
import { alDirector, coordinator, euDirector, ownerOf, sampleFor, seeds } from '../helpers/cycle';
import { createTimeSkippingEnv, startWorkerHarness, type TestDeps, type WorkerHarness } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let testDeps: TestDeps;

let harness: WorkerHarness;

beforeAll(async () => {
  harness = await startWorkerHarness(createTimeSkippingEnv);
  ({ env, testDeps } = harness);
});

afterAll(() => harness?.stop());

const defaults = { ...seeds, reminderPolicy: ReminderPolicy.parse({}) };
const MIKKEL = 'mikkel.sorensen@example.eu'; // EU owner of hybrid-threats (and cyber-issues)
const ARJANA = 'arjana.kacani@example.al'; // Albanian owner of hybrid-threats and fimi
const CLARA = 'clara.dominguez@example.eu'; // EU owner of fimi
const MARTA = 'marta.ferreira@example.eu'; // coordinator
const HENRIK = 'henrik.lindqvist@example.eu'; // EU director
const GEZIM = 'gezim.cobani@example.al'; // Albanian director

/** Skips the test server's clock to `iso` (plus 30 s, so everything due at `iso` has run). */
async function skipTo(iso: string): Promise<void> {
  const now = await env.currentTimeMs();
  const target = Date.parse(iso) + 30_000;
  if (target > now) await env.sleep(target - now);
}

/**
 * Polls the cycle's state until `predicate` holds (30 s at most: a stage change may wait for a
 * report to render, slow on a loaded machine; no time is skipped meanwhile).
 */
async function waitForStage(year: number, predicate: (s: ReviewCycleState) => boolean): Promise<ReviewCycleState> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const state = await getCycleState(env.client, year);
    if (predicate(state)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cycle ${year} did not reach the expected state`);
}

/** Reminder events as `minute → sorted recipients`, in time order. */
async function remindersSent(year: number): Promise<[string, string][]> {
  const state = await getCycleState(env.client, year);
  return state.events
    .filter((e: CycleEvent) => e.action === 'reminder-sent')
    .map((e): [string, string] => [e.at.slice(0, 16), e.reminders!.to])
    .sort((a, b) => (a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0].localeCompare(b[0])));
}

async function submitAllBut(year: number, except: string[]): Promise<void> {
  for (const area of seeds.areas) {
    if (!except.includes(area.id)) await submitContribution(env.client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: ownerOf(area.id) });
  }
}

describe('reminders in a running cycle (default policy, Europe/Brussels)', () => {
  it('a whole cycle across the March change: exact times per stage, one digest per person, extension, submission between reminders', async () => {
    const year = 2041;
    // Kick-off Monday 1 March 2027; inputs due at the end of Monday 29 March (CEST from the 28th).
    await startCycle(env.client, { year, kickoffAt: '2027-03-01T08:00:00Z', seeds: defaults, startedBy: coordinator });
    await submitAllBut(year, ['hybrid-threats', 'fimi']);
    const state = await getCycleState(env.client, year);
    expect(state.inputsDueAt).toBe('2027-03-29T21:59:59.999Z');
    expect(state.areas.find((a) => a.id === 'hybrid-threats')!.nextReminderAt).toBe('2027-03-22T08:00:00.000Z');
    expect(state.areas.find((a) => a.id === 'general-framework')!.nextReminderAt).toBeUndefined();

    // 7 days before, 09:00 CET = 08:00Z: one digest each; Arjana's lists both of her areas.
    await skipTo('2027-03-22T08:00:00Z');
    expect(await remindersSent(year)).toEqual([
      ['2027-03-22T08:00', ARJANA],
      ['2027-03-22T08:00', CLARA],
      ['2027-03-22T08:00', MIKKEL],
    ]);
    // Arjana (Albanian side) reads her digest in Albanian, Mikkel (EU side) his in English (each
    // digest is mailed by an activity once its reminder is recorded).
    const arjanaDigest = await testDeps.capture.waitFor((m) => m.envelope.to.includes(ARJANA) && /^Kujtesë: 2 çështje/.test(m.subject), 30_000);
    expect(arjanaDigest.text).toContain('Kontributi për fushën «Kundërvënia ndaj kërcënimeve hibride» — 7 ditë para afatit');
    expect(arjanaDigest.text).toContain('FIMI');
    const mikkelDigest = await testDeps.capture.waitFor((m) => m.envelope.to.includes(MIKKEL) && /^Reminder/.test(m.subject), 30_000);
    expect(mikkelDigest.text).toContain('Countering hybrid threats');

    // FIMI comes in between two reminders: nothing more is sent for it.
    await submitContribution(env.client, { year, areaId: 'fimi', contribution: sampleFor('fimi'), actor: ownerOf('fimi') });

    // "2 days before" is Saturday 27 March: sent on Friday 26th at 09:00 CET (08:00Z).
    // Due day Monday 29th, 09:00 CEST = 07:00Z. Then working days after the due date:
    // +1 coordinator, +2 and +4 owners, +5 directors, +6 owners.
    await skipTo('2027-04-06T07:00:00Z');
    expect(await remindersSent(year)).toEqual([
      ['2027-03-22T08:00', ARJANA],
      ['2027-03-22T08:00', CLARA],
      ['2027-03-22T08:00', MIKKEL],
      ['2027-03-26T08:00', ARJANA],
      ['2027-03-26T08:00', MIKKEL],
      ['2027-03-29T07:00', ARJANA],
      ['2027-03-29T07:00', MIKKEL],
      ['2027-03-30T07:00', MARTA],
      ['2027-03-31T07:00', ARJANA],
      ['2027-03-31T07:00', MIKKEL],
      ['2027-04-02T07:00', ARJANA],
      ['2027-04-02T07:00', MIKKEL],
      ['2027-04-05T07:00', GEZIM],
      ['2027-04-05T07:00', HENRIK],
      ['2027-04-06T07:00', ARJANA],
      ['2027-04-06T07:00', MIKKEL],
    ]);

    // Extending the deadline to Tuesday 20 April reschedules: 7 days before (13th), "2 days
    // before" (Sunday 18th → Friday 16th), the morning of the 20th; the overdue repeats stop.
    await updateCycle(env.client, year, extendDeadlineUpdate, { areaId: 'hybrid-threats', dueDate: '2027-04-20', actor: coordinator });
    await skipTo('2027-04-20T07:00:00Z');
    const after = (await remindersSent(year)).slice(16);
    expect(after).toEqual([
      ['2027-04-13T07:00', ARJANA],
      ['2027-04-13T07:00', MIKKEL],
      ['2027-04-16T07:00', ARJANA],
      ['2027-04-16T07:00', MIKKEL],
      ['2027-04-20T07:00', ARJANA],
      ['2027-04-20T07:00', MIKKEL],
    ]);

    // The last input arrives after its due date has passed for the cycle: collection closes by
    // itself and draft v1 goes to the coordinator, due at the end of Tuesday 27 April.
    await submitContribution(env.client, { year, areaId: 'hybrid-threats', contribution: sampleFor('hybrid-threats'), actor: ownerOf('hybrid-threats') });
    let state2 = await waitForStage(year, (s) => s.stage === 'drafting' && s.drafts.length === 1);
    expect(state2.stageDueAt).toBe('2027-04-27T21:59:59.999Z');
    // Coordinator: "2 days before" is Sunday 25th → Friday 23rd; the morning of the 27th; then
    // escalated to the coordinator on the next working day (Wednesday 28th).
    await skipTo('2027-04-28T07:00:00Z');
    expect((await remindersSent(year)).slice(22)).toEqual([
      ['2027-04-23T07:00', MARTA],
      ['2027-04-27T07:00', MARTA],
      ['2027-04-28T07:00', MARTA],
    ]);
    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    state2 = await waitForStage(year, (s) => s.stage === 'sign-off');
    // Sign-off due at the end of Wednesday 12 May: both directors are reminded 7 days before;
    // the EU director decides on the 6th, so only the Albanian director hears on the 10th and 12th.
    expect(state2.stageDueAt).toBe('2027-05-12T21:59:59.999Z');
    await skipTo('2027-05-06T07:00:00Z');
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await skipTo('2027-05-12T07:00:00Z');
    expect((await remindersSent(year)).slice(25)).toEqual([
      ['2027-05-05T07:00', GEZIM],
      ['2027-05-05T07:00', HENRIK],
      ['2027-05-10T07:00', GEZIM],
      ['2027-05-12T07:00', GEZIM],
    ]);
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: '', actor: alDirector });
    await waitForStage(year, (s) => s.stage === 'submitted');
    // Submitted: nothing more is sent, however long we wait.
    const count = (await remindersSent(year)).length;
    await skipTo('2027-07-01T07:00:00Z');
    expect((await remindersSent(year)).length).toBe(count);
  });

  it('across the October change: 07:00Z before it, 08:00Z after it', async () => {
    const year = 2042;
    // Inputs due at the end of Friday 29 October 2027; the change is on Sunday the 31st.
    await startCycle(env.client, { year, kickoffAt: '2027-10-01T07:00:00Z', seeds: defaults, startedBy: coordinator });
    await submitAllBut(year, ['cultural-heritage']);
    const owners = seeds.participants.areaOwners['cultural-heritage']!;
    const [a, b] = [owners.eu.email, owners.al.email].sort();
    await skipTo('2027-11-02T08:00:00Z');
    expect(await remindersSent(year)).toEqual([
      ['2027-10-22T07:00', a],
      ['2027-10-22T07:00', b],
      ['2027-10-27T07:00', a],
      ['2027-10-27T07:00', b],
      ['2027-10-29T07:00', a],
      ['2027-10-29T07:00', b],
      ['2027-11-01T08:00', MARTA],
      ['2027-11-02T08:00', a],
      ['2027-11-02T08:00', b],
    ]);
    // Cancelled: no reminder after that, however long we wait.
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test of cancellation.', actor: coordinator });
    // (Not `result()`: awaiting a result lets the test server skip time freely.)
    expect((await getCycleState(env.client, year)).stage).toBe('cancelled');
    await skipTo('2027-12-31T08:00:00Z');
    expect(await remindersSent(year)).toHaveLength(9);
  });
});
