/**
 * The console's close-collection confirmation in Debian's chromium (playwright-core) at a phone's
 * width (390 × 844 CSS px): the form, then the confirmation with its figures, nothing scrolling
 * sideways and both buttons within the screen; confirming closes collection.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForState } from '../../client/demo';
import { startTestStack, type TestStack } from '../helpers/stack';

const CHROMIUM = '/usr/bin/chromium';

let t: TestStack;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  profile = await mkdtemp(join(tmpdir(), 'sdp-chromium-'));
  const [stack, ctx] = await Promise.all([
    startTestStack({ areas: 2, prefix: 'web-console-browser-' }),
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
    }),
  ]);
  t = stack;
  context = ctx;
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
}, 180_000);

afterAll(async () => {
  await context?.close();
  await t?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

/** Whether the page scrolls sideways, and the right edge of each element `selector` matches. */
async function fit(selector: string): Promise<{ pageFits: boolean; rights: number[] }> {
  return page.evaluate(`(() => ({
    pageFits: document.documentElement.scrollWidth <= window.innerWidth + 1,
    rights: [...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.getBoundingClientRect().right),
  }))()`) as Promise<{ pageFits: boolean; rights: number[] }>;
}

describe('the console at 390 px', () => {
  it('shows the close confirmation with its figures, fitting the screen, and closes on confirmation', async () => {
    await page.goto(`${t.webUrl}/cycles/${t.year}`);
    await page.getByRole('link', { name: "Secretariat's console: act on this cycle" }).click();
    await page.getByRole('link', { name: 'Close collection' }).click();
    expect((await fit('main button')).pageFits).toBe(true);
    await page.getByRole('button', { name: 'Continue: see the consequences' }).click();
    const consequence = (await page.locator('#consequence').textContent()) ?? '';
    expect(consequence).toMatch(/^Close collection with 0 of 2 inputs\? 2 areas will be reported missing and their \d+ owners can no longer submit\./);
    const confirmFit = await fit('main .actions button');
    expect(confirmFit.pageFits).toBe(true);
    expect(confirmFit.rights).toHaveLength(2);
    for (const right of confirmFit.rights) expect(right).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Confirm: Close collection' }).click();
    await expect.poll(() => page.locator('#recorded').textContent()).toBe('Collection is closed.');
    expect((await fit('main')).pageFits).toBe(true);
    await waitForState(t.stack.client, t.year, (s) => s.stage !== 'collecting', 'collection closed');
  }, 90_000);
});
