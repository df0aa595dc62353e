/**
 * `N` whole review cycles at once on one embedded stack (issue 15: "50 cycles at once all
 * complete"), run by `npm run bench` as a process of its own so that its peak memory is this run's
 * alone: `tsx bench/cycles-at-once.ts <N>`. Each cycle, all started together: kick-off with the 15
 * areas of the seeds, the 15 contributions (one after the other within a cycle, the cycles side by
 * side), collection closed, draft v1 rendered, approved, both Directors' approvals, the final
 * rendered and submitted. Prints one JSON line on stdout: how many completed, the failures' first
 * lines, the time, this process's peak resident memory (VmHWM) and its resident memory when done
 * and 10 s later (MB). The dev server is a process of its own and is not counted.
 * `--render-in-thread`: reports render on the main thread (the "before" of the render threads).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../client/cycles';
import { approveDraftUpdate, closeCollectionUpdate, signOffUpdate } from '../domain/messages';
import type { Actor } from '../domain/schemas';
import type { ReviewCycleState } from '../domain/state';
import { loadConfig } from '../infra/config';
import { loadSampleInput, loadSeeds } from '../seeds';
import { startStack } from '../run/stack';
import { freeTemporalPorts } from '../test/helpers/stack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memMb = async (field: 'VmHWM' | 'VmRSS') => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(await readFile('/proc/self/status', 'utf8'))?.[1]) / 1024);

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error('usage: tsx bench/cycles-at-once.ts <1–50>');
  const seeds = loadSeeds();
  const dataDir = await mkdtemp(join(tmpdir(), 'sdp-bench-cycles-'));
  delete process.env.TEMPORAL_ADDRESS;
  const config = loadConfig({ SDP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const stack = await startStack({ config, embeddedTemporal: true, ...(await freeTemporalPorts()), ...(process.argv.includes('--render-in-thread') ? { reportThreads: 0 } : {}) });
  const { client } = stack;
  const person = (p: { email: string; name: string }, role: Actor['role']): Actor => ({ email: p.email, name: p.name, role, channel: 'cli' });
  const coordinator = person(seeds.participants.coordinator, 'coordinator');
  const waitFor = async (year: number, done: (s: ReviewCycleState) => boolean, what: string) => {
    for (let until = Date.now() + 600_000; ; await sleep(2_000)) {
      const state = await getCycleState(client, year).catch(() => undefined);
      if (state && done(state)) return;
      if (Date.now() > until) throw new Error(`${what} not reached within 10 minutes`);
    }
  };
  const cycle = async (year: number) => {
    await startCycle(client, { year, seeds, startedBy: coordinator });
    for (const area of seeds.areas) {
      const send = () => submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor: person(seeds.participants.areaOwners[area.id]!.eu, 'area-owner'), area });
      // Right after the start the area's workflow may not exist yet.
      await send().catch(async () => (await sleep(2_000), send()));
    }
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitFor(year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitFor(year, (s) => s.stage === 'sign-off', 'sign-off');
    for (const side of ['eu', 'al'] as const) {
      await updateCycle(client, year, signOffUpdate, { version: 1, director: side, decision: 'approve', comment: '', actor: person(seeds.participants.directors[side], 'director') });
    }
    const result = (await client.workflow.getHandle(`review-cycle-${year}`).result()) as { outcome: string };
    if (result.outcome !== 'submitted') throw new Error(`ended ${result.outcome}`);
  };
  const t0 = performance.now();
  const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => cycle(2050 + i)));
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error)?.message ?? o.reason).split('\n')[0]!] : []));
  const rssDoneMb = await memMb('VmRSS');
  await sleep(10_000);
  const figures = { cycles: n, completed: n - failures.length, failures: [...new Set(failures)], seconds, peakMb: await memMb('VmHWM'), rssDoneMb, rssAfter10sMb: await memMb('VmRSS') };
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`cycles-at-once: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
