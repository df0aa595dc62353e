/**
 * Reassignment and deputies through the links people get by mail, on the embedded stack: the old
 * owner's link answers that the role has passed on (409, naming the new owner), the new owner's
 * link takes the input; the deputy of a director away gets the sign-off link and approves, and
 * the decision is recorded on the director's behalf.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { localDateOf, addLocalDays } from '../../domain/calendar';
import { approveDraftUpdate, closeCollectionUpdate, reassignUpdate, setDeputyUpdate, signOffUpdate } from '../../domain/messages';
import type { Person } from '../../domain/schemas';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { HttpSession, hiddenFields, inLanguage, linkIn, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 1, year: 2074, prefix: 'people-links-' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string, subject?: RegExp) => (m: CapturedMail) => m.envelope.to.includes(email) && (!subject || subject.test(m.subject));
const newOwner: Person = { name: 'Ëndrina Çaushi', email: 'e.caushi@mod.gov.al', organisation: 'Ministria e Mbrojtjes', side: 'al' };
const deputy: Person = { name: 'Besnik Çollaku', email: 'b.collaku@mfa.gov.al', organisation: 'Ministria për Evropën dhe Punët e Jashtme', side: 'al' };

describe('links after people change', () => {
  it('the old owner\'s link says the area passed on; the new owner submits; a deputy approves on the director\'s behalf', async () => {
    const area = t.seeds.areas[0]!;
    const oldOwner = t.seeds.participants.areaOwners[area.id]!.al;
    const { coordinator, directors } = t.seeds.participants;
    const actor = { email: coordinator.email, name: coordinator.name, role: 'coordinator' as const, channel: 'cli' as const };
    const oldUrl = linkIn(await t.capture.waitFor(mailTo(oldOwner.email), 30_000), `${t.webUrl}/contribute/`);
    expect((await new HttpSession().request('GET', oldUrl)).status).toBe(200);

    await updateCycle(t.stack.client, t.year, reassignUpdate, { role: { kind: 'area-owner', areaId: area.id, side: 'al' }, to: newOwner, reason: 'Transferuar në një post tjetër.', actor });
    const old = await new HttpSession().request('GET', inLanguage(oldUrl, 'en'));
    expect(old.status).toBe(409);
    expect(old.body).toContain('This link has passed to someone else');
    expect(old.body).toContain('This role was passed to Ëndrina Çaushi on');
    expect(old.body).toContain('Transferuar në një post tjetër.');

    // The new owner's link, in Albanian, takes the input.
    const newUrl = linkIn(await t.capture.waitFor(mailTo(newOwner.email), 30_000), `${t.webUrl}/contribute/`);
    const session = new HttpSession();
    const page = await session.request('GET', newUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ëndrina Çaushi');
    const sample = loadSampleInput(area);
    const form: Record<string, string> = { ...hiddenFields(page.body), op: 'submit', narrative: sample.narrative, nextSteps: sample.nextSteps };
    area.commitments.forEach((c, i) => {
      const p = sample.commitments.find((x) => x.commitmentId === c.id)!;
      form[`commitments.${i}.status`] = p.status;
      form[`commitments.${i}.comment`] = p.comment;
    });
    expect((await session.post(newUrl, form)).status).toBe(200);
    let state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.status === 'submitted', 'the new owner\'s input');
    expect(state.areas[0]!.submittedBy).toMatchObject({ email: newOwner.email, channel: 'web' });

    // The Albanian director is away: her deputy gets the sign-off link and approves.
    const today = localDateOf(new Date().toISOString(), state.timeZone);
    await updateCycle(t.stack.client, t.year, setDeputyUpdate, { principal: directors.al.email, deputy, from: today, until: addLocalDays(today, 3), actor });
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor });
    await waitForState(t.stack.client, t.year, (s) => s.drafts.length === 1, 'draft v1');
    await updateCycle(t.stack.client, t.year, approveDraftUpdate, { version: 1, actor });
    const signOffMail = await t.capture.waitFor(mailTo(deputy.email, /v1$/), 30_000);
    const signOffUrl = linkIn(signOffMail, `${t.webUrl}/sign-off/`);
    const d = new HttpSession();
    const signPage = await d.request('GET', signOffUrl);
    expect(signPage.status).toBe(200);
    const decided = await d.post(signOffUrl, { ...hiddenFields(signPage.body), decision: 'approve', comment: 'Miratuar në emër të drejtoreshës.' });
    expect(decided.status).toBe(200);
    state = await getCycleState(t.stack.client, t.year);
    expect(state.decisions).toEqual([expect.objectContaining({ director: 'al', decision: 'approve', by: expect.objectContaining({ email: deputy.email, channel: 'web' }), onBehalfOf: { name: directors.al.name, email: directors.al.email } })]);
    await updateCycle(t.stack.client, t.year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', actor: { email: directors.eu.email, name: directors.eu.name, role: 'director', channel: 'cli' } });
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'submitted', 'submitted', { timeoutMs: 30_000 });
  }, 120_000);
});

