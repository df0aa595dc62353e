/**
 * `npm run demo`: drives one whole review cycle on the seeds through every stage, with the sample
 * inputs: all 15 areas submitted by their owners, collection closed, draft v1 approved by the
 * coordinator, the EU director approves and the Albanian director requests changes, the
 * coordinator reopens one area, its owner revises, draft v2 is approved by both directors, and the
 * report goes to the SA Council secretariat. Ends by printing the paths of the final .docx, .html
 * and .md, one per line (progress goes to stderr).
 *
 * It runs on its own embedded stack in `<data>/demo` (fresh each run, ports 7244/8244 and a free web
 * port), so it never touches the cycles of `npm start`. `--keep` leaves the stack running afterwards.
 * It ignores TEMPORAL_ADDRESS, SMTP_URL, SDP_STORAGE_URL and Temporal's other connection settings
 * (./demo-environment.ts), saying so in one line: a demo never acts on real parts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDemoCycle } from '../client/demo';
import { loadConfig, openStore } from '../infra/config';
import { DataFolderInUseError, assertDataFolderFree } from '../infra/dev-server';
import { loadSeeds } from '../seeds';
import { startWebServer } from '../web';
import { demoEnvironment } from './demo-environment';
import { startStack } from './stack';

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  // Before anything reads them: the stack, the Temporal connection and the store read process.env.
  const own = demoEnvironment(process.env);
  // Removed, not read: the names are those demoEnvironment matched.
  for (const name of own.ignored) Reflect.deleteProperty(process.env, name);
  if (own.notice) process.stderr.write(`${own.notice}\n`);
  const base = loadConfig();
  const dataDir = join(base.dataDir, 'demo');
  // A demo already running (--keep) keeps its folder: this one is refused before emptying it.
  assertDataFolderFree(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  const config = { ...base, dataDir, artifactsDir: join(dataDir, 'artifacts'), port: 0 };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stack = await startStack({ config, temporalPort: 7244, temporalUiPort: 8244, onProgress: log, web: startWebServer });
  try {
    const result = await runDemoCycle({ client: stack.client, seeds: loadSeeds(), year: new Date().getFullYear(), store: openStore(config), onProgress: log });
    log(`Done: submitted to the SA Council secretariat (${result.messageId}).`);
    for (const path of result.paths) process.stdout.write(`${path}\n`);
    if (keep) {
      if (stack.temporal.uiUrl) log(`Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/workflows`);
      log(`The demo stack keeps running${stack.webUrl ? ` (web: ${stack.webUrl}, outbox: ${stack.webUrl}/outbox)` : ''}; Ctrl-C stops it.`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // A refusal is a sentence for people; anything else keeps its stack.
    console.error(`demo: ${err instanceof DataFolderInUseError ? err.message : ((err as Error).stack ?? err)}`);
    process.exit(1);
  },
);
