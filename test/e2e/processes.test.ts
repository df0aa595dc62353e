/**
 * The processes of a deployment, compiled as production runs them (`npm run build`, then plain
 * `node dist/…`): the web server alone (no worker, no cycle started), the worker on its prebuilt
 * workflow bundle with its /healthz, each stopped by SIGTERM to its whole process group (systemd's
 * default) and exiting 0; and `npm start`'s rule that only the embedded dev stack opens a cycle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewCycleId, stateQuery } from '../../domain/messages';
import { PROJECT_ROOT } from '../../infra/paths';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { openDevCycle } from '../../run/dev-cycle';
import { buildProduct } from '../../scripts/build';
import { seeds } from '../helpers/cycle';
import { freePort, startInGroup, until } from '../helpers/process';
import { createLocalEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let capture: SmtpCapture;
let dir: string;
let built: Awaited<ReturnType<typeof buildProduct>>;
const year = new Date().getFullYear();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sdp-review-processes-'));
  [env, capture, built] = await Promise.all([createLocalEnv(), startSmtpCapture({ dir: join(dir, 'outbox') }), buildProduct()]);
});

afterAll(async () => {
  await env?.teardown();
  await capture?.close();
});

async function workflowCount(): Promise<number> {
  let n = 0;
  for await (const _ of env.client.workflow.list()) n++;
  return n;
}

describe('npm run build', () => {
  it('writes the entry points with source maps and the prebuilt workflow bundle into dist/', () => {
    const names = built.files.map((f) => f.path).sort();
    const entries = ['dist/cli.js', 'dist/cli.js.map', 'dist/report-thread.js', 'dist/report-thread.js.map', 'dist/web.js', 'dist/web.js.map', 'dist/worker.js', 'dist/worker.js.map', 'dist/workflow-bundle.js'];
    expect(names).toEqual(expect.arrayContaining(entries));
    // Besides them only the chunks esbuild splits off: code shared by entry points, and the renderers loaded on demand.
    expect(names.filter((n) => !entries.includes(n)).every((n) => /^dist\/(chunk|report)-[A-Z0-9]+\.js(\.map)?$/.test(n))).toBe(true);
    for (const name of names) expect(existsSync(join(PROJECT_ROOT, name))).toBe(true);
    // The compiled CLI runs on plain node, finding the project's files from dist/.
    const help = spawnSync(process.execPath, ['dist/cli.js', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('timeline');
  });

  it('leaves only production dependencies as imports, so an image with `npm ci --omit=dev` runs dist/', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const files = readdirSync(join(PROJECT_ROOT, 'dist')).filter((f) => f.endsWith('.js') && f !== 'workflow-bundle.js');
    const importsOf = (file: string) => {
      const code = readFileSync(join(PROJECT_ROOT, 'dist', file), 'utf8');
      return {
        static: [...code.matchAll(/^import\s(?:[^'"]*?\sfrom\s)?"([^"]+)";$/gm)].map((m) => m[1]!),
        dynamic: [...code.matchAll(/\bimport\("(\.\/[^"]+)"\)/g)].map((m) => m[1]!),
      };
    };
    for (const file of files) {
      const { static: specifiers, dynamic } = importsOf(file);
      const packages = specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('.')).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'));
      expect(packages.filter((p) => !(p in pkg.dependencies)), file).toEqual([]);
      // The product's own code: only its chunks, beside it.
      for (const local of [...specifiers, ...dynamic].filter((s) => s.startsWith('.'))) expect(files, `${file} imports ${local}`).toContain(local.slice(2));
    }
    for (const entry of ['worker.js', 'web.js', 'cli.js']) expect(importsOf(entry).static.length, entry).toBeGreaterThan(5);
    // The worker loads the renderers (docx, pdf-lib, Chromium's driver) only if it renders on its own thread.
    const worker = importsOf('worker.js');
    expect(worker.static.some((s) => /^\.\/report-/.test(s))).toBe(false);
    expect(worker.dynamic.some((s) => /^\.\/report-/.test(s))).toBe(true);
  });
});

describe('the compiled web server (dist/web.js)', () => {
  const secret = 'w'.repeat(40);
  const webEnv = (port: number) => ({
    TEMPORAL_ADDRESS: env.address,
    SDP_DATA_DIR: join(dir, 'web'),
    SMTP_URL: capture.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SDP_LINK_SECRET: secret,
    SDP_DASHBOARD_USER: 'secretariat',
    SDP_DASHBOARD_PASSWORD: 'a-long-enough-password',
    LOG_LEVEL: 'info',
  });

  it('refuses to start without PUBLIC_BASE_URL and SDP_LINK_SECRET, naming them', async () => {
    const web = startInGroup(['dist/web.js'], { ...webEnv(await freePort()), PUBLIC_BASE_URL: undefined, SDP_LINK_SECRET: undefined });
    expect(await web.exited).toBe(1);
    expect(web.stderr()).toMatch(/PUBLIC_BASE_URL and SDP_LINK_SECRET must be set/);
  });

  it('serves the pages and /healthz with no worker running, starts no cycle, and exits 0 on SIGTERM to its group', async () => {
    const port = await freePort();
    const web = startInGroup(['--enable-source-maps', 'dist/web.js'], webEnv(port));
    try {
      await web.line('the web server to listen', (l) => l.msg === 'web server listening', 20_000);
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', temporal: { reachable: true }, smtp: { reachable: true } });
      expect((await fetch(`${base}/`)).status).toBe(200);
      const auth = `Basic ${Buffer.from('secretariat:a-long-enough-password').toString('base64')}`;
      expect((await fetch(`${base}/cycles`, { headers: { authorization: auth } })).status).toBe(200);
      expect((await fetch(`${base}/cycles`)).status).toBe(401);
      expect(await workflowCount()).toBe(0);

      web.signalGroup('SIGTERM');
      expect(await web.exited).toBe(0);
      expect(web.json().map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping the web server', 'web server stopped']));
    } finally {
      web.kill();
    }
  });
});

describe('npm start: the cycle it opens by itself (run/dev-cycle.ts)', () => {
  it('leaves a Temporal cluster named by TEMPORAL_ADDRESS alone', async () => {
    expect(await openDevCycle({ client: env.client, embedded: false, seeds, year })).toEqual({ kind: 'not-embedded', workflowId: reviewCycleId(year) });
    expect(await workflowCount()).toBe(0);
  });
});

describe('the compiled worker (dist/worker.js)', () => {
  it('runs the prebuilt bundle, answers /healthz, and drains and exits 0 on SIGTERM to its group', async () => {
    const [metricsPort, healthPort] = [await freePort(), await freePort()];
    const worker = startInGroup(['--enable-source-maps', 'dist/worker.js'], {
      TEMPORAL_ADDRESS: env.address,
      SMTP_URL: capture.url,
      SDP_DATA_DIR: join(dir, 'worker'),
      METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
      WORKER_HEALTH_ADDRESS: `127.0.0.1:${healthPort}`,
      LOG_LEVEL: 'info',
    });
    try {
      const healthz = `http://127.0.0.1:${healthPort}/healthz`;
      const healthy = await until('a healthy worker', async () => {
        const res = await fetch(healthz);
        return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
      }, 30_000);
      expect(healthy).toMatchObject({ status: 'ok', worker: { state: 'RUNNING', taskQueue: 'sdp-review' }, temporal: { reachable: true, namespace: 'default' } });
      expect((await fetch(`http://127.0.0.1:${healthPort}/other`)).status).toBe(404);

      // On the embedded stack npm start opens the year's cycle, once; the compiled worker runs it.
      expect(await openDevCycle({ client: env.client, embedded: true, seeds, year })).toEqual({ kind: 'started', workflowId: reviewCycleId(year) });
      expect(await openDevCycle({ client: env.client, embedded: true, seeds, year })).toEqual({ kind: 'exists', workflowId: reviewCycleId(year) });
      const state = await env.client.workflow.getHandle(reviewCycleId(year)).query(stateQuery);
      expect(state.stage).toBe('collecting');

      worker.signalGroup('SIGTERM');
      expect(await worker.exited).toBe(0);
      const messages = worker.json().map((l) => l.msg);
      expect(messages).toEqual(expect.arrayContaining(['stopping the worker', 'worker stopped']));
      // Loaded dist/workflow-bundle.js: the SDK logs this line only when it bundles at start.
      expect(messages).not.toContain('Workflow bundle created');
      expect(worker.stderr()).toBe('');
    } finally {
      worker.kill();
    }
  });
});
