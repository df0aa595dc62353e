/**
 * The secretariat's console without Temporal (a fake port, Fastify's inject): behind the
 * dashboard's credentials for every method; the confirmation in Albanian with its letters exact;
 * an Update Temporal does not answer in time is "not yet confirmed", and the page that finds out
 * shows the outcome once there is one; the figures shared with the CLI (domain/consequences.ts);
 * a POST with a field the form does not have is refused, naming it, with what was typed kept; the
 * deputy period's error is worded in Albanian on an Albanian page; an address in a field error reads
 * as it was typed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleInputFromSeeds } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { closeConsequence } from '../../cli/consequences';
import { closeFigures, remindFigures } from '../../domain/consequences';
import { initialState } from '../../domain/cycle';
import { reviewCycleId, type UpdateOutcome } from '../../domain/messages';
import type { Refusal } from '../../domain/outcomes';
import type { ReviewCycleState } from '../../domain/state';
import { FolderStore } from '../../infra/storage';
import { createLinkIssuer, loadLinkSecret } from '../../links';
import { buildWebServer } from '../../web/app';
import type { ConsolePort } from '../../web/console';
import type { CyclePort } from '../../web/plumbing/cycles';
import type { DashboardPort } from '../../web/dashboard/data';
import { calendarDateText } from '../../infra/i18n';
import { coordinator, seeds } from '../helpers/cycle';
import { hiddenFields } from '../helpers/stack';

const YEAR = 2027;
const AUTH = { authorization: `Basic ${Buffer.from('secretariat:correct horse battery').toString('base64')}` };

function cycle(): ReviewCycleState {
  const input = cycleInputFromSeeds({ year: YEAR, kickoffAt: `${YEAR}-03-01T08:00:00.000Z`, seeds, startedBy: coordinator });
  const state = initialState(input, reviewCycleId(YEAR));
  for (const a of state.areas.slice(0, 3)) Object.assign(a, { status: 'submitted', revision: 1 });
  return state;
}

/** A port whose Updates never answer in time, until `answer` is set (then the outcome is known). */
class SlowPort implements ConsolePort {
  state0 = cycle();
  sent: string[] = [];
  answer?: UpdateOutcome;
  async state() {
    return structuredClone(this.state0);
  }
  /** When set, the cycle refuses the Update so. */
  refusal?: Refusal;
  async update(_year: number, _def: unknown, _arg: unknown, updateId: string): Promise<UpdateOutcome> {
    this.sent.push(updateId);
    if (this.refusal) throw new CycleError('invalid', 'refused', [], this.refusal);
    throw new CycleError('unavailable', 'Temporal did not answer in time (deadline exceeded).');
  }
  async outcome(): Promise<UpdateOutcome | undefined> {
    if (!this.answer) throw new CycleError('unavailable', 'the Update has not completed');
    return this.answer;
  }
}

let tmp: string;
let app: FastifyInstance;
let port: SlowPort;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'console-units-'));
  const links = createLinkIssuer(await loadLinkSecret(join(tmp, 'secret'), {}), () => 'http://sdp.test');
  port = new SlowPort();
  const dashboard: DashboardPort = { list: async () => [], state: async () => port.state() };
  app = await buildWebServer({
    cycles: {} as CyclePort, links, store: new FolderStore(join(tmp, 'artifacts')), dataDir: join(tmp, 'data'), logger: pino({ level: 'silent' }),
    dashboard, console: port, dashboardAuth: { user: 'secretariat', password: 'correct horse battery' },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Cookies kept from one answer to the next, like a browser. */
const jar = new Map<string, string>();
function keep<R extends { headers: Record<string, unknown> }>(res: R): R {
  const set = res.headers['set-cookie'];
  for (const c of Array.isArray(set) ? set : set ? [String(set)] : []) {
    const [pair] = String(c).split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return res;
}
const cookie = () => ({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') });
const get = async (url: string, headers = AUTH) => keep(await app.inject({ method: 'GET', url, headers: { ...headers, ...cookie() } }));
const post = async (url: string, form: Record<string, string>, headers = AUTH) =>
  keep(await app.inject({ method: 'POST', url, headers: { ...headers, ...cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }));

describe('the console without Temporal', () => {
  it('asks for the dashboard\'s credentials, for GET and POST alike', async () => {
    expect((await get(`/cycles/${YEAR}/console`, {} as typeof AUTH)).statusCode).toBe(401);
    expect((await post(`/cycles/${YEAR}/console/close`, { op: 'confirm' }, {} as typeof AUTH)).statusCode).toBe(401);
    expect((await get(`/cycles/${YEAR}/console`)).statusCode).toBe(200);
  });

  it('words the confirmation in Albanian with its letters exact, and forbids scripts', async () => {
    const form = await get(`/cycles/${YEAR}/console/close?lang=sq`);
    expect(form.statusCode).toBe(200);
    expect(String(form.headers['content-security-policy'])).toContain("script-src 'none'");
    const review = await post(`/cycles/${YEAR}/console/close`, { ...hiddenFields(form.body), op: 'review' });
    expect(review.statusCode).toBe(200);
    const f = closeFigures(port.state0)!;
    expect(review.body).toContain(`Të mbyllet mbledhja me 3 nga 15 kontribute? 12 fusha do të shënohen si mungesë dhe ${f.owners} përgjegjësit e tyre nuk mund të dërgojnë më.`);
    expect(review.body).not.toMatch(/<script/);
  });

  it('says "not yet confirmed" when Temporal does not answer, and the page that finds out shows the outcome', async () => {
    const form = await get(`/cycles/${YEAR}/console/close?lang=en`);
    const review = await post(`/cycles/${YEAR}/console/close`, { ...hiddenFields(form.body), op: 'review' });
    const sent = await post(`/cycles/${YEAR}/console/close`, { ...hiddenFields(review.body), op: 'confirm' });
    expect(sent.statusCode).toBe(202);
    expect(sent.body).toContain('Not yet confirmed');
    expect(sent.body).not.toContain('Nothing was recorded');
    const updateId = port.sent.at(-1)!;
    expect(updateId).toMatch(new RegExp(`^web-console:${YEAR}:close:[0-9a-f]{12}:[A-Za-z0-9_-]{16}$`));
    const pendingUrl = `/cycles/${YEAR}/console/pending?u=${encodeURIComponent(updateId)}&lang=en`;
    expect(sent.body).toContain(pendingUrl.replace(/&/g, '&amp;'));
    expect((await get(pendingUrl)).statusCode).toBe(202);
    port.answer = { code: 'collection-closed', stage: 'drafting' };
    const found = await get(pendingUrl);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Collection is closed.');
    // Another request's id is not this page's to read.
    expect((await get(`/cycles/${YEAR}/console/pending?u=${encodeURIComponent('cli:close:2027:abc:x')}`)).statusCode).toBe(400);
  });

  it('the CLI words the same figures', () => {
    const f = closeFigures(port.state0)!;
    expect(f).toMatchObject({ inputs: 3, total: 15, waived: 0, missing: 12 });
    expect(closeConsequence(port.state0)).toContain(`Close collection with 3 of 15 inputs? 12 areas will be reported missing, and their ${f.owners} owners can no longer submit`);
    expect(remindFigures(port.state0)?.areas).toHaveLength(12);
  });

  it('refuses a POST with a field the form does not have (400), naming it, keeping what was typed and sending nothing', async () => {
    const sent = port.sent.length;
    const form = await get(`/cycles/${YEAR}/console/waive?lang=en`);
    const typed = { areaId: port.state0.areas[5]!.id, reason: 'Fusha nuk u mblodh këtë vit; «Çështja» mbetet.' };
    const res = await post(`/cycles/${YEAR}/console/waive`, { ...hiddenFields(form.body), op: 'review', ...typed, resaon: 'a misspelt field', 'areaIds': 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('The form sent 2 fields it does not have: «resaon», «areaIds». Nothing was recorded');
    expect(res.body).toContain(typed.reason);
    expect(res.body).toContain(`<option value="${typed.areaId}" selected>`);
    expect(res.body).not.toContain('id="consequence"');
    // The same form without them goes on to its confirmation; in Albanian, the refusal is Albanian.
    const ok = await post(`/cycles/${YEAR}/console/waive`, { ...hiddenFields(res.body), op: 'review', ...typed });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('id="consequence"');
    const sq = await post(`/cycles/${YEAR}/console/waive`, { ...hiddenFields(ok.body), lang: 'sq', op: 'confirm', ...typed, extra: '1' });
    expect(sq.statusCode).toBe(400);
    expect(sq.body).toContain('Formulari dërgoi një fushë që nuk i ka: «extra». Asgjë nuk u regjistrua');
    expect(port.sent.length).toBe(sent);
  });

  it('a refusal by the cycle that names a field shows it on that field, and says once that nothing was recorded', async () => {
    const typed = { areaId: port.state0.areas[5]!.id, reason: 'Fusha nuk u mblodh këtë vit.' };
    const review = await post(`/cycles/${YEAR}/console/waive`, { ...hiddenFields((await get(`/cycles/${YEAR}/console/waive?lang=en`)).body), op: 'review', ...typed });
    expect(review.statusCode).toBe(200);
    port.refusal = { code: 'unknown-area', field: 'areaId', areaId: typed.areaId, known: [] };
    try {
      const res = await post(`/cycles/${YEAR}/console/waive`, { ...hiddenFields(review.body), op: 'confirm', ...typed });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('<p class="error-message" id="e-areaId">');
      expect(res.body).toContain('Please correct the fields marked below.');
      expect(res.body.split('Nothing was recorded').length - 1).toBe(1);
      expect(res.body).toContain(typed.reason);
    } finally {
      port.refusal = undefined;
    }
  });

  it('an area the cycle does not have (a form posted by hand) is refused at its field, 400, for waive and remind alike', async () => {
    const sent = port.sent.length;
    for (const [action, field, value] of [['waive', 'areaId', 'nope'], ['remind', 'areaIds', 'nope']] as const) {
      const form = await get(`/cycles/${YEAR}/console/${action}?lang=en`);
      const res = await post(`/cycles/${YEAR}/console/${action}`, { ...hiddenFields(form.body), op: 'review', [field]: value, ...(action === 'waive' ? { reason: 'Një arsye.' } : {}) });
      expect(res.statusCode, action).toBe(400);
      expect(res.body).toContain(`<p class="error-message" id="e-${field}">`);
      expect(res.body).toContain('There is no area &quot;nope&quot; in this cycle');
      expect(res.body).not.toContain('nobody to remind');
    }
    expect(port.sent.length).toBe(sent);
  });

  it('words the deputy period\'s error in the page\'s language, naming the first day', async () => {
    const al = port.state0.directors.al;
    const typed = { principal: al.email, mode: 'name', 'deputy.name': 'Besnik Çollaku', 'deputy.email': 'b.collaku@mfa.gov.al', 'deputy.organisation': 'Ministria për Evropën dhe Punët e Jashtme', from: '2027-03-10', until: '2027-03-05' };
    for (const [lang, sentence] of [['sq', 'Nuk mund të jetë para ditës së parë, '], ['en', 'Must not be before the first day, ']] as const) {
      const form = await get(`/cycles/${YEAR}/console/deputy?lang=${lang}`);
      const res = await post(`/cycles/${YEAR}/console/deputy`, { ...hiddenFields(form.body), op: 'review', ...typed });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(`<p class="error-message" id="e-until">`);
      expect(res.body).toContain(`${sentence}${calendarDateText('2027-03-10', lang)}.`);
      expect(res.body).toContain('Besnik Çollaku');
    }
  });

  it('shows an address in a field error as it was typed, never capitalised', async () => {
    const { al } = port.state0.directors;
    for (const address of [al.email, al.email.toUpperCase()]) {
      const form = await get(`/cycles/${YEAR}/console/reassign?lang=en`);
      const res = await post(`/cycles/${YEAR}/console/reassign`, {
        ...hiddenFields(form.body), op: 'review', role: 'director:eu', 'to.name': al.name, 'to.email': address, 'to.organisation': 'Ministria për Evropën dhe Punët e Jashtme', reason: 'Një provë.',
      });
      expect(res.statusCode).toBe(400);
      const error = /<p class="error-message" id="e-to-email">([\s\S]*?)<\/p>/.exec(res.body)?.[1] ?? '';
      expect(error).toContain(`${address} is the Albanian director; one person cannot hold both roles in the sign-off.`);
      const capitalised = `${address.charAt(0).toUpperCase()}${address.slice(1)}`;
      if (capitalised !== address) expect(res.body).not.toContain(capitalised);
    }
  });
});
