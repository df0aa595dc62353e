/**
 * The web server through Fastify's `inject`, with a fake cycle port that answers the way the
 * workflows do (Update-id deduplication, validators that throw ConflictError naming who and when,
 * `unavailable`): the links (claims, tampering, expiry, fresh links), the pages, and every refusal
 * of ../shared/cases C4, C5, C6. The same cases run against the real workflows in web-flow.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LinkTarget } from '../activities/links';
import { createMailer } from '../activities/mail';
import { CycleError } from '../client/cycles';
import type { ApproveDraftArgs, ReopenAreasArgs, SignOffArgs, SubmitContributionResult, UpdateOutcome } from '../domain/messages';
import { contributionSchemaFor, type Actor, type AreaState, type ContributionInput, type ReviewCycleState } from '../domain/schemas';
import { startSmtpCapture, type SmtpCapture } from '../infra/smtp-capture';
import { loadSampleInput, loadSeeds } from '../seeds';
import { buildWebServer, contentDisposition, csrfUserInfo } from '../server/app';
import type { CyclePort } from '../server/cycles';
import { contributionUpdateId } from '../server/form';
import { html, linkify } from '../server/html';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../server/links';
import { Once } from '../server/once';

const silent = pino({ level: 'silent' });
const seeds = loadSeeds();
const AREAS = seeds.areas.slice(0, 3);
const P = seeds.participants;
const CYCLE = 'review-cycle-2026';
const BASE = 'http://sdp.test';
const HEADLESS_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36';
const PERSON_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// A fake cycle port: the workflow's rules, in memory

function initialState(): ReviewCycleState {
  const dueAt = '2026-04-30T21:59:59.999Z';
  return {
    workflowId: CYCLE, year: 2026, stage: 'collecting', timeZone: 'Europe/Brussels', kickoffAt: '2026-04-02T08:00:00.000Z',
    inputsDueAt: dueAt, submissionDueAt: '2026-06-01T21:59:59.999Z', coordinator: P.coordinator, directors: P.directors,
    saCouncilSecretariat: P.saCouncilSecretariat,
    areas: AREAS.map((a): AreaState => ({ ...a, owners: P.areaOwners[a.id]!, status: 'awaiting-input', closed: false, dueAt, revision: 0 })),
    drafts: [], decisions: [], events: [], stageDueAt: dueAt,
  };
}

const conflict = (message: string) => new CycleError('conflict', message);

class FakeCycles implements CyclePort {
  s = initialState();
  /** Update ids seen, with their (possibly pending) results: Temporal's deduplication. */
  readonly updates = new Map<string, Promise<UpdateOutcome>>();
  /** Updates that actually ran (after deduplication and validation). */
  readonly executed: { kind: string; updateId: string; actor: Actor }[] = [];
  latencyMs = 0;
  unavailable = false;
  now = () => new Date().toISOString();

  async state(cycleId: string): Promise<ReviewCycleState> {
    if (this.unavailable) throw new CycleError('unavailable', `${cycleId}: Temporal did not answer in time (deadline exceeded).`);
    if (cycleId !== this.s.workflowId) throw new CycleError('not-found', `${cycleId}: no such review cycle.`);
    return structuredClone(this.s);
  }

  private run<T extends UpdateOutcome>(updateId: string, validate: () => void, apply: () => T): Promise<T> {
    if (this.unavailable) return Promise.reject(new CycleError('unavailable', 'Temporal did not answer in time.'));
    const seen = this.updates.get(updateId);
    if (seen) return seen as Promise<T>;
    const p = (async () => {
      await delay(this.latencyMs);
      if (['submitted', 'cancelled'].includes(this.s.stage)) throw new CycleError('gone', 'the review cycle has already finished.');
      validate();
      return apply();
    })();
    this.updates.set(updateId, p);
    // A rejected Update is not in the history: its id can be used again.
    p.catch(() => this.updates.delete(updateId));
    return p;
  }

  submitContribution(_c: string, args: { areaId: string; contribution: ContributionInput; actor: Actor }, updateId: string): Promise<SubmitContributionResult> {
    const area = this.s.areas.find((a) => a.id === args.areaId)!;
    return this.run(
      updateId,
      () => {
        if (area.closed) throw conflict(`"${area.title}" no longer accepts input: collection is closed.`);
        const r = contributionSchemaFor(area).safeParse(args.contribution);
        if (!r.success) throw new CycleError('invalid', 'invalid', r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      },
      () => {
        const at = this.now();
        area.contribution = contributionSchemaFor(area).parse(args.contribution);
        area.revision += 1;
        area.status = 'submitted';
        area.submittedAt = at;
        area.submittedBy = args.actor;
        this.s.events.push({ at, actor: args.actor, action: area.revision === 1 ? 'contribution-submitted' : 'contribution-revised', areaId: area.id });
        this.executed.push({ kind: 'submitContribution', updateId, actor: args.actor });
        return { revision: area.revision, submittedAt: at, stage: 'collecting', recorded: `Input for "${area.title}" recorded (revision ${area.revision}).`, next: 'You may revise it until the coordinator closes collection.' };
      },
    );
  }

  private coordinatorCheck(version: number) {
    const draft = this.s.drafts[this.s.drafts.length - 1];
    if (this.s.stage !== 'drafting') throw conflict(`The cycle 2026 is in stage "${this.s.stage}"; this action belongs to "drafting".`);
    if (!draft || version !== draft.version) throw conflict(`Draft v${version} is no longer current; the current draft is v${draft?.version} (${draft?.status}).`);
  }

  closeCollection(_c: string, args: { actor: Actor }, updateId: string): Promise<UpdateOutcome> {
    return this.run(
      updateId,
      () => {
        if (this.s.stage !== 'collecting') throw conflict(`The cycle 2026 is in stage "${this.s.stage}"; this action belongs to "collecting".`);
      },
      () => {
        this.s.events.push({ at: this.now(), actor: args.actor, action: 'collection-closed' });
        this.executed.push({ kind: 'closeCollection', updateId, actor: args.actor });
        return { stage: 'collecting', recorded: 'Collection is closed.', next: 'The draft report is being assembled; you will receive it by mail.' };
      },
    );
  }

  approveDraft(_c: string, args: ApproveDraftArgs, updateId: string): Promise<UpdateOutcome> {
    return this.run(updateId, () => this.coordinatorCheck(args.version), () => {
      this.s.events.push({ at: this.now(), actor: args.actor, action: 'draft-approved-for-sign-off', version: args.version });
      this.s.drafts.at(-1)!.status = 'in-sign-off';
      this.s.stage = 'sign-off';
      this.executed.push({ kind: 'approveDraft', updateId, actor: args.actor });
      return { stage: 'drafting', recorded: "Draft approved for the directors' sign-off.", next: 'Both directors receive it by mail.' };
    });
  }

  reopenAreas(_c: string, args: ReopenAreasArgs, updateId: string): Promise<UpdateOutcome> {
    return this.run(updateId, () => this.coordinatorCheck(args.version), () => {
      this.s.events.push({ at: this.now(), actor: args.actor, action: 'areas-reopened', version: args.version, detail: `${args.areaIds.join(', ')}: ${args.comment}` });
      this.s.drafts.at(-1)!.status = 'reopened';
      this.s.stage = 'collecting';
      this.executed.push({ kind: 'reopenAreas', updateId, actor: args.actor });
      return { stage: 'drafting', recorded: `Reopened: ${args.areaIds.join('; ')}.`, next: 'Their owners receive the comment by mail.' };
    });
  }

  signOff(_c: string, args: SignOffArgs, updateId: string): Promise<UpdateOutcome> {
    return this.run(
      updateId,
      () => {
        const prior = this.s.decisions.find((d) => d.version === args.version && d.director === args.director);
        if (prior) throw conflict(`${prior.by.name ?? prior.by.email} already decided on draft v${args.version} (${prior.decision}) at ${prior.at}.`);
        if (this.s.stage !== 'sign-off') throw conflict(`The cycle 2026 is in stage "${this.s.stage}"; this action belongs to "sign-off".`);
      },
      () => {
        const at = this.now();
        this.s.decisions.push({ version: args.version, director: args.director, decision: args.decision, comment: args.comment, by: args.actor, at });
        this.s.events.push({ at, actor: args.actor, action: args.decision === 'approve' ? 'draft-approved-by-director' : 'changes-requested-by-director', version: args.version });
        if (args.decision === 'request-changes') {
          this.s.stage = 'drafting';
          this.s.drafts.at(-1)!.status = 'changes-requested';
        }
        this.executed.push({ kind: 'signOff', updateId, actor: args.actor });
        const name = P.directors[args.director].name;
        return args.decision === 'approve'
          ? { stage: 'sign-off', recorded: `${name} approved draft v${args.version}.`, next: 'The other director still has to decide.' }
          : { stage: 'drafting', recorded: `${name} requested changes to draft v${args.version}.`, next: 'The draft returns to the coordinator.' };
      },
    );
  }

  /** Moves the state to drafting with draft versions 1..n (the last in review). */
  toDrafting(n = 1) {
    this.s.stage = 'drafting';
    for (const a of this.s.areas) {
      a.closed = true;
      if (a.status === 'awaiting-input') a.status = 'missing';
    }
    for (let v = this.s.drafts.length + 1; v <= n; v++) {
      this.s.drafts.at(-1) && (this.s.drafts.at(-1)!.status = 'superseded');
      this.s.drafts.push({
        version: v, createdAt: '2026-05-04T09:00:00.000Z', status: 'in-review', changedAreas: [],
        files: [
          { format: 'docx', key: `2026/draft-v${v}/sdp-review-2026-draft-v${v}.docx`, sha256: '0', bytes: 1 },
          { format: 'html', key: `2026/draft-v${v}/sdp-review-2026-draft-v${v}.html`, sha256: '0', bytes: 1 },
        ],
      });
    }
  }

  toSignOff(n = 1) {
    this.toDrafting(n);
    this.s.stage = 'sign-off';
    this.s.drafts.at(-1)!.status = 'in-sign-off';
  }
}

// ---------------------------------------------------------------------------------------------
// Harness

let root: string;
let links: LinkIssuer;
let otherLinks: LinkIssuer;
let clockNow: Date;
let fake: FakeCycles;
let app: FastifyInstance;
let dataDir: string;
let artifactsDir: string;
let sentMails: { purpose: string; to: { name: string; email: string }; subject: string; text: string; html: string }[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-test-'));
  links = createLinkIssuer(await loadLinkSecret(join(root, 'secret-a'), {}), () => BASE, () => clockNow);
  otherLinks = createLinkIssuer(await loadLinkSecret(join(root, 'secret-b'), {}), () => BASE, () => clockNow);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let seq = 0;
async function setup(opts: { capture?: SmtpCapture; realMailer?: string } = {}) {
  clockNow = new Date('2026-04-10T08:00:00Z');
  fake = new FakeCycles();
  dataDir = join(root, `case-${++seq}`);
  artifactsDir = join(dataDir, 'artifacts');
  sentMails = [];
  const mailer = opts.realMailer
    ? createMailer({ smtpUrl: opts.realMailer, from: { name: 'sdp-review', address: 'noreply@example.eu' }, ledgerDir: join(dataDir, 'ledger'), messageIdDomain: 'sdp-review.example.eu' })
    : {
        async send(m: (typeof sentMails)[number]) {
          sentMails.push(m);
          return { messageId: `<${sentMails.length}@test>`, sentAt: new Date().toISOString(), alreadySent: false, recipients: [m.to.email] };
        },
      };
  app = await buildWebServer({ cycles: fake, links, artifactsDir, dataDir, logger: silent, mailer, capture: opts.capture, clock: () => clockNow });
  await app.ready();
  return { close: async () => { await app.close(); if ('close' in mailer) mailer.close(); } };
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

describe('contribution page', () => {
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    ctx = await setup();
    return () => ctx.close();
  });

  it('GET shows the form: UTF-8, lang, Albanian letters exact, a label for every field, no script, no-store', async () => {
    const url = await links.actionUrl(contributionTarget(0, 'al'));
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
    const area = fake.s.areas[0]!;
    area.contribution = contributionSchemaFor(area).parse({ ...loadSampleInput(AREAS[0]!), narrative: 'Takim në Tiranë, shih pikën 3.' });
    area.revision = 2;
    area.submittedAt = '2026-04-09T10:00:00.000Z';
    area.submittedBy = { email: P.areaOwners[area.id]!.eu.email, name: P.areaOwners[area.id]!.eu.name, role: 'area-owner', channel: 'web' };
    const page = (await new Session().get(pathOf((await links.actionUrl(contributionTarget(0, 'al')))!))).body;
    expect(page).toContain('Takim në Tiranë, shih pikën 3.</textarea>');
    expect(page).toContain('revision 2');
    expect(page).toContain('value="ongoing" checked'.replace('ongoing', area.contribution.commitments[0]!.status));
  });

  it('C5: a HEAD and a GET by a scanner (headless user agent, no cookies) change nothing and are logged as views', async () => {
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const before = JSON.stringify(fake.s);
    const scanner = new Session(HEADLESS_UA, '198.51.100.9');
    const head = await scanner.get(path, 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect((await new Session(HEADLESS_UA, '198.51.100.9').get(path)).statusCode).toBe(200);
    expect(JSON.stringify(fake.s)).toBe(before);
    expect(fake.executed).toEqual([]);
    const views = await auditLines('views');
    expect(views.map((v) => v.method)).toEqual(['HEAD', 'GET']);
    expect(views[0]).toMatchObject({ outcome: 'shown', userAgent: HEADLESS_UA, clientAddress: '198.51.100.9', route: '/contribute/:token', step: 'contribution' });
    expect(JSON.stringify(views)).not.toContain(path.split('/').pop());
    expect(await auditLines('decisions')).toEqual([]);
  });

  it('C5: a POST without the page (no cookie, no CSRF token) or with the token of another link is refused, 403', async () => {
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const noCookie = await new Session(HEADLESS_UA).post(path, { op: 'submit', narrative: 'x' });
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.body).toContain('The form could not be verified');
    const s = new Session();
    const other = await s.get(pathOf((await links.actionUrl(contributionTarget(1, 'al')))!));
    await s.get(path);
    const crossed = await s.post(path, contributionForm(0, other.body));
    expect(crossed.statusCode).toBe(403);
    expect(fake.executed).toEqual([]);
    expect((await auditLines('decisions')).every((d) => d.status === 403)).toBe(true);
  });

  it('a form sent without its submit button (a script, a scanner) records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const page = await s.get(path);
    const res = await s.post(path, contributionForm(0, page.body, (f) => delete f.op));
    expect(res.statusCode).toBe(400);
    expect(fake.executed).toEqual([]);
  });

  it('C9: errors are shown next to their fields (aria-describedby), and nothing typed is lost', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
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
    expect(fake.executed).toEqual([]);
  });

  it('records a valid input with who, from which link, address and user agent, and shows what happens next', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const page = await s.get(path);
    const res = await s.post(path, contributionForm(0, page.body));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recorded');
    expect(res.body).toContain('recorded (revision 1)');
    expect(res.body).toContain('What happens next');
    const owner = P.areaOwners[AREAS[0]!.id]!.al;
    const claims = await links.verify(path.split('/').pop()!);
    expect(fake.executed).toHaveLength(1);
    expect(fake.executed[0]!.actor).toEqual({
      email: owner.email, name: owner.name, role: 'area-owner', channel: 'web', linkId: claims.ok ? claims.claims.jti : '', clientAddress: '203.0.113.7', userAgent: PERSON_UA,
    });
    expect(fake.executed[0]!.updateId.startsWith(`${claims.ok && claims.claims.jti}:`)).toBe(true);
    expect(fake.s.areas[0]!.contribution!.deliverables).toHaveLength(2);
    const decisions = await auditLines('decisions');
    expect(decisions.at(-1)).toMatchObject({ outcome: 'recorded', status: 200, method: 'POST' });
  });

  it('C6: the same form posted twice 50 ms apart is recorded once; the second is told when', async () => {
    fake.latencyMs = 120;
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const form = contributionForm(0, (await s.get(path)).body);
    const [first, second] = await Promise.all([s.post(path, form), delay(50).then(() => s.post(path, form))]);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Already recorded');
    expect(second.body).toMatch(/already recorded on \w+day \d+ April 2026, \d\d:\d\d \(Europe\/Brussels\)/);
    expect(fake.executed).toHaveLength(1);
    expect(fake.s.areas[0]!.revision).toBe(1);
  });

  it('a revision from the same link (the page opened again) is recorded, even with the same content', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    expect((await s.post(path, contributionForm(0, (await s.get(path)).body))).statusCode).toBe(200);
    expect((await s.post(path, contributionForm(0, (await s.get(path)).body))).statusCode).toBe(200);
    expect(fake.s.areas[0]!.revision).toBe(2);
  });

  it('"Add more rows" shows more deliverable rows and records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const res = await s.post(path, contributionForm(0, (await s.get(path)).body, (f) => (f.op = 'add-rows')));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="deliverables.4.title"');
    expect(fake.executed).toEqual([]);
  });

  it('C4: a closed area gives 409 with its outcome, on GET and on POST; a finished cycle 410', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(contributionTarget(0, 'al')))!);
    const form = contributionForm(0, (await s.get(path)).body);
    fake.toDrafting(1);
    const get = await s.get(path);
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain('This step is closed');
    expect(get.body).toContain('no longer accepts input');
    const post = await s.post(path, form);
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('Nothing was recorded.');
    fake.s.stage = 'submitted';
    fake.s.submission = { submittedAt: '2026-05-20T10:00:00.000Z', signedVersion: 2, recipients: [], messageId: '<x@y>', files: [] };
    const gone = await s.get(path);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('The 2026 review cycle has finished');
    expect(gone.body).toContain('draft v2');
    expect(fake.executed).toEqual([]);
  });

  it('a tampered token gives 400, another role\'s link on this page 403; nothing changes', async () => {
    const url = (await links.actionUrl(contributionTarget(0, 'al')))!;
    const tampered = url.replace(/\.([A-Za-z0-9_-]{10})/, (_m, x: string) => `.${x.split('').reverse().join('')}`);
    const bad = await new Session().get(pathOf(tampered));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('This link is not valid');
    const signToken = (await links.actionUrl(signOffTarget('eu')))!.split('/').pop()!;
    const wrong = await new Session().get(`/contribute/${signToken}`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('This link is not for this page');
    const s = new Session();
    const page = await s.get(pathOf((await links.actionUrl(signOffTarget('eu')))!));
    expect(page.statusCode).toBe(409); // collecting: no draft in sign-off
    const posted = await s.post(`/contribute/${signToken}`, { _csrf: 'x', op: 'submit' });
    expect([403]).toContain(posted.statusCode);
    expect(fake.executed).toEqual([]);
  });

  it('when Temporal does not answer: 503 at once, never a hang', async () => {
    fake.unavailable = true;
    const started = Date.now();
    const res = await new Session().get(pathOf((await links.actionUrl(contributionTarget(0, 'al')))!));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toContain('The review system is not answering');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('sign-off page', () => {
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    ctx = await setup();
    fake.toSignOff(1);
    return () => ctx.close();
  });

  it('shows a summary of the draft, download links, and the two buttons', async () => {
    const res = await new Session().get(pathOf((await links.actionUrl(signOffTarget('al')))!));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sign-off: draft v1 of the 2026 progress report');
    expect(res.body).toContain(P.directors.al.name); // Gëzim Çobani
    expect(res.body).toContain(`covering ${AREAS.length} areas`);
    expect(res.body).toMatch(/href="http:\/\/sdp\.test\/files\/2026\/draft-v1\/sdp-review-2026-draft-v1\.docx\?exp=\d+&amp;sig=[A-Za-z0-9_-]+"/);
    expect(res.body).toContain('name="decision" value="approve"');
    expect(res.body).toContain('name="decision" value="request-changes"');
  });

  it('C6: two POSTs 50 ms apart record one decision; the second is told who decided and when', async () => {
    fake.latencyMs = 150;
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('al')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: 'Faleminderit — miratuar.', decision: 'approve' };
    const [first, second] = await Promise.all([s.post(path, form), delay(50).then(() => s.post(path, form))]);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`${P.directors.al.name} approved draft v1.`);
    expect(second.statusCode).toBe(409);
    // Told who decided and when: while the first is in flight ("already recorded on …, for …"),
    // or, on a loaded machine where the first finished before the second arrived, by the closed step.
    const who = P.directors.al.name;
    expect(second.body).toMatch(new RegExp(`already recorded on \\w+day[^<]*for ${who}|${who} approved draft v1 on \\w+day`));
    expect(fake.executed.filter((e) => e.kind === 'signOff')).toHaveLength(1);
    expect(fake.s.decisions).toHaveLength(1);
    // the Update id is the link's id
    const claims = await links.verify(path.split('/').pop()!);
    expect(fake.executed[0]!.updateId).toBe(claims.ok && claims.claims.jti);
    // a third use, later: the step shows who decided, and when, from this link
    const later = await s.post(path, form);
    expect(later.statusCode).toBe(409);
    expect(later.body).toContain('A decision was already recorded');
    expect(later.body).toContain(`${P.directors.al.name} approved draft v1 on`);
    expect(later.body).toContain('It was recorded from this link.');
  });

  it('a repeat that reaches the workflow with the same Update id changes nothing (Temporal deduplication)', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('al')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    expect((await s.post(path, form)).statusCode).toBe(200);
    const claims = await links.verify(path.split('/').pop()!);
    const jti = claims.ok ? claims.claims.jti : '';
    const again = await fake.signOff(CYCLE, { version: 1, director: 'al', decision: 'request-changes', comment: 'x', actor: fake.executed[0]!.actor }, jti);
    expect(again.recorded).toContain('approved');
    expect(fake.s.decisions).toHaveLength(1);
  });

  it('request changes needs a comment: 400, the error next to the field, nothing recorded', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('eu')))!);
    const res = await s.post(path, { ...hiddenFields((await s.get(path)).body), comment: '  ', decision: 'request-changes' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="e-comment"');
    expect(res.body).toMatch(/<textarea id="f-comment"[^>]*aria-describedby="[^"]*e-comment/);
    expect(fake.s.decisions).toEqual([]);
  });

  it('a decision the link does not allow, or no decision button, records nothing', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('eu')))!);
    const hiddenF = hiddenFields((await s.get(path)).body);
    expect((await s.post(path, { ...hiddenF, decision: 'reopen' })).statusCode).toBe(400);
    expect((await s.post(path, { ...hiddenF })).statusCode).toBe(400);
    expect(fake.s.decisions).toEqual([]);
  });

  it('C4: after a director sent the draft back for changes, the other\'s link gives 409 with the outcome', async () => {
    const eu = new Session();
    const euPath = pathOf((await links.actionUrl(signOffTarget('eu')))!);
    const euForm = { ...hiddenFields((await eu.get(euPath)).body), comment: '', decision: 'approve' };
    const al = new Session();
    const alPath = pathOf((await links.actionUrl(signOffTarget('al')))!);
    expect((await al.post(alPath, { ...hiddenFields((await al.get(alPath)).body), comment: 'Ju lutem shtoni datat.', decision: 'request-changes' })).statusCode).toBe(200);
    const get = await eu.get(euPath);
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain(`${P.directors.al.name} requested changes to draft v1 on`);
    const post = await eu.post(euPath, euForm);
    expect(post.statusCode).toBe(409);
    expect(post.body).toContain('Nothing was recorded.');
    expect(fake.s.decisions).toHaveLength(1);
  });

  it('C4: a link for an earlier draft version gives 409 naming the current version', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('eu', 1)))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    fake.toSignOff(2);
    const get = await s.get(path);
    expect(get.statusCode).toBe(409);
    expect(get.body).toContain('Draft v1 is no longer current; the current draft is v2');
    expect((await s.post(path, form)).statusCode).toBe(409);
    expect(fake.s.decisions).toEqual([]);
  });

  it('C4: a finished cycle gives 410 with what became of it', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget('eu', 1)))!);
    fake.s.stage = 'cancelled';
    fake.s.cancelled = { reason: 'Dialogue postponed', by: { email: P.coordinator.email, name: P.coordinator.name, role: 'coordinator', channel: 'cli' }, at: '2026-05-01T08:00:00.000Z' };
    const res = await new Session().get(path);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('Dialogue postponed');
  });

  it('a workflow conflict that names who and when is shown in local time', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(signOffTarget('eu')))!);
    const form = { ...hiddenFields((await s.get(path)).body), comment: '', decision: 'approve' };
    // decided through the CLI between the page and the POST, in another process
    fake.s.decisions.push({ version: 1, director: 'eu', decision: 'approve', comment: '', by: { email: P.directors.eu.email, name: P.directors.eu.name, role: 'director', channel: 'cli' }, at: '2026-04-10T07:30:00.000Z' });
    const res = await s.post(path, form);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain(`${P.directors.eu.name} approved draft v1 on Friday 10 April 2026, 09:30 (Europe/Brussels)`);
  });
});

describe('draft review page', () => {
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    ctx = await setup();
    fake.toDrafting(1);
    return () => ctx.close();
  });

  it('shows the version, the downloads, approve and reopen; approving records once', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(1)))!);
    const page = await s.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Draft v1 of the 2026 progress report');
    expect(page.body).toContain('sdp-review-2026-draft-v1.docx');
    expect(page.body).toContain('sdp-review-2026-draft-v1.html');
    const res = await s.post(path, { ...hiddenFields(page.body, 0), action: 'approve' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Draft approved for the directors&#39; sign-off.');
    const again = await s.get(path);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`${P.coordinator.name} approved draft v1 for sign-off on`);
  });

  it('reopen needs areas and a comment: errors next to the fields, choices kept', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(1)))!);
    const page = await s.get(path);
    const res = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: '' , areaIds: [AREAS[1]!.id] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="e-comment"');
    expect(res.body).toContain(`value="${AREAS[1]!.id}" checked`);
    const none = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: 'Shtoni datat.' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="e-areaIds"');
    const ok = await s.post(path, { ...hiddenFields(page.body, 1), action: 'reopen', comment: 'Shtoni datat e ushtrimeve.', areaIds: [AREAS[1]!.id, AREAS[2]!.id] });
    expect(ok.statusCode).toBe(200);
    expect(fake.executed.map((e) => e.kind)).toEqual(['reopenAreas']);
  });

  it('after a request for changes the same link decides again (a new round, a new Update id)', async () => {
    const s = new Session();
    const path = pathOf((await links.actionUrl(reviewTarget(1)))!);
    expect((await s.post(path, { ...hiddenFields((await s.get(path)).body), action: 'approve' })).statusCode).toBe(200);
    fake.s.decisions.push({ version: 1, director: 'al', decision: 'request-changes', comment: 'x', by: { email: P.directors.al.email, role: 'director', channel: 'web' }, at: new Date().toISOString() });
    fake.s.events.push({ at: new Date().toISOString(), actor: { email: P.directors.al.email, role: 'director', channel: 'web' }, action: 'changes-requested-by-director', version: 1 });
    fake.s.stage = 'drafting';
    fake.s.drafts[0]!.status = 'changes-requested';
    const page = await s.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('came back from the directors');
    expect((await s.post(path, { ...hiddenFields(page.body), action: 'approve' })).statusCode).toBe(200);
    expect(fake.executed.map((e) => e.updateId.split(':').pop())).toEqual(['0', '1']);
  });
});

describe('expired links and fresh links', () => {
  let capture: SmtpCapture;
  let ctx: { close: () => Promise<void> };
  beforeEach(async () => {
    capture = await startSmtpCapture({ dir: join(root, `outbox-${randomBytes(4).toString('hex')}`), logger: silent });
    ctx = await setup({ capture, realMailer: capture.url });
    fake.toSignOff(1);
    return async () => {
      await ctx.close();
      await capture.close();
    };
  });

  it('410 with a form to ask for a fresh link, mailed only to the address of the token; the new link works', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget('al')))!);
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
    expect(mail.subject).toBe('New link: the sign-off of draft v1 — 2026 review of the EU–Albania Security and Defence Partnership');
    const fresh = /http:\/\/sdp\.test(\/sign-off\/[A-Za-z0-9_.-]+)/.exec(mail.text)![1]!;
    const opened = await new Session().get(fresh);
    expect(opened.statusCode).toBe(200);
    const v = await links.verify(fresh.split('/').pop()!);
    expect(v.ok && v.claims.replaces).toBeTruthy();
    // a second click is the same request; the limit stops a flood
    expect((await s.post('/fresh-link', { ...form, op: 'fresh-link' })).statusCode).toBe(200);
    expect((await capture.list()).filter((m) => m.subject.startsWith('New link'))).toHaveLength(1);
    expect(await auditLines('decisions')).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: 'fresh-link-sent' })]));
  });

  it('no fresh link for a closed step, a valid link, or a tampered token', async () => {
    const path = pathOf((await links.actionUrl(signOffTarget('al')))!);
    const s = new Session();
    clockNow = new Date('2026-07-02T08:00:00Z');
    const form = hiddenFields((await s.get(path)).body);
    fake.s.stage = 'drafting';
    fake.s.drafts[0]!.status = 'changes-requested';
    fake.s.decisions.push({ version: 1, director: 'eu', decision: 'request-changes', comment: 'x', by: { email: P.directors.eu.email, name: P.directors.eu.name, role: 'director', channel: 'web' }, at: '2026-06-01T08:00:00.000Z' });
    const closed = await s.post('/fresh-link', { ...form, op: 'fresh-link' });
    expect(closed.statusCode).toBe(409);
    const tampered = await s.post('/fresh-link', { ...form, t: `${form.t}x` });
    expect(tampered.statusCode).toBe(403); // the CSRF token is bound to the link's token
    expect(await capture.list()).toEqual([]);
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
    expect((await app.inject({ method: 'GET', url: pathOf(url).replace(/sig=./, 'sig=A') })).statusCode).toBe(400);
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
  it('lists the captured mails newest first, each readable with its links clickable; absent without the capture', async () => {
    const capture = await startSmtpCapture({ dir: join(root, 'outbox-list'), logger: silent });
    const ctx = await setup({ capture });
    try {
      const mailer = createMailer({ smtpUrl: capture.url, from: { name: 'Drejtoria e Çështjeve të Sigurisë – Tiranë', address: 'noreply@example.al' }, ledgerDir: join(dataDir, 'l'), messageIdDomain: 'example.al' });
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

describe('a public base URL with a path (behind a reverse proxy)', () => {
  it('every internal link and form action carries the path', async () => {
    clockNow = new Date('2026-04-10T08:00:00Z');
    const prefixed = createLinkIssuer(await loadLinkSecret(join(root, 'secret-a'), {}), () => 'https://example.eu/sdp', () => clockNow);
    const server = await buildWebServer({ cycles: new FakeCycles(), links: prefixed, artifactsDir: join(root, 'none'), dataDir: join(root, 'prefixed'), logger: silent, secureCookies: true, clock: () => clockNow });
    try {
      const url = (await prefixed.actionUrl(contributionTarget(0)))!;
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

describe('CSRF binding', () => {
  it('the CSRF token is bound to the link: csrfUserInfo differs per token', () => {
    expect(csrfUserInfo('a.b.c')).not.toBe(csrfUserInfo('a.b.d'));
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After and a wait that matches it', async () => {
    const server = await buildWebServer({ cycles: new FakeCycles(), links, artifactsDir: join(root, 'none'), dataDir: join(root, 'limited'), logger: silent, rateLimit: { perMinute: 2 }, clock: () => clockNow });
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
    const server = await buildWebServer({ cycles: new FakeCycles(), links, artifactsDir: join(root, 'none'), dataDir: join(root, 'long-url'), logger: silent, clock: () => clockNow });
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
