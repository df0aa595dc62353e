/**
 * What the stand-alone worker (run/worker.ts) tells operators while a cycle moves: it runs as a
 * process against the dev server and a real SMTP capture, mailing signed action links, while a
 * cycle kicked off three months ago (its areas overdue) gets a contribution and is closed into
 * draft v1. Its stdout is JSON lines only, with a line per mail and per report naming the
 * workflow and the year and never a link, token, secret or address; its /metrics carries the
 * application's metrics (domain/metrics.ts) next to the SDK's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { closeCollectionUpdate } from '../../domain/messages';
import { startSmtpCapture, type SmtpCapture } from '../../infra/smtp-capture';
import { coordinator, ownerOf, sampleFor, seeds } from '../helpers/cycle';
import { parsePrometheus, sumOf } from '../helpers/metrics';
import { freePort, startInGroup, until } from '../helpers/process';
import { createLocalEnv } from '../helpers/temporal';

/** The workflow records decisions (domain/metrics.ts recordDecisionMetrics) once ReviewCycle.record calls it. */

const SECRET = 'worker-telemetry-secret-0123456789-abcdefgh';
const year = 2026;
const workflowId = `review-cycle-${year}`;
let env: TestWorkflowEnvironment;
let capture: SmtpCapture;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sdp-review-worker-telemetry-'));
  [env, capture] = await Promise.all([createLocalEnv(), startSmtpCapture({ dir: join(dir, 'outbox'), logger: pino({ level: 'warn' }) })]);
});

afterAll(async () => {
  await env?.teardown();
  await capture?.close();
});

describe('the worker’s logs and metrics during a cycle', () => {
  it('logs each mail and report as JSON without links or secrets, and serves the application metrics', async () => {
    const kickoffAt = new Date(Date.now() - 90 * 24 * 3600 * 1000).toISOString();
    await startCycle(env.client, { year, seeds, startedBy: coordinator, kickoffAt });
    const metricsPort = await freePort();
    const w = startInGroup(['--import', 'tsx', 'run/worker.ts'], {
      TEMPORAL_ADDRESS: env.address,
      SMTP_URL: capture.url,
      SDP_DATA_DIR: join(dir, 'worker'),
      METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
      WORKER_HEALTH_ADDRESS: '127.0.0.1:0',
      PUBLIC_BASE_URL: 'https://sdp-review.example.eu',
      SDP_LINK_SECRET: SECRET,
      LOG_LEVEL: 'info',
    });
    try {
      const lines = () => w.json();
      const areas = seeds.areas.length;
      await until('contribution requests to every owner', () => {
        const n = lines().filter((l) => l.msg === 'mail sent' && l.kind === 'contribution-request').length;
        return n >= areas ? n : undefined;
      }, 90_000);

      // A contribution (a decision), then the coordinator closes collection: draft v1 is rendered and mailed.
      const areaId = seeds.areas[0]!.id;
      await submitContribution(env.client, { year, areaId, contribution: sampleFor(areaId), actor: ownerOf(areaId) });
      await updateCycle(env.client, year, closeCollectionUpdate, { actor: coordinator });
      const rendered = await until('the report rendered line', () => lines().find((l) => l.msg === 'report rendered'), 30_000);
      await until('the draft-ready mail line', () => lines().find((l) => l.msg === 'mail sent' && l.kind === 'draft-ready'), 30_000);

      // Log lines: one per mail and per report, naming the workflow and the year.
      const mails = lines().filter((l) => l.msg === 'mail sent');
      for (const m of mails) {
        expect(m).toMatchObject({ level: 30, sdkComponent: 'activity', activityType: 'sendNotification', workflowId, cycleYear: year, event: 'mail', outcome: 'sent' });
        expect(m).toEqual(expect.objectContaining({ kind: expect.any(String), purpose: expect.any(String), recipientHash: expect.stringMatching(/^[0-9a-f]{12}$/), messageId: expect.stringMatching(/^<[0-9a-f]{32}@/) }));
      }
      expect(mails.find((m) => m.kind === 'draft-ready')).toMatchObject({ recipientRole: 'coordinator', purpose: 'draft-ready.v1' });
      expect(rendered).toMatchObject({ level: 30, workflowId, activityType: 'renderReport', event: 'report', cycleYear: year, kind: 'draft', version: 1 });
      expect(rendered.bytes).toBeGreaterThan(1000);
      expect(rendered.files).toBeGreaterThanOrEqual(3);
      expect(rendered.durationMs).toBeGreaterThanOrEqual(0);

      // The mails carried signed links; no log line holds one, nor the secret or a recipient's address.
      const captured = await capture.list();
      const urls = [...new Set(captured.flatMap((m) => [...m.text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((x) => x[0])))];
      expect(urls.some((u) => /\/review\/[\w-]+\.[\w-]+\.[\w-]+/.test(u))).toBe(true);
      const stdout = w.out.join('\n');
      for (const u of urls) expect(stdout).not.toContain(u);
      expect(stdout).not.toMatch(/eyJ[\w-]{10,}\.[\w-]+|[?&]sig=|token=|\/l\/|\/review\//);
      expect(stdout).not.toContain(SECRET);
      const ours = JSON.stringify(lines().filter((l) => l.event === 'mail' || l.event === 'report')).toLowerCase();
      for (const m of captured) for (const to of m.envelope.to) expect(ours).not.toContain(to.toLowerCase());

      // Metrics: the application's next to the SDK's, with values that match what happened. The
      // worker counts each request as it logs it, but requests may still be going out, and its log
      // lines reach this process through a pipe: the counter and the lines are compared once both
      // say the same, read together.
      const requestsLogged = () => lines().filter((l) => l.msg === 'mail sent' && l.kind === 'contribution-request').length;
      const { samples, requests } = await until('the application metrics, with as many contribution requests counted as logged', async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        const s = parsePrometheus(text);
        const logged = requestsLogged();
        const ready = sumOf(s, 'sdp_review_reports_rendered_total') >= 1 && sumOf(s, 'sdp_review_mails_sent_total', { kind: 'draft-ready' }) >= 1;
        return ready && sumOf(s, 'sdp_review_mails_sent_total', { kind: 'contribution-request' }) === logged ? { samples: s, requests: logged } : undefined;
      }, 30_000);
      expect(requests).toBeGreaterThanOrEqual(areas);
      expect(sumOf(samples, 'sdp_review_mails_sent_total', { kind: 'contribution-request' })).toBe(requests);
      expect(sumOf(samples, 'sdp_review_mails_failed_total')).toBe(0);
      expect(samples.find((s) => s.name === 'sdp_review_mails_sent_total')?.labels).toMatchObject({ namespace: 'default', taskQueue: 'sdp-review', activityType: 'sendNotification' });
      expect(sumOf(samples, 'sdp_review_reports_rendered_total', { kind: 'draft' })).toBe(1);
      expect(sumOf(samples, 'sdp_review_report_render_seconds_count', { kind: 'draft' })).toBe(1);
      const renderSeconds = sumOf(samples, 'sdp_review_report_render_seconds_sum', { kind: 'draft' });
      expect(renderSeconds).toBeGreaterThan(0);
      expect(renderSeconds).toBeLessThan(60);
      expect(samples.some((s) => s.name === 'sdp_review_report_render_seconds_bucket' && s.labels.le === '0.5')).toBe(true);
      // The gauges' first refresh ran as the worker started: one cycle, collecting, its areas overdue.
      expect(sumOf(samples, 'sdp_review_cycles')).toBe(1);
      expect(samples.filter((s) => s.name === 'sdp_review_cycles').map((s) => s.labels.stage).sort()).toEqual(['collecting', 'drafting', 'sign-off', 'submission']);
      const overdue = sumOf(samples, 'sdp_review_overdue_areas', { year: String(year) });
      expect(overdue).toBeGreaterThanOrEqual(areas - 1);
      expect(overdue).toBeLessThanOrEqual(areas);
      expect(samples.some((s) => s.name.startsWith('temporal_'))).toBe(true);
      expect(sumOf(samples, 'sdp_review_decisions_total', { kind: 'contribution-submitted', role: 'area-owner' })).toBe(1);
      expect(sumOf(samples, 'sdp_review_decisions_total', { kind: 'collection-closed', role: 'coordinator' })).toBe(1);
      expect(sumOf(samples, 'sdp_review_decision_latency_seconds_count', { kind: 'contribution-submitted' })).toBe(1);

      w.signalGroup('SIGTERM');
      expect(await w.exited).toBe(0);
      for (const line of w.out.filter((l) => l.trim())) expect(() => JSON.parse(line), line).not.toThrow();
    } finally {
      w.kill();
    }
  });
});
