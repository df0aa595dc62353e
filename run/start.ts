/**
 * `npm start`: brings up the embedded stack for one machine (Temporal dev server with its UI, the
 * SMTP capture server, the worker, the web server), starts this year's review cycle from the seeds
 * if the year has none, and prints where to look. Ctrl-C (or SIGTERM) stops everything, also during
 * start-up (once it has finished; a second Ctrl-C quits at once); starting again resumes the same
 * cycles from the SQLite file in the data folder.
 *
 * With TEMPORAL_ADDRESS set it uses that cluster instead of the dev server and starts no cycle
 * (./dev-cycle.ts): on a real namespace that is the operator's act. Production runs the worker and
 * the web server apart (./worker.ts, ./web.ts).
 */
import { pc } from '../infra/colour';
import { onStopSignals } from '../infra/stop-signals';
import { loadConfig } from '../infra/config';
import { stopOwnDevServer } from '../infra/dev-server';
import { loadSeeds } from '../seeds';
import { startWebServer } from '../web';
import { openDevCycle } from './dev-cycle';
import { startStack, type Stack } from './stack';

/** The signal that asked the process to stop, once one has. */
let signalled: NodeJS.Signals | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  const seeds = loadSeeds();
  // Set once start-up has finished; the signal handler reads it.
  const up: { stack?: Stack } = {};
  const stop = async () => {
    console.log(pc.dim(`\n${signalled}: stopping the worker, the web server, mail and Temporal…`));
    await up.stack!.stop();
    console.log(pc.dim('Stopped.'));
    process.exit(0);
  };
  // Taken from the first moment: the dev server runs in a process group of its own (infra/dev-server.ts),
  // so a signal that ended this process during start-up would leave it running until the next start.
  // One Ctrl-C arrives two or three times (the terminal's group, npm relaying it): one stop.
  onStopSignals(
    (signal) => {
      signalled = signal;
      if (up.stack) void stop();
      else console.log(pc.dim(`\n${signal}: stopping as soon as start-up has finished; press Ctrl-C again to quit at once.`));
    },
    {
      // Pressed again later: during start-up, quit now, with the dev server if it was started
      // already; while stopping, the stop goes on, the dev server last.
      force: () => {
        if (up.stack) return;
        stopOwnDevServer(config.dataDir);
        process.exit(130);
      },
    },
  );

  const stack = (up.stack = await startStack({ config, temporalPort: config.temporalPort, temporalUiPort: config.temporalUiPort, onProgress: (line) => console.log(pc.dim(line)), web: startWebServer }));
  if (signalled) return stop();

  const year = new Date().getFullYear();
  const cycle = await openDevCycle({ client: stack.client, embedded: stack.temporal.embedded, seeds, year });
  if (cycle.kind === 'exists') console.log(`The ${year} review cycle exists already (${cycle.workflowId}); resuming it.`);
  if (cycle.kind === 'started') console.log(`Started the ${year} review cycle: ${cycle.workflowId} (${seeds.areas.length} areas collecting).`);
  if (cycle.kind === 'not-embedded') console.log(`Temporal is not the embedded dev server: no cycle is started automatically (start one with \`sdp-review start --year ${year}\`).`);

  console.log('');
  console.log(pc.bold('sdp-review is running.'));
  if (stack.webUrl) console.log(`  Dashboard and forms: ${stack.webUrl}`);
  if (stack.webUrl && stack.smtp.capture) console.log(`  Outbox (mails sent): ${stack.webUrl}/outbox`);
  if (stack.temporal.uiUrl) console.log(`  Temporal UI:         ${stack.temporal.uiUrl}/namespaces/${stack.temporal.namespace}/workflows`);
  console.log(`  Temporal:            ${stack.temporal.address} (namespace ${stack.temporal.namespace})`);
  console.log(`  SMTP:                ${stack.smtp.capture ? `${stack.smtp.url} (local capture, stored in ${config.dataDir}/outbox)` : 'SMTP_URL'}`);
  console.log(`  Artifacts:           ${config.artifactsDir}`);
  const cliEnv = stack.temporal.address === '127.0.0.1:7233' ? '' : `TEMPORAL_ADDRESS=${stack.temporal.address} `;
  console.log(`  CLI:                 ${cliEnv}npx sdp-review status --year ${year}`);
  console.log(pc.dim('Press Ctrl-C to stop.'));
  await stack.workerDone;
}

main().catch((err: unknown) => {
  // A signal during start-up also reaches the bundling child in the same process group; its
  // failure is the stop that was asked for, and startStack has stopped what it had started.
  if (signalled) {
    console.log(pc.dim('Stopped.'));
    process.exit(0);
  }
  console.error(pc.red(`sdp-review: ${(err as Error).message}`));
  process.exit(1);
});
