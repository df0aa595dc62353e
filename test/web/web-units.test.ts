/**
 * The web server's parts that need no review cycle, through Fastify's `inject` and direct calls:
 * the link tokens (claims, tampering, expiry), the small helpers (html, Content-Disposition, Once,
 * Update ids, CSRF binding), downloads, the outbox, rate limiting, malformed URLs, the page when
 * Temporal does not answer, and how a closed step and the workflow's answers are worded (fixed
 * states and answers, so the instants and their local times are exact). The pages on real cycles
 * are in web.test.ts and web-flow.test.ts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import type { LinkTarget } from '../../activities/mail/links';
import { createMailer } from '../../activities/mail/send';
import { CycleError } from '../../client/errors';
import type { AreaState, ReviewCycleState } from '../../domain/state';
import { startSmtpCapture } from '../../infra/smtp-capture';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { loadSeeds } from '../../seeds';
import { buildWebServer } from '../../web/app';
import { contributionUpdateId } from '../../web/contribution/form';
import type { CyclePort } from '../../web/plumbing/cycles';
import { contentDisposition } from '../../web/plumbing/http';
import { Once } from '../../web/plumbing/once';
import { csrfUserInfo } from '../../web/plumbing/security';
import { checkStep } from '../../web/plumbing/step-check';
import { en } from '../../web/texts';
import { html, linkify } from '../../web/views/html';

const silent = pino({ level: 'silent' });
const seeds = loadSeeds();
const AREAS = seeds.areas.slice(0, 3);
const P = seeds.participants;
const CYCLE = 'review-cycle-2026';
const BASE = 'http://sdp.test';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A cycle port for servers that open no link: Temporal does not answer. */
const unanswered: CyclePort = {
  state: (cycleId) => Promise.reject(new CycleError('unavailable', `${cycleId}: Temporal did not answer in time (deadline exceeded).`)),
  input: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  submitContribution: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  closeCollection: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  approveDraft: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  setSynthesis: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  reopenAreas: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  signOff: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
  updateOutcome: () => Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.')),
};

let root: string;
let links: LinkIssuer;
let otherLinks: LinkIssuer;
let clockNow: Date;
let app: FastifyInstance;
let dataDir: string;
let artifactsDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-units-'));
  links = createLinkIssuer(await loadLinkSecret(join(root, 'secret-a'), {}), () => BASE, () => clockNow);
  otherLinks = createLinkIssuer(await loadLinkSecret(join(root, 'secret-b'), {}), () => BASE, () => clockNow);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let seq = 0;
async function setup(opts: { capture?: Awaited<ReturnType<typeof startSmtpCapture>>; outboxTimeZone?: string } = {}) {
  clockNow = new Date('2026-04-10T08:00:00Z');
  dataDir = join(root, `case-${++seq}`);
  artifactsDir = join(dataDir, 'artifacts');
  app = await buildWebServer({ cycles: unanswered, links, store: new FolderStore(artifactsDir), dataDir, logger: silent, capture: opts.capture, outboxTimeZone: opts.outboxTimeZone, clock: () => clockNow });
  await app.ready();
  return { close: () => app.close() };
}

const contributionTarget = (areaIndex = 0, side: 'eu' | 'al' = 'al'): Extract<LinkTarget, { step: 'contribution' }> => {
  const area = AREAS[areaIndex]!;
  const owner = P.areaOwners[area.id]![side];
  return { step: 'contribution', cycleId: CYCLE, areaId: area.id, recipient: { name: owner.name, email: owner.email }, role: 'area-owner', side, expiresAt: '2026-05-30T21:59:59.999Z' };
};
const signOffTarget = (director: 'eu' | 'al' = 'al', version = 1): LinkTarget => ({
  step: 'sign-off', cycleId: CYCLE, version, director, recipient: { name: P.directors[director].name, email: P.directors[director].email }, role: 'director', expiresAt: '2026-06-30T21:59:59.999Z',
});
const reviewTarget = (version = 1): LinkTarget => ({
  step: 'draft-review', cycleId: CYCLE, version, recipient: { name: P.coordinator.name, email: P.coordinator.email }, role: 'coordinator', expiresAt: '2026-06-30T21:59:59.999Z',
});
const pathOf = (url: string) => url.slice(BASE.length);

// ---------------------------------------------------------------------------------------------

describe('link tokens', () => {
  beforeEach(() => {
    clockNow = new Date('2026-04-10T08:00:00Z');
  });

  it('bind the workflow id, the step, the recipient and role, the actions and the expiry', async () => {
    const target = contributionTarget(0, 'al');
    const url = await links.actionUrl(target);
    expect(url).toMatch(new RegExp(`^${BASE}/contribute/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    const verified = await links.verify(url!.split('/').pop()!);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.claims).toMatchObject({
      wf: `${CYCLE}/area/${AREAS[0]!.id}`, cycle: CYCLE, step: 'contribution', areaId: AREAS[0]!.id, side: 'al',
      sub: target.recipient.email, name: target.recipient.name, role: 'area-owner', actions: ['submit'],
      exp: Date.parse(target.expiresAt) / 1000 | 0,
    });
    const sign = await links.verify((await links.actionUrl(signOffTarget('eu', 2)))!.split('/').pop()!);
    expect(sign.ok && sign.claims).toMatchObject({ wf: CYCLE, step: 'sign-off', version: 2, director: 'eu', role: 'director', actions: ['approve', 'request-changes'] });
    const review = await links.verify((await links.actionUrl(reviewTarget(3)))!.split('/').pop()!);
    expect(review.ok && review.claims).toMatchObject({ wf: CYCLE, step: 'draft-review', version: 3, role: 'coordinator', actions: ['approve', 'reopen'] });
  });

  it('are the same for the same target (a retried mail carries the same link) and differ otherwise', async () => {
    expect(await links.actionUrl(signOffTarget('eu'))).toBe(await links.actionUrl(signOffTarget('eu')));
    expect(await links.actionUrl(signOffTarget('eu'))).not.toBe(await links.actionUrl(signOffTarget('al')));
    expect(await links.actionUrl(signOffTarget('eu'))).not.toBe(await otherLinks.actionUrl(signOffTarget('eu')));
  });

  it('refuse a tampered payload, a changed signature, another key, alg none and garbage', async () => {
    const token = (await links.actionUrl(signOffTarget('eu')))!.split('/').pop()!;
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, director: 'al', sub: P.directors.al.email })).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const bad = [
      `${h}.${forged}.${s}`,
      `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`,
      (await otherLinks.actionUrl(signOffTarget('eu')))!.split('/').pop()!,
      none,
      'not-a-token',
      '',
    ];
    for (const b of bad) expect((await links.verify(b)).ok, b).toBe(false);
    for (const b of bad) {
      const v = await links.verify(b);
      expect(!v.ok && v.reason).toBe('invalid');
    }
  });

  it('past their expiry are recognised as genuine but expired', async () => {
    const token = (await links.actionUrl(signOffTarget('eu')))!.split('/').pop()!;
    const v = await links.verify(token, new Date('2026-07-01T00:00:00Z'));
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toBe('expired');
    expect(!v.ok && v.reason === 'expired' && v.claims.director).toBe('eu');
  });

  it('a secret is generated once into the data folder; SDP_LINK_SECRET must be long enough', async () => {
    const dir = join(root, 'secret-once');
    const a = await loadLinkSecret(dir, {});
    const b = await loadLinkSecret(dir, {});
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect((await readFile(join(dir, 'link-secret'), 'utf8')).trim().length).toBeGreaterThanOrEqual(32);
    await expect(loadLinkSecret(dir, { SDP_LINK_SECRET: 'short' })).rejects.toThrow(/SDP_LINK_SECRET/);
    const fromEnv = await loadLinkSecret(dir, { SDP_LINK_SECRET: 'x'.repeat(40) });
    expect(Buffer.from(fromEnv).toString()).toBe('x'.repeat(40));
  });
});

describe('small parts', () => {
  it('html escapes every interpolated value; linkify keeps the URL exactly', () => {
    expect(html`<p title="${'"><script>'}">${'<b>ë & Ç</b>'}</p>`.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;ë &amp; Ç&lt;/b&gt;</p>');
    const url = 'http://sdp.test/sign-off/aaa.bbb_-.ccc';
    expect(linkify(`Open: ${url}.\n<x>`).value).toBe(`Open: <a href="${url}">${url}</a>.\n&lt;x&gt;`);
  });

  it('Content-Disposition keeps Albanian letters (RFC 6266 / RFC 5987) with an ASCII fallback', () => {
    expect(contentDisposition('attachment', 'Raporti i progresit – Tiranë «Çështjet».docx')).toBe(
      `attachment; filename="Raporti i progresit _ Tirane _Ceshtjet_.docx"; filename*=UTF-8''Raporti%20i%20progresit%20%E2%80%93%20Tiran%C3%AB%20%C2%AB%C3%87%C3%ABshtjet%C2%BB.docx`,
    );
    expect(contentDisposition('inline', `it's (1)*.html`)).toBe(`inline; filename="it's (1)*.html"; filename*=UTF-8''it%27s%20%281%29%2A.html`);
  });

  it('Once: a repeat joins the first run; a failure is forgotten', async () => {
    const once = new Once<number>();
    let runs = 0;
    const slow = () => delay(30).then(() => ++runs);
    const [a, b] = await Promise.all([once.run('x', slow), delay(5).then(() => once.run('x', slow))]);
    expect([a.first, b.first, a.value, b.value, runs]).toEqual([true, false, 1, 1, 1]);
    await expect(once.run('y', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect((await once.run('y', async () => 7)).first).toBe(true);
  });

  it('contribution Update ids: the same form twice is one id; another render or other content is another', () => {
    const body = { _csrf: 'a', rid: 'r1', narrative: 'x', op: 'submit' };
    expect(contributionUpdateId('j', body)).toBe(contributionUpdateId('j', { ...body, _csrf: 'other' }));
    expect(contributionUpdateId('j', body)).not.toBe(contributionUpdateId('j', { ...body, rid: 'r2' }));
    expect(contributionUpdateId('j', body)).not.toBe(contributionUpdateId('j', { ...body, narrative: 'y' }));
    expect(contributionUpdateId('j', body)).toMatch(/^j:[0-9a-f]{32}$/);
  });
});

describe('when Temporal does not answer', () => {
  it('503 at once, never a hang', async () => {
    const ctx = await setup();
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: pathOf((await links.actionUrl(contributionTarget(0, 'al')))!) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.body).toContain('The review system is not answering');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await ctx.close();
    }
  });
});

describe('files', () => {
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    ctx = await setup();
    await mkdir(join(artifactsDir, '2026', 'draft-v1'), { recursive: true });
    await writeFile(join(artifactsDir, '2026', 'draft-v1', 'Raporti – Tiranë.docx'), 'docx bytes');
    await writeFile(join(artifactsDir, '2026', 'draft-v1', 'r.html'), '<p>ë</p>');
    await writeFile(join(dataDir, 'link-secret-copy'), 'secret');
    return () => ctx.close();
  });

  it('serves a signed key under artifactsDir with its Albanian filename', async () => {
    const url = links.fileUrl('2026/draft-v1/Raporti – Tiranë.docx')!;
    const res = await app.inject({ method: 'GET', url: pathOf(url) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('docx bytes');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Raporti _ Tirane.docx"; filename*=UTF-8''Raporti%20%E2%80%93%20Tiran%C3%AB.docx`);
    const page = await app.inject({ method: 'GET', url: pathOf(links.fileUrl('2026/draft-v1/r.html')!) });
    expect(page.headers['content-disposition']).toMatch(/^inline;/);
    expect(page.headers['content-security-policy']).toContain('sandbox');
  });

  it('refuses a changed key or signature (400), an expired link (410), paths out of the folder, missing files (404)', async () => {
    const url = links.fileUrl('2026/draft-v1/r.html')!;
    expect((await app.inject({ method: 'GET', url: pathOf(url).replace('r.html', 'Raporti%20%E2%80%93%20Tiran%C3%AB.docx') })).statusCode).toBe(400);
    // Another first character of the signature (one that differs from the real one, whatever it is).
    const tampered = pathOf(url).replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(pathOf(url));
    expect((await app.inject({ method: 'GET', url: tampered })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: pathOf(url).split('?')[0]! })).statusCode).toBe(400);
    expect(links.fileUrl('../link-secret-copy')).toBeUndefined();
    expect(links.fileUrl('2026/../../link-secret-copy')).toBeUndefined();
    for (const sneaky of ['/2026/../../link-secret-copy', '/%2E%2E/link-secret-copy', '/2026%2F..%2F..%2Flink-secret-copy']) {
      const res = await app.inject({ method: 'GET', url: `/files${sneaky}?exp=9999999999&sig=x` });
      expect([400, 404], sneaky).toContain(res.statusCode);
      expect(res.body).not.toContain('secret');
    }
    expect((await app.inject({ method: 'GET', url: pathOf(links.fileUrl('2026/draft-v1/none.docx')!) })).statusCode).toBe(404);
    clockNow = new Date(clockNow.getTime() + 200 * 24 * 3600 * 1000);
    expect((await app.inject({ method: 'GET', url: pathOf(url) })).statusCode).toBe(410);
  });
});

describe('outbox', () => {
  it('lists the captured mails newest first, each readable with its links clickable, at times in the cycles\' zone; absent without the capture', async () => {
    const capture = await startSmtpCapture({ dir: join(root, 'outbox-list'), logger: silent });
    const ctx = await setup({ capture, outboxTimeZone: 'Europe/Tirane' });
    try {
      const mailer = createMailer({ smtpUrl: capture.url, from: { name: 'Drejtoria e Çështjeve të Sigurisë – Tiranë', address: 'noreply@example.al' }, ledger: new FolderStore(join(dataDir, 'l')), messageIdDomain: 'example.al' });
      const link = (await links.actionUrl(contributionTarget(0)))!;
      for (const [i, subject] of ['Kujtesë: kontributi për fushën «Çështjet kibernetike»', 'Second mail'].entries()) {
        await mailer.send({ cycleId: CYCLE, purpose: `p${i}`, to: { name: 'Ëngjëll Çela', email: 'e.cela@example.al' }, subject, text: `Open the input form: ${link}\n`, html: `<p><a href="${link}">Open</a></p><script>alert(1)</script>` });
      }
      mailer.close();
      const list = await app.inject({ method: 'GET', url: '/outbox' });
      expect(list.statusCode).toBe(200);
      expect(list.body.indexOf('Second mail')).toBeLessThan(list.body.indexOf('Kujtesë: kontributi për fushën «Çështjet kibernetike»'));
      const id = /href="\/outbox\/([^"]+)">Kujtesë/.exec(list.body)![1]!;
      const mail = await app.inject({ method: 'GET', url: `/outbox/${id}` });
      expect(mail.body).toContain(`<a href="${link}">${link}</a>`);
      expect(mail.body).toContain('Ëngjëll Çela');
      const received = DateTime.fromISO((await capture.get(id))!.receivedAt, { zone: 'Europe/Tirane' });
      expect(list.body).toContain('(Europe/Tirane)</th>');
      expect(list.body).toContain(`, ${received.toFormat('HH:mm')}</span>`);
      expect(mail.body).toContain(`${received.toFormat('HH:mm')} (Europe/Tirane)`);
      const htmlView = await app.inject({ method: 'GET', url: `/outbox/${id}/html` });
      expect(htmlView.headers['content-security-policy']).toMatch(/^sandbox /);
      expect(htmlView.headers['content-security-policy']).not.toContain('allow-scripts');
      expect((await app.inject({ method: 'GET', url: `/outbox/${id}/raw` })).headers['content-type']).toBe('message/rfc822');
      expect((await app.inject({ method: 'GET', url: '/outbox/nope' })).statusCode).toBe(404);
    } finally {
      await ctx.close();
      await capture.close();
    }
    const without = await setup();
    try {
      expect((await app.inject({ method: 'GET', url: '/outbox' })).statusCode).toBe(404);
    } finally {
      await without.close();
    }
  });
});
describe('CSRF binding', () => {
  it('the CSRF token is bound to the link: csrfUserInfo differs per token', () => {
    expect(csrfUserInfo('a.b.c')).not.toBe(csrfUserInfo('a.b.d'));
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After and a wait that matches it', async () => {
    const server = await buildWebServer({ cycles: unanswered, links, store: new FolderStore(join(root, 'none')), dataDir: join(root, 'limited'), logger: silent, rateLimit: { perMinute: 2 }, clock: () => clockNow });
    try {
      for (let i = 0; i < 2; i++) expect((await server.inject({ method: 'GET', url: '/style.css' })).statusCode).toBe(200);
      const limited = await server.inject({ method: 'GET', url: '/style.css' });
      expect(limited.statusCode).toBe(429);
      const seconds = Number(limited.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(limited.body).toContain(seconds <= 60 ? 'Please wait a minute' : `Please wait ${Math.ceil(seconds / 60)} minutes`);
      expect(limited.body).toContain('Nothing was recorded');
    } finally {
      await server.close();
    }
  });
});

describe('malformed URLs', () => {
  it('answers an overlong token path with the product page, never echoing the URL', async () => {
    const server = await buildWebServer({ cycles: unanswered, links, store: new FolderStore(join(root, 'none')), dataDir: join(root, 'long-url'), logger: silent, clock: () => clockNow });
    try {
      const long = 'x'.repeat(5_000);
      const res = await server.inject({ method: 'GET', url: `/contribute/${long}` });
      expect(res.statusCode).toBe(414);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).not.toContain(long.slice(0, 100));
      expect(res.body).toContain('Nothing was recorded');
    } finally {
      await server.close();
    }
  });
});

describe('how a closed step and the workflow\'s answers are worded', () => {
  /** A 2026 cycle in sign-off of draft v1, as its `state` query would answer. */
  function inSignOff(): ReviewCycleState {
    const dueAt = '2026-04-30T21:59:59.999Z';
    return {
      workflowId: CYCLE, year: 2026, stage: 'sign-off', timeZone: 'Europe/Brussels', kickoffAt: '2026-04-02T08:00:00.000Z',
      inputsDueAt: dueAt, submissionDueAt: '2026-06-01T21:59:59.999Z', coordinator: P.coordinator, directors: P.directors,
      saCouncilSecretariat: P.saCouncilSecretariat,
      areas: AREAS.map((a): AreaState => ({ ...a, owners: P.areaOwners[a.id]!, status: 'missing', closed: true, dueAt, revision: 0 })),
      drafts: [{ version: 1, createdAt: '2026-05-04T09:00:00.000Z', status: 'in-sign-off', changedAreas: [], files: [] }],
      decisions: [], events: [], stageDueAt: '2026-05-20T21:59:59.999Z',
    };
  }

  it('a decision recorded elsewhere (the CLI) is named with who and when, in local time', async () => {
    clockNow = new Date('2026-04-10T08:00:00Z');
    const state = inSignOff();
    state.decisions.push({ version: 1, director: 'eu', decision: 'approve', comment: '', by: { email: P.directors.eu.email, name: P.directors.eu.name, role: 'director', channel: 'cli' }, at: '2026-04-10T07:30:00.000Z' });
    const verified = await links.verify((await links.actionUrl(signOffTarget('eu')))!.split('/').pop()!);
    if (!verified.ok) throw new Error('the link does not verify');
    const check = checkStep(en, state, verified.claims);
    expect(check.open).toBe(false);
    if (check.open) return;
    expect(check.status).toBe(409);
    expect(check.outcome.join(' ')).toContain(`${P.directors.eu.name} approved draft v1 on Friday 10 April 2026, 09:30 (Europe/Brussels)`);
    // the workflow's own refusal, when the decision lands between the page and the POST
    const refused = en.outcomes.refusal({ code: 'already-decided', version: 1, byName: P.directors.eu.name, decision: 'approve', at: '2026-04-10T07:30:00.000Z', timeZone: 'Europe/Brussels' }, 'Europe/Brussels');
    expect(refused).toBe(`${P.directors.eu.name} already decided on draft v1 (approve) at Friday 10 April 2026, 09:30 (Europe/Brussels).`);
  });

  it('every outcome says what was recorded and what happens next, as the workflow used to', () => {
    const area = { id: AREAS[0]!.id, title: AREAS[0]!.title };
    const said = (o: Parameters<typeof en.outcomes.recorded>[0]) => `${en.outcomes.recorded(o)} | ${en.outcomes.next(o)}`;
    expect(said({ code: 'contribution-recorded', area, revision: 1, submittedAt: '2026-04-10T08:00:00.000Z', late: false })).toBe(
      `Input for "${area.title}" recorded (revision 1). | You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.`,
    );
    expect(said({ code: 'collection-closed' })).toBe('Collection is closed. | The draft report is being assembled; you will receive it by mail.');
    expect(said({ code: 'draft-approved', version: 1 })).toBe("Draft approved for the directors' sign-off. | Both directors receive it by mail; each approves or requests changes.");
    const decided = { code: 'director-decided', version: 1, director: 'al', directorName: P.directors.al.name, otherDirectorName: P.directors.eu.name } as const;
    expect(said({ ...decided, decision: 'approve', bothApproved: false })).toBe(`${P.directors.al.name} approved draft v1. | The other director, ${P.directors.eu.name}, still has to decide.`);
    expect(said({ ...decided, decision: 'request-changes', bothApproved: false })).toContain(`${P.directors.al.name} requested changes to draft v1.`);
    expect(en.outcomes.refusal({ code: 'area-not-accepting', area, status: 'missing', revision: 0 }, 'Europe/Brussels')).toBe(`"${area.title}" no longer accepts input: collection is closed.`);
  });
});
