/**
 * The console's close-collection confirmation in Debian's chromium (playwright-core) at a phone's
 * width (390 × 844 CSS px): the form, then the confirmation with its figures, nothing scrolling
 * sideways and both buttons within the screen; confirming closes collection.
 */
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForState } from '../../client/demo';
import { startTestStack, type TestStack } from '../helpers/stack';


let t: TestStack;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestStack({ areas: 2, prefix: 'web-console-browser-' }), launchChromium()]);
  ({ page } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
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
    // The confirmation waits for the workflow's Update: seconds on a loaded machine, not expect.poll's default second.
    await expect.poll(() => page.locator('#recorded').textContent(), { timeout: 30_000 }).toBe('Collection is closed.');
    expect((await fit('main')).pageFits).toBe(true);
    await waitForState(t.stack.client, t.year, (s) => s.stage !== 'collecting', 'collection closed');
  }, 90_000);
});
