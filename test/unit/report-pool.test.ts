/**
 * Report rendering off the main event loop (activities/report-pool.ts, issue 15): a render in the
 * pool's thread leaves this thread's event loop free, writes the same files as a render here, and a
 * document missing from the store is still a non-retryable `DocumentMissing` failure of the
 * activity, although the error crossed a thread boundary as plain data.
 */
import { readlinkSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { OutgoingMail } from '../../activities/mail/send';
import { NO_LINKS } from '../../activities/mail/links';
import { mainThreadRenderer, startReportPool, type ReportRenderer } from '../../activities/report-pool';
import { RENDER_THREAD_NICENESS } from '../../activities/report-thread';
import type { ReportInput } from '../../domain/report';
import { FolderStore } from '../../infra/storage';
import { buildReportInput } from '../fixtures/report/build-input';

/** A report large enough that building it on this thread would hold the event loop well past 50 ms. */
const LARGE = { narrativeChars: 30 * 1024, deliverables: 200, allReported: true };

let dir: string;
let pool: ReportRenderer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdp-report-pool-'));
  pool = startReportPool({ store: { artifactsDir: dir }, threads: 1, log: { warn: (fields, msg) => console.error(msg, fields) } });
});

afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The longest stretch (ms) this thread's event loop was busy while `work` runs: its active time
 * (performance.eventLoopUtilization) between the ticks of a 10 ms interval. A free loop is busy a
 * fraction of a ms at each tick, a held one for as long as the work holds it. The loop's own time
 * is measured, not the wait between ticks: on a loaded machine the scheduler delays every thread's
 * timers, whatever the thread runs, by as much as a held loop would.
 */
async function longestBusyStretch(work: () => Promise<unknown>): Promise<number> {
  let since = performance.eventLoopUtilization();
  let longest = 0;
  const sample = () => {
    const now = performance.eventLoopUtilization();
    longest = Math.max(longest, performance.eventLoopUtilization(now, since).active);
    since = now;
  };
  const timer = setInterval(sample, 10);
  try {
    await work();
    sample();
    return longest;
  } finally {
    clearInterval(timer);
  }
}

function activitiesOver(renderer: ReportRenderer | undefined) {
  const send = (): Promise<never> => Promise.reject(new Error('no mail in this test'));
  return createActivities({
    store: new FolderStore(dir),
    mailer: { send: send as (mail: OutgoingMail) => Promise<never> },
    links: NO_LINKS,
    readCycleState: () => Promise.reject(new Error('no cycle in this test')),
    reportRenderer: renderer,
  });
}

const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
function runRenderActivity(renderer: ReportRenderer | undefined, input: ReportInput) {
  const env = new MockActivityEnvironment({ activityType: 'renderReport', workflowExecution: { workflowId: `review-cycle-${input.year}`, runId: 'run-1' } }, { logger: silent });
  return env.run(activitiesOver(renderer).renderReport, input);
}

describe('the report pool', () => {
  it('renders in another thread: this thread\'s loop is never busy 50 ms at a stretch meanwhile', async () => {
    const input: ReportInput = { ...buildReportInput(LARGE), year: 2041 };
    // Warm the thread (loading the renderer's modules under tsx is not rendering).
    await pool.render(buildReportInput({ version: 1 }));
    expect(pool.where).toBe('thread');
    // The render thread runs RENDER_THREAD_NICENESS nicer than this one (Linux: field 19 of each thread's stat).
    const niceness = async (task: string) => Number((await readFile(`/proc/self/task/${task}/stat`, 'utf8')).replace(/^.*\) /s, '').split(' ')[16]);
    const tasks = await readdir('/proc/self/task');
    const own = await niceness(String(Number(basename(readlinkSync('/proc/thread-self')))));
    const levels = await Promise.all(tasks.map((t) => niceness(t).catch(() => own)));
    expect(levels).toContain(Math.min(19, own + RENDER_THREAD_NICENESS));

    let rendered: Awaited<ReturnType<ReportRenderer['render']>> | undefined;
    const busy = await longestBusyStretch(async () => (rendered = await pool.render(input)));
    expect(busy).toBeLessThan(50);
    expect(rendered!.files.map((f) => f.format)).toEqual(expect.arrayContaining(['docx', 'html', 'md']));
    const store = new FolderStore(dir);
    for (const f of rendered!.files) expect(await store.has(f.key)).toBe(true);

    // The same render on this thread holds the loop: the measure above can see a blocked loop.
    const here = await longestBusyStretch(() => mainThreadRenderer({ artifactsDir: dir }).render(input));
    expect(here).toBeGreaterThan(50);
  });

  it('keeps DocumentMissing non-retryable across the thread: an area input missing from the store', async () => {
    const input = buildReportInput({ version: 1 });
    const area = input.areas.find((a) => a.status === 'submitted')!;
    const missing = { ...input, areas: input.areas.map((a) => (a === area ? { ...a, input: { key: '2026/inputs/gone.json', sha256: '0'.repeat(64) } } : a)) } as ReportInput;
    const err = await runRenderActivity(pool, missing).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).type).toBe('DocumentMissing');
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
    expect((err as Error).message).toMatch(/2026\/inputs\/gone\.json/);
  });

  it('keeps DocumentMissing non-retryable across the thread: draft v2 without the input of v1', async () => {
    const err = await runRenderActivity(pool, { ...buildReportInput({ version: 2 }), year: 2042 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).type).toBe('DocumentMissing');
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('keeps other errors retryable, with their name', async () => {
    const err = await pool.render({ ...buildReportInput({ kind: 'final' }), signedDraftSha256: undefined }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/signedDraftSha256/);
  });

  it('falls back to rendering in this thread, with one log line, when its entry is missing', async () => {
    const lines: string[] = [];
    const broken = startReportPool({ store: { artifactsDir: dir }, entry: join(dir, 'no-such-thread.js'), log: { warn: (_fields, msg) => lines.push(msg) } });
    expect(broken.where).toBe('main');
    expect((await broken.render({ ...buildReportInput(), year: 2043 })).files.length).toBeGreaterThan(0);
    expect(lines).toEqual([expect.stringMatching(/main thread/)]);
    await broken.close();
  });

  it('falls back to rendering in this thread when its thread cannot load its code', async () => {
    const entry = join(dir, 'broken-thread.mjs');
    await writeFile(entry, "throw new Error('cannot load');\n");
    const lines: string[] = [];
    const broken = startReportPool({ store: { artifactsDir: dir }, entry, log: { warn: (_fields, msg) => lines.push(msg) } });
    expect((await broken.render({ ...buildReportInput(), year: 2044 })).files.length).toBeGreaterThan(0);
    expect(broken.where).toBe('main');
    expect(lines).toEqual([expect.stringMatching(/main thread/)]);
    await broken.close();
  });
});
