/**
 * The real `sdp-review` command (bin/sdp-review.mjs → cli/main.ts through tsx), run as a child
 * process against the dev server: its output, its errors and its exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle } from '../../client/cycles';
import { PROJECT_ROOT } from '../../infra/paths';
import { createWorker } from '../../run/create-worker';
import { coordinator, sampleFor, seeds } from '../helpers/cycle';
import { createLocalEnv, createTestDeps, workflowBundle, type TestDeps } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let testDeps: TestDeps;
let worker: Worker;
let running: Promise<void>;
const year = 2051;

beforeAll(async () => {
  [env, testDeps] = await Promise.all([createLocalEnv(), createTestDeps()]);
  worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', deps: testDeps.deps, workflowBundle: await workflowBundle() });
  running = worker.run();
  await startCycle(env.client, { year, seeds, startedBy: coordinator });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await testDeps?.close();
});

/** Runs `sdp-review <args>` as a person would; resolves with its exit code and output. */
function sdpReview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'bin', 'sdp-review.mjs'), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, TEMPORAL_ADDRESS: env.address, NO_COLOR: '1', FORCE_COLOR: undefined }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('sdp-review (the real command)', () => {
  it('status --json prints one JSON object with the year, stage and each area', async () => {
    const { code, stdout, stderr } = await sdpReview('status', '--year', String(year), '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const status = JSON.parse(stdout); // the whole output is one JSON value
    expect(status).toMatchObject({ year, stage: 'collecting' });
    expect(status.areas).toHaveLength(seeds.areas.length);
    for (const area of status.areas) {
      expect(area).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), status: 'awaiting-input', dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/) }));
    }
    expect(status.areas.map((a: { id: string }) => a.id)).toEqual(seeds.areas.map((a) => a.id));
  });

  it('names a bad argument and exits non-zero (2: invalid input)', async () => {
    const [badYear, badStage, unknown, noCycle] = await Promise.all([
      sdpReview('status', '--year', '1999'),
      sdpReview('list', '--stage', 'finished'),
      sdpReview('status', '--yaer', '2051'),
      sdpReview('status', '--year', '2052', '--json'),
    ]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(/option '--year <year>' argument '1999' is invalid.*must be a year between 2024 and 2100/);
    expect(badStage.code).toBe(2);
    expect(badStage.stderr).toMatch(/--stage <stage>.*'finished' is invalid/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--yaer'");
    expect(noCycle.code).toBe(6);
    expect(noCycle.stderr).toContain('no such review cycle');
    expect(noCycle.stdout).toBe('');
  });

  it('submit with an empty title in the second deliverable prints deliverables.1.title and exits 2', async () => {
    const areaId = 'cyber-issues';
    const contribution = sampleFor(areaId);
    const file = join(mkdtempSync(join(tmpdir(), 'sdp-review-cli-')), 'input.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...contribution,
        deliverables: [
          { title: 'Joint tabletop exercise', status: 'delivered', date: '2051-10-14' },
          { title: '', status: 'planned' },
        ],
      }),
    );
    const { code, stdout, stderr } = await sdpReview('submit', areaId, '--file', file, '--year', String(year));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^\s+deliverables\.1\.title: must not be empty$/m);
    expect(stdout).toBe('');
  });
});
