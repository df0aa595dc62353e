/**
 * Across the years (issue 14), end to end on the Temporal dev server: year N runs to its
 * submission (its archive written to the store), then year N+1 starts. The N+1 form, opened from
 * the mailed link over HTTP, shows year N's statuses and next steps and asks for their outcome; an
 * input with a follow-up is submitted and stored exactly; the N+1 draft's .docx has the follow-up
 * section and the progress annex with both years; the dashboard's progress view shows both years.
 * One area (`smallSeeds`), so the two cycles take well under a minute.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCycleArchive } from '../../activities/archive';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate, reviewCycleId, signOffUpdate } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { openStore } from '../../infra/config';
import type { FolderStore } from '../../infra/storage';
import type { CapturedMail } from '../../infra/smtp-capture';
import { paragraphs, readDocx, tables } from '../fixtures/report/read-docx';
import { actorOf, alDirector, coordinator, euDirector, sampleFor } from '../helpers/cycle';
import { HttpSession, hiddenFields, linkIn, recordedInput, startTestStack, type TestStack } from '../helpers/stack';

const N = 2071;
const NEXT_STEPS = 'Ushtrim i përbashkët në Durrës në pranverë; trajnim për çështjet kibernetike në Tiranë.';
const COMMENT = 'Ushtrimi në Durrës u mbajt. Trajnimi në Tiranë u shty për vjeshtën — Ç ë Ë.';

/** The cycle a mailed link is for (the `cycle` claim of its token). */
const cycleOfLink = (url: string): string => (JSON.parse(Buffer.from(url.split('/').pop()!.split('.')[1]!, 'base64url').toString()) as { cycle: string }).cycle;

describe('two cycles in a row: the second builds on the first', () => {
  let t: TestStack;
  let store: FolderStore;
  let state: ReviewCycleState;

  beforeAll(async () => {
    t = await startTestStack({ areas: 1, year: N, prefix: 'sdp-across-' });
    store = openStore(t.config) as FolderStore;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const area = () => t.seeds.areas[0]!;
  const owners = () => t.seeds.participants.areaOwners[area().id]!;

  it(`runs year ${N} to its submission and archives it`, async () => {
    const client = t.stack.client;
    await submitContribution(client, { year: N, areaId: area().id, contribution: { ...sampleFor(area().id), nextSteps: NEXT_STEPS }, actor: actorOf(owners().eu, 'area-owner'), store, area: area() });
    await waitForState(client, N, (s) => s.areas.every((a) => a.status === 'submitted'), 'the input', { timeoutMs: 20_000 });
    await updateCycle(client, N, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, N, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    await updateCycle(client, N, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(client, N, (s) => s.stage === 'sign-off', 'sign-off', { timeoutMs: 20_000 });
    await updateCycle(client, N, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    await updateCycle(client, N, signOffUpdate, { version: 1, director: 'al', decision: 'approve', comment: '', actor: alDirector });
    await client.workflow.getHandle(reviewCycleId(N)).result();
    await expect.poll(async () => (await readCycleArchive(store, N))?.final, { timeout: 20_000, interval: 250 }).toBe(true);
  }, 90_000);

  it(`shows year ${N}'s statuses and next steps on the ${N + 1} form, and records the follow-up given there`, async () => {
    const c = t.seeds.participants.coordinator;
    await startCycle(t.stack.client, { year: N + 1, seeds: t.seeds, startedBy: { email: c.email, name: c.name, role: 'coordinator', channel: 'system' } });
    const owner = owners().eu;
    const isLinkOfNext = (m: CapturedMail) => {
      if (!m.envelope.to.includes(owner.email)) return false;
      try {
        return cycleOfLink(linkIn(m, `${t.webUrl}/contribute/`)) === reviewCycleId(N + 1);
      } catch {
        return false;
      }
    };
    const url = linkIn(await t.capture.waitFor(isLinkOfNext, 30_000), `${t.webUrl}/contribute/`);
    const session = new HttpSession();
    const page = await session.request('GET', `${url.split('?')[0]}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Last year&#39;s next steps (${N})`);
    expect(page.body).toContain(NEXT_STEPS);
    const sample = sampleFor(area().id);
    const labels: Record<string, string> = { achieved: 'Achieved', ongoing: 'Ongoing', 'in-progress': 'In progress', 'not-started': 'Not started' };
    for (const commitment of area().commitments) {
      const status = sample.commitments.find((p) => p.commitmentId === commitment.id)!.status;
      expect(page.body).toMatch(new RegExp(`data-status="${status}">${labels[status]}</td>`));
    }
    expect(page.body).toContain('name="followUp.outcome" value="partly"');
    expect(page.body).toContain('name="followUp.comment"');

    const form: Record<string, string> = { ...hiddenFields(page.body), op: 'submit', narrative: 'Viti në Tiranë dhe Durrës.', nextSteps: 'Vazhdim.', 'followUp.outcome': 'partly', 'followUp.comment': COMMENT };
    area().commitments.forEach((_c, i) => {
      form[`commitments.${i}.status`] = 'achieved';
      form[`commitments.${i}.comment`] = '';
    });
    const posted = await session.post(url.split('?')[0]!, form);
    expect(posted.status).toBe(200);
    state = await waitForState(t.stack.client, N + 1, (s) => s.areas[0]!.revision === 1, 'the input', { timeoutMs: 20_000 });
    expect((await recordedInput(t, state.areas[0]!)).followUp).toEqual({ outcome: 'partly', comment: COMMENT });
  }, 60_000);

  it(`puts the follow-up and the progress of both years into the ${N + 1} draft and on the dashboard`, async () => {
    const client = t.stack.client;
    await updateCycle(client, N + 1, closeCollectionUpdate, { actor: coordinator });
    state = await waitForState(client, N + 1, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    const docxFile = state.drafts[0]!.files.find((f) => f.format === 'docx')!;
    const docx = await readDocx(join(store.root, docxFile.key));
    const texts = paragraphs(docx.document).map((p) => p.text);
    expect(texts).toContain('Follow-up of last year’s next steps');
    expect(texts).toContain(NEXT_STEPS);
    expect(texts).toContain('Outcome: Partly done.');
    expect(texts).toContain(COMMENT);
    expect(texts).toContain('Annex A: Progress across cycles');
    const annex = tables(docx.document).map((x) => x.rows).find((rows) => rows[0]?.includes(String(N + 1)))!;
    expect(annex[0]).toEqual(['§', 'Commitment', String(N), String(N + 1)]);
    expect(annex.filter((r) => r.length === 4).slice(1).every((r) => r[3] === 'Achieved')).toBe(true);

    // The N+1 archive is written at its stage change: the progress view shows both years once it is there.
    await expect.poll(async () => (await readCycleArchive(store, N + 1))?.state.stage, { timeout: 20_000, interval: 250 }).toBe('drafting');
    const dashboard = await new HttpSession().request('GET', `${t.webUrl}/cycles/progress?lang=en`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain(`<th scope="col">${N}</th>`);
    expect(dashboard.body).toContain(`<th scope="col">${N + 1}</th>`);
    const first = area().commitments[0]!;
    const row = new RegExp(`<tr id="progress-${first.id}">.*?</tr>`, 's').exec(dashboard.body)?.[0] ?? '';
    expect(row).toContain(`data-year="${N + 1}" data-status="achieved"`);
    expect(row).toContain(`data-year="${N}" data-status="${sampleFor(area().id).commitments.find((p) => p.commitmentId === first.id)!.status}"`);
    expect(row).toContain('<svg class="chart chart-progress"');
    expect(dashboard.headers.get('content-security-policy')).toContain("script-src 'self'");
  }, 60_000);
});
