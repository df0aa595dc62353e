/**
 * Nothing a person did is lost or mis-reported, against the real workflows on the Temporal dev
 * server (a worker of this file's own, which a test stops and starts again):
 * - a POST whose Update Temporal does not answer in time (the worker down past the client's
 *   deadline) says "not yet confirmed", never "nothing was recorded", and its page finds out: it
 *   polls the Update's outcome by its id, and shows what was recorded once a worker is back, or
 *   "not recorded" only when Temporal has no such Update;
 * - a form whose CSRF check fails comes back with every field posted and a fresh token, and
 *   posting it again records it; an expired link's page shows what was typed;
 * - input is kept exactly or refused with an error naming its field: a broken %-escape, a field
 *   sent twice, text beyond the rows read; a deliverable at row 500 or more is recorded.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import escapeHtml from 'escape-html';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkTarget } from '../../activities/mail/links';
import { getCycleState, startCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { readStoredContribution } from '../../client/contributions';
import { reviewCycleId } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { createWorker } from '../../run/create-worker';
import { loadSampleInput } from '../../seeds';
import { buildWebServer } from '../../web/app';
import { temporalCycles, type CyclePort } from '../../web/plumbing/cycles';
import { coordinator } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { createLocalEnv, createTestDeps, workflowBundle, type TestDeps } from '../helpers/temporal';

const SEEDS = smallSeeds(2);
const AREA = SEEDS.areas[0]!;
const BASE = 'http://sdp.test';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

let env: TestWorkflowEnvironment;
let deps: TestDeps;
let client: Client;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
let root: string;
let links: LinkIssuer;
let clockNow = new Date('2026-04-10T08:00:00Z');
let app: FastifyInstance;
/** While set, the pages read this state instead of asking Temporal (a query needs a worker). */
let frozen: ReviewCycleState | undefined;

async function startWorker(): Promise<void> {
  worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', deps: deps.deps, workflowBundle: await workflowBundle() });
  running = worker.run();
}
async function stopWorker(): Promise<void> {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running;
  worker = undefined;
}

beforeAll(async () => {
  [env, deps, root] = await Promise.all([createLocalEnv(), createTestDeps(), mkdtemp(join(tmpdir(), 'nothing-lost-'))]);
  client = env.client;
  links = createLinkIssuer(await loadLinkSecret(join(root, 'secret'), {}), () => BASE, () => clockNow);
  await startWorker();
  const real = temporalCycles(client, deps.deps.store);
  const cycles: CyclePort = { ...real, state: (id) => (frozen ? Promise.resolve(structuredClone(frozen)) : real.state(id)) };
  app = await buildWebServer({ cycles, links, store: deps.deps.store, dataDir: join(root, 'data'), logger: pino({ level: 'silent' }), clock: () => clockNow });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await stopWorker();
  await env?.teardown();
  await deps?.close();
  await rm(root, { recursive: true, force: true });
});

let nextYear = 2061;
/** A two-area cycle of its own year, and the path of its first area's Albanian owner's link. */
async function newCycle(): Promise<{ year: number; path: string }> {
  const year = nextYear++;
  clockNow = new Date('2026-04-10T08:00:00Z');
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

/** The hidden fields of the page's form (CSRF token, render id, rows, language). */
function hiddenFields(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (page.split('<form')[1] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

/** A whole, valid form of the area's sample input, with Albanian letters in every text field. */
function filledForm(page: string): Record<string, string> {
  const sample = loadSampleInput(AREA);
  const f: Record<string, string> = { ...hiddenFields(page), op: 'submit', narrative: `Përmbledhje: takime në Tiranë dhe Shkodër; «Çështjet» u trajtuan. ${sample.narrative}`, nextSteps: 'Hapat e ardhshëm: ushtrim në Durrës, çerek i tretë.' };
  AREA.commitments.forEach((c, i) => {
    f[`commitments.${i}.status`] = sample.commitments.find((p) => p.commitmentId === c.id)!.status;
    f[`commitments.${i}.comment`] = `Koment ${i + 1}: Ëngjëll Çela, shih pikën ${i + 3}.`;
  });
  f['deliverables.0.title'] = 'Seminar në Gjirokastër';
  f['deliverables.0.status'] = 'delivered';
  f['deliverables.0.date'] = '2026-03-12';
  f['deliverables.0.description'] = 'Pjesëmarrës nga ministria; çështje të sigurisë kibernetike.';
  return f;
}

/** The text fields of `form` (what a person typed), each as it must appear in the page. */
const typedIn = (form: Record<string, string>) => Object.entries(form).filter(([k]) => /narrative|nextSteps|comment|title|description|date/.test(k)).map(([, v]) => escapeHtml(v));

const revisionOf = async (year: number) => (await getCycleState(client, year)).areas[0]!.revision;

describe('a POST Temporal does not answer in time', () => {
  it('says "not yet confirmed", polls the Update by its id, and shows the outcome once a worker is back', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const page = await s.get(path);
    expect(page.statusCode).toBe(200);
    frozen = await getCycleState(client, year);
    await stopWorker();
    let pending: string | undefined;
    try {
      const posted = await s.post(path, filledForm(page.body));
      expect(posted.statusCode).toBe(202);
      expect(posted.body).toContain('Not yet confirmed');
      expect(posted.body).toContain('Do not send it again');
      expect(posted.body).not.toContain('Nothing was recorded');
      pending = /<meta http-equiv="refresh" content="5; url=([^"]+)">/.exec(posted.body)?.[1]?.replace(/&amp;/g, '&');
      expect(pending).toMatch(/^\/pending\/[^?]+\?u=[^&]+&lang=en$/);
      const still = await s.get(pending!);
      expect(still.statusCode).toBe(202);
      expect(still.body).toContain('Not yet confirmed');
    } finally {
      frozen = undefined;
      await startWorker();
    }
    // The page reloads itself: once a worker has taken the Update, it shows what was recorded
    // (a worker starting and taking it takes seconds on a loaded machine).
    let answer: LightMyRequestResponse | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      answer = await s.get(pending!);
      if (answer.statusCode !== 202) break;
      await delay(250);
    }
    expect(answer?.statusCode).toBe(200);
    expect(answer?.body).toContain('Recorded');
    expect(answer?.body).toContain('revision 1');
    // The area's workflow recorded it; the cycle hears of it a moment later.
    const after = await waitForState(client, year, (st) => st.areas[0]!.revision >= 1, 'the input in the cycle', { timeoutMs: 30_000 });
    expect(after.areas[0]!.revision).toBe(1); // recorded once
    const recorded = await readStoredContribution(deps.deps.store, after.areas[0]!.input!);
    expect(recorded.narrative).toContain('«Çështjet»');
  }, 120_000);

  it('"not recorded" only when Temporal has no such Update; an Update id of another link is refused', async () => {
    const { path } = await newCycle();
    const token = path.split('/').pop()!;
    const verified = await links.verify(token, clockNow);
    const jti = verified.ok ? verified.claims.jti : '';
    const none = await new Session().get(`/pending/${token}?u=${encodeURIComponent(`${jti}:0123456789abcdef`)}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Not recorded');
    expect(none.body).toContain(`href="/contribute/${token}"`);
    expect((await new Session().get(`/pending/${token}?u=someone-else:1`)).statusCode).toBe(400);
    expect((await new Session().get(`/pending/${token}`)).statusCode).toBe(400);
    expect((await new Session().get(`/pending/not.a.token?u=${jti}`)).statusCode).toBe(400);
  }, 60_000);
});

describe('a form whose CSRF check fails', () => {
  it('comes back with every field posted (Albanian letters intact) and a fresh token; posting again records it', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const form = filledForm((await s.get(path)).body);
    const refused = await s.post(path, { ...form, _csrf: 'expired-or-restored' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('The form could not be verified');
    expect(refused.body).toContain('press the button again');
    for (const typed of typedIn(form)) expect(refused.body).toContain(typed);
    for (const [i] of AREA.commitments.entries()) expect(refused.body).toContain(`name="commitments.${i}.status" value="${form[`commitments.${i}.status`]}" checked`);
    const fresh = hiddenFields(refused.body)._csrf!;
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(form._csrf);
    expect(await revisionOf(year)).toBe(0);

    // A restored tab: the cookie is gone too. The form comes back with a new cookie and token.
    const restored = new Session();
    const again = await restored.post(path, { ...form, _csrf: fresh });
    expect(again.statusCode).toBe(403);
    for (const typed of typedIn(form)) expect(again.body).toContain(typed);
    const resent = await restored.post(path, { ...form, ...hiddenFields(again.body) });
    expect(resent.statusCode).toBe(200);
    expect(resent.body).toContain('Recorded');
    await waitForState(client, year, (st) => st.areas[0]!.revision === 1, 'revision 1 in the cycle');
  }, 60_000);

  it('an expired link\'s page shows what was typed, to copy', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const form = filledForm((await s.get(path)).body);
    clockNow = new Date('2026-06-02T08:00:00Z');
    for (const body of [form, { ...form, _csrf: 'stale' }]) {
      const res = await s.post(path, body);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('This link has expired');
      expect(res.body).toContain('What you typed (not recorded)');
      expect(res.body).toContain(escapeHtml(form.narrative!));
      expect(res.body).toContain(escapeHtml(form['commitments.0.comment']!));
    }
    expect(await revisionOf(year)).toBe(0);
  }, 60_000);
});

describe('input is kept exactly or refused', () => {
  it('a broken %-escape or a field sent twice is an error naming the field, and nothing is recorded', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const page = (await s.get(path)).body;
    const form = new URLSearchParams(filledForm(page)).toString();
    const broken = form.replace(/narrative=[^&]*/, 'narrative=Tiran%C3%AB%20%E0%A4%A');
    const res = await s.post(path, broken);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<a href="#f-narrative">Narrative[^<]*: Part of this text arrived damaged[^<]*%E0%A4/);
    expect(res.body).toContain('Tiranë %E0%A4%A</textarea>'); // the readable part decoded, the broken part shown
    const twice = await s.post(path, `${form}&commitments.0.comment=${encodeURIComponent('Një tjetër')}`);
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toMatch(/<a href="#f-commitments-0-comment">[^<]*Comment: This field was sent more than once/);
    expect(await revisionOf(year)).toBe(0);
    const audit = await readFile(join(root, 'data', 'audit', 'link-decisions.jsonl'), 'utf8');
    expect(audit).toContain('not read exactly: narrative (malformed)');
  }, 60_000);

  it('a deliverable at row 500 and beyond is recorded; text beyond the rows read is an error, not dropped in silence', async () => {
    const { year, path } = await newCycle();
    const s = new Session();
    const form = filledForm((await s.get(path)).body);
    const beyond = await s.post(path, { ...form, 'deliverables.1000.title': 'Përtej' });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.body).toMatch(/<a href="#f-deliverables">Deliverables: Text was sent in 1 field of rows this form does not read/);
    const res = await s.post(path, { ...form, ...hiddenFields(beyond.body), rows: '502', 'deliverables.501.title': 'Ushtrim në Vlorë', 'deliverables.501.description': 'Rreshti 502.' });
    expect(res.statusCode).toBe(200);
    // The click completes when the area's workflow records it; the cycle hears of it a moment later.
    const area = (await waitForState(client, year, (s) => !!s.areas[0]!.input, 'the input in the cycle')).areas[0]!;
    const recorded = await readStoredContribution(deps.deps.store, area.input!);
    expect(recorded.deliverables.map((d) => d.title)).toEqual(['Seminar në Gjirokastër', 'Ushtrim në Vlorë']);
  }, 60_000);
});
