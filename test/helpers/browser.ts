/**
 * Debian's chromium driven by playwright-core for the browser tests: headless, `--no-sandbox`, a
 * fresh profile folder per file, removed again by `close()`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian installs chromium (the CI installs it, see .ci/run). */
export const CHROMIUM = '/usr/bin/chromium';

/** A running browser: its context, its first page, and how to close both and remove the profile. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts chromium with `viewport` (default a phone, 390 × 844) and optional HTTP credentials;
 * actions time out after `timeoutMs` (default 15 s). Throws naming the package when chromium is missing.
 */
export async function launchChromium(opts: { viewport?: { width: number; height: number }; httpCredentials?: { username: string; password: string }; timeoutMs?: number } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const profile = await mkdtemp(join(tmpdir(), 'sdp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: opts.viewport ?? { width: 390, height: 844 },
    ...(opts.httpCredentials ? { httpCredentials: opts.httpCredentials } : {}),
  });
  context.setDefaultTimeout(opts.timeoutMs ?? 15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
