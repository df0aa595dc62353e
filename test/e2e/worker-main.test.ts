/**
 * The stand-alone worker process (run/worker.ts, `npm run worker`), run as a child process the way
 * an operator runs it: against the dev server and a real SMTP capture, with Prometheus metrics on
 * a free port, JSON logs on stdout, and a clean stop on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_LINKS } from '../../activities/mail/links';
import { TASK_QUEUE } from '../../domain/messages';
import { loadConfig } from '../../infra/config';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { PROJECT_ROOT } from '../../infra/paths';
import { mailLinks, metricsAddress } from '../../run/worker';
import { createLocalEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let capture: SmtpCapture;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sdp-review-worker-'));
  [env, capture] = await Promise.all([createLocalEnv(), startSmtpCapture({ dir: join(dir, 'outbox') })]);
});

afterAll(async () => {
  await env?.teardown();
  await capture?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts run/worker.ts with tsx, as `npm run worker` does, collecting its output. */
function startWorker(extraEnv: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SDP_DATA_DIR: dir, ...extraEnv };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'run/worker.ts'], { cwd: PROJECT_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  let err = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, stderr: () => err, exited };
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(fn()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('run/worker.ts', () => {
  it('refuses to start without SMTP_URL, naming it, with a non-zero exit', async () => {
    const w = startWorker({ TEMPORAL_ADDRESS: env.address, SMTP_URL: undefined });
    expect(await w.exited).toBe(1);
    expect(w.stderr()).toContain('SMTP_URL is required');
  });

  it('serves Prometheus metrics, logs JSON lines with the workflow id, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const w = startWorker({ TEMPORAL_ADDRESS: env.address, SMTP_URL: capture.url, METRICS_ADDRESS: `127.0.0.1:${port}`, LOG_LEVEL: 'debug' });
    try {
      const parsed = () => w.out.filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
      await until('the worker to run', () => parsed().find((l) => l.msg === 'worker running'), 45_000);

      // A launcher run makes workflow and activity log lines, which must name their workflow.
      const workflowId = 'worker-main-test-kickoff';
      const result = await env.client.workflow.execute('scheduledKickoff', { taskQueue: TASK_QUEUE, workflowId, args: [] });
      expect(result).toMatchObject({ outcome: 'started' });
      const mine = await until('log lines of the launcher', () => {
        const lines = parsed().filter((l) => l.workflowId === workflowId);
        return lines.some((l) => l.sdkComponent === 'workflow') && lines.some((l) => l.activityType === 'loadCycleSeeds' && l.msg === 'Activity completed') ? lines : undefined;
      }, 30_000);
      expect(mine.find((l) => l.msg === 'Scheduled kick-off started the review cycle')).toMatchObject({ level: 30, sdkComponent: 'workflow', cycleId: (result as { workflowId: string }).workflowId });
      expect(parsed().some((l) => 'taskToken' in l)).toBe(false);

      const metrics = await until('temporal_ metrics', async () => {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        const text = await res.text();
        return res.ok && /^temporal_workflow_completed/m.test(text) ? text : undefined;
      }, 30_000);
      expect(metrics).toMatch(/^temporal_\w+\{[^}]*task_queue="sdp-review"/m);
      expect(metrics).toMatch(/^temporal_activity_execution_latency/m);

      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
      // Every line on stdout is a JSON object.
      const lines = w.out.filter((l) => l.trim());
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(parsed().map((l) => l.msg)).toEqual(expect.arrayContaining(['stopping the worker', 'worker stopped']));
      expect(w.stderr()).toBe('');
    } finally {
      if (w.child.exitCode === null) w.child.kill('SIGKILL');
    }
  });
});

describe('worker settings', () => {
  const silent = pino({ level: 'silent' });
  it('signs action links with the web server issuer only when PUBLIC_BASE_URL and SDP_LINK_SECRET are both set', async () => {
    const both = { SDP_DATA_DIR: dir, PUBLIC_BASE_URL: 'https://sdp-review.example.eu/', SDP_LINK_SECRET: 'x'.repeat(40) };
    const links = await mailLinks(loadConfig(both), both, silent);
    const url = await links.actionUrl({ step: 'draft-review', cycleId: 'review-cycle-2030', version: 1, recipient: { name: 'Marta', email: 'marta@example.eu' }, role: 'coordinator', expiresAt: '2030-12-31T00:00:00Z' });
    expect(url).toMatch(/^https:\/\/sdp-review\.example\.eu\/review\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const onlyBase = { SDP_DATA_DIR: dir, PUBLIC_BASE_URL: 'https://sdp-review.example.eu' };
    expect(await mailLinks(loadConfig(onlyBase), onlyBase, silent)).toBe(NO_LINKS);
    expect(await mailLinks(loadConfig({ SDP_DATA_DIR: dir }), { SDP_DATA_DIR: dir }, silent)).toBe(NO_LINKS);
    const short = { ...both, SDP_LINK_SECRET: 'short' };
    await expect(mailLinks(loadConfig(short), short, silent)).rejects.toThrow(/SDP_LINK_SECRET/);
  });

  it('reads METRICS_ADDRESS, naming it when malformed', () => {
    expect(metricsAddress({})).toBe('127.0.0.1:9464');
    expect(metricsAddress({ METRICS_ADDRESS: '0.0.0.0:9100' })).toBe('0.0.0.0:9100');
    expect(metricsAddress({ METRICS_ADDRESS: '[::1]:9100' })).toBe('[::1]:9100');
    expect(() => metricsAddress({ METRICS_ADDRESS: 'localhost' })).toThrow(/^METRICS_ADDRESS: must be host:port/);
    expect(() => metricsAddress({ METRICS_ADDRESS: 'localhost:99999' })).toThrow(/^METRICS_ADDRESS/);
  });
});
