/**
 * A document the cycle needs disappears from the store (here: draft v1's report input, which
 * draft v2 is compared with). No retry brings it back, so the render fails at once instead of
 * retrying for days; the cycle says it is stuck — in its state, in `sdp-review status`, in the
 * web server's /healthz (503 with the reason) — and goes on when the document is restored and the
 * coordinator resumes it.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, closeCollectionUpdate, reopenAreasUpdate, reviewCycleId } from '../../domain/messages';
import { loadConfig } from '../../infra/config';
import type { FolderStore } from '../../infra/storage';
import { startWebServer, type WebServer } from '../../web';
import { cli } from '../helpers/cli';
import { actorOf, coordinator, sampleFor } from '../helpers/cycle';
import { smallSeeds } from '../helpers/stack';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

const year = 2064;
const seeds = smallSeeds(2);
let h: WorkerHarness;
let web: WebServer;
let store: FolderStore;

beforeAll(async () => {
  h = await startWorkerHarness();
  store = h.testDeps.deps.store as FolderStore;
  const config = loadConfig({ SDP_DATA_DIR: join(h.testDeps.dir, 'web'), SDP_ARTIFACTS_DIR: store.root, PORT: '0', HOST: '127.0.0.1' });
  web = await startWebServer({ client: h.env.client, config, temporal: { embedded: true } }, { logger: pino({ level: 'silent' }), env: {} });
}, 120_000);

afterAll(async () => {
  await web?.close();
  await h?.stop();
});

async function healthz(): Promise<{ status: number; body: { status: string; stuck: { year: number; reason: string; version: number }[] } }> {
  // /healthz reuses a result for 2 s; wait that long so each call sees the present.
  await new Promise((r) => setTimeout(r, 2_100));
  const res = await fetch(`${web.url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

describe('a cycle whose previous draft is missing from the store', () => {
  it('fails fast, shows as stuck, and goes on once the document is back and the coordinator resumes', async () => {
    const client = h.env.client;
    await startCycle(client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });
    for (const area of seeds.areas) {
      await submitContribution(client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: actorOf(seeds.participants.areaOwners[area.id]!.eu, 'area-owner'), store, area });
    }
    await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'inputs');
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    expect((await healthz()).status).toBe(200);

    const area = seeds.areas[1]!;
    await updateCycle(client, year, reopenAreasUpdate, { version: 1, areaIds: [area.id], comment: 'Plotësoni afatet.', actor: coordinator });
    await waitForState(client, year, (s) => s.areas.find((a) => a.id === area.id)?.status === 'reopened', 'the reopening');
    const lost = store.pathOf(`${year}/draft-v1/report-input.json`);
    const kept = await readFile(lost);
    await rm(lost);
    await submitContribution(client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: actorOf(seeds.participants.areaOwners[area.id]!.al, 'area-owner'), store, area });

    // Within seconds (a retry policy would keep retrying for days and never say so); on a loaded
    // machine the workflow tasks and the render before it take seconds each, hence the wait.
    const stuck = await waitForState(client, year, (s) => !!s.stuck, 'the cycle to say it is stuck', { timeoutMs: 60_000 });
    // At the first failure: the render of draft v2 failed once, on its first attempt, and was not retried.
    const events = (await client.workflow.getHandle(reviewCycleId(year)).fetchHistory()).events ?? [];
    const renders = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'renderReport').map((e) => Number(e.eventId)));
    const failed = events.filter((e) => renders.has(Number(e.activityTaskFailedEventAttributes?.scheduledEventId ?? 0))).map((e) => Number(e.activityTaskFailedEventAttributes!.scheduledEventId));
    expect(failed).toHaveLength(1);
    const attempts = events.filter((e) => Number(e.activityTaskStartedEventAttributes?.scheduledEventId ?? 0) === failed[0]).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    expect(attempts).toEqual([1]);
    expect(stuck.stuck).toMatchObject({ version: 2, reason: expect.stringContaining(`${year}/draft-v1/report-input.json`) });
    // Mails about the revision may be recorded after it; the stuck event is there, once, for v2.
    expect(stuck.events.filter((e) => e.action === 'cycle-stuck')).toEqual([expect.objectContaining({ version: 2 })]);

    const health = await healthz();
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('stuck');
    expect(health.body.stuck).toEqual([expect.objectContaining({ year, version: 2, reason: expect.stringContaining('report-input.json') })]);
    expect(JSON.stringify(health.body)).not.toContain(store.root);
    const dashboard = await (await fetch(`${web.url}/cycles/${year}`)).text();
    expect(dashboard).toMatch(/role="alert"><strong>STUCK since [^<]+: draft v2 cannot be rendered/);
    expect(dashboard).not.toContain(store.root);

    const saved = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = h.env.address;
    try {
      const status = await cli('status', '--year', String(year), '--json');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.out).stuck).toMatchObject({ version: 2 });
      // The document is restored from a backup; the coordinator resumes the cycle.
      await writeFile(lost, kept);
      const resumed = await cli('resume', '--year', String(year));
      expect(resumed.code).toBe(0);
      expect(resumed.out).toContain('tries again to render draft v2');
    } finally {
      if (saved === undefined) delete process.env.TEMPORAL_ADDRESS;
      else process.env.TEMPORAL_ADDRESS = saved;
    }
    const going = await waitForState(client, year, (s) => s.drafts.length === 2 && !s.stuck, 'draft v2 after the resume', { timeoutMs: 30_000 });
    expect(going.events.some((e) => e.action === 'cycle-resumed' && e.version === 2)).toBe(true);
    expect((await healthz()).status).toBe(200);
    await updateCycle(client, year, approveDraftUpdate, { version: 2, actor: coordinator });
  }, 120_000);
});
