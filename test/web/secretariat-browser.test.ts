/**
 * Issue 12's "done when", in Debian's chromium (playwright-core) on the embedded stack, from the
 * web pages alone (the cycle is started by the stack helper; nothing else goes through the CLI or
 * a client): an owner is replaced and a director is away.
 * - the coordinator passes an area's Albanian ownership to someone else on the console; the old
 *   owner's link answers that it has passed on (409), naming the new owner;
 * - the new owner opens the link of their mail, saves a draft, comes back to it in a new tab and
 *   finds it, then submits; the input is recorded as theirs;
 * - the coordinator names a deputy for the Albanian director on the console, then closes collection
 *   there; the owner's link shows what they submitted, read-only, with the revision's author;
 * - the coordinator approves draft v1 on the review page (its form kept); the deputy gets the
 *   sign-off mail and approves in the browser: recorded on the director's behalf, and the EU
 *   director's page says so; the EU director requests changes;
 * - the coordinator's approval of round 1, posted again with the same cookies, is refused (409)
 *   and changes nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { addLocalDays, localDateOf } from '../../domain/calendar';
import type { Person } from '../../domain/schemas';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { inLanguage, linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestStack({ areas: 1, year: 2077, prefix: 'web-secretariat-browser-' }), launchChromium({ viewport: { width: 1024, height: 900 } })]);
  ({ page } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const mailTo = (email: string, subject?: RegExp) => (m: CapturedMail) => m.envelope.to.includes(email) && (!subject || subject.test(m.subject));
const newOwner: Person = { name: 'Ëndrina Çaushi', email: 'e.caushi@mod.gov.al', organisation: 'Ministria e Mbrojtjes', side: 'al' };
const deputy: Person = { name: 'Besnik Çollaku', email: 'b.collaku@mfa.gov.al', organisation: 'Ministria për Evropën dhe Punët e Jashtme', side: 'al' };

/** Waits for the page's h1 to contain `text`. */
async function heading(p: Page, text: string): Promise<void> {
  await p.getByRole('heading', { level: 1 }).filter({ hasText: text }).waitFor();
}

/** Opens a console action's form from the console, goes through its confirmation, and returns the recorded sentence. */
async function consoleAction(label: string, fill: () => Promise<void>): Promise<{ consequence: string; recorded: string }> {
  await page.goto(`${t.webUrl}/cycles/${t.year}/console`);
  await page.getByRole('link', { name: label }).click();
  await fill();
  await page.getByRole('button', { name: 'Continue: see the consequences' }).click();
  const consequence = (await page.locator('#consequence').textContent()) ?? '';
  await page.getByRole('button', { name: `Confirm: ${label}` }).click();
  await heading(page, 'Recorded');
  return { consequence, recorded: (await page.locator('#recorded').textContent()) ?? '' };
}

describe('a cycle in which an owner is replaced and a director is away, from the web pages alone', () => {
  it('reassigns, saves and resumes a draft, names a deputy who approves on the director\'s behalf, and refuses a replayed approval', async () => {
    const area = t.seeds.areas[0]!;
    const oldOwner = t.seeds.participants.areaOwners[area.id]!.al;
    const { coordinator, directors } = t.seeds.participants;
    const oldUrl = linkIn(await t.capture.waitFor(mailTo(oldOwner.email), 30_000), `${t.webUrl}/contribute/`);

    // The coordinator passes the Albanian ownership on, on the console.
    const reassigned = await consoleAction('Pass a role to another person', async () => {
      await page.getByLabel('Role').selectOption(`area-owner:${area.id}:al`);
      await page.getByLabel('Name', { exact: true }).fill(newOwner.name);
      await page.getByLabel('E-mail address').fill(newOwner.email);
      await page.getByLabel('Organisation', { exact: true }).fill(newOwner.organisation);
      await page.getByLabel('Reason', { exact: true }).fill('Transferuar në një post tjetër.');
    });
    expect(reassigned.recorded).toBe(`The Albanian ownership of "${area.title}" passed from ${oldOwner.name} to ${newOwner.name}.`);
    let state = await getCycleState(t.stack.client, t.year);
    expect(state.areas[0]!.owners.al).toMatchObject({ name: newOwner.name, email: newOwner.email });
    expect(state.reassignments).toEqual([expect.objectContaining({ to: expect.objectContaining({ email: newOwner.email }), by: expect.objectContaining({ email: coordinator.email, channel: 'web' }) })]);

    // The old owner's link: passed on, naming the new owner and the reason.
    const old = await page.goto(inLanguage(oldUrl, 'en'));
    expect(old?.status()).toBe(409);
    await heading(page, 'This link has passed to someone else');
    const oldText = (await page.locator('main').textContent()) ?? '';
    expect(oldText).toContain(`This role was passed to ${newOwner.name} on`);
    expect(oldText).toContain('Transferuar në një post tjetër.');
    expect(await page.getByRole('button', { name: /Submit/ }).count()).toBe(0);

    // The new owner opens the link of their mail and saves a draft.
    const newUrl = inLanguage(linkIn(await t.capture.waitFor(mailTo(newOwner.email), 30_000), `${t.webUrl}/contribute/`), 'en');
    await page.goto(newUrl);
    await heading(page, `Input for «${area.title}»`);
    await page.getByText(newOwner.name).first().waitFor();
    const narrative = 'Viti solli dy takime në Tiranë; Ëngjëll Çela koordinoi punën — «Çështjet» u trajtuan.';
    await page.getByLabel('Narrative of the year', { exact: true }).fill(narrative);
    await page.locator('#f-commitments-0-comment').fill('Koment i pambaruar në Shkodër.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved at').waitFor();
    expect((await getCycleState(t.stack.client, t.year)).areas[0]!.revision).toBe(0);

    // Later, in a new tab: the draft is there; completed and submitted.
    const later = await browser.context.newPage();
    await later.goto(newUrl);
    await later.getByText('Your saved draft').first().waitFor();
    expect(await later.getByLabel('Narrative of the year', { exact: true }).inputValue()).toBe(narrative);
    expect(await later.locator('#f-commitments-0-comment').inputValue()).toBe('Koment i pambaruar në Shkodër.');
    const sample = loadSampleInput(area);
    for (const [i, c] of area.commitments.entries()) {
      const progress = sample.commitments.find((p) => p.commitmentId === c.id)!;
      await later.locator(`input[name="commitments.${i}.status"][value="${progress.status}"]`).check();
      if (i > 0) await later.locator(`#f-commitments-${i}-comment`).fill(progress.comment);
    }
    await later.getByRole('button', { name: 'Submit the input' }).click();
    await heading(later, 'Recorded');
    await later.close();
    state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === 1, 'the new owner\'s input', { timeoutMs: 30_000 });
    expect(state.areas[0]!.submittedBy).toMatchObject({ email: newOwner.email, channel: 'web' });
    expect((await recordedInput(t, state.areas[0]!)).narrative).toBe(narrative);

    // The Albanian director is away: the coordinator names a deputy on the console.
    const today = localDateOf(new Date().toISOString(), state.timeZone);
    const named = await consoleAction('Name or end a deputy', async () => {
      await page.getByLabel('The person away').selectOption(directors.al.email);
      await page.getByLabel("Deputy's name").fill(deputy.name);
      await page.getByLabel("Deputy's e-mail address").fill(deputy.email);
      await page.getByLabel("Deputy's organisation").fill(deputy.organisation);
      await page.getByLabel('First day').fill(today);
      await page.getByLabel('Last day').fill(addLocalDays(today, 3));
    });
    expect(named.recorded).toContain(`${deputy.name} stands in for ${directors.al.name}`);

    // Collection closed on the console, with its figures.
    const closed = await consoleAction('Close collection', async () => undefined);
    expect(closed.consequence).toMatch(/^Close collection with 1 of 1 input\? No area will be reported missing\./);
    state = await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    expect(state.areas[0]).toMatchObject({ status: 'submitted', closed: true, revision: 1 });

    // The new owner's link now shows the input on record, read-only, with who submitted it.
    const readOnly = await page.goto(newUrl);
    expect(readOnly?.status()).toBe(409);
    await page.getByRole('status').filter({ hasText: 'Read-only' }).waitFor();
    const readText = (await page.locator('main').textContent()) ?? '';
    expect(readText).toContain(narrative);
    expect(readText).toContain(`Submitted by ${newOwner.name} on`);
    expect(await page.getByRole('textbox').count()).toBe(0);

    // The coordinator approves draft v1 on the review page of their mail; the form is kept to be posted again later.
    const reviewUrl = linkIn(await t.capture.waitFor(mailTo(coordinator.email, /^Draft v1 /), 30_000), `${t.webUrl}/review/`);
    await page.goto(reviewUrl);
    await heading(page, 'Draft v1 of the');
    const approveForm = (await page.evaluate(`(() => {
      const form = [...document.forms].find((f) => f.querySelector('button[value="approve"]'));
      return Object.fromEntries(new FormData(form));
    })()`)) as Record<string, string>;
    expect(approveForm.round).toBe('0');
    await page.getByRole('button', { name: 'Approve draft v1 for sign-off' }).click();
    await heading(page, 'Recorded');

    // The deputy gets the Albanian director's sign-off mail and approves in the browser.
    const deputyUrl = linkIn(await t.capture.waitFor(mailTo(deputy.email, /v1$/), 30_000), `${t.webUrl}/sign-off/`);
    expect((await t.capture.list()).filter(mailTo(directors.al.email, /v1$/))).toHaveLength(0);
    await page.goto(inLanguage(deputyUrl, 'en'));
    await heading(page, 'Sign-off: draft v1');
    await page.getByRole('textbox', { name: 'Comment' }).fill('Miratuar në emër të drejtorit.');
    await page.getByRole('button', { name: 'Approve draft v1' }).click();
    await heading(page, 'Recorded');
    expect(await page.locator('#recorded, [role="status"]').first().textContent()).toContain('approved draft v1');
    state = await getCycleState(t.stack.client, t.year);
    expect(state.decisions).toEqual([
      expect.objectContaining({ version: 1, director: 'al', decision: 'approve', by: expect.objectContaining({ email: deputy.email, channel: 'web' }), onBehalfOf: { name: directors.al.name, email: directors.al.email } }),
    ]);

    // The EU director's page says who approved on whose behalf; he requests changes.
    const euUrl = linkIn(await t.capture.waitFor(mailTo(directors.eu.email, /^Sign-off requested.*v1$/), 30_000), `${t.webUrl}/sign-off/`);
    await page.goto(euUrl);
    await heading(page, 'Sign-off: draft v1');
    await page.getByText(`on behalf of ${directors.al.name}`).first().waitFor();
    await page.getByRole('textbox', { name: 'Comment' }).fill('Please add the exercise in Durrës.');
    await page.getByRole('button', { name: 'Request changes' }).click();
    await heading(page, 'Recorded');
    const before = await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.decisions.length === 2, 'changes requested', { timeoutMs: 30_000 });
    // What the cycle decided, without the record of its mails (those of the request for changes may still be going out).
    const decided = (s: typeof before) => s.events.filter((e) => !['mail-sent', 'mail-failed', 'reminder-sent'].includes(e.action));

    // The coordinator's round-1 approval, posted again with the browser's cookies: refused, nothing changes.
    const replay = await browser.context.request.post(reviewUrl, { form: { ...approveForm, action: 'approve' }, maxRedirects: 0 });
    expect(replay.status()).toBe(409);
    expect(await replay.text()).toContain('This form was for round 1 of the decision on draft v1, which is over (round 2 now): nothing was changed.');
    await page.waitForTimeout(500);
    const after = await getCycleState(t.stack.client, t.year);
    expect(decided(after)).toEqual(decided(before));
    expect(after.decisions).toEqual(before.decisions);
    expect(after.stage).toBe('drafting');
    expect(after.drafts.map((d) => [d.version, d.status])).toEqual(before.drafts.map((d) => [d.version, d.status]));
    expect((await t.capture.list()).filter(mailTo(deputy.email, /v2$/))).toHaveLength(0);
  }, 120_000);
});
