/**
 * The pages of the links through Fastify's `inject`, against the real workflows on the Temporal
 * dev server (a worker with real activities): each test starts its own three-area cycle and moves
 * it with the client as people would (inputs, closing, approvals, decisions), then opens links
 * signed by the test. Every refusal of a closed step, a finished cycle, a scanner's visit and a
 * double click is checked on the workflow's own state. The same cases run on the whole stack,
 * with links taken from the mails, in web-flow.test.ts; the parts that need no cycle are in
 * web-units.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import type { LinkTarget } from '../../activities/mail/links';
import { createMailer } from '../../activities/mail/send';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, cancelCycleUpdate, closeCollectionUpdate, reopenAreasUpdate, reviewCycleId, signOffUpdate } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { loadSampleInput } from '../../seeds';
import { buildWebServer } from '../../web/app';
import { temporalCycles } from '../../web/plumbing/cycles';
import { en } from '../../web/texts';
import { alDirector, coordinator, euDirector, ownerOf } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

const silent = pino({ level: 'silent' });
const SEEDS = smallSeeds(3);
const AREAS = SEEDS.areas;
const P = SEEDS.participants;
const BASE = 'http://sdp.test';
const HEADLESS_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36';
const PERSON_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The longest a test here runs: a cycle taken to a second draft and its submission renders four reports. */
const LONG = 180_000;

// ---------------------------------------------------------------------------------------------
// Harness: the dev server and a worker, one cycle per test, moved by the client

let harness: WorkerHarness;
let client: Client;
let root: string;
let links: LinkIssuer;
let clockNow: Date;
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  [harness, root] = await Promise.all([startWorkerHarness(), mkdtemp(join(tmpdir(), 'web-test-'))]);
  client = harness.env.client;
  links = createLinkIssuer(await loadLinkSecret(join(root, 'secret-a'), {}), () => BASE, () => clockNow);
});
afterAll(async () => {
  await harness?.stop();
  await rm(root, { recursive: true, force: true });
});

/** A running review cycle of the test. */
interface Cycle {
  year: number;
  id: string;
}

let nextYear = 2041;
/** Starts a three-area cycle in a year of its own (one cycle per year). */
async function newCycle(): Promise<Cycle> {
  const year = nextYear++;
  await startCycle(client, { year, seeds: SEEDS, startedBy: coordinator });
  return { year, id: reviewCycleId(year) };
}

const state = (c: Cycle) => getCycleState(client, c.year);
/** What people did to the cycle (the system's own events, such as mails, left out). */
const peoplesEvents = (s: ReviewCycleState) => s.events.filter((e) => e.actor.role !== 'system').map((e) => `${e.action}:${e.areaId ?? e.version ?? ''}`);
/** What people's actions change in the areas (the reminders the workflow plans left out). */
const peoplesAreas = (s: ReviewCycleState) => s.areas.map(({ id, status, closed, revision, contribution, submittedBy }) => ({ id, status, closed, revision, contribution, submittedBy }));

async function submitArea(c: Cycle, i: number, narrative?: string, side: 'eu' | 'al' = 'eu') {
  const area = AREAS[i]!;
  return submitContribution(client, { year: c.year, areaId: area.id, contribution: { ...loadSampleInput(area), ...(narrative ? { narrative } : {}) }, actor: ownerOf(area.id, side) });
}

/** Closes collection (the coordinator, by the CLI) and waits for draft `version` in review. */
async function toDrafting(c: Cycle): Promise<ReviewCycleState> {
  await updateCycle(client, c.year, closeCollectionUpdate, { actor: coordinator });
  return waitForState(client, c.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
}

/** Approves the draft in review for sign-off and waits for the directors' stage. */
async function approveForSignOff(c: Cycle, version: number): Promise<ReviewCycleState> {
  await updateCycle(client, c.year, approveDraftUpdate, { version, actor: coordinator });
  return waitForState(client, c.year, (s) => s.stage === 'sign-off' && s.drafts.at(-1)?.version === version, `sign-off of v${version}`, { timeoutMs: 30_000 });
}

/** From draft `version` in review: reopens the first area, its owner sends the input again, and draft `version + 1` is in review. */
async function toNextDraft(c: Cycle, version: number): Promise<ReviewCycleState> {
  await updateCycle(client, c.year, reopenAreasUpdate, { version, areaIds: [AREAS[0]!.id], comment: 'Shtoni datat e ushtrimeve.', actor: coordinator });
  await waitForState(client, c.year, (s) => s.areas[0]!.status === 'reopened', 'the area reopened', { timeoutMs: 30_000 });
  await submitArea(c, 0, 'Rishikuar pas rihapjes.');
  return waitForState(client, c.year, (s) => s.stage === 'drafting' && s.drafts.length === version + 1, `draft v${version + 1}`, { timeoutMs: 30_000 });
}

/** Both directors approve `version` (by the CLI) and the report is submitted. */
async function toSubmitted(c: Cycle, version: number): Promise<ReviewCycleState> {
  await updateCycle(client, c.year, signOffUpdate, { version, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
  await updateCycle(client, c.year, signOffUpdate, { version, director: 'al', decision: 'approve', comment: '', actor: alDirector });
  return waitForState(client, c.year, (s) => s.stage === 'submitted', 'the submission', { timeoutMs: 60_000 });
}

let seq = 0;
async function setup(opts: { capture?: SmtpCapture; realMailer?: string } = {}) {
  clockNow = new Date('2026-04-10T08:00:00Z');
  dataDir = join(root, `case-${++seq}`);
  const mailer = opts.realMailer
    ? createMailer({ smtpUrl: opts.realMailer, from: { name: 'sdp-review', address: 'noreply@example.eu' }, ledger: new FolderStore(join(dataDir, 'ledger')), messageIdDomain: 'sdp-review.example.eu' })
    : undefined;
  app = await buildWebServer({ cycles: temporalCycles(client), links, store: harness.testDeps.deps.store, dataDir, logger: silent, mailer, capture: opts.capture, clock: () => clockNow });
  await app.ready();
  return { close: async () => { await app.close(); mailer?.close(); } };
}

const contributionTarget = (c: Cycle, areaIndex = 0, side: 'eu' | 'al' = 'al'): Extract<LinkTarget, { step: 'contribution' }> => {
  const area = AREAS[areaIndex]!;
  const owner = P.areaOwners[area.id]![side];
  return { step: 'contribution', cycleId: c.id, areaId: area.id, recipient: { name: owner.name, email: owner.email }, role: 'area-owner', side, expiresAt: '2026-05-30T21:59:59.999Z' };
};
const signOffTarget = (c: Cycle, director: 'eu' | 'al' = 'al', version = 1): LinkTarget => ({
  step: 'sign-off', cycleId: c.id, version, director, recipient: { name: P.directors[director].name, email: P.directors[director].email }, role: 'director', expiresAt: '2026-06-30T21:59:59.999Z',
});
const reviewTarget = (c: Cycle, version = 1): LinkTarget => ({
  step: 'draft-review', cycleId: c.id, version, recipient: { name: P.coordinator.name, email: P.coordinator.email }, role: 'coordinator', expiresAt: '2026-06-30T21:59:59.999Z',
});
const pathOf = (url: string) => url.slice(BASE.length);
const jtiOf = async (path: string) => {
  const v = await links.verify(path.split('/').pop()!);
  return v.ok ? v.claims.jti : '';
};

/** A browser-like session: keeps the cookies the server sets. */
class Session {
  cookies = new Map<string, string>();
  constructor(readonly ua = PERSON_UA, readonly ip = '203.0.113.7') {}
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    return res;
  }
  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async get(path: string, method: 'GET' | 'HEAD' = 'GET') {
    return this.keep(await app.inject({ method, url: path, headers: { 'user-agent': this.ua, ...(this.cookies.size ? { cookie: this.cookieHeader } : {}) }, remoteAddress: this.ip }));
  }
  async post(path: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await app.inject({
        method: 'POST', url: path, payload: body.toString(), remoteAddress: this.ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.ua, ...(this.cookies.size ? { cookie: this.cookieHeader } : {}) },
      }),
    );
  }
}

/** The hidden fields of the first form of a page (CSRF token, render id, rows). */
function hiddenFields(page: string, formIndex = 0): Record<string, string> {
  const form = page.split('<form').slice(1)[formIndex] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

/** A full, valid contribution form for area `i`, from its sample input. */
function contributionForm(areaIndex: number, page: string, edit: (f: Record<string, string>) => void = () => {}): Record<string, string> {
  const area = AREAS[areaIndex]!;
  const sample = loadSampleInput(area);
  const f: Record<string, string> = { ...hiddenFields(page), narrative: sample.narrative, nextSteps: sample.nextSteps, op: 'submit' };
  area.commitments.forEach((c, i) => {
    const p = sample.commitments.find((x) => x.commitmentId === c.id)!;
    f[`commitments.${i}.status`] = p.status;
    f[`commitments.${i}.comment`] = p.comment;
  });
  sample.deliverables.slice(0, 2).forEach((d, j) => {
    f[`deliverables.${j}.title`] = d.title;
    f[`deliverables.${j}.status`] = d.status;
    f[`deliverables.${j}.date`] = d.date ?? '';
    f[`deliverables.${j}.description`] = d.description;
  });
  f.rows = String(Math.max(Number(f.rows ?? 0), 2));
  edit(f);
  return f;
}

async function auditLines(kind: 'views' | 'decisions'): Promise<Record<string, unknown>[]> {
  await delay(20);
  const text = await readFile(join(dataDir, 'audit', `link-${kind}.jsonl`), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The Update ids of the actions the web server sent and the workflow recorded, in order. */
const recordedUpdateIds = async () => (await auditLines('decisions')).filter((d) => d.outcome === 'recorded').map((d) => String(d.updateId));

// ---------------------------------------------------------------------------------------------

describe('contribution page', () => {
  let c: Cycle;
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    [c, ctx] = await Promise.all([newCycle(), setup()]);
    return () => ctx.close();
  });

  it('GET shows the form: UTF-8, lang, Albanian letters exact, a label for every field, no script, no-store', async () => {
    const url = await links.actionUrl(contributionTarget(c, 0, 'al'));
    const res = await new Session().get(pathOf(url!));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const page = res.body;
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(P.areaOwners[AREAS[0]!.id]!.al.name); // Lindita Çaushi
    expect(page).toContain(AREAS[0]!.title);
    expect(page).not.toMatch(/<script/i);
    // every visible input, textarea and select has a label (or is a radio inside a labelled fieldset)
    for (const m of page.matchAll(/<(?:textarea|select|input type="(?:text|date)")[^>]* id="([^"]+)"/g)) expect(page).toContain(`<label for="${m[1]}">`);
    for (let i = 0; i < AREAS[0]!.commitments.length; i++) expect(page).toContain(`name="commitments.${i}.status"`);
    expect(hiddenFields(page)._csrf).toBeTruthy();
  });

  it('is prefilled with the last submission', async () => {
    await submitArea(c, 0, 'Takim i parë.');
    await submitArea(c, 0, 'Takim në Tiranë, shih pikën 3.');
    const area = (await state(c)).areas[0]!;
    const page = (await new Session().get(pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!))).body;
    expect(page).toContain('Takim në Tiranë, shih pikën 3.</textarea>');
    expect(page).toContain('revision 2');
    expect(page).toContain('value="ongoing" checked'.replace('ongoing', area.contribution!.commitments[0]!.status));
  });

  it('C5: a HEAD and a GET by a scanner (headless user agent, no cookies) change nothing and are logged as views', async () => {
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const before = await state(c);
    const scanner = new Session(HEADLESS_UA, '198.51.100.9');
    const head = await scanner.get(path, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect((await new Session(HEADLESS_UA, '198.51.100.9').get(path)).statusCode).toBe(200);
    const after = await state(c);
    expect(JSON.stringify(peoplesAreas(after))).toBe(JSON.stringify(peoplesAreas(before)));
    expect(peoplesEvents(after)).toEqual(peoplesEvents(before));
    const views = await auditLines('views');
    expect(views.map((v) => v.method)).toEqual(['HEAD', 'GET']);
    expect(views[0]).toMatchObject({ outcome: 'shown', userAgent: HEADLESS_UA, clientAddress: '198.51.100.9', route: '/contribute/:token', step: 'contribution' });
    expect(JSON.stringify(views)).not.toContain(path.split('/').pop());
    expect(await auditLines('decisions')).toEqual([]);
  });

  it('C5: a POST without the page (no cookie, no CSRF token) or with the token of another link is refused, 403', async () => {
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const noCookie = await new Session(HEADLESS_UA).post(path, { op: 'submit', narrative: 'x' });
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.body).toContain('The form could not be verified');
    const s = new Session();
    const other = await s.get(pathOf((await links.actionUrl(contributionTarget(c, 1, 'al')))!));
    await s.get(path);
    const crossed = await s.post(path, contributionForm(0, other.body));
    expect(crossed.statusCode).toBe(403);
    expect(peoplesEvents(await state(c))).toEqual(['cycle-started:']);
    expect((await auditLines('decisions')).every((d) => d.status === 403)).toBe(true);
  });

  it('a form sent without its submit button (a script, a scanner) records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const page = await s.get(path);
    const res = await s.post(path, contributionForm(0, page.body, (f) => delete f.op));
    expect(res.statusCode).toBe(400);
    expect(peoplesEvents(await state(c))).toEqual(['cycle-started:']);
  });

  it('C9: errors are shown next to their fields (aria-describedby), and nothing typed is lost', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const page = await s.get(path);
    const typed = 'Miratuar nga Ëngjëll Çela, shih pikën 3 — <b>jo HTML</b>';
    const res = await s.post(
      path,
      contributionForm(0, page.body, (f) => {
        f.narrative = '   ';
        f['commitments.1.status'] = '';
        f['commitments.1.comment'] = typed;
        f['deliverables.1.title'] = '';
        f['deliverables.1.description'] = 'Përshkrim pa titull';
      }),
    );
    expect(res.statusCode).toBe(400);
    const out = res.body;
    expect(out).toContain('The input was not recorded');
    for (const path of ['narrative', 'commitments.1.status', 'deliverables.1.title']) {
      const id = path.replace(/\./g, '-');
      expect(out, path).toContain(`id="e-${id}"`);
      expect(out, path).toMatch(new RegExp(`aria-describedby="[^"]*e-${id}`));
      expect(out, path).toContain(`href="#f-${id}"`);
    }
    expect(out).toContain(`${typed.replace('<b>', '&lt;b&gt;').replace('</b>', '&lt;/b&gt;')}</textarea>`);
    expect(out).toContain('Përshkrim pa titull</textarea>');
    expect(peoplesEvents(await state(c))).toEqual(['cycle-started:']);
  });

  it('records a valid input with who, from which link, address and user agent, and shows what happens next', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const page = await s.get(path);
    const res = await s.post(path, contributionForm(0, page.body));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recorded');
    expect(res.body).toContain('recorded (revision 1)');
    expect(res.body).toContain('What happens next');
    const owner = P.areaOwners[AREAS[0]!.id]!.al;
    const jti = await jtiOf(path);
    const after = await waitForState(client, c.year, (x) => x.areas[0]!.revision === 1, 'the input', { timeoutMs: 30_000 });
    expect(peoplesEvents(after).filter((e) => e.startsWith('contribution'))).toHaveLength(1);
    expect(after.areas[0]!.submittedBy).toEqual({
      email: owner.email, name: owner.name, role: 'area-owner', channel: 'web', linkId: jti, clientAddress: '203.0.113.7', userAgent: PERSON_UA,
    });
    expect((await recordedUpdateIds())[0]!.startsWith(`${jti}:`)).toBe(true);
    expect(after.areas[0]!.contribution!.deliverables).toHaveLength(2);
    const decisions = await auditLines('decisions');
    expect(decisions.at(-1)).toMatchObject({ outcome: 'recorded', status: 200, method: 'POST' });
  });

  it('C6: the same form posted twice 50 ms apart is recorded once; the second is told when', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const form = contributionForm(0, (await s.get(path)).body);
    const [a, b] = await Promise.all([s.post(path, form), delay(50).then(() => s.post(path, form))]);
    // Which request reaches the Update first is not fixed on a loaded machine (each reads the
    // cycle before sending it); one is recorded and the other is told so.
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const second = a.statusCode === 409 ? a : b;
    expect(second.body).toContain('Already recorded');
    expect(second.body).toMatch(/already recorded on \w+day \d+ April 2026, \d\d:\d\d \(Europe\/Brussels\)/);
    // The input reaches the cycle a moment after the click completes; a second one would follow it.
    await waitForState(client, c.year, (x) => x.areas[0]!.revision >= 1, 'revision 1', { timeoutMs: 30_000 });
    await delay(300);
    const after = await state(c);
    expect(peoplesEvents(after).filter((e) => e.startsWith('contribution'))).toHaveLength(1);
    expect(after.areas[0]!.revision).toBe(1);
  });

  it('a revision from the same link (the page opened again) is recorded, even with the same content', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    expect((await s.post(path, contributionForm(0, (await s.get(path)).body))).statusCode).toBe(200);
    expect((await s.post(path, contributionForm(0, (await s.get(path)).body))).statusCode).toBe(200);
    expect((await waitForState(client, c.year, (x) => x.areas[0]!.revision >= 2, 'revision 2', { timeoutMs: 30_000 })).areas[0]!.revision).toBe(2);
  });

  it('"Add more rows" shows more deliverable rows and records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const res = await s.post(path, contributionForm(0, (await s.get(path)).body, (f) => (f.op = 'add-rows')));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="deliverables.4.title"');
    expect(peoplesEvents(await state(c))).toEqual(['cycle-started:']);
  });

  it('C4: a closed area gives 409 with its outcome, on GET and on POST; a finished cycle 410', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(c, 0, 'al')))!);
    const form = contributionForm(0, (await s.get(path)).body);
    await toDrafting(c);
    const get = await s.get(path);
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain('This step is closed');
    expect(get.body).toContain('no longer accepts input');
    const post = await s.post(path, form);
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('Nothing was recorded.');
    await toNextDraft(c, 1);
    await approveForSignOff(c, 2);
    await toSubmitted(c, 2);
    const gone = await s.get(path);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain(`The ${c.year} review cycle has finished`);
    expect(gone.body).toContain('draft v2');
    expect(await recordedUpdateIds()).toEqual([]);
  }, LONG);

  it('a tampered token gives 400, another role\'s link on this page 403; nothing changes', async () => {
    const url = (await links.actionUrl(contributionTarget(c, 0, 'al')))!;
    const tampered = url.replace(/\.([A-Za-z0-9_-]{10})/, (_m, x: string) => `.${x.split('').reverse().join('')}`);
    const bad = await new Session().get(pathOf(tampered));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('This link is not valid');
    const signToken = (await links.actionUrl(signOffTarget(c, 'eu')))!.split('/').pop()!;
    const wrong = await new Session().get(`/contribute/${signToken}`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('This link is not for this page');
    const s = new Session();
    const page = await s.get(pathOf((await links.actionUrl(signOffTarget(c, 'eu')))!));
    expect(page.statusCode).toBe(409); // collecting: no draft in sign-off
    const posted = await s.post(`/contribute/${signToken}`, { _csrf: 'x', op: 'submit' });
    expect([403]).toContain(posted.statusCode);
    expect(peoplesEvents(await state(c))).toEqual(['cycle-started:']);
  });
});

describe('sign-off page', () => {
  let c: Cycle;
  let ctx: { close: () => Promise<void> };
  /** A cycle with draft v1 in sign-off (every area in), and a web server. */
  beforeEach(async () => {
    [c, ctx] = await Promise.all([newCycle(), setup()]);
    for (let i = 0; i < AREAS.length; i++) await submitArea(c, i);
    await toDrafting(c);
    await approveForSignOff(c, 1);
    return () => ctx.close();
  });

  it('shows a summary of the draft, download links, and the two buttons', async () => {
    const res = await new Session().get(pathOf((await links.actionUrl(signOffTarget(c, 'al')))!));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Sign-off: draft v1 of the ${c.year} progress report`);
    expect(res.body).toContain(P.directors.al.name); // Gëzim Çobani
    expect(res.body).toContain(`covering ${AREAS.length} areas`);
    expect(res.body).toMatch(new RegExp(`href="http://sdp\\.test/files/${c.year}/draft-v1/sdp-review-${c.year}-draft-v1\\.docx\\?exp=\\d+&amp;sig=[A-Za-z0-9_-]+"`));
    expect(res.body).toContain('name="decision" value="approve"');
    expect(res.body).toContain('name="decision" value="request-changes"');
  }, LONG);

  it('C6: two POSTs 50 ms apart record one decision; the second is told who decided and when', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'al')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: 'Faleminderit — miratuar.', decision: 'approve' };
    const [a, b] = await Promise.all([s.post(path, form), delay(50).then(() => s.post(path, form))]);
    // Which request reaches the Update first is not fixed on a loaded machine.
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [first, second] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(first.body).toContain(`${P.directors.al.name} approved draft v1.`);
    // Told who decided and when: while the first is in flight ("already recorded on …, for …"),
    // or, on a loaded machine where the first finished before the second arrived, by the closed step.
    const who = P.directors.al.name;
    expect(second.body).toMatch(new RegExp(`already recorded on \\w+day[^<]*for ${who}|${who} approved draft v1 on \\w+day`));
    expect((await state(c)).decisions).toHaveLength(1);
    // the Update id is the link's id
    expect(await recordedUpdateIds()).toEqual([await jtiOf(path)]);
    // a third use, later: the step shows who decided, and when, from this link
    const later = await s.post(path, form);
    expect(later.statusCode).toBe(409);
    expect(later.body).toContain('A decision was already recorded');
    expect(later.body).toContain(`${P.directors.al.name} approved draft v1 on`);
    expect(later.body).toContain('It was recorded from this link.');
  }, LONG);

  it('a repeat that reaches the workflow with the same Update id changes nothing (Temporal deduplication)', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'al')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    expect((await s.post(path, form)).statusCode).toBe(200);
    const jti = await jtiOf(path);
    const actor = (await state(c)).decisions[0]!.by;
    const again = await updateCycle(client, c.year, signOffUpdate, { version: 1, director: 'al', decision: 'request-changes', comment: 'x', actor }, jti);
    expect(en.outcomes.recorded(again)).toContain('approved');
    expect((await state(c)).decisions).toHaveLength(1);
  }, LONG);

  it('request changes needs a comment: 400, the error next to the field, nothing recorded', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'eu')))!);
    const res = await s.post(path, { ...hiddenFields((await s.get(path)).body), comment: '  ', decision: 'request-changes' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="e-comment"');
    expect(res.body).toMatch(/<textarea id="f-comment"[^>]*aria-describedby="[^"]*e-comment/);
    expect((await state(c)).decisions).toEqual([]);
  }, LONG);

  it('a decision the link does not allow, or no decision button, records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'eu')))!);
    const hiddenF = hiddenFields((await s.get(path)).body);
    expect((await s.post(path, { ...hiddenF, decision: 'reopen' })).statusCode).toBe(400);
    expect((await s.post(path, { ...hiddenF })).statusCode).toBe(400);
    expect((await state(c)).decisions).toEqual([]);
  }, LONG);

  it('C4: after a director sent the draft back for changes, the other\'s link gives 409 with the outcome', async () => {
    const eu = new Session();
    const euPath = pathOf((await links.actionUrl(signOffTarget(c, 'eu')))!);
    const euForm = { ...hiddenFields((await eu.get(euPath)).body), comment: '', decision: 'approve' };
    const al = new Session();
    const alPath = pathOf((await links.actionUrl(signOffTarget(c, 'al')))!);
    expect((await al.post(alPath, { ...hiddenFields((await al.get(alPath)).body), comment: 'Ju lutem shtoni datat.', decision: 'request-changes' })).statusCode).toBe(200);
    const get = await eu.get(euPath);
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain(`${P.directors.al.name} requested changes to draft v1 on`);
    const post = await eu.post(euPath, euForm);
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('Nothing was recorded.');
    expect((await state(c)).decisions).toHaveLength(1);
  }, LONG);

  it('C4: a link for an earlier draft version gives 409 naming the current version', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'eu', 1)))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    // v1 can leave sign-off for a v2 only through a request for changes; the page then names it
    await updateCycle(client, c.year, signOffUpdate, { version: 1, director: 'al', decision: 'request-changes', comment: 'Shtoni datat.', actor: alDirector });
    await waitForState(client, c.year, (x) => x.stage === 'drafting', 'the draft back with the coordinator', { timeoutMs: 30_000 });
    await toNextDraft(c, 1);
    await approveForSignOff(c, 2);
    expect((await s.get(path)).statusCode).toBe(409);
    expect((await s.post(path, form)).statusCode).toBe(409);
    expect((await state(c)).decisions.filter((d) => d.director === 'eu')).toEqual([]);
    // A v1 link of a cycle whose v1 never reached sign-off names the current version
    const other = await newCycle();
    await submitArea(other, 0);
    await toDrafting(other);
    await toNextDraft(other, 1);
    await approveForSignOff(other, 2);
    const get = await new Session().get(pathOf((await links.actionUrl(signOffTarget(other, 'eu', 1)))!));
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain('Draft v1 is no longer current; the current draft is v2');
  }, LONG);

  it('C4: a finished cycle gives 410 with what became of it', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'eu', 1)))!);
    await updateCycle(client, c.year, cancelCycleUpdate, { reason: 'Dialogue postponed', actor: coordinator });
    await waitForState(client, c.year, (x) => x.stage === 'cancelled', 'the cancellation', { timeoutMs: 30_000 });
    const res = await new Session().get(path);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('Dialogue postponed');
  }, LONG);

  it('a decision recorded elsewhere between the page and the POST is named with who and when, in local time', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'eu')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    // decided through the CLI between the page and the POST, in another process
    await updateCycle(client, c.year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: '', actor: euDirector });
    const res = await s.post(path, form);
    expect(res.statusCode).toBe(409);
    // the exact local time of a fixed instant is checked in web-units.test.ts
    expect(res.body).toMatch(new RegExp(`${P.directors.eu.name} approved draft v1 on \\w+day \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d \\(Europe/Brussels\\)`));
  }, LONG);
});

describe('draft review page', () => {
  let c: Cycle;
  let ctx: { close: () => Promise<void> };
  /** A cycle with draft v1 in review (every area in), and a web server. */
  beforeEach(async () => {
    [c, ctx] = await Promise.all([newCycle(), setup()]);
    for (let i = 0; i < AREAS.length; i++) await submitArea(c, i);
    await toDrafting(c);
    return () => ctx.close();
  });

  it('shows the version, the downloads, approve and reopen; approving records once', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(c, 1)))!);
    const page = await s.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Draft v1 of the ${c.year} progress report`);
    expect(page.body).toContain(`sdp-review-${c.year}-draft-v1.docx`);
    expect(page.body).toContain(`sdp-review-${c.year}-draft-v1.html`);
    const res = await s.post(path, { ...hiddenFields(page.body, 0), action: 'approve' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Draft approved for the directors&#39; sign-off.');
    await waitForState(client, c.year, (x) => x.events.some((e) => e.action === 'draft-approved-for-sign-off'), 'the approval recorded', { timeoutMs: 30_000 });
    const again = await s.get(path);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`${P.coordinator.name} approved draft v1 for sign-off on`);
  }, LONG);

  it('reopen needs areas and a comment: errors next to the fields, choices kept', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(c, 1)))!);
    const page = await s.get(path);
    const res = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: '', areaIds: [AREAS[1]!.id] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="e-comment"');
    expect(res.body).toContain(`value="${AREAS[1]!.id}" checked`);
    const none = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: 'Shtoni datat.' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="e-areaIds"');
    const ok = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: 'Shtoni datat e ushtrimeve.', areaIds: [AREAS[1]!.id, AREAS[2]!.id] });
    expect(ok.statusCode).toBe(200);
    const after = await waitForState(client, c.year, (x) => x.events.some((e) => e.action === 'areas-reopened'), 'the reopening recorded', { timeoutMs: 30_000 });
    expect(peoplesEvents(after).filter((e) => /^(areas-reopened|draft-approved-for-sign-off):/.test(e))).toEqual(['areas-reopened:1']);
  }, LONG);

  it('after a request for changes the same link decides again (a new round, a new Update id)', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(c, 1)))!);
    expect((await s.post(path, { ...hiddenFields((await s.get(path)).body), action: 'approve' })).statusCode).toBe(200);
    await waitForState(client, c.year, (x) => x.stage === 'sign-off', 'sign-off of v1', { timeoutMs: 30_000 });
    await updateCycle(client, c.year, signOffUpdate, { version: 1, director: 'al', decision: 'request-changes', comment: 'x', actor: alDirector });
    await waitForState(client, c.year, (x) => x.stage === 'drafting' && x.drafts[0]!.status === 'changes-requested', 'the draft back with the coordinator', { timeoutMs: 30_000 });
    const page = await s.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('came back from the directors');
    expect((await s.post(path, { ...hiddenFields(page.body), action: 'approve' })).statusCode).toBe(200);
    expect((await recordedUpdateIds()).map((id) => id.split(':').pop())).toEqual(['0', '1']);
  }, LONG);
});

describe('expired links and fresh links', () => {
  let c: Cycle;
  let capture: SmtpCapture;
  let ctx: { close: () => Promise<void> };
  /** A cycle with draft v1 in sign-off, and a web server that mails fresh links to its own capture. */
  beforeEach(async () => {
    capture = await startSmtpCapture({ dir: join(root, `outbox-${randomBytes(4).toString('hex')}`), logger: silent });
    [c, ctx] = await Promise.all([newCycle(), setup({ capture, realMailer: capture.url })]);
    await submitArea(c, 0);
    await toDrafting(c);
    await approveForSignOff(c, 1);
    return async () => {
      await ctx.close();
      await capture.close();
    };
  });

  it('410 with a form to ask for a fresh link, mailed only to the address of the token; the new link works', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'al')))!);
    clockNow = new Date('2026-07-02T08:00:00Z');
    const s = new Session();
    const expired = await s.get(path);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    expect(expired.body).toContain('g•••@example.al');
    expect(expired.body).not.toContain(P.directors.al.email);
    const form = hiddenFields(expired.body);
    expect(form.t).toBe(path.split('/').pop());
    // an address in the request is ignored: there is no such field
    const res = await s.post('/fresh-link', { ...form, op: 'fresh-link', email: 'attacker@example.com', to: 'attacker@example.com' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('A fresh link is on its way');
    const mail = await capture.waitFor((m) => m.subject.startsWith('New link'), 5_000);
    expect(mail.envelope.to).toEqual([P.directors.al.email]);
    expect(mail.to).toEqual([`${P.directors.al.name} <${P.directors.al.email}>`]);
    expect(mail.subject).toBe(`New link: the sign-off of draft v1 — ${c.year} review of the EU–Albania Security and Defence Partnership`);
    const fresh = /http:\/\/sdp\.test(\/sign-off\/[A-Za-z0-9_.-]+)/.exec(mail.text)![1]!;
    const opened = await new Session().get(fresh);
    expect(opened.statusCode).toBe(200);
    const v = await links.verify(fresh.split('/').pop()!);
    expect(v.ok && v.claims.replaces).toBeTruthy();
    // a second click is the same request; the limit stops a flood
    expect((await s.post('/fresh-link', { ...form, op: 'fresh-link' })).statusCode).toBe(200);
    expect((await capture.list()).filter((m) => m.subject.startsWith('New link'))).toHaveLength(1);
    expect(await auditLines('decisions')).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'fresh-link-sent' })]));
  }, LONG);

  it('no fresh link for a closed step, a valid link, or a tampered token', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget(c, 'al')))!);
    const s = new Session();
    clockNow = new Date('2026-07-02T08:00:00Z');
    const form = hiddenFields((await s.get(path)).body);
    await updateCycle(client, c.year, signOffUpdate, { version: 1, director: 'eu', decision: 'request-changes', comment: 'x', actor: euDirector });
    await waitForState(client, c.year, (x) => x.stage === 'drafting', 'the draft back with the coordinator', { timeoutMs: 30_000 });
    const closed = await s.post('/fresh-link', { ...form, op: 'fresh-link' });
    expect(closed.statusCode).toBe(409);
    const tampered = await s.post('/fresh-link', { ...form, t: `${form.t}x` });
    expect(tampered.statusCode).toBe(403); // the CSRF token is bound to the link's token
    expect(await capture.list()).toEqual([]);
  }, LONG);
});

describe('a public base URL with a path (behind a reverse proxy)', () => {
  it('every internal link and form action carries the path', async () => {
    clockNow = new Date('2026-04-10T08:00:00Z');
    const c = await newCycle();
    const prefixed = createLinkIssuer(await loadLinkSecret(join(root, 'secret-a'), {}), () => 'https://example.eu/sdp', () => clockNow);
    const server = await buildWebServer({ cycles: temporalCycles(client), links: prefixed, store: new FolderStore(join(root, 'none')), dataDir: join(root, 'prefixed'), logger: silent, secureCookies: true, clock: () => clockNow });
    try {
      const url = (await prefixed.actionUrl(contributionTarget(c, 0)))!;
      expect(url.startsWith('https://example.eu/sdp/contribute/')).toBe(true);
      const res = await server.inject({ method: 'GET', url: url.slice('https://example.eu/sdp'.length) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/sdp/style.css"');
      expect(res.body).toContain(`action="${url.slice('https://example.eu'.length)}"`);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      expect(res.headers['strict-transport-security']).toBeTruthy();
    } finally {
      await server.close();
    }
  });
});
