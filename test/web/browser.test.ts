/**
 * The pages in a real browser: Debian's chromium (/usr/bin/chromium) driven by playwright-core,
 * headless, with a fresh profile, against the embedded stack. A person opens a mail in the outbox,
 * clicks its link, fills and submits the contribution form (once with an error, which keeps what
 * was typed), and sees the result; a director does the same for an approval. Before each, a
 * scanner-like client sends a HEAD and a GET to the link, and nothing changes: mail security
 * scanners open every link, so only a person's POST may act. Albanian-side people get their mails
 * and pages in Albanian: one fills the form in Albanian, gets the field error in Albanian, switches
 * to English with everything typed kept, and submits; the others switch to English first. A form
 * whose CSRF check fails (the cookie gone, as in a restored tab) comes back with everything typed.
 */
import { request, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate } from '../../domain/messages';
import { loadSampleInput } from '../../seeds';
import { linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

const SCANNER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36';

let t: TestStack;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestStack({ areas: 2, prefix: 'web-browser-' }), launchChromium()]);
  ({ context, page } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A scanner's visit: HEAD then GET, a headless user agent, no cookies. */
async function scan(url: string): Promise<number[]> {
  const scanner = await request.newContext({ userAgent: SCANNER_UA });
  try {
    const head = await scanner.head(url, { maxRedirects: 0 });
    const get = await scanner.get(url, { maxRedirects: 0 });
    return [head.status(), get.status()];
  } finally {
    await scanner.dispose();
  }
}

/** Opens the outbox, then the mail to `email` whose subject contains `subject`, then its link to `prefix`. */
async function followMail(email: string, subject: string, prefix: string): Promise<void> {
  await page.goto(`${t.webUrl}/outbox`);
  const row = () => page.locator('tr', { hasText: email }).filter({ hasText: subject });
  for (let i = 0; i < 40 && (await row().count()) === 0; i++) {
    await page.waitForTimeout(500);
    await page.reload();
  }
  await row().first().getByRole('link').click();
  await heading(subject);
  await page.locator(`a[href^="${prefix}"]`).first().click();
}

/** Waits for the page's h1 to contain `text`. */
async function heading(text: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).filter({ hasText: text }).waitFor();
}

async function noHorizontalScroll(): Promise<boolean> {
  // A string, so the test's TypeScript (no DOM library) does not type the browser's globals.
  return page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1') as Promise<boolean>;
}

describe('in Debian chromium', () => {
  it('an area owner: outbox → mail → link → form (an error keeps what was typed) → result', async () => {
    const area = t.seeds.areas[0]!;
    const owner = t.seeds.participants.areaOwners[area.id]!.al;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject.startsWith('Kërkohet kontributi'), 30_000);
    const url = linkIn(mail, `${t.webUrl}/contribute/`);
    expect(await scan(url)).toEqual([200, 200]);
    expect((await getCycleState(t.stack.client, t.year)).areas[0]!.revision).toBe(0);

    // The Albanian owner's link opens the form in Albanian; the owner switches to English.
    await followMail(owner.email, `«${area.titleSq}»`, `${t.webUrl}/contribute/`);
    await heading(`Kontributi për «${area.titleSq}»`);
    expect(await page.locator('html').getAttribute('lang')).toBe('sq');
    await page.getByRole('button', { name: 'English' }).click();
    await heading(`Input for «${area.title}»`);
    await page.getByText(owner.name, { exact: false }).first().waitFor(); // Lindita Çaushi, letters intact
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await noHorizontalScroll()).toBe(true);

    const sample = loadSampleInput(area);
    for (const [i, c] of area.commitments.entries()) {
      const progress = sample.commitments.find((p) => p.commitmentId === c.id)!;
      await page.locator(`input[name="commitments.${i}.status"][value="${progress.status}"]`).check();
      await page.locator(`#f-commitments-${i}-comment`).fill(progress.comment);
    }
    const comment0 = 'Takime në Tiranë dhe Bruksel; «Çështjet» u trajtuan.';
    await page.locator('#f-commitments-0-comment').fill(comment0);
    await page.getByLabel('Title').first().fill('Seminar në Durrës');
    await page.getByRole('button', { name: 'Submit the input' }).click();

    // the narrative was left empty: the error is next to it, and the rest is kept
    await page.getByRole('alert').filter({ hasText: 'The input was not recorded' }).waitFor();
    const narrative = page.getByLabel('Narrative of the year', { exact: true });
    expect(await narrative.getAttribute('aria-describedby')).toMatch(/\be-narrative\b/);
    expect(await page.locator('#e-narrative').textContent()).toContain('This field is required.');
    expect(await page.locator('#f-commitments-0-comment').inputValue()).toBe(comment0);
    expect(await page.getByLabel('Title').first().inputValue()).toBe('Seminar në Durrës');
    expect((await getCycleState(t.stack.client, t.year)).areas[0]!.revision).toBe(0);

    const text = 'Bashkëpunimi vazhdoi gjatë gjithë vitit; Ëngjëll Çela koordinoi takimet.';
    await narrative.fill(text);
    await page.getByRole('button', { name: 'Submit the input' }).click();
    await heading('Recorded');
    expect(await page.getByRole('status').textContent()).toContain('recorded (revision 1)');
    await page.getByText('What happens next').waitFor();

    const state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === 1, 'the input', { timeoutMs: 30_000 });
    const recorded = state.areas[0]!;
    const input = await recordedInput(t, recorded);
    expect(input.narrative).toBe(text);
    expect(input.commitments[0]!.comment).toBe(comment0);
    expect(input.deliverables.map((d) => d.title)).toEqual(['Seminar në Durrës']);
    expect(recorded.submittedBy).toMatchObject({ email: owner.email, channel: 'web', clientAddress: '127.0.0.1', userAgent: expect.stringContaining('Chrome') });
  });

  it('an Albanian owner in Albanian: the form and its field error in Albanian, then English with everything typed kept, then submitted', async () => {
    const area = t.seeds.areas[1]!;
    const owner = t.seeds.participants.areaOwners[area.id]!.al;
    await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject === `Kërkohet kontributi: «${area.titleSq}» — rishikimi ${t.year} i Partneritetit për Sigurinë dhe Mbrojtjen`, 30_000);
    await followMail(owner.email, `«${area.titleSq}»`, `${t.webUrl}/contribute/`);
    await heading(`Kontributi për «${area.titleSq}»`);
    expect(await page.locator('html').getAttribute('lang')).toBe('sq');
    await page.getByText(owner.name, { exact: false }).first().waitFor();
    // Each commitment in Albanian, the English original one click away.
    const first = area.commitments[0]!;
    await page.getByText(`§${first.paragraph} — ${first.wordingSq}`).waitFor();
    const original = page.locator('details').first();
    expect(await original.locator('[lang="en"]').isVisible()).toBe(false);
    await original.locator('summary').click();
    expect(await original.locator('[lang="en"]').textContent()).toContain(first.wording);

    const sample = loadSampleInput(area);
    for (const [i, c] of area.commitments.entries()) {
      const progress = sample.commitments.find((p) => p.commitmentId === c.id)!;
      await page.locator(`input[name="commitments.${i}.status"][value="${progress.status}"]`).check();
      await page.locator(`#f-commitments-${i}-comment`).fill(`Koment ${i + 1}: takime në Tiranë; «Çështjet» u trajtuan.`);
    }
    await page.getByLabel('Titulli').first().fill('Trajnim në Shkodër');
    await page.getByLabel('Hapat e ardhshëm', { exact: true }).fill('Takimi i ardhshëm në Korçë.');
    await page.getByRole('button', { name: 'Dërgoni kontributin' }).click();

    // The narrative was left empty: the summary and the field's own error, in Albanian.
    await page.getByRole('alert').filter({ hasText: 'Kontributi nuk u regjistrua' }).waitFor();
    const narrative = page.getByLabel('Përshkrimi i vitit', { exact: true });
    expect(await narrative.getAttribute('aria-describedby')).toMatch(/\be-narrative\b/);
    expect(await page.locator('#e-narrative').textContent()).toBe('Gabim: Kjo fushë është e detyrueshme.');
    expect((await getCycleState(t.stack.client, t.year)).areas[1]!.revision).toBe(0);
    const text = 'Viti solli dy takime në Tiranë dhe një në Bruksel; Ëngjëll Çela koordinoi punën.';
    await narrative.fill(text);

    // Switching to English keeps every field, typed before and after the error.
    await page.getByRole('button', { name: 'English' }).click();
    await heading(`Input for «${area.title}»`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Narrative of the year', { exact: true }).inputValue()).toBe(text);
    expect(await page.getByLabel('Next steps', { exact: true }).inputValue()).toBe('Takimi i ardhshëm në Korçë.');
    expect(await page.getByLabel('Title').first().inputValue()).toBe('Trajnim në Shkodër');
    for (const [i, c] of area.commitments.entries()) {
      const progress = sample.commitments.find((p) => p.commitmentId === c.id)!;
      expect(await page.locator(`input[name="commitments.${i}.status"][value="${progress.status}"]`).isChecked()).toBe(true);
      expect(await page.locator(`#f-commitments-${i}-comment`).inputValue()).toBe(`Koment ${i + 1}: takime në Tiranë; «Çështjet» u trajtuan.`);
    }
    expect((await getCycleState(t.stack.client, t.year)).areas[1]!.revision).toBe(0);

    await page.getByRole('button', { name: 'Submit the input' }).click();
    await heading('Recorded');
    expect(await page.getByRole('status').textContent()).toContain('recorded (revision 1)');
    const state = await waitForState(t.stack.client, t.year, (s) => s.areas[1]!.revision === 1, 'the input', { timeoutMs: 30_000 });
    const recorded = await recordedInput(t, state.areas[1]!);
    expect(recorded.narrative).toBe(text);
    expect(recorded.nextSteps).toBe('Takimi i ardhshëm në Korçë.');
    expect(recorded.deliverables.map((d) => d.title)).toEqual(['Trajnim në Shkodër']);
    expect(recorded.commitments.map((c) => c.comment)).toEqual(area.commitments.map((_c, i) => `Koment ${i + 1}: takime në Tiranë; «Çështjet» u trajtuan.`));
    // The choice is remembered for this link: opening it again shows English.
    await page.goto(linkIn(await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject.startsWith('Kërkohet kontributi'), 5_000), `${t.webUrl}/contribute/`));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('a form whose CSRF check fails (its cookie gone, as in a restored tab) comes back with everything typed; pressing again records it', async () => {
    const area = t.seeds.areas[0]!;
    const owner = t.seeds.participants.areaOwners[area.id]!.al;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject.startsWith('Kërkohet kontributi'), 5_000);
    await page.goto(linkIn(mail, `${t.webUrl}/contribute/`));
    await heading(`Input for «${area.title}»`); // English, as chosen for this link in the first test
    const before = (await getCycleState(t.stack.client, t.year)).areas[0]!.revision;
    const narrative = 'Rishikim: tre takime në Tiranë, Durrës dhe Vlorë; «Çështjet» e Ëngjëll Çelës u mbyllën.';
    const comment = 'Koment i ri për Gjirokastrën.';
    await page.getByLabel('Narrative of the year', { exact: true }).fill(narrative);
    await page.locator('#f-commitments-0-comment').fill(comment);
    await page.getByLabel('Title').nth(1).fill('Punëtori në Korçë');
    await context.clearCookies();
    await page.getByRole('button', { name: 'Submit the input' }).click();

    await page.getByRole('alert').filter({ hasText: 'The form could not be verified' }).waitFor();
    await heading(`Input for «${area.title}»`);
    expect(await page.getByLabel('Narrative of the year', { exact: true }).inputValue()).toBe(narrative);
    expect(await page.locator('#f-commitments-0-comment').inputValue()).toBe(comment);
    expect(await page.getByLabel('Title').nth(1).inputValue()).toBe('Punëtori në Korçë');
    expect((await getCycleState(t.stack.client, t.year)).areas[0]!.revision).toBe(before);

    await page.getByRole('button', { name: 'Submit the input' }).click();
    await heading('Recorded');
    const state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === before + 1, 'the input', { timeoutMs: 30_000 });
    const input = await recordedInput(t, state.areas[0]!);
    expect(input.narrative).toBe(narrative);
    expect(input.commitments[0]!.comment).toBe(comment);
    expect(input.deliverables.map((d) => d.title)).toContain('Punëtori në Korçë');
  });

  it('a director: outbox → sign-off mail → link → approve → result; a scanner before changes nothing', async () => {
    const other = t.seeds.areas[1]!;
    const owner = t.seeds.participants.areaOwners[other.id]!.eu;
    const c = t.seeds.participants.coordinator;
    const coordinator = { email: c.email, name: c.name, role: 'coordinator' as const, channel: 'cli' as const };
    await submitContribution(t.stack.client, { year: t.year, areaId: other.id, contribution: loadSampleInput(other), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' } });
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    await updateCycle(t.stack.client, t.year, approveDraftUpdate, { version: 1, actor: coordinator });

    const director = t.seeds.participants.directors.al;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(director.email) && m.subject.startsWith('Kërkohet miratimi'), 30_000);
    const url = linkIn(mail, `${t.webUrl}/sign-off/`);
    expect(await scan(url)).toEqual([200, 200]);
    expect((await getCycleState(t.stack.client, t.year)).decisions).toEqual([]);

    // The Albanian director's page is in Albanian, with the Albanian summary among the downloads; he switches to English.
    await followMail(director.email, 'Kërkohet miratimi', `${t.webUrl}/sign-off/`);
    await heading('Miratimi: drafti v1 i raportit të progresit 2026');
    expect(await page.locator('html').getAttribute('lang')).toBe('sq');
    await page.getByRole('link', { name: /Përmbledhja në shqip.*\.docx/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await heading('Sign-off: draft v1 of the 2026 progress report');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText(`(${director.name})`).waitFor(); // Gëzim Çobani
    await page.getByRole('link', { name: /\.docx/ }).first().waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    await page.getByRole('textbox', { name: 'Comment' }).fill('Faleminderit — miratuar.');
    await page.getByRole('button', { name: 'Approve draft v1' }).click();
    await heading('Recorded');
    expect(await page.getByRole('status').textContent()).toContain(`${director.name} approved draft v1.`);

    const state = await getCycleState(t.stack.client, t.year);
    expect(state.decisions).toHaveLength(1);
    expect(state.decisions[0]).toMatchObject({ director: 'al', decision: 'approve', comment: 'Faleminderit — miratuar.', by: { email: director.email, channel: 'web' } });

    // the same link again: the step shows who decided and when; no form
    await page.goto(url);
    await heading('A decision was already recorded');
    await page.getByText('It was recorded from this link.').waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
  });
});
