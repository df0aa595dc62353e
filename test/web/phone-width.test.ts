/**
 * Every page at a phone's width (390 × 844 CSS px) in Debian's chromium (playwright-core), on the
 * embedded stack: the contribution form, the outbox, the dashboard's cycle page, the coordinator's
 * review and a director's sign-off. No page scrolls sideways as a whole, and each table of the
 * page's content either fits its container or scrolls inside it with a visible cue: a hint above
 * it and shadows at the edges that hide columns. The outbox shows its link in every row without
 * scrolling; the sign-off table's last column is reached by scrolling the table.
 *
 * SDP_SCREENSHOT_DIR=<folder> keeps a screenshot of each page.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from '../helpers/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate } from '../../domain/messages';
import type { Actor } from '../../domain/schemas';
import { loadSampleInput } from '../../seeds';
import { linkIn, startTestStack, type TestStack } from '../helpers/stack';


let t: TestStack;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestStack({ areas: 3, prefix: 'web-phone-' }), launchChromium()]);
  ({ page } = browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function screenshot(name: string): Promise<void> {
  const dir = process.env.SDP_SCREENSHOT_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** How one table of the page's content sits at this width. */
interface TableFit {
  table: string;
  /** The table fits the width of its container. */
  fits: boolean;
  /** Its container scrolls sideways (overflow-x auto or scroll, and wider content). */
  scrolls: boolean;
  /** A cue is visible: the hint above the container, and shadows painted by the container. */
  hint: boolean;
  shadow: boolean;
  /** The container itself lies within the screen. */
  inView: boolean;
  /** Scrolled to its far end, the last header cell is within the screen. */
  lastColumnReached: boolean;
}

/** The page as a whole (no sideways scroll) and each table of its `<main>`. */
async function measure(): Promise<{ pageFits: boolean; tables: TableFit[] }> {
  // A string, so the test's TypeScript (no DOM library) does not type the browser's globals.
  return page.evaluate(`(() => {
    const vw = window.innerWidth;
    const tables = [...document.querySelectorAll('main table')].map((t) => {
      const box = t.closest('.table-wrap') || t.parentElement;
      const cs = getComputedStyle(box);
      const hintEl = box.querySelector('.scroll-hint');
      const hint = !!hintEl && getComputedStyle(hintEl).visibility !== 'hidden' && hintEl.getBoundingClientRect().height > 0 && hintEl.getBoundingClientRect().right <= vw + 1;
      box.scrollLeft = box.scrollWidth;
      const cells = t.querySelectorAll('thead th');
      const last = cells[cells.length - 1];
      const lastColumnReached = !last || last.getBoundingClientRect().width === 0 || last.getBoundingClientRect().right <= vw + 1;
      const hintStays = !hintEl || hintEl.getBoundingClientRect().left >= 0;
      box.scrollLeft = 0;
      return {
        table: t.className || '(table)',
        fits: t.scrollWidth <= box.clientWidth + 1,
        scrolls: ['auto', 'scroll'].includes(cs.overflowX) && box.scrollWidth > box.clientWidth + 1,
        hint,
        shadow: cs.backgroundImage.includes('gradient'),
        inView: box.getBoundingClientRect().right <= vw + 1,
        lastColumnReached: lastColumnReached && hintStays,
      };
    });
    return { pageFits: document.documentElement.scrollWidth <= vw + 1, tables };
  })()`) as Promise<{ pageFits: boolean; tables: TableFit[] }>;
}

/** Expects the page not to scroll sideways and every table to fit, or to scroll with a visible cue. */
async function expectUsable(name: string, minTables = 1): Promise<TableFit[]> {
  await screenshot(name);
  const { pageFits, tables } = await measure();
  expect(pageFits, `${name}: the page scrolls sideways`).toBe(true);
  expect(tables.length, `${name}: tables`).toBeGreaterThanOrEqual(minTables);
  for (const fit of tables) {
    expect(fit.inView, `${name} ${fit.table}: in view`).toBe(true);
    expect(fit.lastColumnReached, `${name} ${fit.table}: last column reachable`).toBe(true);
    if (!fit.fits) expect(fit, `${name} ${fit.table}: scrolls with a cue`).toMatchObject({ scrolls: true, hint: true, shadow: true });
  }
  return tables;
}

const coordinator = (): Actor => {
  const c = t.seeds.participants.coordinator;
  return { email: c.email, name: c.name, role: 'coordinator', channel: 'cli' };
};

describe('at 390 px', () => {
  it('the contribution form', async () => {
    const area = t.seeds.areas[0]!;
    const owner = t.seeds.participants.areaOwners[area.id]!.al;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(owner.email) && m.subject.startsWith('Kërkohet kontributi'), 30_000);
    await page.goto(linkIn(mail, `${t.webUrl}/contribute/`));
    await expectUsable('contribution', 0);
  });

  it('the outbox, with the link of every mail on screen', async () => {
    await page.goto(`${t.webUrl}/outbox`);
    await expectUsable('outbox');
    const boxes = (await page.evaluate(`[...document.querySelectorAll('main tbody a')].map((a) => { const r = a.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width }; })`)) as { left: number; right: number; width: number }[];
    expect(boxes.length).toBeGreaterThan(3);
    for (const box of boxes) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
  });

  it('the dashboard cycle page, the coordinator’s review and a director’s sign-off', async () => {
    await page.goto(`${t.webUrl}/cycles/${t.year}`);
    await expectUsable('dashboard-collecting');

    for (const area of t.seeds.areas) {
      const o = t.seeds.participants.areaOwners[area.id]!.eu;
      await submitContribution(t.stack.client, { year: t.year, areaId: area.id, contribution: loadSampleInput(area), actor: { email: o.email, name: o.name, role: 'area-owner', channel: 'cli' } });
    }
    await updateCycle(t.stack.client, t.year, closeCollectionUpdate, { actor: coordinator() });
    await waitForState(t.stack.client, t.year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 60_000 });
    const c = t.seeds.participants.coordinator;
    const review = await t.capture.waitFor((m) => m.envelope.to.includes(c.email) && /v1/.test(m.subject) && m.text.includes(`${t.webUrl}/review/`), 30_000);
    await page.goto(linkIn(review, `${t.webUrl}/review/`));
    await expectUsable('review');
    await page.goto(`${t.webUrl}/cycles/${t.year}`);
    await expectUsable('dashboard-drafting');

    await updateCycle(t.stack.client, t.year, approveDraftUpdate, { version: 1, actor: coordinator() });
    const director = t.seeds.participants.directors.al;
    const mail = await t.capture.waitFor((m) => m.envelope.to.includes(director.email) && m.subject.startsWith('Kërkohet miratimi'), 60_000);
    await page.goto(linkIn(mail, `${t.webUrl}/sign-off/`));
    const [table] = await expectUsable('sign-off');
    expect(table!.lastColumnReached).toBe(true);
    await page.goto(`${t.webUrl}/cycles/${t.year}`);
    await expectUsable('dashboard-sign-off');
  }, 180_000);
});
