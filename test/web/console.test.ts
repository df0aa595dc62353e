/**
 * The secretariat's console over HTTP, on the embedded stack (Temporal, worker, SMTP capture, web
 * server): the close-collection confirmation states its figures and changes nothing until
 * confirmed, then the cycle closes and the page words the outcome; a reassignment from the console
 * turns the old owner's link into a 409 "passed to someone else"; an extension the cycle would
 * refuse is said at its field before the confirmation, one it refuses at confirmation too, and a POST without a valid CSRF token both show the form again with what was typed; the
 * same confirmed form posted twice acts once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, submitContribution, updateCycle } from '../../client/cycles';
import { addLocalDays, localDateOf } from '../../domain/calendar';
import { extendDeadlineUpdate } from '../../domain/messages';
import { waitForState } from '../../client/demo';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { coordinator, workingDayFrom } from '../helpers/cycle';
import { HttpSession, hiddenFields, inLanguage, linkIn, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;
let base: string;

beforeAll(async () => {
  t = await startTestStack({ areas: 3, prefix: 'web-console-' });
  base = `${t.webUrl}/cycles/${t.year}`;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string) => (m: CapturedMail) => m.envelope.to.includes(email);
/** The page's text without tags, spaces folded (a sentence is found whatever markup it is in). */
const textOf = (page: string) => page.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('the console', () => {
  it('is linked from the cycle\'s dashboard page and lists the actions of the stage', async () => {
    const session = new HttpSession();
    const dashboard = await session.request('GET', base);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain(`href="/cycles/${t.year}/console"`);
    const page = await session.request('GET', `${base}/console`);
    expect(page.status).toBe(200);
    for (const action of ['remind', 'extend', 'waive', 'close', 'override', 'reassign', 'deputy', 'cancel']) expect(page.body).toContain(`/console/${action}"`);
    expect(page.body).not.toContain('/console/reopen"');
    const sq = await session.request('GET', `${base}/console?lang=sq`);
    expect(sq.body).toContain('Konsola e sekretariatit');
    expect(sq.body).toContain('Mbyllni mbledhjen e kontributeve');
  });

  it('a POST without a valid CSRF token is refused, and the form comes back with what was typed', async () => {
    const area = t.seeds.areas[1]!;
    const reason = 'Fusha nuk zbatohet këtë vit: çështja u trajtua në Këshillin e MSA-së. «Ëë Çç»';
    // A session that never opened the form: no CSRF cookie, no token.
    const stranger = new HttpSession();
    const refused = await stranger.post(`${base}/console/waive`, { t: `console:${t.year}`, op: 'review', areaId: area.id, reason });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('The form could not be verified');
    expect(refused.body).toContain(reason);
    expect(refused.body).toMatch(new RegExp(`<option value="${area.id}" selected>`));
    // The page came back with a fresh token: pressing the button again goes on, to the confirmation.
    const again = await stranger.post(`${base}/console/waive`, { ...hiddenFields(refused.body), op: 'review', areaId: area.id, reason });
    expect(again.status).toBe(200);
    expect(textOf(again.body)).toContain('Waive «');
    expect((await getCycleState(t.stack.client, t.year)).areas[1]!.status).toBe('awaiting-input');
  });

  it('a due date the cycle would refuse is said at its field before the confirmation; one refused by the cycle at confirmation (the deadline moved meanwhile) too, with what was typed', async () => {
    const area = t.seeds.areas[2]!;
    const session = new HttpSession();
    const form = await session.request('GET', `${base}/console/extend`);
    expect(form.status).toBe(200);
    const past = await session.post(`${base}/console/extend`, { ...hiddenFields(form.body), op: 'review', areaId: area.id, dueDate: '2020-01-06' });
    expect(past.status).toBe(400);
    expect(textOf(past.body)).toContain('2020-01-06 has already passed in Europe/Brussels.');
    expect(past.body).toContain('<p class="error-message" id="e-dueDate">');
    expect(past.body).toContain('value="2020-01-06"');
    expect(textOf(past.body)).not.toContain('Move the deadline of');

    // Reviewed while valid; then another member of the secretariat moves the deadline further.
    const tz = t.seeds.timeline.timeZone;
    const due = localDateOf((await getCycleState(t.stack.client, t.year)).areas[2]!.dueAt, tz);
    const mine = workingDayFrom(addLocalDays(due, 7));
    const theirs = workingDayFrom(addLocalDays(due, 14));
    const review = await session.post(`${base}/console/extend`, { ...hiddenFields(past.body), op: 'review', areaId: area.id, dueDate: mine });
    expect(review.status).toBe(200);
    expect(textOf(review.body)).toContain(`Move the deadline of «${area.title}»`);
    await updateCycle(t.stack.client, t.year, extendDeadlineUpdate, { areaId: area.id, dueDate: theirs, actor: coordinator });
    const refused = await session.post(`${base}/console/extend`, { ...hiddenFields(review.body), op: 'confirm' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.body)).toContain(`${mine} is not later than the current due date`);
    expect(refused.body).toContain('<p class="error-message" id="e-dueDate">');
    expect(textOf(refused.body).split('Nothing was recorded').length - 1).toBe(1);
    expect(refused.body).not.toContain('could not be read');
    expect(refused.body).toContain(`value="${mine}"`);
    expect(refused.body).toMatch(new RegExp(`<option value="${area.id}" selected>`));
    const state = await getCycleState(t.stack.client, t.year);
    expect(state.events.filter((e) => e.action === 'deadline-extended').map((e) => e.dueAt)).toEqual([state.areas[2]!.dueAt]);
    expect(localDateOf(state.areas[2]!.dueAt, tz)).toBe(theirs);
  });

  it('an extension onto a weekend is refused before its confirmation, naming the next working day', async () => {
    const area = t.seeds.areas[2]!;
    const session = new HttpSession();
    const form = await session.request('GET', `${base}/console/extend`);
    const extended = async () => (await getCycleState(t.stack.client, t.year)).events.filter((e) => e.action === 'deadline-extended');
    const before = await extended();
    // 9 January 2027 is a Saturday; the next working day is Monday 11 January.
    const review = await session.post(`${base}/console/extend`, { ...hiddenFields(form.body), op: 'review', areaId: area.id, dueDate: '2027-01-09' });
    expect(review.status).toBe(400);
    expect(textOf(review.body)).toContain('2027-01-09 is a weekend or a day the secretariat is closed; deadlines end on working days (the next one is 2027-01-11).');
    expect(textOf(review.body)).not.toContain('Move the deadline of');
    expect(review.body).toContain('value="2027-01-09"');
    expect(await extended()).toEqual(before);
  });

  it('reassigns an area owner: the old owner\'s link then answers 409, and the history records the console', async () => {
    const area = t.seeds.areas[0]!;
    const oldOwner = t.seeds.participants.areaOwners[area.id]!.al;
    const oldUrl = linkIn(await t.capture.waitFor(mailTo(oldOwner.email), 30_000), `${t.webUrl}/contribute/`);
    expect((await new HttpSession().request('GET', oldUrl)).status).toBe(200);

    const session = new HttpSession('console-test-browser/1.0');
    const form = await session.request('GET', `${base}/console/reassign`);
    const typed = {
      role: `area-owner:${area.id}:al`, 'to.name': 'Ëndrina Çaushi', 'to.email': 'e.caushi@mod.gov.al', 'to.organisation': 'Ministria e Mbrojtjes', 'to.position': '', 'to.language': 'sq',
      reason: 'Transferuar në një post tjetër.',
    };
    const review = await session.post(`${base}/console/reassign`, { ...hiddenFields(form.body), op: 'review', ...typed });
    expect(review.status).toBe(200);
    expect(textOf(review.body)).toContain(`from ${oldOwner.name} to Ëndrina Çaushi (e.caushi@mod.gov.al)?`);
    const done = await session.post(`${base}/console/reassign`, { ...hiddenFields(review.body), op: 'confirm' });
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain(`passed from ${oldOwner.name} to Ëndrina Çaushi`);

    const old = await new HttpSession().request('GET', inLanguage(oldUrl, 'en'));
    expect(old.status).toBe(409);
    expect(old.body).toContain('This link has passed to someone else');
    const state = await getCycleState(t.stack.client, t.year);
    expect(state.areas[0]!.owners.al.email).toBe('e.caushi@mod.gov.al');
    expect(state.reassignments?.at(-1)?.by).toMatchObject({ email: state.coordinator.email, role: 'coordinator', channel: 'web', userAgent: 'console-test-browser/1.0' });
    expect(state.reassignments?.at(-1)?.by.clientAddress).toBeTruthy();
  });

  it('refuses, before the confirmation, a director\'s role for the other director: the reason next to the address, nothing recorded', async () => {
    const { eu } = t.seeds.participants.directors;
    const before = (await getCycleState(t.stack.client, t.year)).reassignments?.length ?? 0;
    const session = new HttpSession();
    const form = await session.request('GET', `${base}/console/reassign`);
    const typed = { role: 'director:al', 'to.name': eu.name, 'to.email': eu.email, 'to.organisation': eu.organisation, 'to.position': '', 'to.language': 'en', reason: 'Një provë.' };
    const review = await session.post(`${base}/console/reassign`, { ...hiddenFields(form.body), op: 'review', ...typed });
    expect(review.status).toBe(400);
    expect(textOf(review.body).toLowerCase()).toContain(`${eu.email} is the eu director; one person cannot hold both roles in the sign-off.`);
    expect(review.body).toContain(`value="${eu.email}"`);
    expect(review.body).toContain('Një provë.');
    expect((await getCycleState(t.stack.client, t.year)).reassignments?.length ?? 0).toBe(before);
  });

  it('reminds now: the confirmation counts the people, and one mail goes to each owner of the area chosen', async () => {
    const area = t.seeds.areas[2]!;
    const owners = t.seeds.participants.areaOwners[area.id]!;
    const session = new HttpSession();
    const form = await session.request('GET', `${base}/console/remind`);
    const review = await session.post(`${base}/console/remind`, { ...hiddenFields(form.body), op: 'review', areaIds: area.id });
    expect(review.status).toBe(200);
    const done = await session.post(`${base}/console/remind`, { ...hiddenFields(review.body), op: 'confirm' });
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain(`A reminder went to 2 people for: ${area.title}.`);
    for (const owner of [owners.eu, owners.al]) {
      await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && /a reminder from the coordinator|kujtesë nga koordinatori/.test(m.text), 20_000);
    }
  });

  it('names a deputy for a director away: the confirmation names both, and the history records it', async () => {
    const al = t.seeds.participants.directors.al;
    const today = new Date().toISOString().slice(0, 10);
    const session = new HttpSession('console-test-browser/1.0');
    const form = await session.request('GET', `${base}/console/deputy`);
    expect(form.status).toBe(200);
    const typed = {
      principal: al.email, mode: 'name', 'deputy.name': 'Besnik Çollaku', 'deputy.email': 'b.collaku@mfa.gov.al', 'deputy.organisation': 'Ministria për Evropën dhe Punët e Jashtme',
      from: today, until: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'), reason: 'Me mision jashtë vendit.',
    };
    const review = await session.post(`${base}/console/deputy`, { ...hiddenFields(form.body), op: 'review', ...typed });
    expect(review.status).toBe(200);
    expect(textOf(review.body)).toContain('Besnik Çollaku');
    expect(textOf(review.body)).toContain(al.name);
    const done = await session.post(`${base}/console/deputy`, { ...hiddenFields(review.body), op: 'confirm' });
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain(`Besnik Çollaku stands in for ${al.name}`);
    const state = await getCycleState(t.stack.client, t.year);
    expect(state.deputies?.at(-1)).toMatchObject({ principal: { email: al.email }, deputy: { name: 'Besnik Çollaku', email: 'b.collaku@mfa.gov.al', side: 'al' }, by: { channel: 'web', role: 'coordinator' } });
  });

  it('close collection: the confirmation states the figures and changes nothing; confirmed, the cycle closes once', async () => {
    const area = t.seeds.areas[0]!;
    const o = (await getCycleState(t.stack.client, t.year)).areas[0]!.owners.eu;
    await submitContribution(t.stack.client, { year: t.year, areaId: area.id, contribution: loadSampleInput(area), actor: { email: o.email, name: o.name, role: 'area-owner', channel: 'cli' } });
    const before = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.status === 'submitted', 'the input');
    const missing = before.areas.slice(1);
    const owners = new Set(missing.flatMap((a) => [a.owners.eu.email, a.owners.al.email])).size;

    const session = new HttpSession();
    const form = await session.request('GET', `${base}/console/close`);
    expect(form.status).toBe(200);
    const review = await session.post(`${base}/console/close`, { ...hiddenFields(form.body), op: 'review' });
    expect(review.status).toBe(200);
    expect(textOf(review.body)).toContain(`Close collection with 1 of 3 inputs? 2 areas will be reported missing and their ${owners} owners can no longer submit.`);
    // Nothing changed: the confirmation page only read the state.
    const unchanged = await getCycleState(t.stack.client, t.year);
    expect(unchanged.stage).toBe('collecting');
    expect(unchanged.events.filter((e) => e.action === 'collection-closed')).toEqual([]);

    const confirm = { ...hiddenFields(review.body), op: 'confirm' };
    const done = await session.post(`${base}/console/close`, confirm);
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain('Collection is closed.');
    // The same confirmed form posted again (a double click, a resent form) acts once.
    const twice = await session.post(`${base}/console/close`, confirm);
    expect(twice.status).toBe(409);
    expect(textOf(twice.body)).toContain('sending it again changed nothing');
    const after = await waitForState(t.stack.client, t.year, (s) => s.stage !== 'collecting', 'collection closed');
    expect(after.events.filter((e) => e.action === 'collection-closed')).toHaveLength(1);
    expect(after.events.find((e) => e.action === 'collection-closed')?.actor).toMatchObject({ email: after.coordinator.email, channel: 'web' });
  }, 60_000);
});
