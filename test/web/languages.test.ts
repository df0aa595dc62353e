/**
 * Every page in its reader's language, without Temporal: a link carries its recipient's language
 * (the `lang` claim), so an Albanian-side person's page opens in Albanian; the switch in the header
 * shows it in English, keeps everything typed in a form (a POST of the form that records
 * nothing), and is remembered for that link; pages of no link follow the browser; the dashboard,
 * the outbox's frame, the errors and the refusals are worded in Albanian too, with areas by their
 * Albanian titles and no internal id. Through Fastify's `inject`, with a fake cycle port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FolderStore } from '../../infra/storage';
import type { LinkTarget } from '../../activities/mail/links';
import type { CycleSummary } from '../../client/cycles';
import type { CycleEvent } from '../../domain/events';
import type { AreaState, ReviewCycleState } from '../../domain/state';
import { createLinkIssuer, loadLinkSecret, type LinkIssuer } from '../../links';
import { loadSampleInput, loadSeeds } from '../../seeds';
import { buildWebServer } from '../../web/app';
import type { DashboardPort } from '../../web/dashboard/data';
import type { CyclePort } from '../../web/plumbing/cycles';
import { en, sq } from '../../web/texts';

const BASE = 'http://sdp.test';
const NOW = new Date('2026-05-12T10:00:00Z');
const seeds = loadSeeds();
const AREAS = seeds.areas.slice(0, 3);
const P = seeds.participants;
const CYCLE = 'review-cycle-2026';
const DUE = '2026-05-29T21:59:59.999Z';

/** A 2026 cycle with its three areas open (the first submitted) and draft v2 in sign-off. */
function state(stage: 'collecting' | 'sign-off'): ReviewCycleState {
  const events: CycleEvent[] = [
    { at: '2026-04-01T08:00:01.000Z', actor: { email: 'system@sdp-review.invalid', role: 'system', channel: 'system' }, action: 'mail-sent', mail: { kind: 'action-confirmation', to: P.directors.al.email, messageId: '<1@x>' } },
    { at: '2026-05-06T09:05:00.000Z', actor: { email: 'system@sdp-review.invalid', role: 'system', channel: 'system' }, action: 'draft-assembled', version: 2, areaIds: [AREAS[0]!.id] },
  ];
  const files = [
    { format: 'docx' as const, key: '2026/draft-v2/sdp-review-2026-draft-v2.docx', sha256: '0', bytes: 1 },
    { format: 'summary-docx' as const, key: '2026/draft-v2/sdp-review-2026-draft-v2-summary-sq.docx', sha256: '0', bytes: 1 },
  ];
  return {
    workflowId: CYCLE, year: 2026, stage, timeZone: 'Europe/Brussels', kickoffAt: '2026-04-01T08:00:00.000Z', inputsDueAt: DUE, submissionDueAt: '2026-06-30T21:59:59.999Z',
    coordinator: P.coordinator, directors: P.directors, saCouncilSecretariat: P.saCouncilSecretariat,
    areas: AREAS.map((a, i): AreaState => ({
      ...a, owners: P.areaOwners[a.id]!, status: i === 0 ? 'submitted' : 'awaiting-input', closed: stage !== 'collecting', dueAt: DUE, revision: i === 0 ? 1 : 0,
      ...(i === 0 ? { submittedAt: '2026-04-10T09:00:00.000Z', contribution: loadSampleInput(a) as AreaState['contribution'] } : {}),
    })),
    drafts: stage === 'sign-off' ? [{ version: 2, createdAt: '2026-05-06T09:05:00.000Z', status: 'in-sign-off', files, changedAreas: [AREAS[0]!.id] }] : [],
    decisions: [], events, stageDueAt: DUE,
  };
}

let current: ReviewCycleState;
let recorded = 0;
const cycles: CyclePort = {
  state: async () => structuredClone(current),
  input: async (area) => area.contribution,
  submitContribution: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  closeCollection: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  approveDraft: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  setSynthesis: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  reopenAreas: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  signOff: async () => { recorded++; throw new Error('nothing is recorded in this test'); },
  updateOutcome: async () => undefined,
};
const dashboard: DashboardPort = {
  list: async () => [{ workflowId: CYCLE, year: 2026, stage: 'sign-off', status: 'RUNNING', startTime: '2026-04-01T08:00:00.000Z' } satisfies CycleSummary],
  state: async () => structuredClone(current),
};

let tmp: string;
let links: LinkIssuer;
let app: FastifyInstance;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'languages-test-'));
  links = createLinkIssuer(await loadLinkSecret(join(tmp, 'secret'), {}), () => BASE, () => NOW);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
});

async function server(stage: 'collecting' | 'sign-off') {
  current = state(stage);
  recorded = 0;
  app = await buildWebServer({ cycles, links, dashboard, store: new FolderStore(join(tmp, 'artifacts')), dataDir: join(tmp, 'data'), logger: pino({ level: 'silent' }), clock: () => NOW });
  await app.ready();
}

/** A browser tab: keeps cookies by name and path, as a browser sends them back. */
class Tab {
  cookies: { name: string; value: string; path: string }[] = [];
  constructor(readonly acceptLanguage?: string) {}
  private header(url: string) {
    const path = url.split('?')[0]!;
    const sent = this.cookies.filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/');
    return { ...(sent.length ? { cookie: sent.map((c) => `${c.name}=${c.value}`).join('; ') } : {}), ...(this.acceptLanguage ? { 'accept-language': this.acceptLanguage } : {}) };
  }
  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; path?: string }[]) {
      this.cookies = [...this.cookies.filter((x) => !(x.name === c.name && x.path === (c.path ?? '/'))), { name: c.name, value: c.value, path: c.path ?? '/' }];
    }
    return res;
  }
  async get(url: string) {
    return this.keep(await app.inject({ method: 'GET', url, headers: this.header(url) }));
  }
  async post(url: string, form: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(await app.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.header(url) } }));
  }
}

const pathOf = (url: string) => url.slice(BASE.length);
const hidden = (page: string) => Object.fromEntries([...page.split('<form').at(-1)!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
const visibleText = (page: string) => page.replace(/<[^>]+>/g, ' ');

const signOffTarget = (recipient: LinkTarget['recipient']): LinkTarget => ({ step: 'sign-off', cycleId: CYCLE, version: 2, director: 'al', recipient, role: 'director', expiresAt: '2026-06-30T21:59:59.999Z' });
const contributionTarget = (i: number): LinkTarget => ({ step: 'contribution', cycleId: CYCLE, areaId: AREAS[i]!.id, recipient: P.areaOwners[AREAS[i]!.id]!.al, role: 'area-owner', side: 'al', expiresAt: '2026-06-30T21:59:59.999Z' });

describe('links carry the language of their recipient', () => {
  it('an Albanian-side person’s link says `lang: sq`; an English reader’s link is as before, with no `lang`', () => {
    expect(links.claimsFor(signOffTarget(P.directors.al)).lang).toBe('sq');
    expect(links.claimsFor(signOffTarget({ name: 'X', email: 'x@example.al', side: 'al' })).lang).toBe('sq'); // by side
    expect(links.claimsFor(signOffTarget(P.directors.eu))).not.toHaveProperty('lang');
    expect(links.claimsFor(signOffTarget({ name: P.directors.al.name, email: P.directors.al.email }))).not.toHaveProperty('lang'); // mailed before languages
    expect(links.claimsFor(signOffTarget({ ...P.directors.al, language: 'en' }))).not.toHaveProperty('lang'); // an Albanian who reads English
  });
});

describe('the Albanian director’s sign-off page', () => {
  it('opens in Albanian, switches to English keeping the comment and recording nothing, and remembers it for the link', async () => {
    await server('sign-off');
    const url = pathOf((await links.actionUrl(signOffTarget(P.directors.al)))!);
    const tab = new Tab();
    const page = await tab.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="sq">');
    expect(page.body).toContain('<h1>Miratimi: drafti v2 i raportit të progresit 2026</h1>');
    expect(page.body).toContain('Ju vendosni për këtë draft si bashkëkryesues nga pala shqiptare i Dialogut për Sigurinë dhe Mbrojtjen (Gëzim Çobani).');
    expect(page.body).toContain('përmbledhja e tij në shqip është ndër shkarkimet');
    for (const a of AREAS) expect(page.body).toContain(`<th scope="row">${a.titleSq}</th>`);
    expect(page.body).toContain('Përmbledhja në shqip për Word (.docx): sdp-review-2026-draft-v2-summary-sq.docx');
    expect(page.body).toContain('29 maj 2026 (e premte), ora 23:59 (Europe/Brussels)');
    expect(page.body).toContain('<button type="submit" form="page-form" name="switch-lang" value="en" formnovalidate lang="en"');
    for (const a of AREAS) expect(visibleText(page.body)).not.toContain(a.id);

    const comment = 'Ju lutem shtoni datat e ushtrimeve në Durrës & «Tiranë».';
    const switched = await tab.post(url, { ...hidden(page.body), comment, 'switch-lang': 'en' });
    expect(switched.statusCode).toBe(200);
    expect(switched.body).toContain('<html lang="en">');
    expect(switched.body).toContain('<h1>Sign-off: draft v2 of the 2026 progress report</h1>');
    expect(switched.body).toContain(`${'Ju lutem shtoni datat e ushtrimeve në Durrës &amp; «Tiranë».'}</textarea>`);
    expect(switched.body).toContain('<input type="hidden" name="lang" value="en">');
    expect(switched.body).toContain('value="sq" formnovalidate lang="sq"');
    expect(recorded).toBe(0);
    const cookie = (switched.cookies as { name: string; value: string; path?: string; httpOnly?: boolean }[]).find((c) => c.name === 'sdp_link_lang')!;
    expect(cookie).toMatchObject({ value: 'en', path: url, httpOnly: true });

    expect((await tab.get(url)).body).toContain('<html lang="en">');
    expect((await new Tab().get(url)).body).toContain('<html lang="sq">'); // another browser: the link's own language
  });
});

describe('an Albanian owner’s form', () => {
  it('shows the area and each commitment in Albanian with the English original one click away', async () => {
    await server('collecting');
    const page = await new Tab().get(pathOf((await links.actionUrl(contributionTarget(1)))!));
    const area = AREAS[1]!;
    expect(page.body).toContain(`<h1>Kontributi për «${area.titleSq}»</h1>`);
    expect(page.body).toContain(`<p class="muted" lang="en">${area.title}</p>`);
    for (const c of area.commitments) {
      expect(page.body).toContain(`<legend>§${c.paragraph} — ${c.wordingSq}</legend>`);
      expect(page.body).toContain(`<details><summary>Origjinali në anglisht dhe teksti i Partneritetit</summary><div lang="en"><p>Fusha: ${area.title}</p><p>Angazhimi: ${c.wording.replace(/'/g, '&#39;')}</p>`);
    }
    expect(page.body).toContain('<label><input type="radio" name="commitments.0.status" value="achieved"');
    expect(page.body).toContain(' I përmbushur</label>');
  });

  it('gives a field error in Albanian next to its field, and switches to English with every field kept', async () => {
    await server('collecting');
    const url = pathOf((await links.actionUrl(contributionTarget(1)))!);
    const tab = new Tab();
    const form: Record<string, string> = {
      ...hidden((await tab.get(url)).body), op: 'submit', narrative: '', nextSteps: 'Takimi i ardhshëm në Korçë.',
      'commitments.0.status': 'achieved', 'commitments.0.comment': 'Takime në Tiranë; «Çështjet» u trajtuan.',
      'deliverables.0.title': 'Trajnim në Shkodër', 'deliverables.0.status': 'delivered', 'deliverables.0.date': '2026-03-02', 'deliverables.0.description': 'Dy ditë',
    };
    const refused = await tab.post(url, form);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<html lang="sq">');
    expect(refused.body).toContain('Kontributi nuk u regjistrua.');
    expect(refused.body).toContain('<p class="error-message" id="e-narrative"><span>Gabim:</span> Kjo fushë është e detyrueshme.</p>');
    expect(refused.body).toContain('aria-describedby="f-narrative-hint e-narrative"');

    const { op: _op, ...typed } = form;
    const switched = await tab.post(url, { ...typed, ...hidden(refused.body), 'switch-lang': 'en' });
    expect(switched.statusCode).toBe(200);
    expect(switched.body).toContain(`<h1>Input for «${AREAS[1]!.title}»</h1>`);
    expect(switched.body).toContain('Takimi i ardhshëm në Korçë.</textarea>');
    expect(switched.body).toContain('Takime në Tiranë; «Çështjet» u trajtuan.</textarea>');
    expect(switched.body).toMatch(/name="commitments\.0\.status" value="achieved"[^>]*checked/);
    expect(switched.body).toContain('name="deliverables.0.title" value="Trajnim në Shkodër"');
    expect(switched.body).toContain('name="deliverables.0.date" value="2026-03-02"');
    expect(switched.body).toMatch(/<option value="delivered" selected>Delivered<\/option>/);
    expect(switched.body).toContain('Dy ditë</textarea>');
    expect(switched.body).not.toContain('error-message'); // switching is not a submission
    expect(recorded).toBe(0);
  });
});

describe('pages of no link, errors and refusals', () => {
  it('follow the browser’s language, and switch with a link that does not echo the address', async () => {
    await server('sign-off');
    const home = await new Tab('sq-AL,sq;q=0.9,en;q=0.8').get('/');
    expect(home.body).toContain('<html lang="sq">');
    expect(home.body).toContain('<h1>Partneriteti BE–Shqipëri për Sigurinë dhe Mbrojtjen: rishikimi vjetor</h1>');
    expect(home.body).toContain('<a href="?lang=en" hreflang="en" lang="en"');
    expect((await new Tab('en-GB,en;q=0.9').get('/')).body).toContain('<html lang="en">');

    const missing = await new Tab('sq').get('/nowhere/secret-token-123');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>Faqja nuk u gjet</h1>');
    expect(missing.body).not.toContain('secret-token-123');
  });

  it('the dashboard in Albanian: headings, areas by their Albanian titles, events by what they are, the choice remembered for the site', async () => {
    await server('sign-off');
    const tab = new Tab();
    const page = await tab.get('/cycles/2026?lang=sq');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="sq">');
    expect(page.body).toContain('<h1>Cikli i rishikimit 2026</h1>');
    expect(page.body).toContain('Historiku i ngjarjeve');
    for (const a of AREAS) expect(page.body).toContain(a.titleSq);
    expect(page.body).toContain('konfirmim te gezim.cobani@example.al');
    expect(page.body).toContain(`ndryshuan: ${AREAS[0]!.titleSq}`);
    expect(page.body).not.toContain('action-confirmation');
    expect(page.cookies).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'sdp_lang', value: 'sq', path: '/' })]));
    const live = JSON.parse((await tab.get('/cycles/2026/live')).body) as { parts: Record<string, string> };
    expect(live.parts.summary).toContain('Përmbledhje');
  });

  it('word refusals and outcomes in Albanian, areas by their Albanian titles', () => {
    const area = { id: AREAS[2]!.id, title: AREAS[2]!.title };
    expect(sq.outcomes.refusal({ code: 'area-not-accepting', area, status: 'missing', revision: 0 }, 'Europe/Brussels')).toBe(`«${AREAS[2]!.titleSq}» nuk pranon më kontribute: mbledhja e kontributeve është mbyllur.`);
    expect(en.outcomes.refusal({ code: 'area-not-accepting', area, status: 'missing', revision: 0 }, 'Europe/Brussels')).toBe(`"${area.title}" no longer accepts input: collection is closed.`);
    expect(sq.outcomes.refusal({ code: 'wrong-stage', year: 2026, stage: 'drafting', allowed: ['collecting', 'sign-off'] }, 'Europe/Brussels')).toBe(
      'Cikli 2026 është në fazën «hartimi i draftit»; ky veprim i përket fazës «mbledhja e kontributeve» ose «miratimi nga drejtorët».',
    );
    expect(sq.outcomes.recorded({ code: 'contribution-recorded', area, revision: 2, submittedAt: NOW.toISOString(), late: true })).toBe(`Kontributi për «${AREAS[2]!.titleSq}» u regjistrua (rishikimi 2), pas afatit.`);
    expect(sq.errors.tooMany(61)).toBe('Ju lutemi prisni 2 minuta dhe provoni sërish.');
    expect(sq.errors.tooMany(30)).toBe('Ju lutemi prisni një minutë dhe provoni sërish.');
  });
});
