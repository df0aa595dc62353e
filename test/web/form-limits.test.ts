/**
 * The forms against the real workflows on the Temporal dev server:
 * - the input form's limits come from the schema: its `maxlength`s, and a valid input of 1.5 MB
 *   is recorded (the route takes the largest body a valid input makes); a larger body gets the
 *   form back with what arrived and the cut named, not a bare 413, and nothing is recorded;
 * - switching the language keeps exactly the deliverable rows there were;
 * - the coordinator's review page reads its comment and areas exactly or refuses, naming them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import escapeHtml from 'escape-html';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkTarget } from '../../activities/mail/links';
import { readStoredContribution } from '../../client/contributions';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { closeCollectionUpdate, reviewCycleId } from '../../domain/messages';
import { CONTRIBUTION_MAX_BYTES } from '../../domain/schemas';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { loadSampleInput } from '../../seeds';
import { buildWebServer } from '../../web/app';
import { contributionBodyLimit } from '../../web/contribution/limits';
import { temporalCycles } from '../../web/plumbing/cycles';
import { coordinator, ownerOf } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

const SEEDS = smallSeeds(2);
const AREA = SEEDS.areas[0]!;
const BASE = 'http://sdp.test';

let harness: WorkerHarness;
let client: Client;
let root: string;
let links: LinkIssuer;
let app: FastifyInstance;
const clockNow = new Date('2026-04-10T08:00:00Z');

beforeAll(async () => {
  [harness, root] = await Promise.all([startWorkerHarness(), mkdtemp(join(tmpdir(), 'form-limits-'))]);
  client = harness.env.client;
  links = createLinkIssuer(await loadLinkSecret(join(root, 'secret'), {}), () => BASE, () => clockNow);
  app = await buildWebServer({ cycles: temporalCycles(client, harness.testDeps.deps.store), links, store: harness.testDeps.deps.store, dataDir: join(root, 'data'), logger: pino({ level: 'silent' }), clock: () => clockNow });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await harness?.stop();
  await rm(root, { recursive: true, force: true });
});

let nextYear = 2081;
/** A two-area cycle of its own year, and the path of its first area's Albanian owner's link. */
async function newCycle(): Promise<{ year: number; path: string }> {
  const year = nextYear++;
  await startCycle(client, { year, seeds: SEEDS, startedBy: coordinator });
  const owner = SEEDS.participants.areaOwners[AREA.id]!.al;
  const target: LinkTarget = { step: 'contribution', cycleId: reviewCycleId(year), areaId: AREA.id, recipient: { name: owner.name, email: owner.email }, role: 'area-owner', side: 'al', expiresAt: '2026-05-30T21:59:59.999Z' };
  return { year, path: (await links.actionUrl(target))!.slice(BASE.length) };
}

/** A browser-like session: keeps the cookies the server sets; posts a body as given or a form. */
class Session {
  cookies = new Map<string, string>();
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    return res;
  }
  private headers(extra: Record<string, string> = {}) {
    return { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}), ...extra };
  }
  async get(path: string) {
    return this.keep(await app.inject({ method: 'GET', url: path, headers: this.headers() }));
  }
  async post(path: string, form: Record<string, string> | string) {
    const payload = typeof form === 'string' ? form : new URLSearchParams(form).toString();
    return this.keep(await app.inject({ method: 'POST', url: path, payload, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }) }));
  }
}

/** The hidden fields of the page's main form (CSRF token, render id, rows, language, round). */
function hiddenFields(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  const form = page.split('<form').at(-1) ?? '';
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

/** A whole, valid form of the area's sample input, with Albanian letters. */
function filledForm(page: string, narrative: string): Record<string, string> {
  const sample = loadSampleInput(AREA);
  // In the order of the page, as a browser sends it: the button pressed comes last.
  const f: Record<string, string> = { ...hiddenFields(page) };
  AREA.commitments.forEach((c, i) => {
    f[`commitments.${i}.status`] = sample.commitments.find((p) => p.commitmentId === c.id)!.status;
    f[`commitments.${i}.comment`] = `Koment ${i + 1}: Ëngjëll Çela.`;
  });
  f.narrative = narrative;
  f.nextSteps = 'Hapat e ardhshëm: ushtrim në Durrës.';
  f['deliverables.0.title'] = 'Seminar në Gjirokastër';
  f['deliverables.0.status'] = 'delivered';
  f['deliverables.0.date'] = '2026-03-12';
  f['deliverables.0.description'] = 'Çështje të sigurisë kibernetike.';
  f.op = 'submit';
  return f;
}

/** Text of `bytes` UTF-8 bytes or a little less, with Albanian letters throughout. */
function albanianText(bytes: number): string {
  const paragraph = 'Ushtrimi i përbashkët në Tiranë dhe Durrës; «Çështjet kibernetike» u trajtuan në Shkodër.\n';
  return paragraph.repeat(Math.floor(bytes / Buffer.byteLength(paragraph)));
}

const rowsShown = (page: string) => [...page.matchAll(/name="deliverables\.(\d+)\.title"/g)].length;

describe('the input form and the schema', () => {
  it("takes each field's maxlength from the schema", async () => {
    const { path } = await newCycle();
    const page = (await new Session().get(path)).body;
    expect(page).toMatch(/<textarea id="f-narrative" name="narrative" class="long" maxlength="2000000"/);
    expect(page).toMatch(/<textarea id="f-nextSteps" name="nextSteps" maxlength="200000"/);
    expect(page).toMatch(/name="commitments\.0\.comment" maxlength="5000"/);
    expect(page).toMatch(/name="deliverables\.0\.title" value="" maxlength="300"/);
    expect(page).toMatch(/name="deliverables\.0\.description" maxlength="2000"/);
  });

  it('records a valid input of 1.5 MB posted from the form, Albanian letters intact', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const narrative = albanianText(1.5 * 1024 * 1024);
    const body = new URLSearchParams(filledForm((await s.get(path)).body, narrative)).toString();
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024); // over the earlier 2 MB body limit
    expect(body.length).toBeLessThan(contributionBodyLimit());
    const res = await s.post(path, body);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recorded');
    // The click completes when the area's workflow records it; the cycle hears of it a moment later.
    const area = (await waitForState(client, year, (s) => !!s.areas[0]!.input, 'the input in the cycle')).areas[0]!;
    expect((await readStoredContribution(harness.testDeps.deps.store, area.input!)).narrative).toBe(narrative.trim());
  }, 120_000);

  it('answers a body over the limit with the form and what arrived, the cut named, and records nothing', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    // Over the schema's 2 MB, and over what the route takes once encoded.
    const narrative = albanianText(contributionBodyLimit());
    expect(Buffer.byteLength(narrative)).toBeGreaterThan(CONTRIBUTION_MAX_BYTES);
    const form = filledForm((await s.get(path)).body, narrative);
    const res = await s.post(path, form);
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('The form was too large');
    expect(res.body).toMatch(/MB were sent, and this server takes at most [\d.]+ MB\. Nothing was recorded\./);
    expect(res.body).toContain('«Narrative of the year» was cut off');
    expect(res.body).toMatch(/<a href="#f-narrative">Narrative of the year: Cut off here: only the first [\d,]+ characters arrived/);
    // What came before the cut is kept exactly, and the cut text is its beginning.
    expect(res.body).toContain(escapeHtml(form['commitments.0.comment']!));
    const kept = /<textarea id="f-narrative"[^>]*>([^<]*)<\/textarea>/.exec(res.body)![1]!;
    expect(kept.length).toBeGreaterThan(1_000_000);
    // The page writes a line break after <textarea> (which HTML drops), and escapes as escape-html does.
    const unescaped = kept.replace(/^\n/, '').replace(/&#39;|&quot;|&lt;|&gt;|&amp;/g, (x) => ({ '&#39;': "'", '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' })[x]!);
    expect(narrative.startsWith(unescaped)).toBe(true);
    expect(hiddenFields(res.body)._csrf).toBeTruthy();
    expect((await getCycleState(client, year)).areas[0]!.revision).toBe(0);
  }, 120_000);
});

describe('the language switch on the input form', () => {
  it('keeps exactly the deliverable rows there were, switch after switch', async () => {
    const { path } = await newCycle();
    const s = new Session();
    let page = (await s.get(path)).body;
    expect(rowsShown(page)).toBe(2);
    const typed = { 'deliverables.0.title': 'Seminar në Vlorë', narrative: 'Tekst i shkurtër për Korçën.' };
    for (const lang of ['en', 'sq', 'en', 'sq']) {
      const res = await s.post(path, { ...hiddenFields(page), ...typed, 'switch-lang': lang });
      expect(res.statusCode).toBe(200);
      page = res.body;
      expect(rowsShown(page)).toBe(2);
      expect(hiddenFields(page).rows).toBe('2');
      expect(page).toContain('value="Seminar në Vlorë"');
    }
  }, 60_000);
});

describe("the coordinator's review page", () => {
  it('refuses a reopening whose comment or area arrived damaged or twice, naming the field, and records nothing', async () => {
    const { year } = await newCycle();
    for (const area of SEEDS.areas) await submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor: ownerOf(area.id, 'eu') });
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, year, (st) => st.stage === 'drafting' && st.drafts.length === 1, 'draft v1', { timeoutMs: 60_000 });
    const P = SEEDS.participants;
    const target: LinkTarget = { step: 'draft-review', cycleId: reviewCycleId(year), version: 1, recipient: { name: P.coordinator.name, email: P.coordinator.email }, role: 'coordinator', expiresAt: '2026-06-30T21:59:59.999Z' };
    const path = (await links.actionUrl(target))!.slice(BASE.length);
    const s = new Session();
    const page = (await s.get(path)).body;
    const form = new URLSearchParams({ ...hiddenFields(page), action: 'reopen' });
    const base = `${form.toString()}&areaIds=${SEEDS.areas[0]!.id}&areaIds=${SEEDS.areas[1]!.id}`;

    const broken = await s.post(path, `${base}&comment=Shtoni%20datat%20n%C3%AB%20Tiran%C3%AB%E0%A4%A`);
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toMatch(/<a href="#f-comment">[^<]*: Part of this text arrived damaged[^<]*%E0%A4/);
    expect(broken.body).toContain('Shtoni datat në Tiranë%E0%A4%A</textarea>');

    const twice = await s.post(path, `${base}&comment=Shtoni%20datat.&comment=Nj%C3%AB%20tjet%C3%ABr.`);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toMatch(/<a href="#f-comment">[^<]*: This field was sent more than once/);

    const badArea = await s.post(path, `${form.toString()}&areaIds=fimi%ZZ&comment=Shtoni%20datat.`);
    expect(badArea.statusCode).toBe(400);
    expect(badArea.body).toMatch(/<a href="#f-areaIds">[^<]*: Part of this text arrived damaged/);

    const after = await getCycleState(client, year);
    expect(after.events.filter((e) => e.action === 'areas-reopened')).toEqual([]);
    expect(after.stage).toBe('drafting');
  }, 120_000);
});
