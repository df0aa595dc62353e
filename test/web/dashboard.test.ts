/**
 * The dashboard without Temporal: the figures, stages, timeline and pictures computed from fixed
 * states (web/dashboard/model.ts, web/dashboard/charts.ts), and the pages, live endpoints, downloads,
 * /healthz and access control through Fastify's `inject`, with a fake port that answers the way
 * visibility and the `state` query do. The same pages run against the real stack in chromium in
 * test/dashboard-browser.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import { type CycleSummary } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import type { Actor } from '../../domain/schemas';
import type { CycleEvent } from '../../domain/events';
import type { AreaState, ReviewCycleState } from '../../domain/state';
import { loadConfig } from '../../infra/config';
import { loadSampleInput, loadSeeds } from '../../seeds';
import { buildWebServer, type HealthChecks } from '../../web/app';
import type { CyclePort } from '../../web/plumbing/cycles';
import { statusBarSvg, timeTicks, timelineSvg } from '../../web/dashboard/charts';
import { basicAuthChecker, dashboardCredentials, isDashboardPath } from '../../web/dashboard/access';
import { DashboardReader, type DashboardPort } from '../../web/dashboard/data';
import { cycleFigures, stageSpans, stageSteps, statusCounts, timelineModel } from '../../web/dashboard/model';
import { startWebServer } from '../../web';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { en } from '../../web/texts';

const silent = pino({ level: 'silent' });
const seeds = loadSeeds();
const AREAS = seeds.areas.slice(0, 3);
const P = seeds.participants;
const BASE = 'http://sdp.test';
const NOW = new Date('2026-05-12T10:00:00Z');
const DUE = '2026-04-29T21:59:59.999Z'; // end of 29 April in Brussels
const SYSTEM: Actor = { email: 'system@sdp-review.invalid', name: 'sdp-review', role: 'system', channel: 'system' };
const owner = (i: number, side: 'eu' | 'al' = 'al'): Actor => {
  const o = P.areaOwners[AREAS[i]!.id]![side];
  return { email: o.email, name: o.name, role: 'area-owner', channel: 'web', linkId: 'abc', clientAddress: '127.0.0.1' };
};
const coordinator: Actor = { email: P.coordinator.email, name: P.coordinator.name, role: 'coordinator', channel: 'cli' };

/** A collecting 2026 cycle: areas 0 and 1 submitted, area 2 overdue since 29 April. */
function collecting(): ReviewCycleState {
  const events: CycleEvent[] = [
    { at: '2026-04-01T08:00:00.000Z', actor: coordinator, action: 'cycle-started', kickoffDate: '2026-04-01', dueAt: DUE },
    { at: '2026-04-01T08:00:01.000Z', actor: SYSTEM, action: 'mail-sent', mail: { kind: 'contribution-request', to: P.areaOwners[AREAS[0]!.id]!.al.email, messageId: '<1@x>' } },
    { at: '2026-04-10T09:00:00.000Z', actor: owner(0), action: 'contribution-submitted', areaId: AREAS[0]!.id, revision: 1 },
    { at: '2026-04-20T09:00:00.000Z', actor: owner(1, 'eu'), action: 'contribution-submitted', areaId: AREAS[1]!.id, revision: 1 },
  ];
  return {
    workflowId: 'review-cycle-2026', year: 2026, stage: 'collecting', timeZone: 'Europe/Brussels', kickoffAt: '2026-04-01T08:00:00.000Z',
    inputsDueAt: DUE, submissionDueAt: '2026-05-31T21:59:59.999Z', coordinator: P.coordinator, directors: P.directors,
    saCouncilSecretariat: P.saCouncilSecretariat,
    areas: AREAS.map((a, i): AreaState => ({
      ...a, owners: P.areaOwners[a.id]!, status: i < 2 ? 'submitted' : 'awaiting-input', closed: false, dueAt: DUE, revision: i < 2 ? 1 : 0,
      ...(i < 2 ? { submittedAt: events[i + 2]!.at, submittedBy: events[i + 2]!.actor, contribution: loadSampleInput(a) as AreaState['contribution'] } : {}),
      ...(i === 2 ? { nextReminderAt: '2026-05-13T07:00:00.000Z' } : {}),
    })),
    drafts: [], decisions: [], events, stageDueAt: DUE,
  };
}

/** The same cycle later: all in, two drafts, a request for changes, v2 in sign-off. */
function inSignOff(): ReviewCycleState {
  const s = collecting();
  const a2 = s.areas[2]!;
  Object.assign(a2, { status: 'submitted', revision: 1, submittedAt: '2026-05-02T09:00:00.000Z', submittedBy: owner(2) });
  for (const a of s.areas) a.closed = true;
  const files = (v: number) => [
    { format: 'docx' as const, key: `2026/draft-v${v}/sdp-review-2026-draft-v${v}.docx`, sha256: '0', bytes: 1 },
    { format: 'html' as const, key: `2026/draft-v${v}/sdp-review-2026-draft-v${v}.html`, sha256: '0', bytes: 1 },
    { format: 'md' as const, key: `2026/draft-v${v}/sdp-review-2026-draft-v${v}.md`, sha256: '0', bytes: 1 },
    ...(v > 1 ? [{ format: 'changes-html' as const, key: `2026/draft-v${v}/changes-v${v - 1}-to-v${v}.html`, sha256: '0', bytes: 1 }] : []),
    { format: 'json' as const, key: `2026/draft-v${v}/report-input.json`, sha256: '0', bytes: 1 },
  ];
  s.drafts = [
    { version: 1, createdAt: '2026-05-02T09:05:00.000Z', status: 'superseded', files: files(1), changedAreas: [] },
    { version: 2, createdAt: '2026-05-06T09:05:00.000Z', status: 'in-sign-off', files: files(2), changedAreas: [AREAS[0]!.id] },
  ];
  const al: Actor = { email: P.directors.al.email, name: P.directors.al.name, role: 'director', channel: 'web' };
  s.decisions = [{ version: 1, director: 'al', decision: 'request-changes', comment: 'Ju lutem shtoni datat <b>e ushtrimeve</b>.', by: al, at: '2026-05-04T12:00:00.000Z' }];
  s.events.push(
    { at: '2026-05-02T09:00:00.000Z', actor: owner(2), action: 'contribution-submitted', areaId: AREAS[2]!.id, revision: 1 },
    { at: '2026-05-02T09:00:01.000Z', actor: SYSTEM, action: 'stage-entered', stage: 'drafting' },
    { at: '2026-05-02T09:05:00.000Z', actor: SYSTEM, action: 'draft-assembled', version: 1 },
    { at: '2026-05-03T09:00:00.000Z', actor: coordinator, action: 'draft-approved-for-sign-off', version: 1 },
    { at: '2026-05-03T09:00:01.000Z', actor: SYSTEM, action: 'stage-entered', stage: 'sign-off' },
    { at: '2026-05-04T12:00:00.000Z', actor: al, action: 'changes-requested-by-director', version: 1, comment: s.decisions[0]!.comment },
    { at: '2026-05-04T12:00:01.000Z', actor: SYSTEM, action: 'stage-entered', stage: 'drafting' },
    { at: '2026-05-06T09:05:00.000Z', actor: SYSTEM, action: 'draft-assembled', version: 2, areaIds: [AREAS[0]!.id] },
    { at: '2026-05-06T10:00:00.000Z', actor: coordinator, action: 'draft-approved-for-sign-off', version: 2 },
    { at: '2026-05-06T10:00:01.000Z', actor: SYSTEM, action: 'stage-entered', stage: 'sign-off' },
  );
  s.stage = 'sign-off';
  s.stageDueAt = '2026-05-20T21:59:59.999Z';
  return s;
}

/** A cancelled 2025 cycle. */
function cancelled(): ReviewCycleState {
  const s = collecting();
  s.workflowId = 'review-cycle-2025';
  s.year = 2025;
  for (const e of s.events) e.at = e.at.replace('2026', '2025');
  s.kickoffAt = '2025-04-01T08:00:00.000Z';
  s.inputsDueAt = '2025-04-29T21:59:59.999Z';
  s.submissionDueAt = '2025-05-31T21:59:59.999Z';
  s.stage = 'cancelled';
  s.cancelled = { reason: 'Superseded', by: coordinator, at: '2025-04-15T10:00:00.000Z' };
  s.events.push({ at: '2025-04-15T10:00:00.000Z', actor: SYSTEM, action: 'stage-entered', stage: 'cancelled' }, { at: '2025-04-15T10:00:00.000Z', actor: coordinator, action: 'cycle-cancelled', reason: 'Superseded' });
  return s;
}

class FakeDashboard implements DashboardPort {
  states = new Map<number, ReviewCycleState>([[2026, collecting()], [2025, cancelled()]]);
  summaries: CycleSummary[] = [
    { workflowId: 'review-cycle-2026', year: 2026, stage: 'collecting', status: 'RUNNING', startTime: '2026-04-01T08:00:00.000Z' },
    { workflowId: 'review-cycle-2025', year: 2025, stage: 'cancelled', status: 'COMPLETED', startTime: '2025-04-01T08:00:00.000Z', closeTime: '2025-04-15T10:00:05.000Z' },
    { workflowId: 'review-cycle-2024', year: 2024, stage: 'submitted', status: 'COMPLETED', startTime: '2024-04-01T08:00:00.000Z', closeTime: '2024-05-30T10:00:00.000Z' },
  ];
  queries = 0;
  unavailable = false;
  async list() {
    if (this.unavailable) throw new CycleError('unavailable', 'list: Temporal did not answer in time.');
    return structuredClone(this.summaries);
  }
  async state(year: number) {
    this.queries++;
    if (this.unavailable || year === 2024) throw new CycleError('unavailable', `review-cycle-${year}: Temporal did not answer in time (deadline exceeded).`);
    const s = this.states.get(year);
    if (!s) throw new CycleError('not-found', `review-cycle-${year}: no such review cycle.`);
    return structuredClone(s);
  }
}

/** The action-link side of the server: the state of 2026, and no update. */
const cyclesPort = (dash: FakeDashboard): CyclePort => ({
  state: async () => structuredClone(dash.states.get(2026)!),
  input: async (area) => area.contribution,
  submitContribution: () => Promise.reject(new Error('not in this test')),
  closeCollection: () => Promise.reject(new Error('not in this test')),
  approveDraft: () => Promise.reject(new Error('not in this test')),
  setSynthesis: () => Promise.reject(new Error('not in this test')),
  reopenAreas: () => Promise.reject(new Error('not in this test')),
  signOff: () => Promise.reject(new Error('not in this test')),
  updateOutcome: () => Promise.reject(new Error('not in this test')),
});

let tmp: string;
let links: LinkIssuer;
let app: FastifyInstance;
let dash: FakeDashboard;
let artifactsDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dashboard-test-'));
  links = createLinkIssuer(await loadLinkSecret(join(tmp, 'secret'), {}), () => BASE, () => NOW);
  artifactsDir = join(tmp, 'artifacts');
  await mkdir(join(artifactsDir, '2026', 'draft-v2'), { recursive: true });
  await writeFile(join(artifactsDir, '2026', 'draft-v2', 'changes-v1-to-v2.html'), '<!doctype html><title>changes</title>');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
});

async function server(opts: { auth?: boolean; ui?: boolean; health?: HealthChecks } = {}) {
  dash = new FakeDashboard();
  app = await buildWebServer({
    cycles: cyclesPort(dash), links, store: new FolderStore(artifactsDir), dataDir: join(tmp, 'data'), logger: silent, clock: () => NOW,
    dashboard: dash,
    ...(opts.auth ? { dashboardAuth: { user: 'secretariat', password: 'correct horse battery' } } : {}),
    ...(opts.ui ? { temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' } } : {}),
    ...(opts.health ? { health: opts.health } : {}),
  });
  await app.ready();
  return app;
}
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
/** The text of an element with this id (tags dropped, spaces folded). */
const textOf = (page: string, id: string) => {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(?:span|dd|td|div)>`).exec(page);
  return m ? m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : undefined;
};

// ---------------------------------------------------------------------------------------------

describe('figures, stages, timeline', () => {
  it('counts areas submitted and overdue, and the next deadline ahead', () => {
    const f = cycleFigures(collecting(), NOW.getTime());
    expect(f).toMatchObject({ areasSubmitted: 2, areasTotal: 3, overdue: 1, overdueAreas: [AREAS[2]!.id] });
    expect(f.nextDeadline).toEqual({ at: '2026-05-31T21:59:59.999Z', kind: 'submission' });
    // before the due date nothing is overdue, and the next deadline is the areas' input
    const early = cycleFigures(collecting(), Date.parse('2026-04-25T10:00:00Z'));
    expect(early).toMatchObject({ overdue: 0, overdueAreas: [], nextDeadline: { at: DUE, kind: 'area', count: 1 } });
    // in sign-off, the awaited directors count
    const so = cycleFigures(inSignOff(), NOW.getTime());
    expect(so).toMatchObject({ areasSubmitted: 3, overdue: 0, nextDeadline: { at: '2026-05-20T21:59:59.999Z', kind: 'stage' } });
    expect(cycleFigures(inSignOff(), Date.parse('2026-05-25T10:00:00Z')).overdue).toBe(2);
  });

  it('reads the stages from the events: spans, the current step, a cancelled cycle stopping where it was', () => {
    const s = inSignOff();
    expect(stageSpans(s).map((x) => [x.stage, x.from, x.to])).toEqual([
      ['collecting', '2026-04-01T08:00:00.000Z', '2026-05-02T09:00:01.000Z'],
      ['drafting', '2026-05-02T09:00:01.000Z', '2026-05-03T09:00:01.000Z'],
      ['sign-off', '2026-05-03T09:00:01.000Z', '2026-05-04T12:00:01.000Z'],
      ['drafting', '2026-05-04T12:00:01.000Z', '2026-05-06T10:00:01.000Z'],
      ['sign-off', '2026-05-06T10:00:01.000Z', undefined],
    ]);
    expect(stageSteps(s).map((x) => x.state)).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming']);
    expect(stageSteps(cancelled()).map((x) => x.state)).toEqual(['current', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('plans against actual: kick-off to inputs due, stage stretches, inputs, drafts, decisions; the axis covers them and now', () => {
    const m = timelineModel(inSignOff(), NOW.getTime());
    const row = (k: string) => m.rows.find((r) => r.key === k)!;
    expect(row('collecting').planned).toEqual({ from: '2026-04-01T08:00:00.000Z', to: DUE });
    expect(row('collecting').marks.map((x) => x.at)).toEqual(['2026-04-10T09:00:00.000Z', '2026-04-20T09:00:00.000Z', '2026-05-02T09:00:00.000Z']);
    expect(row('drafting').actual).toHaveLength(2);
    expect(row('drafting').marks).toHaveLength(2);
    expect(row('sign-off').due).toBe('2026-05-20T21:59:59.999Z');
    expect(row('sign-off').marks).toHaveLength(1);
    expect(row('submission').due).toBe('2026-05-31T21:59:59.999Z');
    expect(m.from).toBeLessThan(Date.parse('2026-04-01T08:00:00Z'));
    expect(m.to).toBeGreaterThan(Date.parse('2026-05-31T21:59:59Z'));
    expect(m.inputsIn).toBe(3);
  });

  it('draws the pictures as SVG with titles and text, counts written in the bar', () => {
    const s = collecting();
    const bar = statusBarSvg(en, statusCounts(s, NOW.getTime())).value;
    expect(bar).toContain('role="img"');
    expect(bar).toContain('<title id="status-chart-title">Areas by status: 2 submitted, 1 overdue.</title>');
    expect(bar).toMatch(/<text[^>]*>2<\/text>/);
    expect(bar).not.toContain('style=');
    const m = timelineModel(inSignOff(), NOW.getTime());
    const svg = timelineSvg(en, m, { year: 2026, stage: 'director sign-off', timeZone: 'Europe/Brussels' }).value;
    expect(svg).toContain('Planned and actual dates of the 2026 cycle');
    for (const label of ['Collecting inputs', 'Drafting', 'Director sign-off', 'Submission', 'now', '1 May']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toContain('style=');
    // ticks are local midnights, across the change to summer time on 29 March
    const ticks = timeTicks(Date.parse('2026-03-28T00:00:00Z'), Date.parse('2026-04-02T00:00:00Z'), 'Europe/Brussels');
    expect(ticks.map((x) => new Date(x).toISOString())).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-04-01T22:00:00.000Z']);
  });

  it('the reader shares one query among viewers and keeps a finished cycle longer', async () => {
    const fake = new FakeDashboard();
    let now = 0;
    const reader = new DashboardReader(fake, { freshMs: 1_000, finishedMs: 60_000, clock: () => now });
    await Promise.all([reader.state(2026, 100), reader.state(2026, 100), reader.state(2025, 100)]);
    expect(fake.queries).toBe(2);
    now = 2_000;
    await Promise.all([reader.state(2026, 100), reader.state(2025, 100)]);
    expect(fake.queries).toBe(3);
    await expect(reader.state(2030, 100)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(reader.state(2030, 100)).rejects.toMatchObject({ kind: 'not-found' });
    expect(fake.queries).toBe(5); // failures are not kept
  });
});

describe('the pages', () => {
  it('/cycles lists every cycle, running and closed, with its figures; one whose query fails keeps its visibility row', async () => {
    await server();
    const res = await get('/cycles');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const page = res.body;
    const row = (year: number) => new RegExp(`<tr id="cycle-${year}"[\\s\\S]*?</tr>`).exec(page)![0];
    expect(row(2026)).toContain('href="/cycles/2026"');
    expect(row(2026)).toContain('collecting inputs');
    expect(row(2026)).toMatch(/class="num submitted">2 of 3</);
    expect(row(2026)).toMatch(/class="num overdue"><strong class="bad">1</);
    expect(row(2026)).toContain('Sun 31 May 2026, 23:59'); // the submission, in Brussels
    expect(row(2026)).toContain('Wed 1 Apr 2026, 10:00');
    expect(row(2025)).toContain('cancelled');
    expect(row(2025)).toContain('(closed)');
    expect(row(2025)).toContain('Tue 15 Apr 2025, 12:00');
    expect(row(2024)).toContain('not available');
    expect(page).toContain('2024: The cycle&#39;s own state could not be read (review-cycle-2024: Temporal did not answer in time');
    expect(page).toContain('<script src="/dashboard.js" defer></script>');
    expect(page).toContain('data-live-src="/cycles/live"');
  });

  it('/cycles/:year shows the figures, the stages, the overdue area highlighted, the pictures and the history', async () => {
    await server({ ui: true });
    const res = await get('/cycles/2026');
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(textOf(page, 'fig-submitted')).toBe('2 of 3');
    expect(textOf(page, 'fig-overdue')).toBe('1');
    expect(textOf(page, 'fig-stage')).toBe('collecting inputs');
    expect(page).toMatch(/<li class="stage current" aria-current="step"><span class="stage-name">collecting inputs<\/span> <span class="stage-state">\(current stage\)/);
    const overdueRow = new RegExp(`<tr id="area-${AREAS[2]!.id}"[^>]*class="area-row overdue"[\\s\\S]*?</tr>`).exec(page)![0];
    expect(overdueRow).toContain('>Overdue</span>');
    expect(overdueRow).toContain('overdue by 12 days');
    expect(overdueRow).toContain('Wed 29 Apr 2026, 23:59');
    expect(overdueRow).toContain('Wed 13 May 2026, 09:00'); // next reminder, local
    expect(overdueRow).toContain(P.areaOwners[AREAS[2]!.id]!.al.name);
    expect(page).not.toMatch(new RegExp(`<tr id="area-${AREAS[0]!.id}"[^>]*overdue`));
    expect(page).toContain('Input submitted, ' + P.areaOwners[AREAS[0]!.id]!.al.name);
    expect(page).toContain('Areas by status: 2 submitted, 1 overdue.');
    expect(page).toContain('Overdue: <strong>1</strong>');
    expect(page).toContain('Planned and actual dates of the 2026 cycle');
    expect(page).toContain('No draft yet');
    expect(page).toContain('href="http://127.0.0.1:8233/namespaces/default/workflows/review-cycle-2026"');
    expect(page).toContain('href="/cycles/2026/audit.csv"');
    // the event history: who, what, when (local), through which channel
    expect(page).toMatch(/<td data-label="When"><span class="date">Fri 10 Apr 2026, 11:00<\/span><\/td><td data-label="Who">[^<]+ <span class="muted small">\(area owner\)<\/span><\/td><td data-label="What"><strong>Input submitted<\/strong> — [^<]+<br><span class="small detail">revision 1<\/span><\/td><td data-label="Through">web link<\/td>/);
    // without a known Temporal UI there is no link
    await app.close();
    await server();
    expect((await get('/cycles/2026')).body).not.toContain('Temporal UI');
  });

  it('shows the drafts with their downloads and changes, and the directors\' decisions with their comments, escaped', async () => {
    await server();
    dash.states.set(2026, inSignOff());
    const page = (await get('/cycles/2026')).body;
    expect(page).toContain('<h3>Draft v2</h3>');
    expect(page).toContain('href="/cycles/2026/files/2026/draft-v2/sdp-review-2026-draft-v2.docx"');
    expect(page).toContain('href="/cycles/2026/files/2026/draft-v1/sdp-review-2026-draft-v1.md"');
    expect(page).not.toContain('report-input.json');
    expect(page).toContain('Areas changed from v1 to v2:</p><ul><li>' + AREAS[0]!.title);
    expect(page).toContain('href="/cycles/2026/files/2026/draft-v2/changes-v1-to-v2.html">Readable changes from v1 to v2 (.html)</a>');
    expect(page).toContain('Ju lutem shtoni datat &lt;b&gt;e ushtrimeve&lt;/b&gt;.');
    expect(page).not.toContain('<b>e ushtrimeve</b>');
    expect(page).toContain('>Requested changes</span>');
    expect(page).toMatch(/<li class="stage current" aria-current="step"><span class="stage-name">director sign-off/);
  });

  it('the live endpoint answers the parts with their hashes (304 when unchanged) and only the changed parts change', async () => {
    await server();
    const page = (await get('/cycles/2026')).body;
    const first = await get('/cycles/2026/live');
    expect(first.statusCode).toBe(200);
    const body = JSON.parse(first.body) as { hashes: Record<string, string>; parts: Record<string, string>; figures: Record<string, unknown>; updated: string };
    expect(Object.keys(body.parts)).toEqual(['summary', 'stages', 'status', 'areas', 'timeline', 'drafts', 'decisions', 'events']);
    for (const [id, hash] of Object.entries(body.hashes)) expect(page).toContain(`<section id="${id}" class="dash-part" data-live="${hash}"`);
    expect(body.figures).toMatchObject({ year: 2026, stage: 'collecting', areasSubmitted: 2, areasTotal: 3, overdue: 1 });
    expect(body.updated).toBe('Updated at 12:00:00.');
    const again = await get('/cycles/2026/live', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);

    // an input arrives: the figures, areas, pictures and events change; drafts and decisions do not
    const s = dash.states.get(2026)!;
    Object.assign(s.areas[2]!, { status: 'submitted', revision: 1, submittedAt: '2026-05-12T09:59:00.000Z', submittedBy: owner(2) });
    s.events.push({ at: '2026-05-12T09:59:00.000Z', actor: owner(2), action: 'contribution-submitted', areaId: AREAS[2]!.id, revision: 1 });
    await new Promise((r) => setTimeout(r, 1_600)); // past the reader's cache
    const next = await get('/cycles/2026/live', { 'if-none-match': first.headers.etag as string });
    expect(next.statusCode).toBe(200);
    const after = JSON.parse(next.body) as typeof body;
    const changed = Object.keys(after.hashes).filter((id) => after.hashes[id] !== body.hashes[id]);
    expect(changed).toEqual(['summary', 'status', 'areas', 'timeline', 'events']);
    expect(after.figures).toMatchObject({ areasSubmitted: 3, overdue: 0 });
    expect((await get('/cycles/live')).statusCode).toBe(200);
  });

  it('downloads go through a signed file link, for this cycle\'s files only; the history downloads as CSV and JSON', async () => {
    await server();
    dash.states.set(2026, inSignOff());
    const res = await get('/cycles/2026/files/2026/draft-v2/changes-v1-to-v2.html');
    expect(res.statusCode).toBe(302);
    const location = res.headers.location as string;
    expect(location).toMatch(/^http:\/\/sdp\.test\/files\/2026\/draft-v2\/changes-v1-to-v2\.html\?exp=\d+&sig=/);
    const file = await get(location.slice(BASE.length));
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('<title>changes</title>');
    expect((await get('/cycles/2026/files/2026/draft-v2/report-input-other.json')).statusCode).toBe(404);
    expect((await get('/cycles/2025/files/2026/draft-v2/changes-v1-to-v2.html')).statusCode).toBe(404);

    const csv = await get('/cycles/2026/audit.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="sdp-review-2026-audit.csv"');
    expect(csv.body).toContain('seq,time_utc,time_local');
    const json = JSON.parse((await get('/cycles/2026/audit.json')).body) as unknown[];
    expect(json).toHaveLength(inSignOff().events.length);
  });

  it('refusals: a year that is not one or has no cycle is 404; a state that cannot be read is 503 with what visibility says', async () => {
    await server();
    expect((await get('/cycles/20x6')).statusCode).toBe(404);
    expect((await get('/cycles/2031')).statusCode).toBe(404);
    expect((await get('/cycles/2031/live')).statusCode).toBe(404);
    const closed = await get('/cycles/2024');
    expect(closed.statusCode).toBe(503);
    expect(closed.body).toContain('The cycle&#39;s state could not be read');
    expect(closed.body).toContain('submitted (closed)');
    dash.unavailable = true;
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await get('/cycles')).statusCode).toBe(503);
    const live = await get('/cycles/2026/live');
    expect(live.statusCode).toBe(503);
    expect(JSON.parse(live.body)).toEqual({ error: en.dashboard.liveFailed });
  });

  it('the home page leads to the dashboard; /dashboard.js is served', async () => {
    await server();
    expect((await get('/')).body).toContain('<a href="/cycles">Dashboard');
    const js = await get('/dashboard.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain('data-live-src');
  });
});

describe('/healthz', () => {
  it('answers JSON: 200 when Temporal and SMTP answer, 503 naming the one that does not (the reason only in the log)', async () => {
    await server({ health: { temporal: async () => undefined, smtp: async () => undefined } });
    const ok = await get('/healthz');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('application/json');
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok', temporal: { reachable: true }, smtp: { reachable: true } });
    await app.close();
    await server({ health: { temporal: async () => { throw new Error('14 UNAVAILABLE: connect ECONNREFUSED 10.0.0.5:7233'); }, smtp: async () => undefined } });
    const bad = await get('/healthz');
    expect(bad.statusCode).toBe(503);
    expect(JSON.parse(bad.body)).toMatchObject({ status: 'unavailable', temporal: { reachable: false }, smtp: { reachable: true } });
    expect(bad.body).not.toContain('10.0.0.5');
  });
});

describe('access to the dashboard and the outbox', () => {
  it('401 without the credentials or with wrong ones, 200 with them; action links, file links and /healthz never ask', async () => {
    await server({ auth: true });
    for (const url of ['/cycles', '/cycles/2026', '/cycles/2026/live', '/cycles/live', '/cycles/2026/audit.csv', '/cycles/2026/files/x', '/outbox', '/outbox/1/raw', '/%63ycles/2026', '//cycles']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="sdp-review dashboard", charset="UTF-8"');
      expect(res.body).not.toContain(AREAS[0]!.title);
    }
    expect((await app.inject({ method: 'HEAD', url: '/cycles/2026' })).statusCode).toBe(401);
    expect((await get('/cycles/2026', basic('secretariat', 'wrong password!'))).statusCode).toBe(401);
    expect((await get('/cycles/2026', basic('someone', 'correct horse battery'))).statusCode).toBe(401);
    expect((await get('/cycles/2026', { authorization: 'Bearer correct horse battery' })).statusCode).toBe(401);
    const ok = await get('/cycles/2026', basic('secretariat', 'correct horse battery'));
    expect(ok.statusCode).toBe(200);
    expect(textOf(ok.body, 'fig-submitted')).toBe('2 of 3');

    const area = AREAS[0]!;
    const o = P.areaOwners[area.id]!.al;
    const url = await links.actionUrl({ step: 'contribution', cycleId: 'review-cycle-2026', areaId: area.id, recipient: { name: o.name, email: o.email }, role: 'area-owner', side: 'al', expiresAt: '2026-06-30T21:59:59.999Z' });
    const contribute = await get(url!.slice(BASE.length));
    expect(contribute.statusCode).toBe(200);
    expect(contribute.body).toContain(area.title);
    expect((await get(links.fileUrl('2026/draft-v2/changes-v1-to-v2.html')!.slice(BASE.length))).statusCode).toBe(200);
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/style.css')).statusCode).toBe(200);
    expect((await get('/dashboard.js')).statusCode).toBe(200);
    expect((await get('/')).statusCode).toBe(200);
  });

  it('credentials are required unless the server is the local embedded one; the refusal names the variables', () => {
    const local = { host: '127.0.0.1', embeddedTemporal: true };
    expect(dashboardCredentials({}, local)).toBeUndefined();
    expect(dashboardCredentials({}, { ...local, host: 'localhost', publicBaseUrl: 'http://localhost:3000' })).toBeUndefined();
    const both = /SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD/;
    expect(() => dashboardCredentials({}, { ...local, host: '0.0.0.0' })).toThrow(both);
    expect(() => dashboardCredentials({}, { ...local, host: '0.0.0.0' })).toThrow(/listens on 0\.0\.0\.0/);
    expect(() => dashboardCredentials({}, { ...local, embeddedTemporal: false })).toThrow(/Temporal cluster/);
    expect(() => dashboardCredentials({}, { ...local, publicBaseUrl: 'https://sdp.example.eu' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => dashboardCredentials({ SDP_TRUST_PROXY: 'true' }, local)).toThrow(/SDP_TRUST_PROXY/);
    expect(() => dashboardCredentials({ SDP_DASHBOARD_USER: 'a' }, local)).toThrow(/only SDP_DASHBOARD_USER is set/);
    expect(() => dashboardCredentials({ SDP_DASHBOARD_USER: 'a', SDP_DASHBOARD_PASSWORD: 'short' }, local)).toThrow(/at least 12/);
    expect(dashboardCredentials({ SDP_DASHBOARD_USER: 'a', SDP_DASHBOARD_PASSWORD: 'long enough pass' }, { ...local, host: '0.0.0.0' })).toEqual({ user: 'a', password: 'long enough pass' });

    const check = basicAuthChecker({ user: 'Ëngjëll', password: 'fjalëkalim-i-gjatë' });
    expect(check(`Basic ${Buffer.from('Ëngjëll:fjalëkalim-i-gjatë').toString('base64')}`)).toBe(true);
    expect(check(`Basic ${Buffer.from('Ëngjëll:fjalekalim-i-gjate').toString('base64')}`)).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(isDashboardPath('/cycles')).toBe(true);
    expect(isDashboardPath('/cycles.json')).toBe(true);
    expect(isDashboardPath('/contribute/x')).toBe(false);
    expect(isDashboardPath('/files/2026/cycles')).toBe(false);
  });

  it('startWebServer refuses to start on 0.0.0.0 without the credentials, before listening', async () => {
    const config = loadConfig({ SDP_DATA_DIR: join(tmp, 'refuse'), PORT: '0', HOST: '0.0.0.0' });
    const client = { options: { namespace: 'default' } } as unknown as Client;
    await expect(startWebServer({ client, config, temporal: { embedded: true } }, { logger: silent, env: {} })).rejects.toThrow(/SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD/);
  });
});
