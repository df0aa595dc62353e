/**
 * `npm start`: brings up the embedded stack for one machine (Temporal dev server with its UI, the
 * SMTP capture server, the worker, the web server), starts this year's review cycle from the seeds
 * if the year has none, and prints where to look. Ctrl-C stops everything; starting again resumes
 * the same cycles from the SQLite file in the data folder.
 *
 * With TEMPORAL_ADDRESS set it uses that cluster instead of the dev server and starts no cycle
 * (./dev-cycle.ts): on a real namespace that is the operator's act. Production runs the worker and
 * the web server apart (./worker.ts, ./web.ts).
 */
import { pc } from '../infra/colour';
import { loadConfig } from '../infra/config';
import { loadSeeds } from '../seeds';
import { startWebServer } from '../web';
import { openDevCycle } from './dev-cycle';
import { startStack } from './stack';

async function main(): Promise<void> {
  const config = loadConfig();
  const seeds = loadSeeds();
  const stack = await startStack({ config, temporalPort: config.temporalPort, temporalUiPort: config.temporalUiPort, onProgress: (line) => console.log(pc.dim(line)), web: startWebServer });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(pc.dim(`\n${signal}: stopping the worker, the web server, mail and Temporal…`));
    await stack.stop();
    console.log(pc.dim('Stopped.'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

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
  console.error(pc.red(`sdp-review: ${(err as Error).message}`));
  process.exit(1);
});
