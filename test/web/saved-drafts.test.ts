/**
 * Saved drafts and the read-only view, through the links people get by mail, on the embedded stack
 * (Temporal dev server, worker, SMTP capture, web server, the document store in a folder):
 * - "Save draft" stores an incomplete input with Albanian text server-side, records nothing in the
 *   cycle and mails nobody; the link opened in a new session is filled exactly from it, with a
 *   notice; the other side's owner does not see it; a field that cannot be kept is refused next to
 *   it; submitting clears the draft;
 * - once collection is closed, the owner's link shows the input on record read-only (409), with its
 *   revision, who submitted it and when, and the earlier revisions with who and when.
 */
import escapeHtml from 'escape-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { closeCollectionUpdate } from '../../domain/messages';
import { openStore } from '../../infra/config';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { HttpSession, hiddenFields, inLanguage, linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 1, year: 2075, prefix: 'saved-drafts-' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string) => (m: CapturedMail) => m.envelope.to.includes(email);

/** HTML entities as escape-html writes them, decoded. */
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Every field the contribution form shows, with the value it is filled with (as a browser would post it). */
function formValues(page: string): Record<string, string> {
  const form = page.split('<form')[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<textarea id="[^"]*" name="([^"]+)"[^>]*>\n([\s\S]*?)<\/textarea>/g)) out[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<input type="(?:text|date)" id="[^"]*" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  for (const m of form.matchAll(/<fieldset class="field[^"]*"[^>]*>\s*<legend>[^<]*<\/legend>[\s\S]*?<\/fieldset>/g)) {
    const radios = [...m[0].matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"([^>]*)>/g)];
    if (radios.length) out[radios[0]![1]!] = radios.find((r) => / checked/.test(r[3]!))?.[2] ?? '';
  }
  for (const m of form.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) out[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
  return out;
}

describe('saved drafts and the read-only view', () => {
  const area = () => t.seeds.areas[0]!;
  const owners = () => t.seeds.participants.areaOwners[area().id]!;
  let alUrl: string;
  let euUrl: string;
  /** What the Albanian owner saved as a draft: an incomplete input, Albanian letters in every text. */
  let draft: Record<string, string>;

  it('saves an incomplete draft with Albanian text: not submitted, no event, no mail; another session of the link is filled exactly from it', async () => {
    alUrl = linkIn(await t.capture.waitFor(mailTo(owners().al.email), 30_000), `${t.webUrl}/contribute/`);
    euUrl = linkIn(await t.capture.waitFor(mailTo(owners().eu.email), 30_000), `${t.webUrl}/contribute/`);
    const mailsBefore = (await t.capture.list()).length;

    const first = new HttpSession();
    const page = await first.request('GET', alUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="op" value="save-draft"');
    expect(page.body).toContain('Ruani draftin');
    draft = {
      ...formValues(page.body),
      narrative: 'Ëndrra e Çelës: takime në Tiranë dhe Shkodër.\nRreshti i dytë: «Çështjet» u trajtuan — ç’mbetet? ËÇ ëç',
      'commitments.0.comment': 'Koment i pambaruar nga Çlirim Ëmeri.',
      'deliverables.0.title': 'Seminar në Gjirokastër',
      'deliverables.0.status': 'in-progress',
    };
    // Left incomplete: no commitment's status chosen, no next steps.
    expect(draft['commitments.0.status']).toBe('');
    const saved = await first.post(alUrl, { ...draft, ...hiddenFields(page.body), op: 'save-draft' });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Drafti u ruajt më ');
    expect(saved.body).toContain('ai nuk është dërguar');
    const english = await first.post(alUrl, { ...draft, ...hiddenFields(saved.body), lang: 'en', op: 'save-draft' });
    expect(english.status).toBe(200);
    expect(english.body).toMatch(/Draft saved at [^;<]*\d{2}:\d{2}[^;<]*; it is not submitted/);

    const state = await getCycleState(t.stack.client, t.year);
    expect(state.areas[0]!.revision).toBe(0);
    expect(state.events.filter((e) => e.action.startsWith('contribution'))).toEqual([]);
    expect((await t.capture.list()).length).toBe(mailsBefore);
    const keys = await openStore(t.config).list(`${t.year}/drafts/`);
    expect(keys).toEqual([`${t.year}/drafts/${area().id}/al.json`]);

    // A new browser session (no cookies): the form is filled from the draft, field by field.
    const again = await new HttpSession().request('GET', alUrl);
    expect(again.status).toBe(200);
    expect(again.body).toContain('Drafti juaj i ruajtur');
    expect(again.body).toContain(`nga ${escapeHtml(owners().al.name)}`);
    const shown = formValues(again.body);
    for (const [name, value] of Object.entries(draft)) if (!['_csrf', 'rid', 'rows', 'lang'].includes(name)) expect(shown[name], name).toBe(value);
  });

  it('the other side\'s owner does not see it; a field that cannot be kept is refused next to it, an empty one is not', async () => {
    const eu = new HttpSession();
    const page = await eu.request('GET', euUrl);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Ëndrra e Çelës');
    expect(page.body).not.toContain('Your saved draft');
    expect(formValues(page.body).narrative).toBe('');

    const bad = await eu.post(euUrl, { ...formValues(page.body), ...hiddenFields(page.body), op: 'save-draft', 'deliverables.0.title': 'Ushtrim', 'deliverables.0.date': '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('The draft was not saved');
    expect(bad.body).toContain('id="e-deliverables-0-date"');
    expect(bad.body).not.toContain('id="e-narrative"');
    expect(await openStore(t.config).list(`${t.year}/drafts/`)).toEqual([`${t.year}/drafts/${area().id}/al.json`]);
  });

  it('submitting the resumed draft records it and clears the draft', async () => {
    const s = new HttpSession();
    const page = await s.request('GET', inLanguage(alUrl, 'en'));
    expect(page.body).toContain('The form is filled from the draft saved at');
    const form: Record<string, string> = { ...formValues(page.body), ...hiddenFields(page.body), op: 'submit', nextSteps: 'Hapat e ardhshëm.' };
    area().commitments.forEach((_c, i) => (form[`commitments.${i}.status`] = 'in-progress'));
    const res = await s.post(alUrl, form);
    expect(res.status).toBe(200);
    expect(res.body).toContain('recorded (revision 1)');
    const state = await waitForState(t.stack.client, t.year, (x) => x.areas[0]!.revision === 1, 'revision 1', { timeoutMs: 30_000 });
    expect((await recordedInput(t, state.areas[0]!)).narrative).toBe(draft.narrative);

    const stored = JSON.parse(Buffer.from(await openStore(t.config).get(`${t.year}/drafts/${area().id}/al.json`)).toString('utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ kind: 'cleared', revision: 1 });
    expect(JSON.stringify(stored)).not.toContain('Ëndrra');
    const reopened = await new HttpSession().request('GET', inLanguage(alUrl, 'en'));
    expect(reopened.body).not.toContain('Your saved draft');
    expect(reopened.body).toContain('Last submitted by');
    expect(formValues(reopened.body).narrative).toBe(draft.narrative);
  });

  it('after collection closes, the link shows the input on record read-only (409) with its revision, who and when, and every revision', async () => {
    const sample = loadSampleInput(area());
    const eu = owners().eu;
    await submitContribution(t.stack.client, { year: t.year, areaId: area().id, contribution: sample, actor: { email: eu.email, name: eu.name, role: 'area-owner', channel: 'cli' }, store: openStore(t.config) });
    const c = t.seeds.participants.coordinator;
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' } });
    await waitForState(t.stack.client, t.year, (x) => x.areas[0]!.closed, 'the area closed', { timeoutMs: 30_000 });

    const s = new HttpSession();
    const page = await s.request('GET', inLanguage(alUrl, 'en'));
    expect(page.status).toBe(409);
    expect(page.body).toContain('This step is closed');
    expect(page.body).toContain('Read-only');
    expect(page.body).not.toContain('<form method="post"');
    expect(page.body).toContain('The input on record: revision 2');
    expect(page.body).toMatch(new RegExp(`Submitted by ${escapeHtml(eu.name)} on [^<]*\\d{2}:\\d{2}`));
    expect(page.body).toContain(escapeHtml(sample.narrative.split('\n')[0]!));
    // Every revision with who and when; only the latest can be read.
    const rows = [...page.body.matchAll(/<tr><td data-label="Revision">(\d+)<\/td><td data-label="Submitted by">([^<]+)/g)].map((m) => [m[1], unescape(m[2]!).trim()]);
    expect(rows).toEqual([['2', eu.name], ['1', owners().al.name]]);
    expect(page.body).toContain('shown above');
    expect(page.body).toContain('not available to read');

    // In Albanian, as the Albanian owner's link opens.
    const sq = await new HttpSession().request('GET', alUrl);
    expect(sq.status).toBe(409);
    expect(sq.body).toContain('Vetëm për lexim');
    expect(sq.body).toContain('Kontributi i regjistruar: rishikimi 2');

    // A POST to the closed link still records nothing.
    const post = await s.post(alUrl, { _csrf: 'x', op: 'save-draft', narrative: 'vonë' });
    expect([403, 409]).toContain(post.status);
    expect((await getCycleState(t.stack.client, t.year)).areas[0]!.revision).toBe(2);
  });
});
