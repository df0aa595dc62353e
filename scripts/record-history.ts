/**
 * Records the event histories of a whole demo cycle (the reviewCycle workflow and one area's
 * child) into test/fixtures/histories/, for the replay test. Run it when the workflow code changes
 * on purpose in a way that running cycles must NOT see (then keep the old history too, and guard
 * the change with `patched()`); never to make a failing replay test pass.
 *
 *   npx tsx scripts/record-history.ts [name]     (default name: today's date)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { runDemoCycle } from '../client/demo';
import { areaCollectionId } from '../domain/messages';
import { loadConfig } from '../infra/config';
import { startStack } from '../infra/stack';
import { PROJECT_ROOT } from '../infra/temporal-binaries';
import { loadSeeds } from '../seeds';

async function main(): Promise<void> {
  const name = process.argv[2] ?? new Date().toISOString().slice(0, 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'sdp-review-record-'));
  const config = { ...loadConfig({}), dataDir, artifactsDir: join(dataDir, 'artifacts') };
  const stack = await startStack({ config, temporalPort: 7255, temporalUiPort: 8255, onProgress: (l) => console.error(l) });
  try {
    const year = 2030;
    const seeds = loadSeeds();
    const result = await runDemoCycle({ client: stack.client, seeds, year, artifactsDir: config.artifactsDir });
    const out = join(PROJECT_ROOT, 'test', 'fixtures', 'histories');
    mkdirSync(out, { recursive: true });
    for (const [file, id] of [[`review-cycle-${name}.json`, result.workflowId], [`area-collection-${name}.json`, areaCollectionId(year, 'cyber-issues')]] as const) {
      const history = await stack.client.workflow.getHandle(id).fetchHistory();
      writeFileSync(join(out, file), `${historyToJSON(history)}\n`);
      console.log(join(out, file));
    }
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
