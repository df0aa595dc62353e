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
import { DataFolderInUseError, releaseDataFolder, stopOwnDevServer } from '../infra/dev-server';
import { onStopSignals } from '../infra/stop-signals';
import { loadSeeds } from '../seeds';
import { startWebServer } from '../web';
import { demoEnvironment } from './demo-environment';
import { startStack, type Stack } from './stack';

/** Set by the first stop signal. */
let signalled = false;

/** Ends the process after a stop signal came before the demo cycle finished: its errors are the stop, not news. */
function stoppedEarly(): never {
  process.stderr.write('demo: stopped before the demo cycle finished.\n');
  process.exit(130);
}

/** The demo's own Temporal ports, apart from `npm start`'s. */
const DEMO_TEMPORAL_PORT = 7244;
const DEMO_TEMPORAL_UI_PORT = 8244;

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  // Before anything reads them: the stack, the Temporal connection and the store read process.env.
  const own = demoEnvironment(process.env);
  // Removed, not read: the names are those demoEnvironment matched.
  for (const name of own.ignored) Reflect.deleteProperty(process.env, name);
  if (own.notice) process.stderr.write(`${own.notice}\n`);
  const base = loadConfig();
  const dataDir = join(base.dataDir, 'demo');
  // A demo already running (--keep) keeps its folder: this one is refused before emptying it; the
  // dev server of a demo that was killed is stopped first, or it would hold the port.
  await releaseDataFolder(dataDir, DEMO_TEMPORAL_PORT);
  rmSync(dataDir, { recursive: true, force: true });
  const config = { ...base, dataDir, artifactsDir: join(dataDir, 'artifacts'), port: 0 };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // Ctrl-C reaches this process two or three times (the terminal's group, npm relaying it): the
  // first stops the stack, its dev server included; the repeats are the same stop, not an exit
  // that would leave the dev server running (infra/stop-signals.ts). Heard from the first moment:
  // a stop during start-up is made once the stack is up.
  let stack: Stack | undefined;
  let stopping: Promise<void> | undefined;
  let interrupt: (() => void) | undefined;
  const stopStack = () => (stopping ??= stack!.stop());
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  let finished = false;
  onStopSignals(
    () => {
      signalled = true;
      if (!stack) return log('Stopping as soon as start-up has finished.');
      if (!finished) {
        // The demo cycle's calls in flight fail as the connection closes (grpc-js may throw them
        // outside any promise): from now on they are the stop, and must not end the process
        // before the dev server is stopped.
        process.on('uncaughtException', () => undefined);
        process.on('unhandledRejection', () => undefined);
      }
      void stopStack().finally(() => {
        if (finished) return interrupt?.();
        // Everything is stopped, the dev server last: the demo cycle's waits end here.
        stoppedEarly();
      });
    },
    {
      // Pressed again later: quit now, with the dev server if this process had started it.
      force: () => {
        stopOwnDevServer(dataDir);
        process.exit(130);
      },
    },
  );
  try {
    stack = await startStack({ config, temporalPort: DEMO_TEMPORAL_PORT, temporalUiPort: DEMO_TEMPORAL_UI_PORT, onProgress: log, web: startWebServer });
  } catch (err) {
    // The signal reached the bundling child too (same process group); startStack stopped what it had started.
    if (signalled) stoppedEarly();
    throw err;
  }
  if (signalled) {
    await stopStack();
    stoppedEarly();
  }
  try {
    const result = await runDemoCycle({ client: stack.client, seeds: loadSeeds(), year: new Date().getFullYear(), store: openStore(config), onProgress: log });
    finished = true;
    log(`Done: submitted to the SA Council secretariat (${result.messageId}).`);
    for (const path of result.paths) process.stdout.write(`${path}\n`);
    if (keep) {
      if (stack.temporal.uiUrl) log(`Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/workflows`);
      log(`The demo stack keeps running${stack.webUrl ? ` (web: ${stack.webUrl}, outbox: ${stack.webUrl}/outbox)` : ''}; Ctrl-C stops it.`);
      await interrupted;
    }
  } finally {
    await stopStack();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (signalled) stoppedEarly();
    // The message is for people (a missing binary says how to get it); the stack only when asked for.
    const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
    console.error(`demo: ${err instanceof DataFolderInUseError || !debug ? ((err as Error).message ?? String(err)) : ((err as Error).stack ?? err)}`);
    process.exit(1);
  },
);
