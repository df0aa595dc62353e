/**
 * Records event histories into test/fixtures/histories/, for the replay test. Run it when the
 * workflow code changes on purpose in a way that running cycles must NOT see (then keep the old
 * history too, and guard the change with `patched()`); never to make a failing replay test pass.
 *
 *   npx tsx scripts/record-history.ts [name] [--mid-sign-off]
 *
 * By default it records a whole demo cycle (the reviewCycle workflow and one area's child), named
 * `<name>` (default: today's date). With `--mid-sign-off` it stops a cycle half-way: draft v1 is in
 * sign-off, the EU director has approved and the Albanian director has not decided yet — the
 * history of a cycle that is running when new code is deployed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { startCycle, submitContribution, updateCycle } from '../client/cycles';
import { runDemoCycle, waitForState } from '../client/demo';
import { approveDraftUpdate, areaCollectionId, closeCollectionUpdate, reviewCycleId, signOffUpdate } from '../domain/messages';
import type { Actor, Person } from '../domain/schemas';
import { loadConfig, openStore } from '../infra/config';
import { startStack } from '../run/stack';
import { PROJECT_ROOT } from '../infra/paths';
import { loadSampleInput, loadSeeds, type Seeds } from '../seeds';

const actor = (p: Person, role: Actor['role']): Actor => ({ email: p.email, name: p.name, role, channel: 'cli' });

/** Drives a cycle to sign-off of draft v1 with the EU director's approval, and leaves it running. */
async function runToMidSignOff(client: Client, seeds: Seeds, year: number): Promise<string> {
  const { participants } = seeds;
  const coordinator = actor(participants.coordinator, 'coordinator');
  const { workflowId } = await startCycle(client, { year, seeds, startedBy: { ...coordinator, channel: 'system' } });
  for (const [i, area] of seeds.areas.entries()) {
    const owners = participants.areaOwners[area.id]!;
    await submitContribution(client, { year, areaId: area.id, contribution: loadSampleInput(area), actor: actor(i % 2 === 0 ? owners.eu : owners.al, 'area-owner') });
  }
  await waitForState(client, year, (s) => s.areas.every((a) => a.status === 'submitted'), 'all inputs');
  await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
  await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
  await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
  await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off of v1');
  await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: 'Approved — për Tiranën.', actor: actor(participants.directors.eu, 'director') });
  await waitForState(client, year, (s) => s.decisions.length === 1, 'the EU director’s decision');
  return workflowId;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const midSignOff = args.includes('--mid-sign-off');
  const name = args.find((a) => !a.startsWith('--')) ?? new Date().toISOString().slice(0, 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'sdp-review-record-'));
  const config = { ...loadConfig({}), dataDir, artifactsDir: join(dataDir, 'artifacts') };
  const stack = await startStack({ config, temporalPort: 7255, temporalUiPort: 8255, onProgress: (l) => console.error(l) });
  try {
    const year = 2030;
    const seeds = loadSeeds();
    const workflowId = midSignOff
      ? await runToMidSignOff(stack.client, seeds, year)
      : (await runDemoCycle({ client: stack.client, seeds, year, store: openStore(config) })).workflowId;
    const out = join(PROJECT_ROOT, 'test', 'fixtures', 'histories');
    mkdirSync(out, { recursive: true });
    const files: (readonly [string, string])[] = [[`review-cycle-${name}.json`, workflowId]];
    if (!midSignOff) files.push([`area-collection-${name}.json`, areaCollectionId(year, 'cyber-issues')]);
    for (const [file, id] of files) {
      const history = await stack.client.workflow.getHandle(id).fetchHistory();
      writeFileSync(join(out, file), `${historyToJSON(history)}\n`);
      console.log(join(out, file));
    }
    if (midSignOff) await stack.client.workflow.getHandle(reviewCycleId(year)).terminate('recorded mid-cycle');
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
