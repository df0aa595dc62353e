/**
 * People change during a cycle, on the real dev server with real mail: the coordinator reassigns
 * an area's owner (the old owner is refused, the new one is asked for the input and submits);
 * a director away names a deputy, who receives the sign-off request and approves on the
 * director's behalf; an area owner's deputy submits on the owner's behalf. Refusals name the field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleError } from '../../client/errors';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { addLocalDays, localDateOf } from '../../domain/calendar';
import { approveDraftUpdate, closeCollectionUpdate, reassignUpdate, setDeputyUpdate, setSynthesisUpdate, signOffUpdate, type ReviewCycleResult } from '../../domain/messages';
import type { Person } from '../../domain/schemas';
import { cli } from '../helpers/cli';
import { actorOf, coordinator, sampleFor } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { startWorkerHarness, workflowBundle, type WorkerHarness } from '../helpers/temporal';

const seeds = smallSeeds(2);
const [first, second] = seeds.areas as [(typeof seeds.areas)[number], (typeof seeds.areas)[number]];
const owners = seeds.participants.areaOwners;
const { directors } = seeds.participants;
const tz = 'Europe/Brussels';
const today = localDateOf(new Date().toISOString(), tz);

const newOwner: Person = { name: 'Ëndrina Çaushi', email: 'e.caushi@mod.gov.al', organisation: 'Ministria e Mbrojtjes', side: 'al' };
const directorDeputy: Person = { name: 'Besnik Çollaku', email: 'b.collaku@mfa.gov.al', organisation: 'Ministria për Evropën dhe Punët e Jashtme', side: 'al', position: 'Zëvendësdrejtor' };
const ownerDeputy: Person = { name: 'Claire Dupont', email: 'c.dupont@eeas.europa.eu', organisation: 'EEAS', side: 'eu' };

let h: WorkerHarness;

beforeAll(async () => {
  h = await startWorkerHarness();
}, 120_000);

afterAll(() => h?.stop());

/** The refusal a call met: its code and data (client/errors.ts). */
async function refusalOf(call: Promise<unknown>): Promise<{ code: string } & Record<string, unknown>> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(CycleError);
  return (err as CycleError).refusal as never;
}

describe('reassignment and deputies', () => {
  it('a reassigned owner is refused, the new owner is asked and submits; a deputy approves on the director\'s behalf', async () => {
    const year = 2072;
    const client = h.env.client;
    await startCycle(client, { year, seeds, startedBy: coordinator });

    // Only the coordinator reassigns; the same person, or a director's role to the other director, is refused.
    const role = { kind: 'area-owner' as const, areaId: first.id, side: 'al' as const };
    const alOwner = actorOf(owners[first.id]!.al, 'area-owner');
    expect((await refusalOf(updateCycle(client, year, reassignUpdate, { role, to: newOwner, reason: 'Transferim.', actor: { ...alOwner, role: 'coordinator' } }))).code).toBe('not-permitted');
    expect(await refusalOf(updateCycle(client, year, reassignUpdate, { role, to: owners[first.id]!.al, reason: 'Asgjë.', actor: coordinator }))).toMatchObject({ code: 'same-person' });
    expect(await refusalOf(updateCycle(client, year, reassignUpdate, { role: { kind: 'director', side: 'al' }, to: directors.eu, reason: 'No.', actor: coordinator }))).toMatchObject({ code: 'conflicting-roles', holds: 'eu-director' });
    expect(await refusalOf(updateCycle(client, year, reassignUpdate, { role: { kind: 'area-owner', areaId: 'nope', side: 'al' }, to: newOwner, reason: 'No.', actor: coordinator }))).toMatchObject({ code: 'unknown-area', field: 'role.areaId' });

    const outcome = await updateCycle(client, year, reassignUpdate, { role, to: newOwner, reason: 'Transferuar në Drejtorinë e Politikave.', actor: coordinator });
    expect(outcome).toMatchObject({ code: 'role-reassigned', previousName: owners[first.id]!.al.name, nextName: 'Ëndrina Çaushi' });
    const request = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(newOwner.email), 30_000);
    expect(request.to[0]).toContain('Ëndrina Çaushi');

    // The old owner's input is refused; the new owner's is recorded.
    expect(await refusalOf(submitContribution(client, { year, areaId: first.id, contribution: sampleFor(first.id), actor: alOwner }))).toMatchObject({ code: 'not-area-owner' });
    await submitContribution(client, { year, areaId: first.id, contribution: sampleFor(first.id), actor: actorOf(newOwner, 'area-owner') });

    // The second area's EU owner is away: the coordinator names a deputy, who submits on their behalf.
    const euOwner = owners[second.id]!.eu;
    expect(await refusalOf(updateCycle(client, year, setDeputyUpdate, { principal: euOwner.email, deputy: ownerDeputy, from: today, until: addLocalDays(today, 1), actor: actorOf(directors.eu, 'director') }))).toMatchObject({ code: 'not-permitted' });
    await updateCycle(client, year, setDeputyUpdate, { principal: euOwner.email, deputy: ownerDeputy, from: today, until: addLocalDays(today, 1), reason: 'On mission.', actor: coordinator });
    await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(ownerDeputy.email) && m.text.includes(euOwner.name), 30_000);
    await submitContribution(client, { year, areaId: second.id, contribution: sampleFor(second.id), actor: actorOf(ownerDeputy, 'area-owner') });

    let state = await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'both inputs');
    expect(state.areas.find((a) => a.id === first.id)!.owners.al).toMatchObject({ email: newOwner.email });
    expect(state.reassignments).toEqual([expect.objectContaining({ role, from: expect.objectContaining({ email: owners[first.id]!.al.email }), to: expect.objectContaining({ email: newOwner.email }), reason: 'Transferuar në Drejtorinë e Politikave.' })]);
    expect(state.events.find((e) => e.action === 'role-reassigned')).toMatchObject({ areaId: first.id, actor: { email: coordinator.email }, people: { next: { name: 'Ëndrina Çaushi' } } });
    expect(state.events.find((e) => e.action === 'contribution-submitted' && e.areaId === second.id)).toMatchObject({ actor: { email: ownerDeputy.email }, onBehalfOf: { email: euOwner.email } });

    // The Albanian director names her own deputy, who may not be the other director.
    const alDirector = actorOf(directors.al, 'director');
    expect(await refusalOf(updateCycle(client, year, setDeputyUpdate, { principal: directors.al.email, deputy: directors.eu, from: today, until: today, actor: alDirector }))).toMatchObject({ code: 'conflicting-roles' });
    const bad = await refusalOf(updateCycle(client, year, setDeputyUpdate, { principal: directors.al.email, deputy: directorDeputy, from: addLocalDays(today, 2), until: today, actor: alDirector }));
    expect(bad).toMatchObject({ code: 'invalid-input', errors: [expect.objectContaining({ path: 'until' })] });
    expect(await updateCycle(client, year, setDeputyUpdate, { principal: directors.al.email, deputy: directorDeputy, from: today, until: addLocalDays(today, 4), actor: alDirector }))
      .toMatchObject({ code: 'deputy-named', deputyName: 'Besnik Çollaku', principalName: directors.al.name });

    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    const v1 = await waitForState(client, year, (s) => s.drafts.length === 1, 'draft v1');
    // The coordinator writes the synthesis: draft v1 is rendered again with it before the approval goes ahead.
    const summary = 'Partneriteti përparoi në sigurinë kibernetike; mbeten hapa për FIMI.';
    expect(await updateCycle(client, year, setSynthesisUpdate, { version: 1, summary, attention: '- Çështja e financimit', actor: coordinator })).toMatchObject({ code: 'synthesis-saved', version: 1 });
    expect(await refusalOf(updateCycle(client, year, setSynthesisUpdate, { version: 1, summary: ' ', attention: '', actor: coordinator }))).toMatchObject({ code: 'invalid-input', errors: [expect.objectContaining({ path: 'summary' })] });
    await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    const rewritten = await waitForState(client, year, (s) => s.events.some((e) => e.action === 'draft-updated' && e.version === 1), 'draft v1 rendered again');
    expect(rewritten.drafts[0]!.synthesis).toMatchObject({ summary, attention: '- Çështja e financimit', version: 1, byName: coordinator.name });
    const docxBefore = v1.drafts[0]!.files.find((f) => f.format === 'docx')!;
    const input = JSON.parse(Buffer.from(await h.testDeps.deps.store.get(`${year}/draft-v1/report-input.json`)).toString('utf8')) as { synthesis?: { summary: string } };
    expect(input.synthesis?.summary).toBe(summary);
    expect(rewritten.drafts[0]!.files.find((f) => f.format === 'docx')!.sha256).not.toBe(docxBefore.sha256);
    const order = rewritten.events.map((e) => e.action);
    expect(order.indexOf('draft-updated')).toBeLessThan(order.indexOf('draft-approved-for-sign-off'));
    await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off');

    // The sign-off request goes to the deputy, in Albanian, saying for whom.
    const signOffMail = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(directorDeputy.email) && /v1/.test(m.subject), 30_000);
    expect(signOffMail.text).toContain(`si zëvendës i ${directors.al.name}`);
    expect((await h.testDeps.capture.list()).some((m) => m.envelope.to.includes(directors.al.email) && /v1/.test(m.subject) && m.receivedAt >= signOffMail.receivedAt)).toBe(false);

    await updateCycle(client, year, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: 'Miratuar në emër të drejtoreshës.', actor: actorOf(directorDeputy, 'director') });
    await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', actor: actorOf(directors.eu, 'director') });
    const result = (await client.workflow.getHandle(`review-cycle-${year}`).result()) as ReviewCycleResult;
    expect(result.outcome).toBe('submitted');
    state = await getCycleState(client, year);
    expect(state.decisions.find((d) => d.director === 'al')).toMatchObject({ by: { email: directorDeputy.email }, onBehalfOf: { email: directors.al.email, name: directors.al.name } });
    expect(state.events.find((e) => e.action === 'draft-approved-by-director' && e.actor.email === directorDeputy.email)).toMatchObject({ onBehalfOf: { email: directors.al.email } });

    // Owners heard of the closure and of the submission: the new owner, not the one replaced; a deputy's principal through the deputy.
    const closed = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(newOwner.email) && /^Mbledhja e kontributeve u mbyll/.test(m.subject), 30_000);
    expect(closed.text).toMatch(/kontribut i regjistruar \(rishikimi 1\)/);
    await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(newOwner.email) && /^Raporti iu dorëzua Këshillit të MSA-së/.test(m.subject), 30_000);
    await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(owners[first.id]!.eu.email) && m.subject.startsWith('Report submitted to the SA Council') && m.text.includes(String(year)), 30_000);
    const toReplaced = (await h.testDeps.capture.list()).filter((m) => m.envelope.to.includes(owners[first.id]!.al.email) && m.text.includes(String(year)) && /u mbyll|dorëzua/.test(m.subject));
    expect(toReplaced).toEqual([]);

    // This cycle's history (reassignment, deputies, synthesis, owners told, the list memo) replays;
    // SDP_RECORD_HISTORY=1 keeps it as a fixture for the changes to come.
    const handle = client.workflow.getHandle(`review-cycle-${year}`);
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, handle.workflowId);
    if (process.env.SDP_RECORD_HISTORY === '1') {
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'histories', 'review-cycle-v7-people-synthesis.json'), `${historyToJSON(history)}\n`);
      const area = client.workflow.getHandle(`review-cycle-${year}/area/${second.id}`);
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'histories', 'area-collection-v7-deputy.json'), `${historyToJSON(await area.fetchHistory())}\n`);
    }
  }, 120_000);

  it('from the CLI: reassign a director and name, then end, a deputy; a command that names no role is a usage error', async () => {
    const year = 2073;
    const client = h.env.client;
    await startCycle(client, { year, seeds, startedBy: coordinator });
    const saved = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = h.env.address;
    try {
      const person = ['--name', 'Marie Dubois', '--email', 'Marie.Dubois@eeas.europa.eu', '--organisation', 'EEAS'];
      const noRole = await cli('reassign', '--year', String(year), ...person, '--reason', 'New post.');
      expect(noRole.code).toBe(2);
      expect(noRole.err).toContain('--director');
      const done = await cli('reassign', '--year', String(year), '--director', 'eu', ...person, '--reason', 'Jan Peeters moved to another service.');
      expect(done.code).toBe(0);
      expect(done.out).toContain(`The EU director's role passed from ${directors.eu.name} to Marie Dubois.`);
      const named = await cli('deputy', '--year', String(year), '--for', 'marie.dubois@eeas.europa.eu', '--from', today, '--until', addLocalDays(today, 2),
        '--name', 'Pëllumb Çeliku', '--email', 'p.celiku@eeas.europa.eu', '--organisation', 'EEAS', '--as', 'marie.dubois@eeas.europa.eu');
      expect(named.code).toBe(0);
      expect(named.out).toContain(`Pëllumb Çeliku stands in for Marie Dubois from ${today} to ${addLocalDays(today, 2)}.`);
      // Remind now: one mail to each owner of the outstanding area named, with the coordinator's label.
      const reminded = await cli('remind', '--year', String(year), '--area', first.id);
      expect(reminded.code).toBe(0);
      expect(reminded.out).toContain(`A reminder went to 2 people for: ${first.title}.`);
      const eu = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(owners[first.id]!.eu.email) && /^Reminder/.test(m.subject), 30_000);
      expect(eu.text).toContain('a reminder from the coordinator');
      const al = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(owners[first.id]!.al.email) && m.text.includes('kujtesë nga koordinatori'), 30_000);
      expect(al.subject).toMatch(/^Kujtesë/);
      const byHand = (await h.testDeps.capture.list()).filter((m) => /a reminder from the coordinator|kujtesë nga koordinatori/.test(m.text) && m.text.includes(String(year)));
      expect(byHand.map((m) => m.envelope.to).sort()).toEqual([[owners[first.id]!.al.email], [owners[first.id]!.eu.email]].sort());
      const unknown = await cli('remind', '--year', String(year), '--area', 'nope');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('areaIds.0: unknown area "nope"');
      const ended = await cli('deputy', '--year', String(year), '--for', 'marie.dubois@eeas.europa.eu', '--end');
      expect(ended.code).toBe(0);
      expect(ended.out).toContain('Marie Dubois has no deputy any more.');
      const state = await getCycleState(client, year);
      expect(state.directors.eu).toMatchObject({ name: 'Marie Dubois', email: 'marie.dubois@eeas.europa.eu', side: 'eu' });
      expect(state.events.filter((e) => e.action === 'deputy-named' || e.action === 'deputy-ended').map((e) => [e.action, e.actor.email])).toEqual([
        ['deputy-named', 'marie.dubois@eeas.europa.eu'],
        ['deputy-ended', coordinator.email],
      ]);
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_ADDRESS;
      else process.env.TEMPORAL_ADDRESS = saved;
    }
  }, 60_000);
});
