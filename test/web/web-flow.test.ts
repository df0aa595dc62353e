/**
 * The web server against the real workflows: the embedded stack (Temporal dev server, SMTP
 * capture, worker, web server) with a two-area cycle. Links are taken from the captured mails,
 * exactly as people get them, and the pages are driven over HTTP with a cookie-keeping client.
 * Collection is closed from the coordinator's `inputs-complete` mail, as a browser would.
 * Cases: C4, a link to a closed step or a finished cycle gives a clear 409/410, never a 500;
 * C5, a scanner's HEAD and GET change nothing; C6, a double click records one decision; and the
 * audit trail in the workflow's event history.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, submitContribution } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import type { CapturedMail } from '../../infra/smtp-capture';
import { loadSampleInput } from '../../seeds';
import { HttpSession, hiddenFields, inLanguage, linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

const SCANNER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ areas: 2, prefix: 'web-flow-' });
});
afterAll(async () => {
  await t?.close();
});

const mailTo = (email: string, subject: RegExp) => (m: CapturedMail) => m.envelope.to.includes(email) && subject.test(m.subject);
const jtiOf = (url: string) => JSON.parse(Buffer.from(url.split('/').pop()!.split('.')[1]!, 'base64url').toString()).jti as string;

async function auditLines(kind: 'views' | 'decisions') {
  const text = await readFile(join(t.dataDir, 'audit', `link-${kind}.jsonl`), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The form of a contribution page filled with the area's sample input. */
function filledForm(page: string, areaIndex: number, narrative?: string): Record<string, string> {
  const area = t.seeds.areas[areaIndex]!;
  const sample = loadSampleInput(area);
  const f: Record<string, string> = { ...hiddenFields(page), op: 'submit', narrative: narrative ?? sample.narrative, nextSteps: sample.nextSteps };
  area.commitments.forEach((c, i) => {
    const p = sample.commitments.find((x) => x.commitmentId === c.id)!;
    f[`commitments.${i}.status`] = p.status;
    f[`commitments.${i}.comment`] = p.comment;
  });
  return f;
}

/** The coordinator's first approval by link, kept to be replayed in a later round. */
let firstApproval: { session: HttpSession; url: string; form: Record<string, string> } | undefined;

describe('links from the mails, against the workflows', () => {
  let contributionUrl: string;
  let collectionUrl: string;

  it('C5: a scanner\'s HEAD and GET of a contribution link change nothing; a person\'s POST records the input with the link, address and user agent', async () => {
    const area = t.seeds.areas[0]!;
    const owner = t.seeds.participants.areaOwners[area.id]!.al;
    // The Albanian owner's mail is in Albanian, and its link opens the form in Albanian.
    const mail = await t.capture.waitFor(mailTo(owner.email, /^Kërkohet kontributi: «/), 30_000);
    contributionUrl = linkIn(mail, `${t.webUrl}/contribute/`);

    const scanner = new HttpSession(SCANNER_UA);
    const head = await scanner.request('HEAD', contributionUrl);
    expect(head.status).toBe(200);
    const get = await new HttpSession(SCANNER_UA).request('GET', contributionUrl);
    expect(get.status).toBe(200);
    expect(get.body).toContain(area.title);
    expect(get.body).toContain('<html lang="sq">');
    let state = await getCycleState(t.stack.client, t.year);
    expect(state.areas[0]!.revision).toBe(0);
    expect(state.events.filter((e) => e.action.startsWith('contribution'))).toEqual([]);
    const views = await auditLines('views');
    expect(views.filter((v) => v.userAgent === SCANNER_UA).map((v) => v.method)).toEqual(['HEAD', 'GET']);
    expect(await auditLines('decisions')).toEqual([]);

    // The owner reads it in English: the language switch, remembered for the link.
    const person = new HttpSession();
    const page = await person.request('GET', inLanguage(contributionUrl, 'en'));
    expect(page.body).toContain('<html lang="en">');
    const narrative = 'Bashkëpunimi vazhdoi në Tiranë dhe në Bruksel; «Çështjet» u diskutuan.';
    const res = await person.post(contributionUrl, filledForm(page.body, 0, narrative));
    expect(res.status).toBe(200);
    expect(res.body).toContain('recorded (revision 1)');
    state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === 1, 'the input to reach the cycle', { timeoutMs: 30_000 });
    const a = state.areas[0]!;
    expect((await recordedInput(t, a)).narrative).toBe(narrative);
    expect(a.submittedBy).toEqual({ email: owner.email, name: owner.name, role: 'area-owner', channel: 'web', linkId: jtiOf(contributionUrl), clientAddress: '127.0.0.1', userAgent: person.userAgent });
    expect(state.events.find((e) => e.action === 'contribution-submitted')!.actor.linkId).toBe(jtiOf(contributionUrl));
  });

  it('C6: the same contribution form posted twice 50 ms apart is one revision; the second request is told when', async () => {
    const person = new HttpSession();
    const form = filledForm((await person.request('GET', inLanguage(contributionUrl, 'en'))).body, 0, 'Rishikim i dytë.');
    const [a, b] = await Promise.all([person.post(contributionUrl, form), delay(50).then(() => person.post(contributionUrl, form))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body).toContain('Already recorded');
    // The click completes when the area's workflow records it; the cycle hears of it a moment later.
    const state = await waitForState(t.stack.client, t.year, (s) => s.areas[0]!.revision === 2, 'revision 2 in the cycle');
    expect(state.areas[0]!.revision).toBe(2);
    expect((await recordedInput(t, state.areas[0]!)).narrative).toBe('Rishikim i dytë.');
  });

  it('closing collection by link: once every area is in, the coordinator\'s mail links to a page that a GET leaves alone; its button closes collection and draft v1 follows; a second POST is told the outcome (409)', async () => {
    const other = t.seeds.areas[1]!;
    const owner = t.seeds.participants.areaOwners[other.id]!.eu;
    const c = t.seeds.participants.coordinator;
    await submitContribution(t.stack.client, { year: t.year, areaId: other.id, contribution: loadSampleInput(other), actor: { email: owner.email, name: owner.name, role: 'area-owner', channel: 'cli' } });
    const mail = await t.capture.waitFor(mailTo(c.email, /^All inputs are in for the 2026 review/), 30_000);
    expect(mail.text).toContain('2 submitted, 0 waived');
    expect(mail.text).toContain('You can close collection now');
    collectionUrl = linkIn(mail, `${t.webUrl}/collection/`);

    expect((await new HttpSession(SCANNER_UA).request('HEAD', collectionUrl)).status).toBe(200);
    const coordinator = new HttpSession();
    const page = await coordinator.request('GET', collectionUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('All inputs are in: 2 submitted, 0 waived.');
    expect(page.body).toContain('Close collection and assemble the draft');
    await delay(300);
    let state = await getCycleState(t.stack.client, t.year);
    expect(state.stage).toBe('collecting');
    expect(state.events.filter((e) => e.action === 'collection-closed')).toEqual([]);
    expect(state.drafts).toEqual([]);

    const form = { ...hiddenFields(page.body), action: 'close' };
    const res = await coordinator.post(collectionUrl, form);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Collection is closed.');
    expect(res.body).toContain('The draft report is being assembled');
    await t.capture.waitFor(mailTo(c.email, /^Draft v1 /), 30_000);
    state = await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 20_000 });
    expect(state.events.find((e) => e.action === 'collection-closed')!.actor).toMatchObject({ email: c.email, channel: 'web', linkId: jtiOf(collectionUrl) });

    const again = await coordinator.post(collectionUrl, form);
    expect(again.status).toBe(409);
    expect(again.body).toContain(`${c.name} closed collection on`);
    expect(again.body).toContain('Nothing was recorded.');
    expect((await new HttpSession().request('GET', collectionUrl)).status).toBe(409);
  });

  it('draft review by link: the .docx downloads with its name; approving moves to sign-off', async () => {
    const c = t.seeds.participants.coordinator;
    const mail = await t.capture.waitFor(mailTo(c.email, /^Draft v1 /), 30_000);
    const reviewUrl = linkIn(mail, `${t.webUrl}/review/`);
    const docxUrl = linkIn(mail, `${t.webUrl}/files/`);
    const file = await fetch(docxUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''sdp-review-2026-draft-v1\.(docx|html)/);

    const coordinator = new HttpSession();
    const page = await coordinator.request('GET', reviewUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Draft v1 of the 2026 progress report');
    const form: Record<string, string> = { ...hiddenFields(page.body, 0), action: 'approve' };
    expect(form.round).toBe('0');
    const res = await coordinator.post(reviewUrl, form);
    expect(res.status).toBe(200);
    firstApproval = { session: coordinator, url: reviewUrl, form };
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'sign-off', 'sign-off of v1', { timeoutMs: 20_000 });
    const again = await coordinator.request('GET', reviewUrl);
    expect(again.status).toBe(409);
    expect(again.body).toContain(`${c.name} approved draft v1 for sign-off on`);
  });

  it('C5, C6, C4 on sign-off: a scanner changes nothing; a double click is one decision and one confirmation mail; the other director\'s link is then closed (409)', async () => {
    const { eu, al } = t.seeds.participants.directors;
    const alUrl = linkIn(await t.capture.waitFor(mailTo(al.email, /^Kërkohet miratimi:.*v1$/), 30_000), `${t.webUrl}/sign-off/`);
    const euUrl = linkIn(await t.capture.waitFor(mailTo(eu.email, /^Sign-off requested.*v1$/), 30_000), `${t.webUrl}/sign-off/`);

    expect((await new HttpSession(SCANNER_UA).request('HEAD', alUrl)).status).toBe(200);
    expect((await new HttpSession(SCANNER_UA).request('GET', alUrl)).status).toBe(200);
    expect((await getCycleState(t.stack.client, t.year)).decisions).toEqual([]);

    const director = new HttpSession();
    // the EU director opens the page now, and presses the button only after the draft went back
    const euSession = new HttpSession();
    const euPage = await euSession.request('GET', euUrl);
    expect(euPage.status).toBe(200);
    const form = { ...hiddenFields((await director.request('GET', inLanguage(alUrl, 'en'))).body), decision: 'request-changes', comment: 'Ju lutem shtoni datat e ushtrimeve në Durrës.' };
    const [a, b] = await Promise.all([director.post(alUrl, form), delay(50).then(() => director.post(alUrl, form))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const second = a.status === 409 ? a : b;
    expect(second.body).toContain(al.name);
    expect(second.body).toMatch(/already recorded on|already decided|requested changes to draft v1 on/);

    const state = await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting', 'the draft back with the coordinator', { timeoutMs: 20_000 });
    expect(state.decisions).toHaveLength(1);
    expect(state.decisions[0]!.by).toMatchObject({ email: al.email, channel: 'web', linkId: jtiOf(alUrl), clientAddress: '127.0.0.1', userAgent: director.userAgent });
    const event = state.events.find((e) => e.action === 'changes-requested-by-director')!;
    expect(event.actor.linkId).toBe(jtiOf(alUrl));

    // The Albanian director's confirmation is in Albanian.
    await t.capture.waitFor(mailTo(al.email, /^Regjistruar: /), 20_000);
    await delay(1_000);
    expect((await t.capture.list()).filter(mailTo(al.email, /^Regjistruar: /))).toHaveLength(1);
    // The director who asked gets that confirmation only; the other director and the coordinator are told.
    await t.capture.waitFor(mailTo(eu.email, /^Changes requested on draft v1/), 20_000);
    expect((await t.capture.list()).filter(mailTo(al.email, /^Kërkohen ndryshime/))).toHaveLength(0);

    // C4: the EU director opens yesterday's link after the draft was sent back for changes
    const late = await new HttpSession().request('GET', euUrl);
    expect(late.status).toBe(409);
    expect(late.body).toContain(`${al.name} requested changes to draft v1 on`);
    const latePost = await euSession.post(euUrl, { ...hiddenFields(euPage.body), decision: 'approve', comment: '' });
    expect(latePost.status).toBe(409);
    expect(latePost.body).toContain('Nothing was recorded.');
    expect((await getCycleState(t.stack.client, t.year)).decisions).toHaveLength(1);
    const decisions = await auditLines('decisions');
    expect(decisions.filter((d) => d.outcome === 'recorded').map((d) => d.step)).toEqual(['contribution', 'contribution', 'collection', 'draft-review', 'sign-off']);
  });

  it('the coordinator decides again with the v1 link; v2 is signed by both by link; then C4: every old link gives 410', async () => {
    const { eu, al } = t.seeds.participants.directors;
    const c = t.seeds.participants.coordinator;
    const reviewUrl = linkIn(await t.capture.waitFor(mailTo(c.email, /^Draft v1 /), 5_000), `${t.webUrl}/review/`);
    // The first round's approval, replayed byte for byte (same link, cookie, CSRF token, body) after
    // the request for changes: refused, and nothing changes — v2 does not go to the directors unseen.
    const before = await getCycleState(t.stack.client, t.year);
    const replayed = await firstApproval!.session.post(firstApproval!.url, firstApproval!.form);
    expect(replayed.status).toBe(409);
    expect(replayed.body).toContain('This form was for round 1 of the decision on draft v1, which is over (round 2 now): nothing was changed.');
    await delay(500);
    const after = await getCycleState(t.stack.client, t.year);
    // What the cycle decided, without the record of its mails (those of the request for changes
    // may still be going out, each recorded once sent).
    const decided = (s: typeof before) => s.events.filter((e) => !['mail-sent', 'mail-failed', 'reminder-sent'].includes(e.action));
    expect(decided(after)).toEqual(decided(before));
    expect(after.decisions).toEqual(before.decisions);
    expect(after.drafts.map((d) => [d.version, d.status])).toEqual(before.drafts.map((d) => [d.version, d.status]));
    expect(after.stage).toBe('drafting');
    const coordinator = new HttpSession();
    const page = await coordinator.request('GET', reviewUrl);
    expect(page.status).toBe(200);
    expect(hiddenFields(page.body, 0).round).toBe('1');
    expect((await coordinator.post(reviewUrl, { ...hiddenFields(page.body, 0), action: 'approve' })).status).toBe(200);

    const euV1 = linkIn(await t.capture.waitFor(mailTo(eu.email, /^Sign-off requested.*v1$/), 5_000), `${t.webUrl}/sign-off/`);
    for (const [who, person] of [['eu', eu], ['al', al]] as const) {
      const url = linkIn(await t.capture.waitFor(mailTo(person.email, who === 'al' ? /^Kërkohet miratimi:.*v2$/ : /^Sign-off requested.*v2$/), 30_000), `${t.webUrl}/sign-off/`);
      if (who === 'eu') {
        // C4: a link for an earlier draft version
        const old = await new HttpSession().request('GET', euV1);
        expect(old.status).toBe(409);
      }
      const s = new HttpSession();
      const res = await s.post(url, { ...hiddenFields((await s.request('GET', url)).body), decision: 'approve', comment: who === 'al' ? 'Faleminderit — miratuar.' : '' });
      expect(res.status).toBe(200);
      // Each director reads the result in their own language.
      expect(res.body).toContain(who === 'al' ? `${person.name} miratoi draftin v2` : `${person.name} approved draft v2`);
    }
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'submitted', 'the submission', { timeoutMs: 30_000 });
    for (const url of [inLanguage(contributionUrl, 'en'), collectionUrl, reviewUrl, euV1]) {
      const res = await new HttpSession().request('GET', url);
      expect(res.status, url).toBe(410);
      expect(res.body).toContain('The 2026 review cycle has finished');
      expect(res.body).toContain('was submitted to');
    }
    // The Albanian owner's own link, in its own language.
    const gone = await new HttpSession().request('GET', contributionUrl);
    expect(gone.status).toBe(410);
    expect(gone.body).toContain('Cikli i rishikimit 2026 ka përfunduar');
    expect(gone.body).toContain('u dorëzua te');
  });
});
