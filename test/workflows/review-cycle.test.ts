/**
 * The reviewCycle workflow on the real dev server, with real activities (reports on disk, mail to
 * a real SMTP capture): stages, waivers, extensions, refusals.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { waitForState } from '../../client/demo';
import {
  approveDraftUpdate,
  areaChangedSignal,
  areaCollectionId,
  areaStateQuery,
  cancelCycleUpdate,
  closeCollectionUpdate,
  extendDeadlineUpdate,
  signOffUpdate,
  waiveAreaUpdate,
  type ReviewCycleResult,
} from '../../domain/messages';
import { addLocalDays, endOfLocalDay, isWorkingDay, localDateOf } from '../../domain/calendar';
import { startWorkerHarness, type TestDeps, type WorkerHarness } from '../helpers/temporal';
import { actorOf, alDirector, coordinator, euDirector, ownerOf, participants, sampleFor, seeds, workingDayFrom } from '../helpers/cycle';

let env: TestWorkflowEnvironment;
let testDeps: TestDeps;

let harness: WorkerHarness;

beforeAll(async () => {
  harness = await startWorkerHarness();
  ({ env, testDeps } = harness);
});

afterAll(() => harness?.stop());

async function submitAll(year: number, except: string[] = []): Promise<void> {
  for (const area of seeds.areas) {
    if (except.includes(area.id)) continue;
    await submitContribution(env.client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: ownerOf(area.id) });
  }
}

describe('reviewCycle', () => {
  it('runs kick-off → collecting → drafting → sign-off → submission', async () => {
    const year = 2031;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    let state = await getCycleState(env.client, year);
    expect(state.stage).toBe('collecting');
    expect(state.areas).toHaveLength(15);
    expect(state.areas.every((a) => a.status === 'awaiting-input')).toBe(true);

    await submitAll(year, ['economic-security']);
    await updateCycle(env.client, year, waiveAreaUpdate, { areaId: 'economic-security', reason: 'No exchange took place this year; to be resumed in 2032.', actor: coordinator });
    await updateCycle(env.client, year, closeCollectionUpdate, { actor: coordinator });
    state = await waitForState(env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    const docx = state.drafts[0]!.files.find((f) => f.format === 'docx')!;
    expect(await testDeps.deps.store.has(docx.key)).toBe(true);
    expect(state.areas.find((a) => a.id === 'economic-security')!.status).toBe('waived');

    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'sign-off', 'sign-off');
    const first = await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: 'Approved.', actor: euDirector });
    expect(first.stage).toBe('sign-off');
    const second = await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: 'Miratuar.', actor: alDirector });
    expect(second.stage).toBe('submission');

    const result: ReviewCycleResult = await env.client.workflow.getHandle(`review-cycle-${year}`).result();
    expect(result.outcome).toBe('submitted');
    if (result.outcome !== 'submitted') return;
    expect(result.submission.signedVersion).toBe(1);
    expect(result.submission.recipients).toContain(participants.saCouncilSecretariat.email);
    // The final package: .docx, .html, .md, the manifest and the signed content (JSON); the suite renders without PDF (vitest.config.ts).
    expect(result.submission.files.map((f) => f.format).sort()).toEqual(['docx', 'html', 'json', 'json', 'md']);
    expect(result.submission.files.map((f) => f.key)).toEqual(expect.arrayContaining([expect.stringMatching(/signed-content\.json$/), expect.stringMatching(/manifest\.json$/)]));
    for (const f of result.submission.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

    const mail = await testDeps.capture.waitFor((m) => m.envelope.to.includes(participants.saCouncilSecretariat.email), 10_000);
    expect(mail.attachments.map((a) => a.filename)).toEqual(expect.arrayContaining([expect.stringMatching(/\.docx$/), expect.stringMatching(/manifest\.json$/)]));
    // Every owner was asked for input, by a mail that names the area.
    const all = await testDeps.capture.list();
    // The Albanian owner's mail names it in Albanian, the EU owner's in English.
    const cyberOwner = participants.areaOwners['cyber-issues']!.al;
    expect(all.some((m) => m.envelope.to.includes(cyberOwner.email) && m.subject.includes('«Çështjet kibernetike»'))).toBe(true);
    const cyberEuOwner = participants.areaOwners['cyber-issues']!.eu;
    expect(all.some((m) => m.envelope.to.includes(cyberEuOwner.email) && m.subject.includes('Cyber issues'))).toBe(true);
  });

  it('returns a request for changes to drafting; the next version needs both approvals again', async () => {
    const year = 2032;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    await submitAll(year);
    await updateCycle(env.client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'sign-off', 'sign-off');
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'request-changes', comment: 'Shtoni datat e ushtrimeve.', actor: alDirector });
    let state = await waitForState(env.client, year, (s) => s.stage === 'drafting', 'drafting after the request');
    expect(state.drafts[0]!.status).toBe('changes-requested');

    // The EU director's approval of v1 does not carry over: v2 needs both again.
    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    state = await waitForState(env.client, year, (s) => s.stage === 'sign-off' && s.drafts.length === 2, 'sign-off of v2');
    expect(state.drafts.map((d) => d.status)).toEqual(['superseded', 'in-sign-off']);
    await expect(updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector })).rejects.toMatchObject({ kind: 'conflict' });
    const afterOne = await updateCycle(env.client, year, signOffUpdate, { version: 2, director: 'al', decision: 'approve', comment: '', actor: alDirector });
    expect(afterOne.stage).toBe('sign-off');
    await updateCycle(env.client, year, signOffUpdate, { version: 2, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    const result: ReviewCycleResult = await env.client.workflow.getHandle(`review-cycle-${year}`).result();
    expect(result.outcome === 'submitted' && result.submission.signedVersion).toBe(2);
  });

  it('refuses a second cycle for the same year', async () => {
    const year = 2033;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    const again = startCycle(env.client, { year, seeds, startedBy: coordinator });
    await expect(again).rejects.toBeInstanceOf(CycleError);
    await expect(again).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('already exists') });
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
    const result: ReviewCycleResult = await env.client.workflow.getHandle(`review-cycle-${year}`).result();
    expect(result).toEqual({ outcome: 'cancelled', reason: 'Test over.' });
    // Closed cycles count too: one cycle per year.
    await expect(startCycle(env.client, { year, seeds, startedBy: coordinator })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('rejects bad input in the Update validator with field paths, leaving state untouched (C9)', async () => {
    const year = 2034;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    const areaId = 'hybrid-threats';
    const good = sampleFor(areaId);
    await submitContribution(env.client, { year, areaId, contribution: good, actor: ownerOf(areaId) });
    const before = await env.client.workflow.getHandle(areaCollectionId(year, areaId)).query(areaStateQuery);

    const bad = {
      ...good,
      deliverables: [
        { title: 'Tabletop exercise', status: 'delivered' as const },
        { title: '   ', status: 'planned' as const },
      ],
      commitments: good.commitments.map((c, i) => (i === 2 ? { ...c, status: 'finished' as never } : c)),
    };
    const error = await submitContribution(env.client, { year, areaId, contribution: bad, actor: ownerOf(areaId) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CycleError);
    const paths = (error as CycleError).fieldErrors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['deliverables.1.title', 'commitments.2.status']));
    expect((error as CycleError).kind).toBe('invalid');

    const after = await env.client.workflow.getHandle(areaCollectionId(year, areaId)).query(areaStateQuery);
    expect(after).toEqual(before);
    expect(after.revision).toBe(1);

    // Someone who is not an owner is refused too.
    const stranger = actorOf({ ...participants.coordinator, email: 'someone@example.org' }, 'area-owner');
    await expect(submitContribution(env.client, { year, areaId, contribution: good, actor: stranger })).rejects.toMatchObject({ kind: 'forbidden' });
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
  });

  it('extends a deadline, and refuses one in the past, earlier than now due, on a weekend, or after the submission', async () => {
    const year = 2035;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    const before = await getCycleState(env.client, year);
    const tz = before.timeZone;
    const currentDue = localDateOf(before.inputsDueAt, tz);
    const later = workingDayFrom(addLocalDays(currentDue, 10));
    const outcome = await updateCycle(env.client, year, extendDeadlineUpdate, { areaId: 'fimi', dueDate: later, actor: coordinator });
    expect(outcome).toMatchObject({ code: 'deadline-extended', dueDate: later, timeZone: tz, area: { id: 'fimi' } });
    const state = await getCycleState(env.client, year);
    // The end of that local day in Brussels.
    expect(state.areas.find((a) => a.id === 'fimi')!.dueAt).toBe(endOfLocalDay(later, tz));
    expect(state.events.some((e) => e.action === 'deadline-extended' && e.areaId === 'fimi')).toBe(true);
    const refused = (dueDate: string, areaId = 'fimi') => updateCycle(env.client, year, extendDeadlineUpdate, { areaId, dueDate, actor: coordinator });
    await expect(refused('2020-01-01')).rejects.toMatchObject({ kind: 'invalid', refusal: { code: 'due-date-passed', dueDate: '2020-01-01', timeZone: tz } });
    await expect(refused(currentDue)).rejects.toMatchObject({ kind: 'invalid', refusal: { code: 'due-date-not-later', dueDate: currentDue, currentDueDate: later } });
    await expect(refused(workingDayFrom(addLocalDays(localDateOf(before.submissionDueAt, tz), 1)))).rejects.toMatchObject({ kind: 'invalid', refusal: { code: 'due-date-after-submission', submissionDueDate: localDateOf(before.submissionDueAt, tz) } });
    // A weekend: deadlines end on working days, as those set at kick-off; the refusal names the next one.
    let weekend = addLocalDays(later, 1);
    while (isWorkingDay(weekend, [])) weekend = addLocalDays(weekend, 1);
    await expect(refused(weekend)).rejects.toMatchObject({ kind: 'invalid', refusal: { code: 'due-date-not-working-day', dueDate: weekend, nextWorkingDate: workingDayFrom(addLocalDays(weekend, 1)) } });
    await expect(refused(later, 'no-such-area')).rejects.toMatchObject({ kind: 'invalid', refusal: { code: 'unknown-area', field: 'areaId', areaId: 'no-such-area' } });
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
    await expect(refused(addLocalDays(later, 1))).rejects.toMatchObject({ kind: 'conflict' });
    await env.client.workflow.getHandle(`review-cycle-${year}`).result();
    // A finished cycle says so (410-like), not "not found".
    await expect(refused(addLocalDays(later, 1))).rejects.toMatchObject({ kind: 'gone' });
  });

  it('lets only the two directors decide, each once per version', async () => {
    const year = 2036;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    await submitAll(year);
    await updateCycle(env.client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    // A director cannot act before sign-off, and the coordinator cannot sign.
    await expect(updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector })).rejects.toMatchObject({ kind: 'conflict' });
    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'sign-off', 'sign-off');
    await expect(updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: { ...coordinator, role: 'director' } })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: '', actor: euDirector })).rejects.toMatchObject({ kind: 'forbidden' });
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await expect(updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'request-changes', comment: 'Changed my mind', actor: euDirector })).rejects.toMatchObject({
      kind: 'conflict',
      refusal: { code: 'already-decided', version: 1, decision: 'approve' },
    });
    const state = await getCycleState(env.client, year);
    expect(state.decisions).toHaveLength(1);
    expect(state.stage).toBe('sign-off');
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
  });

  it('records the event of an area\'s report that arrives after a later one, in its place by time, without applying its stale fields, and only once', async () => {
    const year = 2037;
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    const area = (await getCycleState(env.client, year)).areas[0]!;
    const owner = ownerOf(area.id, 'al');
    // Reports as the area's workflow sends them, numbered past its own: revision 2 arrives before revision 1.
    const report = (seq: number, revision: number, at: string) => ({
      id: area.id, status: 'submitted' as const, closed: false, dueAt: area.dueAt, revision, submittedAt: at, submittedBy: owner, seq,
      event: { action: revision === 1 ? ('contribution-submitted' as const) : ('contribution-revised' as const), actor: owner, at, revision },
    });
    const first = '2037-03-02T09:00:00.000Z';
    const second = '2037-03-02T09:05:00.000Z';
    const handle = env.client.workflow.getHandle(`review-cycle-${year}`);
    await handle.signal(areaChangedSignal, report(1001, 2, second));
    await handle.signal(areaChangedSignal, report(1000, 1, first));
    await handle.signal(areaChangedSignal, report(1000, 1, first));
    await handle.signal(areaChangedSignal, report(1001, 2, second));
    const state = await waitForState(env.client, year, (s) => s.events.filter((e) => e.areaId === area.id && e.action.startsWith('contribution-')).length >= 2, 'both inputs\' events', { timeoutMs: 30_000 });
    const inputs = state.events.filter((e) => e.areaId === area.id && e.action.startsWith('contribution-'));
    expect(inputs.map((e) => [e.action, e.at])).toEqual([['contribution-submitted', first], ['contribution-revised', second]]);
    // The fields are revision 2's, the later report's.
    expect(state.areas[0]!).toMatchObject({ revision: 2, submittedAt: second });

    // Reports no area's workflow sends (a signal from outside) are left, and the cycle goes on
    // answering: a null, an event without its actor, a number past any area's, keys that are not
    // the area's, and a report too large to keep.
    const bad: unknown[] = [
      null,
      { ...report(1002, 3, second), event: { action: 'contribution-revised', at: second } },
      { ...report(1e308, 3, second) },
      { ...report(1003, 3, second), title: 'PWNED', owners: null },
      { ...report(1004, 3, second), event: { ...report(1004, 3, second).event, comment: 'x'.repeat(9_000) }, padding: 'ë'.repeat(600_000) },
    ];
    for (const b of bad) await handle.signal(areaChangedSignal, b as never);
    // A genuine report after them is still taken: the cycle neither failed nor lost count.
    await handle.signal(areaChangedSignal, report(1005, 4, '2037-03-02T09:10:00.000Z'));
    const after = await waitForState(env.client, year, (s) => s.areas[0]!.revision === 4, 'revision 4', { timeoutMs: 30_000 });
    expect(after.areas[0]!.title).toBe(area.title);
    expect(after.areas[0]!.owners).toEqual(area.owners);
    // Revision 3's report is taken without its foreign keys; the others are left.
    expect(after.events.filter((e) => e.areaId === area.id && e.action.startsWith('contribution-')).map((e) => e.revision)).toEqual([1, 2, 3, 4]);
    const history = await handle.fetchHistory();
    expect(history.events!.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    await updateCycle(env.client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
  });
});
