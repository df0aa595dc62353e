/**
 * Test support for the web server's integration and browser tests (test/web-flow.test.ts,
 * test/browser.test.ts): a whole embedded stack on free ports in a temporary folder, seeds cut
 * down to a few areas, an HTTP session that keeps cookies like a browser, and helpers to read
 * links out of captured mails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startCycle } from '../../client/cycles';
import type { Seeds } from '../../seeds';
import { loadSeeds } from '../../seeds';
import { loadConfig, openStore, type AppConfig } from '../../infra/config';
import { readStoredContribution } from '../../client/contributions';
import type { Contribution } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import { portIsFree } from '../../infra/dev-server';
import type { CapturedMail, SmtpCapture } from '../../infra/smtp-capture';
import { startStack, type Stack } from '../../run/stack';
import { startWebServer } from '../../web';

/** Two free ports for the embedded Temporal (frontend, UI), at random in 7300–7999. */
export async function freeTemporalPorts(): Promise<{ temporalPort: number; temporalUiPort: number }> {
  for (let i = 0; i < 50; i++) {
    const port = 7300 + Math.floor(Math.random() * 350) * 2;
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return { temporalPort: port, temporalUiPort: port + 1 };
  }
  throw new Error('no two free ports in 7300–7999');
}

/** The seeds with only the first `n` areas (and their owners), so a test cycle is quick. */
export function smallSeeds(n: number, seeds: Seeds = loadSeeds()): Seeds {
  const areas = seeds.areas.slice(0, n);
  const areaOwners = Object.fromEntries(areas.map((a) => [a.id, seeds.participants.areaOwners[a.id]!]));
  return { ...seeds, areas, participants: { ...seeds.participants, areaOwners } };
}

export interface TestStack {
  stack: Stack;
  config: AppConfig;
  capture: SmtpCapture;
  webUrl: string;
  seeds: Seeds;
  year: number;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Brings up the embedded stack (Temporal dev server, SMTP capture, worker, web server on a free
 * port) in a fresh temporary folder, and starts the `year` cycle on `areas` areas of the seeds.
 */
export async function startTestStack(opts: { areas?: number; year?: number; prefix?: string } = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), opts.prefix ?? 'sdp-web-'));
  delete process.env.TEMPORAL_ADDRESS;
  const config = loadConfig({ SDP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const silent = pino({ level: 'silent' });
  const stack = await startStack({ config, embeddedTemporal: true, ...(await freeTemporalPorts()), web: (parts) => startWebServer(parts, { logger: silent, env: {} }) });
  const seeds = smallSeeds(opts.areas ?? 2);
  const year = opts.year ?? 2026;
  const c = seeds.participants.coordinator;
  await startCycle(stack.client, { year, seeds, startedBy: { email: c.email, name: c.name, role: 'coordinator', channel: 'system' } });
  return {
    stack,
    config,
    capture: stack.smtp.capture!,
    webUrl: stack.webUrl!,
    seeds,
    year,
    dataDir,
    async close() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * The page of `url` in `lang`, as its language switch (`href="?lang=en"`) leads to it: for a test
 * that reads an Albanian reader's page in English (the choice is then remembered for the link).
 */
export function inLanguage(url: string, lang: 'en' | 'sq'): string {
  return `${url.split('?')[0]}?lang=${lang}`;
}

/** The first URL in a mail's text that starts with `prefix` (e.g. `${webUrl}/sign-off/`). */
export function linkIn(mail: CapturedMail, prefix: string): string {
  const found = mail.text.match(/https?:\/\/[^\s<>"]+/g)?.find((u) => u.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in mail "${mail.subject}"`);
  return found;
}

/** An HTTP client that keeps cookies, like a browser tab. */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0') {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'user-agent': this.userAgent, ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}), ...extra };
  }

  private keep(res: Response): Response {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return res;
  }

  async request(method: 'GET' | 'HEAD', url: string): Promise<{ status: number; body: string; headers: Headers }> {
    const res = this.keep(await fetch(url, { method, headers: this.headers(), redirect: 'manual', signal: AbortSignal.timeout(30_000) }));
    return { status: res.status, body: method === 'HEAD' ? '' : await res.text(), headers: res.headers };
  }

  async post(url: string, form: Record<string, string | string[]>): Promise<{ status: number; body: string; headers: Headers }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = this.keep(
      await fetch(url, { method: 'POST', body, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }), redirect: 'manual', signal: AbortSignal.timeout(30_000) }),
    );
    return { status: res.status, body: await res.text(), headers: res.headers };
  }
}

/** The hidden fields of form number `index` of a page (CSRF token, render id, rows). */
export function hiddenFields(page: string, index = 0): Record<string, string> {
  const form = page.split('<form').slice(1)[index] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

/** The latest input of `area` as the cycle recorded it: read from the stack's store by reference. */
export async function recordedInput(t: TestStack, area: AreaState): Promise<Contribution> {
  if (!area.input) throw new Error(`area ${area.id} has no input by reference (revision ${area.revision})`);
  return readStoredContribution(openStore(t.config), area.input);
}
