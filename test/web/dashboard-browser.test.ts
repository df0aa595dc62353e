/**
 * The dashboard on the real stack (Temporal dev server, SMTP capture, worker, web server with
 * dashboard credentials) in Debian's chromium (playwright-core, headless, fresh profile): a 2026
 * cycle kicked off 40 days ago (its inputs were due after 28 days) with two of three areas in and
 * one overdue, and a cancelled 2025 cycle. The cycles page and the cycle page show the right
 * figures and highlight the overdue area; when the last input arrives the cycle page updates itself
 * without a reload. Access: 401 without the credentials, 200 with them, action links unaffected.
 *
 * SDP_SCREENSHOT_DIR=<folder> keeps screenshots of the cycle page (desktop and phone).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { cancelCycleUpdate } from '../../domain/messages';
import type { Actor } from '../../domain/schemas';
import { loadConfig } from '../../infra/config';
import { startStack, type Stack } from '../../run/stack';
import { loadSampleInput } from '../../seeds';
import { startWebServer } from '../../web';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { freeTemporalPorts, linkIn, smallSeeds } from '../helpers/stack';

const USER = 'secretariat';
const PASSWORD = 'Sekretariati-2026!';
const YEAR = 2026;
const DAY = 86_400_000;
const seeds = smallSeeds(3);
const [A0, A1, A2] = seeds.areas;
const c = seeds.participants.coordinator;
const coordinator: Actor = { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' };
const ownerOf = (areaId: string): Actor => {
  const o = seeds.participants.areaOwners[areaId]!.eu;
  return { email: o.email, name: o.name, role: 'area-owner', channel: 'cli' };
};
const authHeader = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };

let dataDir: string;
let stack: Stack;
let webUrl: string;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dashboard-browser-'));
  delete process.env.TEMPORAL_ADDRESS;
  const config = loadConfig({ SDP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const env = { SDP_DASHBOARD_USER: USER, SDP_DASHBOARD_PASSWORD: PASSWORD };
  const silent = pino({ level: 'silent' });
  const [s, ctx] = await Promise.all([
    startStack({ config, embeddedTemporal: true, ...(await freeTemporalPorts()), web: (parts) => startWebServer(parts, { logger: silent, env, liveIntervalMs: 1_000 }) }),
    launchChromium({ viewport: { width: 1280, height: 900 }, httpCredentials: { username: USER, password: PASSWORD }, timeoutMs: 20_000 }),
  ]);
  stack = s;
  webUrl = s.webUrl!;
  browser = ctx;
  ({ page } = browser);

  // 2026: kicked off 40 days ago; two areas in, the third overdue. 2025: cancelled.
  await startCycle(stack.client, { year: YEAR, kickoffAt: new Date(Date.now() - 40 * DAY).toISOString(), seeds, startedBy: coordinator });
  await startCycle(stack.client, { year: 2025, kickoffAt: new Date(Date.now() - 400 * DAY).toISOString(), seeds, startedBy: coordinator });
  for (const area of [A0!, A1!]) await submitContribution(stack.client, { year: YEAR, areaId: area.id, contribution: loadSampleInput(area), actor: ownerOf(area.id) });
  await updateCycle(stack.client, 2025, cancelCycleUpdate, { reason: 'Started by mistake.', actor: coordinator });
  await waitForState(stack.client, YEAR, (st) => st.areas.filter((a) => a.status === 'submitted').length === 2, 'two inputs', { timeoutMs: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until the element matching `selector` contains `text` (the page updates itself). */
async function waitText(selector: string, text: string): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor();
}

async function screenshot(name: string): Promise<void> {
  const dir = process.env.SDP_SCREENSHOT_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}

describe('the dashboard in Debian chromium, on the real stack', () => {
  it('asks for the credentials (401 without, 200 with); action links and /healthz do not', async () => {
    const without = await fetch(`${webUrl}/cycles`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toContain('Basic realm=');
    expect((await fetch(`${webUrl}/cycles/${YEAR}`)).status).toBe(401);
    expect((await fetch(`${webUrl}/outbox`)).status).toBe(401);
    expect((await fetch(`${webUrl}/cycles`, { headers: { authorization: `Basic ${Buffer.from(`${USER}:nope`).toString('base64')}` } })).status).toBe(401);
    expect((await fetch(`${webUrl}/cycles`, { headers: authHeader })).status).toBe(200);

    const owner = seeds.participants.areaOwners[A2!.id]!.al;
    // The Albanian owner's request is in Albanian (the form shows the English title too).
    const mail = await stack.smtp.capture!.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject.startsWith('Kërkohet kontributi') && m.subject.includes(String(YEAR)), 30_000);
    const contribute = await fetch(linkIn(mail, `${webUrl}/contribute/`));
    expect(contribute.status).toBe(200);
    expect(await contribute.text()).toContain(A2!.title);

    const health = await fetch(`${webUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', temporal: { reachable: true }, smtp: { reachable: true } });
  });

  it('the cycles page lists the running and the closed cycle with their figures', async () => {
    await page.goto(`${webUrl}/cycles`);
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    // visibility catches up within seconds; the page refreshes itself meanwhile
    await waitText(`#cycle-${YEAR} td.submitted`, '2 of 3');
    await waitText(`#cycle-${YEAR} td.overdue`, '1');
    await waitText('#cycle-2025 td.stage', 'cancelled (closed)');
    expect(await page.locator(`#cycle-${YEAR} td.stage`).textContent()).toBe('collecting inputs');
    await screenshot('cycles-desktop.png');
    await page.getByRole('link', { name: String(YEAR), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Review cycle ${YEAR}` }).waitFor();
  });

  it('the cycle page shows the figures and the overdue area, and updates itself when the last input arrives', async () => {
    await page.goto(`${webUrl}/cycles/${YEAR}`);
    await waitText('#fig-submitted', '2 of 3');
    expect(await page.locator('#fig-overdue').textContent()).toBe('1');
    const overdue = page.locator(`#area-${A2!.id}`);
    expect(await overdue.getAttribute('class')).toContain('overdue');
    expect(await overdue.textContent()).toMatch(/Overdue.*overdue by 1[12] days/);
    expect(await page.locator('tr.area-row.overdue').count()).toBe(1);
    expect(await page.locator(`#area-${A0!.id}`).textContent()).toContain('Submitted');
    expect(await page.locator('li.stage[aria-current="step"]').textContent()).toContain('collecting inputs');
    expect(await page.locator('#status svg title').textContent()).toBe('Areas by status: 2 submitted, 1 overdue.');
    expect(await page.locator('#timeline svg title').textContent()).toBe(`Planned and actual dates of the ${YEAR} cycle`);
    const temporalLink = await page.getByRole('link', { name: /Temporal UI/ }).getAttribute('href');
    expect(temporalLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/namespaces/default/workflows/review-cycle-${YEAR}$`));
    await screenshot('cycle-collecting-desktop.png');

    // the reader scrolls down and leaves a mark; then the last input arrives
    await page.evaluate('window.__reader = "still here"; document.getElementById("timeline").scrollIntoView()');
    const scrolled = (await page.evaluate('window.scrollY')) as number;
    expect(scrolled).toBeGreaterThan(100);
    await submitContribution(stack.client, { year: YEAR, areaId: A2!.id, contribution: loadSampleInput(A2!), actor: ownerOf(A2!.id) });
    await waitText('#fig-submitted', '3 of 3');
    // past the due date with nothing outstanding, collection closes by itself and draft v1 follows
    await waitText('#fig-overdue', '0');
    await waitText('#drafts', 'Draft v1');
    expect(await page.evaluate('window.__reader')).toBe('still here');
    expect(await page.evaluate('window.sdpDashboard.swaps')).toBeGreaterThan(0);
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(100);
    expect(await page.locator('tr.area-row.overdue').count()).toBe(0);
    expect(await page.locator('#live-status').textContent()).toMatch(/^Updated at \d\d:\d\d:\d\d\.$/);

    // the draft's download goes through a signed file link, with the credentials the browser holds
    const href = await page.locator('#drafts a', { hasText: 'Word (.docx)' }).first().getAttribute('href');
    expect(href).toBe(`/cycles/${YEAR}/files/${YEAR}/draft-v1/sdp-review-${YEAR}-draft-v1.docx`);
    const download = await fetch(`${webUrl}${href}`, { headers: authHeader, redirect: 'manual' });
    expect(download.status).toBe(302);
    const file = await fetch(download.headers.get('location')!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`sdp-review-${YEAR}-draft-v1.docx`);

    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot('cycle-drafting-desktop.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitText('#fig-submitted', '3 of 3');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
    await screenshot('cycle-drafting-phone.png');
  });
});
