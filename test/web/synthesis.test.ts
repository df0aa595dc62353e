/**
 * The coordinator's written synthesis (issue 14), over HTTP against the embedded stack (Temporal
 * dev server, SMTP capture, worker, web server) with a two-area cycle, links taken from the
 * captured mails: the coordinator writes the executive summary and the points for the SA Council's
 * attention on the review page of draft v1; an empty form is refused next to its field and records
 * nothing; the cycle records `synthesis-written` (the coordinator) and `draft-updated`; draft v1's
 * .docx is rendered again and opens with the synthesis, ë and ç exact; a second click acts once;
 * the review page comes back prefilled; the directors' sign-off page shows it above the decision;
 * the final report carries it.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { closeCollectionUpdate, signOffUpdate } from '../../domain/messages';
import type { ArtifactFile } from '../../domain/state';
import { openStore } from '../../infra/config';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { paragraphs } from '../fixtures/report/read-docx';
import { HttpSession, hiddenFields, linkIn, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 2, prefix: 'synthesis-' });
});
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string, subject: RegExp) => (m: CapturedMail) => m.envelope.to.includes(email) && subject.test(m.subject);

const SUMMARY = 'Përparim i qëndrueshëm në të dyja fushat; bashkëpunimi u forcua në Tiranë & Brussels.\n\n- Dy ushtrime të përbashkëta në Durrës\n- Çdo institucion ka një pikë kontakti';
const ATTENTION = '- Ratify the agreement on the exchange of classified information.\n- Mbështetje e vazhdueshme për Ukrainën';

/** The paragraph texts of the .docx `file` in the stack's store. */
async function docxTexts(file: ArtifactFile | undefined): Promise<string[]> {
  if (!file) throw new Error('no .docx file');
  const zip = await JSZip.loadAsync(await openStore(t.config).get(file.key));
  return paragraphs(await zip.file('word/document.xml')!.async('string')).map((p) => p.text);
}

describe('the coordinator’s written synthesis, against the workflows', () => {
  it('written on the review page of v1: recorded, v1 rendered again with it, shown at sign-off, carried by the final', async () => {
    const c = t.seeds.participants.coordinator;
    const { eu, al } = t.seeds.participants.directors;
    for (const area of t.seeds.areas) {
      const owner = t.seeds.participants.areaOwners[area.id]!.eu;
      await submitContribution(t.stack.client, { year: t.year, areaId: area.id, contribution: loadSampleInput(area), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' } });
    }
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' } });
    const before = await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    const docxBefore = before.drafts[0]!.files.find((f) => f.format === 'docx')!;

    const reviewUrl = linkIn(await t.capture.waitFor(mailTo(c.email, /^Draft v1 /), 30_000), `${t.webUrl}/review/`);
    const coordinator = new HttpSession();
    const page = await coordinator.request('GET', reviewUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h2 id="synthesis">Written synthesis</h2>');
    expect(page.body).toContain('No synthesis is written yet');
    // The synthesis's fields belong to the page's form, whose hidden fields (CSRF, round) it posts.
    expect(page.body).toMatch(/<textarea id="f-summary" name="summary" form="page-form"/);
    const form = hiddenFields(page.body, 1);
    expect(form).toMatchObject({ round: '0', basis: '' });

    // Nothing typed: refused next to the summary, the comment typed for a reopening kept.
    const empty = await coordinator.post(reviewUrl, { ...form, action: 'synthesis', summary: '  ', attention: '', comment: 'Kept: ë ç' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Write the executive summary, the points for attention, or both.');
    expect(empty.body).toContain('Kept: ë ç</textarea>');

    // Written: recorded, and the page says the draft is rendered again with it.
    const saved = await coordinator.post(reviewUrl, { ...form, action: 'synthesis', summary: SUMMARY, attention: ATTENTION });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('The synthesis of draft v1 is recorded');
    expect(saved.body).toContain('Draft v1 is being rendered again with it');
    // The same form posted again (a second click) acts once.
    const again = await coordinator.post(reviewUrl, { ...form, action: 'synthesis', summary: SUMMARY, attention: ATTENTION });
    expect(again.status).toBe(409);

    const after = await waitForState(t.stack.client, t.year, (s) => s.events.some((e) => e.action === 'draft-updated' && e.version === 1), 'draft v1 rendered again', { timeoutMs: 60_000 });
    const written = after.events.filter((e) => e.action === 'synthesis-written');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ version: 1, actor: { email: c.email, role: 'coordinator', channel: 'web' } });
    expect(after.drafts[0]!.synthesis).toMatchObject({ summary: SUMMARY, attention: ATTENTION, version: 1, byName: c.name });
    expect(after.drafts[0]!.status).toBe('in-review');

    // Draft v1's .docx was written again and opens with the synthesis, letters exact.
    const docxAfter = after.drafts[0]!.files.find((f) => f.format === 'docx')!;
    expect(docxAfter.sha256).not.toBe(docxBefore.sha256);
    expect((await docxTexts(docxBefore)).includes('Executive summary')).toBe(true); // the generated one, before
    const texts = await docxTexts(docxAfter);
    const at = texts.indexOf('Executive summary');
    expect(at).toBeGreaterThan(texts.indexOf('Contents'));
    expect(at).toBeLessThan(texts.indexOf('Reporting period and purpose'));
    expect(texts[at + 1]).toMatch(new RegExp(`^Written by ${c.name} on \\d{1,2} \\w+ \\d{4} \\(draft v1\\)\\.$`));
    expect(texts.slice(at + 2, at + 8)).toEqual([
      'Përparim i qëndrueshëm në të dyja fushat; bashkëpunimi u forcua në Tiranë & Brussels.',
      'Dy ushtrime të përbashkëta në Durrës',
      'Çdo institucion ka një pikë kontakti',
      'Points for the SA Council’s attention',
      'Ratify the agreement on the exchange of classified information.',
      'Mbështetje e vazhdueshme për Ukrainën',
    ]);

    // The review page comes back prefilled with what is on record, and says who wrote it.
    const reloaded = await coordinator.request('GET', reviewUrl);
    expect(reloaded.body).toContain(`Current synthesis: written by ${c.name} on`);
    expect(reloaded.body).toContain('Përparim i qëndrueshëm në të dyja fushat; bashkëpunimi u forcua në Tiranë &amp; Brussels.\n\n- Dy ushtrime');

    // Approved by link; the EU director's sign-off page shows the synthesis above the decision.
    expect((await coordinator.post(reviewUrl, { ...hiddenFields(reloaded.body, 0), action: 'approve' })).status).toBe(200);
    const signUrl = linkIn(await t.capture.waitFor(mailTo(eu.email, /^Sign-off requested.*v1$/), 30_000), `${t.webUrl}/sign-off/`);
    const sign = await new HttpSession().request('GET', signUrl);
    expect(sign.status).toBe(200);
    const synthesisAt = sign.body.indexOf('<h2>The coordinator’s synthesis</h2>');
    expect(synthesisAt).toBeGreaterThan(-1);
    expect(synthesisAt).toBeLessThan(sign.body.indexOf('<form'));
    expect(sign.body).toContain(`Written by ${c.name} on`);
    expect(sign.body).toContain('<ul><li>Dy ushtrime të përbashkëta në Durrës</li><li>Çdo institucion ka një pikë kontakti</li></ul>');
    expect(sign.body).toContain('<p>Përparim i qëndrueshëm në të dyja fushat; bashkëpunimi u forcua në Tiranë &amp; Brussels.</p>');
    expect(sign.body).toContain('<h3>Points for the SA Council’s attention</h3>');

    // Both directors approve v1: the final report carries the synthesis of the signed version.
    for (const [side, person] of [['eu', eu], ['al', al]] as const) {
      await updateCycle(t.stack.client, t.year, signOffUpdate, { version: 1, director: side, decision: 'approve', comment: '', actor: { email: person.email, name: person.name, role: 'director', channel: 'cli' } });
    }
    const done = await waitForState(t.stack.client, t.year, (s) => !!s.submission, 'the submission', { timeoutMs: 90_000 });
    const final = await docxTexts(done.submission!.files.find((f) => f.format === 'docx' && f.key.includes('/final/')));
    const finalAt = final.indexOf('Executive summary');
    expect(finalAt).toBeGreaterThan(-1);
    expect(finalAt).toBeLessThan(final.indexOf('Reporting period and purpose'));
    expect(final[finalAt + 1]).toMatch(/\(draft v1\)\.$/);
    expect(final).toContain('Përparim i qëndrueshëm në të dyja fushat; bashkëpunimi u forcua në Tiranë & Brussels.');
    expect(final).toContain('Mbështetje e vazhdueshme për Ukrainën');
  }, 300_000);
});
