/**
 * The pages that keep what a person did, in the reader's language, without Temporal (a fake cycle
 * port with a fixed state in sign-off): the Albanian director's form whose CSRF check failed comes
 * back in Albanian with the comment and a fresh token; a comment that arrived damaged is an error
 * next to it; a decision Temporal did not answer in time is "not yet confirmed" (202), and the page
 * that finds out shows the outcome, or "not recorded", in Albanian; a form posted to a closed step,
 * or while the state cannot be read, gets its refusal with what was typed, to copy. The same on
 * real workflows, in English, is in nothing-lost.test.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import escapeHtml from 'escape-html';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CycleError } from '../../client/errors';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { ReviewCycleState } from '../../domain/state';
import type { LinkTarget } from '../../activities/mail/links';
import { FolderStore } from '../../infra/storage';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { loadSeeds } from '../../seeds';
import { buildWebServer } from '../../web/app';
import type { CyclePort } from '../../web/plumbing/cycles';
import { sq } from '../../web/texts';

const BASE = 'http://sdp.test';
const NOW = new Date('2026-05-12T10:00:00Z');
const seeds = loadSeeds();
const P = seeds.participants;
const CYCLE = 'review-cycle-2026';
const DUE = '2026-05-29T21:59:59.999Z';

/** A 2026 cycle with two areas in and draft v1 in sign-off. */
const STATE: ReviewCycleState = {
  workflowId: CYCLE, year: 2026, stage: 'sign-off', timeZone: 'Europe/Brussels', kickoffAt: '2026-04-01T08:00:00.000Z', inputsDueAt: DUE, submissionDueAt: '2026-06-30T21:59:59.999Z',
  coordinator: P.coordinator, directors: P.directors, saCouncilSecretariat: P.saCouncilSecretariat,
  areas: seeds.areas.slice(0, 2).map((a) => ({ ...a, owners: P.areaOwners[a.id]!, status: 'submitted', closed: true, dueAt: DUE, revision: 1 })),
  drafts: [{ version: 1, createdAt: '2026-05-06T09:05:00.000Z', status: 'in-sign-off', files: [], changedAreas: [] }],
  decisions: [], events: [], stageDueAt: DUE,
};

/** What the fake Temporal answers: the sign-off Update does not answer in time; its outcome is what `outcome` says. */
let outcome: UpdateOutcome | undefined | 'pending';
let sent = 0;
/** While set, the state cannot be read (Temporal not answering). */
let stateFails = false;
const cycles: CyclePort = {
  state: async () => {
    if (stateFails) throw new CycleError('unavailable', `${CYCLE}: Temporal did not answer in time (deadline exceeded).`);
    return structuredClone(STATE);
  },
  input: async () => undefined,
  submitContribution: () => Promise.reject(new Error('not in this test')),
  closeCollection: () => Promise.reject(new Error('not in this test')),
  approveDraft: () => Promise.reject(new Error('not in this test')),
  setSynthesis: () => Promise.reject(new Error('not in this test')),
  reopenAreas: () => Promise.reject(new Error('not in this test')),
  signOff: async () => {
    sent++;
    throw new CycleError('unavailable', `${CYCLE}: Temporal did not answer in time (Deadline exceeded).`);
  },
  updateOutcome: async () => {
    if (outcome === 'pending') throw new CycleError('unavailable', 'not completed yet');
    return outcome;
  },
};

let tmp: string;
let links: LinkIssuer;
let app: FastifyInstance;
let path: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'kept-units-'));
  links = createLinkIssuer(await loadLinkSecret(join(tmp, 'secret'), {}), () => BASE, () => NOW);
  app = await buildWebServer({ cycles, links, store: new FolderStore(join(tmp, 'artifacts')), dataDir: join(tmp, 'data'), logger: pino({ level: 'silent' }), clock: () => NOW });
  await app.ready();
  const target: LinkTarget = { step: 'sign-off', cycleId: CYCLE, version: 1, director: 'al', recipient: P.directors.al, role: 'director', expiresAt: '2026-06-30T21:59:59.999Z' };
  path = (await links.actionUrl(target))!.slice(BASE.length);
});
afterAll(async () => {
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** One browser tab's cookies (all on `/` here but the language cookie, which these tests do not set). */
class Tab {
  cookies = new Map<string, string>();
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    return res;
  }
  private get cookie() {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  async get(url: string) {
    return this.keep(await app.inject({ method: 'GET', url, headers: this.cookie }));
  }
  async post(url: string, payload: Record<string, string> | string) {
    const body = typeof payload === 'string' ? payload : new URLSearchParams(payload).toString();
    return this.keep(await app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookie } }));
  }
}
const hidden = (page: string) => Object.fromEntries([...page.split('<form').at(-1)!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));

const COMMENT = 'Kërkoj ndryshime në kapitullin për «Çështjet hibride»: shtoni të dhënat e Shkodrës dhe Korçës.';

describe('the Albanian director’s sign-off', () => {
  it('a failed CSRF check shows the form again in Albanian with the comment and a fresh token, and records nothing', async () => {
    const tab = new Tab();
    const form = hidden((await tab.get(path)).body);
    const res = await tab.post(path, { ...form, _csrf: 'nga-një-skedë-e-rikthyer', comment: COMMENT, decision: 'request-changes' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html lang="sq">');
    expect(res.body).toContain(escapeHtml(sq.errors.csrfKept));
    expect(res.body).toContain(`${escapeHtml(COMMENT)}</textarea>`);
    expect(hidden(res.body)._csrf).not.toBe(form._csrf);
    expect(sent).toBe(0);
  });

  it('a comment that arrived damaged is an error next to it, in Albanian; nothing is sent', async () => {
    const tab = new Tab();
    const form = new URLSearchParams(hidden((await tab.get(path)).body)).toString();
    const res = await tab.post(path, `${form}&decision=request-changes&comment=Shkodr%C3%AB%20%C3%28`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Shkodrë %C3(</textarea>');
    expect(res.body).toContain('mbërriti e dëmtuar');
    expect(sent).toBe(0);
  });

  it('a decision Temporal did not answer in time is "not yet confirmed"; the page that finds out shows the outcome', async () => {
    const tab = new Tab();
    const form = hidden((await tab.get(path)).body);
    outcome = 'pending';
    const res = await tab.post(path, { ...form, decision: 'approve', comment: '' });
    expect(res.statusCode).toBe(202);
    expect(res.body).toContain(escapeHtml(sq.pending.title));
    expect(res.body).not.toContain(escapeHtml(sq.nothingRecorded));
    const poll = /url=([^"]+)"/.exec(res.body)![1]!.replace(/&amp;/g, '&');
    expect(poll).toMatch(/^\/pending\/.+\?u=[^&]+&lang=sq$/);
    expect((await tab.get(poll)).statusCode).toBe(202);
    outcome = { code: 'director-decided', version: 1, director: 'al', decision: 'approve', directorName: P.directors.al.name, otherDirectorName: P.directors.eu.name, bothApproved: false, stage: 'sign-off' };
    const done = await tab.get(poll);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(escapeHtml(sq.result.title));
    expect(done.body).toContain(escapeHtml(sq.outcomes.recorded(outcome)));
    outcome = undefined;
    const none = await tab.get(poll);
    expect(none.body).toContain(escapeHtml(sq.pending.notRecordedTitle));
    expect(sent).toBe(1);
  });
});

describe('a refused POST keeps what was typed', () => {
  it('an input posted to a closed area (409) or while Temporal does not answer (503): the page shows the text to copy', async () => {
    const area = seeds.areas[0]!;
    const target: LinkTarget = { step: 'contribution', cycleId: CYCLE, areaId: area.id, recipient: P.areaOwners[area.id]!.al, role: 'area-owner', side: 'al', expiresAt: '2026-06-30T21:59:59.999Z' };
    const contribute = (await links.actionUrl(target))!.slice(BASE.length);
    const narrative = 'Viti solli dy takime në Tiranë; «Çështjet» u trajtuan nga Ëngjëll Çela.';
    const closed = await new Tab().post(contribute, { _csrf: 'x', op: 'submit', narrative, 'commitments.0.comment': 'Koment për Korçën.' });
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain(escapeHtml(sq.errors.keptHeading));
    expect(closed.body).toContain(`${escapeHtml(narrative)}</textarea>`);
    expect(closed.body).toContain('Koment për Korçën.</textarea>');
    expect(closed.body).toContain(escapeHtml(sq.contribution.narrative)); // labelled as on the form
    stateFails = true;
    try {
      const unanswered = await new Tab().post(path, { _csrf: 'x', decision: 'request-changes', comment: COMMENT });
      expect(unanswered.statusCode).toBe(503);
      expect(unanswered.body).toContain(`${escapeHtml(COMMENT)}</textarea>`);
    } finally {
      stateFails = false;
    }
    expect(sent).toBe(1); // the one of the test above
  });
});
