/**
 * Comments where people decide (web/views/round-comments.ts), over HTTP against the embedded
 * stack (Temporal dev server, SMTP capture, worker, web server) with a two-area cycle, links taken
 * from the captured mails: after the Albanian director requests changes to v1 with a comment, the
 * coordinator's review page shows it with the director's name; after the coordinator reopens an
 * area, the owner's form says why (who, when, the comment); the coordinator's review page of v2
 * and the directors' sign-off pages of v2 show the earlier request for changes and the reopening.
 * Comments are escaped: markup typed in a comment is shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate } from '../../domain/messages';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { HttpSession, hiddenFields, inLanguage, linkIn, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 2, prefix: 'round-comments-' });
});
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string, subject: RegExp) => (m: CapturedMail) => m.envelope.to.includes(email) && subject.test(m.subject);
/** The text of a page's comments section, the markup of each comment kept (to check escaping). */
const commentsOf = (page: string) => /<section class="comments"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';

const REQUEST = 'Ju lutem shtoni datat e ushtrimeve në Durrës & Çorovodë <b>para</b> miratimit.';
const REQUEST_HTML = 'Ju lutem shtoni datat e ushtrimeve në Durrës &amp; Çorovodë &lt;b&gt;para&lt;/b&gt; miratimit.';
const REOPEN = 'Please add the dates of the exercises in Durrës, as the Albanian director asked.';

describe('comments where people decide, against the workflows', () => {
  it('a director\'s request for changes, a reopening, then draft v2: each page shows the comments of the round', async () => {
    const [first, second] = t.seeds.areas;
    const c = t.seeds.participants.coordinator;
    const { eu, al } = t.seeds.participants.directors;
    const coordinator = { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' } as const;
    for (const area of [first!, second!]) {
      const owner = t.seeds.participants.areaOwners[area.id]!.eu;
      await submitContribution(t.stack.client, { year: t.year, areaId: area.id, contribution: loadSampleInput(area), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' } });
    }
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });

    // Before any comment, the review page says there is none.
    const reviewV1 = linkIn(await t.capture.waitFor(mailTo(c.email, /^Draft v1 /), 30_000), `${t.webUrl}/review/`);
    const empty = await new HttpSession().request('GET', reviewV1);
    expect(empty.status).toBe(200);
    expect(commentsOf(empty.body)).toContain('No comments yet');
    await updateCycle(t.stack.client, t.year, approveDraftUpdate, { version: 1, actor: coordinator });

    // The Albanian director requests changes by link, with Albanian letters and markup in the comment.
    const signV1 = linkIn(await t.capture.waitFor(mailTo(al.email, /^Kërkohet miratimi:.*v1$/), 30_000), `${t.webUrl}/sign-off/`);
    const director = new HttpSession();
    const signPage = await director.request('GET', inLanguage(signV1, 'en'));
    expect((await director.post(signV1, { ...hiddenFields(signPage.body), decision: 'request-changes', comment: REQUEST })).status).toBe(200);
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.decisions.length === 1, 'v1 back with the coordinator', { timeoutMs: 20_000 });

    // The coordinator's review page (v1, round 2) shows the request with the director's name, escaped.
    const coordinatorSession = new HttpSession();
    const review = await coordinatorSession.request('GET', reviewV1);
    expect(review.status).toBe(200);
    const comments = commentsOf(review.body);
    expect(comments).toContain(`${al.name} (Albanian director) requested changes to draft v1`);
    expect(comments).toContain(REQUEST_HTML);
    expect(review.body).not.toContain('<b>para</b>');

    // The coordinator reopens the first area by link.
    const reopened = await coordinatorSession.post(reviewV1, { ...hiddenFields(review.body, 1), action: 'reopen', areaIds: first!.id, comment: REOPEN });
    expect(reopened.status).toBe(200);
    await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.status === 'reopened', 'the area reopened', { timeoutMs: 20_000 });

    // The Albanian owner's form, from the reopening mail, says why (in Albanian, then in English).
    const owner = t.seeds.participants.areaOwners[first!.id]!.al;
    const contributeUrl = linkIn(await t.capture.waitFor(mailTo(owner.email, /^Rihapur: /), 30_000), `${t.webUrl}/contribute/`);
    const form = await new HttpSession().request('GET', contributeUrl);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Pse u rihap kjo fushë');
    expect(form.body).toMatch(new RegExp(`${c.name} e rihapi këtë fushë më .+, pas draftit v1 të raportit, me këtë koment:`));
    expect(form.body).toContain(REOPEN);
    const formEn = await new HttpSession().request('GET', inLanguage(contributeUrl, 'en'));
    expect(formEn.body).toContain('Why this area was reopened');
    expect(formEn.body).toMatch(new RegExp(`${c.name} reopened this area on \\w+day \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d \\(Europe/[A-Za-z]+\\), after draft v1 of the report, with this comment:`));

    // The owner revises; draft v2 comes to the coordinator, whose page shows both comments, oldest first.
    const euOwner = t.seeds.participants.areaOwners[first!.id]!.eu;
    await submitContribution(t.stack.client, { year: t.year, areaId: first!.id, contribution: loadSampleInput(first!), actor: { email: euOwner.email, name: euOwner.name, role: 'area-owner', channel: 'cli' } });
    const reviewV2 = linkIn(await t.capture.waitFor(mailTo(c.email, /^Draft v2 /), 60_000), `${t.webUrl}/review/`);
    const v2 = await new HttpSession().request('GET', reviewV2);
    expect(v2.status).toBe(200);
    expect(v2.body).toContain('Draft v2 of the 2026 progress report');
    const v2Comments = commentsOf(v2.body);
    const requestAt = v2Comments.indexOf(`${al.name} (Albanian director) requested changes to draft v1`);
    const reopenAt = v2Comments.indexOf(`${c.name} (coordinator) reopened the area «${first!.title}» after draft v1`);
    expect(requestAt).toBeGreaterThan(-1);
    expect(reopenAt).toBeGreaterThan(requestAt);
    expect(v2Comments).toContain(REQUEST_HTML);
    expect(v2Comments).toContain(REOPEN);

    // The directors' sign-off pages of v2 show the earlier request for changes: the EU director's in
    // English, the Albanian director's in Albanian (their own language, from their mail).
    await updateCycle(t.stack.client, t.year, approveDraftUpdate, { version: 2, actor: coordinator });
    const euV2 = linkIn(await t.capture.waitFor(mailTo(eu.email, /^Sign-off requested.*v2$/), 30_000), `${t.webUrl}/sign-off/`);
    const euPage = await new HttpSession().request('GET', euV2);
    expect(euPage.status).toBe(200);
    const euComments = commentsOf(euPage.body);
    expect(euComments).toContain(`${al.name} (Albanian director) requested changes to draft v1`);
    expect(euComments).toContain(REQUEST_HTML);
    expect(euComments).toContain(REOPEN);
    const alV2 = linkIn(await t.capture.waitFor(mailTo(al.email, /^Kërkohet miratimi:.*v2$/), 30_000), `${t.webUrl}/sign-off/`);
    const alPage = await new HttpSession().request('GET', alV2);
    expect(alPage.body).toContain('<html lang="sq">');
    const alComments = commentsOf(alPage.body);
    expect(alComments).toContain('Komentet e këtij rishikimi');
    expect(alComments).toContain(`${al.name} (drejtori nga pala shqiptare) kërkoi ndryshime në draftin v1`);
    expect(alComments).toContain(`${c.name} (koordinatori) rihapi fushën «`);
    expect(alComments).toContain(REQUEST_HTML);
  }, 240_000);
});
