/**
 * Inputs at the cap never break a cycle: 15 areas each near 2 MB of text, 15 rating overrides, two
 * reopenings and three drafts. The workflows carry references (key, hash, size, summary), so every
 * payload of every history stays far below Temporal's 2 MB limit (asserted under 256 KB), and the
 * `state` query, the dashboard and the link pages keep answering.
 */
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { approveDraftUpdate, areaCollectionId, closeCollectionUpdate, overrideRatingUpdate, reopenAreasUpdate, reviewCycleId } from '../../domain/messages';
import { CONTRIBUTION_MAX_BYTES, type ContributionInput } from '../../domain/schemas';
import { loadConfig } from '../../infra/config';
import type { FolderStore } from '../../infra/storage';
import { startWebServer, type WebServer } from '../../web';
import { actorOf, coordinator, sampleFor, seeds } from '../helpers/cycle';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';

const year = 2065;
let h: WorkerHarness;
let web: WebServer;

/** The area's sample input with its narrative grown to `bytes` of UTF-8 JSON (Albanian letters included). */
function atTheCap(areaId: string, round: number, bytes = CONTRIBUTION_MAX_BYTES - 16 * 1024): ContributionInput {
  const sample = sampleFor(areaId);
  const paragraph = `Raundi ${round}: ushtrimi i përbashkët në Tiranë dhe Durrës, me pjesëmarrjen e Çështjeve kibernetike. `;
  const room = bytes - Buffer.byteLength(JSON.stringify(sample));
  const narrative = `${sample.narrative}\n\n${paragraph.repeat(Math.floor(room / Buffer.byteLength(paragraph)))}`;
  return { ...sample, narrative };
}

/** Base64 payload sizes (decoded bytes) found anywhere in a history's JSON. */
function payloadSizes(json: unknown): number[] {
  const sizes: number[] = [];
  const walk = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(walk);
    else if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      if (typeof rec.data === 'string' && 'metadata' in rec) sizes.push(Buffer.from(rec.data, 'base64').byteLength);
      Object.values(rec).forEach(walk);
    }
  };
  walk(json);
  return sizes;
}

beforeAll(async () => {
  h = await startWorkerHarness();
  const store = h.testDeps.deps.store as FolderStore;
  const config = loadConfig({ SDP_DATA_DIR: join(h.testDeps.dir, 'web'), SDP_ARTIFACTS_DIR: store.root, PORT: '0', HOST: '127.0.0.1' });
  web = await startWebServer({ client: h.env.client, config, temporal: { embedded: true } }, { logger: pino({ level: 'silent' }), env: {} });
}, 120_000);

afterAll(async () => {
  await web?.close();
  await h?.stop();
});

describe('a cycle with every input near 2 MB', () => {
  it('keeps every payload small and every page answering', async () => {
    const client = h.env.client;
    const store = h.testDeps.deps.store;
    await startCycle(client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });
    const submitAll = async (areas: typeof seeds.areas, round: number) => {
      for (const area of areas) {
        const owner = actorOf(seeds.participants.areaOwners[area.id]!.eu, 'area-owner');
        await submitContribution(client, { year, areaId: area.id, contribution: atTheCap(area.id, round), actor: owner, store, area });
      }
    };
    await submitAll(seeds.areas, 1);
    for (const [i, area] of seeds.areas.entries()) {
      await updateCycle(client, year, overrideRatingUpdate, { areaId: area.id, rating: (['green', 'amber', 'red'] as const)[i % 3]!, reason: `Vlerësimi i koordinatorit për «${area.title}».`, actor: coordinator });
    }
    await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'inputs');
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    for (const [version, reopened] of [[1, seeds.areas.slice(0, 3)], [2, seeds.areas.slice(3, 6)]] as const) {
      await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === version, `draft v${version}`, { timeoutMs: 120_000 });
      await updateCycle(client, year, reopenAreasUpdate, { version, areaIds: reopened.map((a) => a.id), comment: 'Përditësoni shifrat.', actor: coordinator });
      await waitForState(client, year, (s) => s.stage === 'collecting', `reopening after v${version}`);
      await submitAll(reopened, version + 1);
    }
    const state = await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 3, 'draft v3', { timeoutMs: 120_000 });
    expect(state.areas.every((a) => a.input && a.input.bytes > CONTRIBUTION_MAX_BYTES - 64 * 1024)).toBe(true);

    // The state query: summaries, not narratives.
    const stateBytes = Buffer.byteLength(JSON.stringify(await getCycleState(client, year)));
    expect(stateBytes).toBeLessThan(256 * 1024);
    // Every payload of the cycle's history and of an area's.
    for (const id of [reviewCycleId(year), areaCollectionId(year, seeds.areas[0]!.id)]) {
      const history = JSON.parse(historyToJSON(await client.workflow.getHandle(id).fetchHistory()));
      const largest = Math.max(...payloadSizes(history));
      expect(largest, id).toBeLessThan(256 * 1024);
      console.log(`large inputs: ${id}: ${history.events.length} events, largest payload ${(largest / 1024).toFixed(1)} KB; state query ${(stateBytes / 1024).toFixed(1)} KB`);
    }
    // The dashboard's cycle page and the list answer.
    for (const path of [`/cycles/${year}`, '/cycles']) {
      const res = await fetch(`${web.url}${path}`);
      expect(res.status, path).toBe(200);
    }
    // The draft, built from every input, is in the store.
    const docx = state.drafts[2]!.files.find((f) => f.format === 'docx')!;
    expect(await store.has(docx.key)).toBe(true);
    await updateCycle(client, year, approveDraftUpdate, { version: 3, actor: coordinator });
  }, 240_000);
});
