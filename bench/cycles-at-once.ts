/**
 * `N` whole review cycles at once on one embedded stack (issue 15: "50 cycles at once all
 * complete"), run by `npm run bench` as a process of its own so that its peak memory is this run's
 * alone. All N cycles are started in the same instant; then people act as the product asks them to:
 *
 * - each area's owner (15 per cycle) submits the area's input once their request mail has arrived,
 *   after a think time drawn uniformly from 0 to `--think` seconds (default 30): N × 15 people do
 *   not all click in the same second, but 750 of them within half a minute of their mail is still
 *   far denser than any real cycle (owners have weeks);
 * - the coordinator closes collection as soon as the cycle's 15 inputs are recorded, and approves
 *   draft v1 when its mail arrives; each Director approves when their sign-off request arrives
 *   (no think time for them);
 * - an action that gets "not yet confirmed" (CycleError `unavailable`: Temporal did not answer
 *   within the product's deadline) is followed as its page follows it (web/pending/): the outcome of
 *   the same Update id is asked for every 5 s, and the action sent again under that id only when
 *   Temporal says it has no such Update. These answers are counted (`notConfirmed`, by action):
 *   the product's "try later", not a failure. A cycle fails when an action is refused or is still
 *   unconfirmed after 10 minutes, or when it does not end `submitted`.
 *
 * Prints one JSON line on stdout: how many completed, the failures' first lines, the time, this
 * process's peak resident memory (VmHWM) and its resident memory when done and 10 s later (MB), and
 * the unconfirmed answers: actions that got "not yet confirmed" (`notConfirmed`, by action), the
 * pending page's looks in all (`pendingLooks`) and the actions sent again after "not recorded"
 * (`resent`). The dev server is a process of its own and is not counted.
 *
 * Usage: tsx bench/cycles-at-once.ts <N 1–50> [--think=<seconds>] [--render-in-thread] [--trace]
 * `--render-in-thread`: reports render on the main thread (the "before" of the render threads).
 * `--trace`: every 5 s on stderr, the worker's tasks in flight and how far the cycles are.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableMessageId } from '../activities/mail/send';
import { CycleError } from '../client/errors';
import { startCycle, submitContribution, updateCycle } from '../client/cycles';
import { updateOutcome } from '../client/update-outcome';
import { approveDraftUpdate, areaCollectionId, closeCollectionUpdate, reviewCycleId, signOffUpdate } from '../domain/messages';
import type { Actor } from '../domain/schemas';
import type { SmtpCapture } from '../infra/smtp-capture';
import { loadConfig } from '../infra/config';
import { loadSampleInput, loadSeeds } from '../seeds';
import { startStack } from '../run/stack';
import { freeTemporalPorts } from '../test/helpers/stack';

const USAGE = 'usage: tsx bench/cycles-at-once.ts <N 1–50> [--think=<seconds>] [--render-in-thread] [--trace]';
/** How long a person keeps following one action that Temporal has not confirmed (ms). */
const GIVE_UP_MS = 600_000;
/** How often the page of an action not yet confirmed asks again (s): web/plumbing/decide.ts PENDING_REFRESH_SECONDS. */
const PENDING_REFRESH_SECONDS = 5;
/** How long a person waits for the mail that asks them to act (ms). */
const MAIL_WAIT_MS = 900_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memMb = async (field: 'VmHWM' | 'VmRSS') => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(await readFile('/proc/self/status', 'utf8'))?.[1]) / 1024);

/** Resolves when the mail of Message-ID `id` is in the outbox: one listener for every person waiting. */
function mailbox(capture: SmtpCapture): (id: string, what: string) => Promise<void> {
  const arrived = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  // A predicate that never matches sees every stored mail and then every arrival.
  void capture.waitFor((m) => {
    arrived.add(m.messageId);
    for (const wake of waiting.get(m.messageId) ?? []) wake();
    waiting.delete(m.messageId);
    return false;
  }, 2 ** 31 - 1).catch(() => undefined);
  return (id, what) =>
    arrived.has(id)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what}: no mail within ${MAIL_WAIT_MS / 60_000} minutes`)), MAIL_WAIT_MS);
          waiting.set(id, [...(waiting.get(id) ?? []), () => (clearTimeout(timer), resolve())]);
        });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const n = Number(args.find((a) => !a.startsWith('--')) ?? 5);
  const thinkS = Number(args.find((a) => a.startsWith('--think='))?.slice('--think='.length) ?? 30);
  if (!Number.isInteger(n) || n < 1 || n > 50 || !(thinkS >= 0)) throw new Error(USAGE);
  const seeds = loadSeeds();
  const dataDir = await mkdtemp(join(tmpdir(), 'sdp-bench-cycles-'));
  delete process.env.TEMPORAL_ADDRESS;
  const config = loadConfig({ SDP_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const stack = await startStack({ config, embeddedTemporal: true, ...(await freeTemporalPorts()), ...(args.includes('--render-in-thread') ? { reportThreads: 0 } : {}) });
  const { client } = stack;
  const mailArrived = mailbox(stack.smtp.capture!);
  const mailTo = (year: number, purpose: string, to: { email: string }) => mailArrived(stableMessageId(reviewCycleId(year), purpose, to.email, config.messageIdDomain), `${year} ${purpose}`);
  const person = (p: { email: string; name: string }, role: Actor['role']): Actor => ({ email: p.email, name: p.name, role, channel: 'cli' });
  const coordinator = person(seeds.participants.coordinator, 'coordinator');
  /** Actions that got "not yet confirmed" at least once, by action; and the pending page's looks in all. */
  const notConfirmed: Record<string, number> = {};
  let pendingLooks = 0;
  /** Actions sent again after their page said "not recorded" (Temporal had no such Update). */
  let resent = 0;
  const progress: Record<string, number> = {};
  const done = (step: string) => void (progress[step] = (progress[step] ?? 0) + 1);

  /**
   * Sends an Update under `updateId` as a link page does, and follows it as its "not yet
   * confirmed" page does (see the module comment). Throws the refusal, or after GIVE_UP_MS.
   */
  const act = async (what: string, workflowId: string, updateId: string, send: () => Promise<unknown>) => {
    const until = Date.now() + GIVE_UP_MS;
    let counted = false;
    for (;;) {
      try {
        return await send();
      } catch (err) {
        if (!(err instanceof CycleError && err.kind === 'unavailable')) throw err;
      }
      if (!counted) notConfirmed[what] = (notConfirmed[what] ?? 0) + 1;
      counted = true;
      for (;;) {
        if (Date.now() > until) throw new Error(`${workflowId}: ${what} not confirmed within ${GIVE_UP_MS / 60_000} minutes`);
        await sleep(PENDING_REFRESH_SECONDS * 1000);
        pendingLooks += 1;
        try {
          const outcome = await updateOutcome(client, workflowId, updateId);
          if (outcome !== undefined) return outcome;
          resent += 1;
          break; // "not recorded": the person sends it again
        } catch (err) {
          if (!(err instanceof CycleError && err.kind === 'unavailable')) throw err;
        }
      }
    }
  };

  const cycle = async (year: number) => {
    const cycleId = reviewCycleId(year);
    // A start that got no answer may have started the cycle: then the next try finds it there.
    let unanswered = false;
    for (const until = Date.now() + GIVE_UP_MS; ; await sleep(PENDING_REFRESH_SECONDS * 1000)) {
      try {
        await startCycle(client, { year, seeds, startedBy: coordinator });
        break;
      } catch (err) {
        if (unanswered && err instanceof CycleError && err.kind === 'conflict') break;
        if (!(err instanceof CycleError && err.kind === 'unavailable') || Date.now() > until) throw err;
        unanswered = true;
        notConfirmed.start = (notConfirmed.start ?? 0) + 1;
      }
    }
    done('started');
    await Promise.all(
      seeds.areas.map(async (area) => {
        const owner = seeds.participants.areaOwners[area.id]!.eu;
        await mailTo(year, `contribution-request.${area.id}.kickoff`, owner);
        await sleep(Math.random() * thinkS * 1000);
        const updateId = `bench-contribution-${year}-${area.id}`;
        const actor = person(owner, 'area-owner');
        await act('contribution', areaCollectionId(year, area.id), updateId, () =>
          submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor, area, updateId }),
        );
        done('contribution');
      }),
    );
    await act('close', cycleId, `bench-close-${year}`, () => updateCycle(client, year, closeCollectionUpdate, { actor: coordinator }, `bench-close-${year}`));
    done('closed');
    await mailTo(year, 'draft-ready.v1', seeds.participants.coordinator);
    await act('approve', cycleId, `bench-approve-${year}`, () => updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator }, `bench-approve-${year}`));
    done('approved');
    await Promise.all(
      (['eu', 'al'] as const).map(async (side) => {
        const director = seeds.participants.directors[side];
        await mailTo(year, `sign-off-request.v1.${side}`, director);
        const updateId = `bench-sign-off-${year}-${side}`;
        await act('sign-off', cycleId, updateId, () =>
          updateCycle(client, year, signOffUpdate, { version: 1, director: side, decision: 'approve', comment: '', actor: person(director, 'director') }, updateId),
        );
      }),
    );
    done('signed');
    const result = (await client.workflow.getHandle(cycleId).result()) as { outcome: string };
    if (result.outcome !== 'submitted') throw new Error(`${cycleId} ended ${result.outcome}`);
    done('submitted');
  };

  const t0 = performance.now();
  const trace = args.includes('--trace')
    ? setInterval(() => {
        const s = stack.worker.getStatus();
        process.stderr.write(
          `${Math.round((performance.now() - t0) / 1000)} s: workflow activations ${s.numInFlightWorkflowActivations}, activities ${s.numInFlightActivities}, cached ${s.numCachedWorkflows}; ${JSON.stringify(progress)} not confirmed ${JSON.stringify(notConfirmed)} (${pendingLooks} looks, ${resent} sent again)\n`,
        );
      }, 5_000)
    : undefined;
  const outcomes = await Promise.allSettled(Array.from({ length: n }, (_, i) => cycle(2050 + i)));
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  clearInterval(trace);
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error)?.message ?? o.reason).split('\n')[0]!] : []));
  const rssDoneMb = await memMb('VmRSS');
  await sleep(10_000);
  const figures = { cycles: n, completed: n - failures.length, failures: [...new Set(failures)], seconds, peakMb: await memMb('VmHWM'), rssDoneMb, rssAfter10sMb: await memMb('VmRSS'), thinkSeconds: thinkS, notConfirmed, pendingLooks, resent };
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
