/**
 * The floor of `npm start`: the same Temporal dev server the product launches, plus the bare
 * worker (./bare.ts), in one process. Prints `ready <ms>` on stdout once the worker polls, then
 * waits for SIGTERM. Run by bench/clicks.ts as a child with SDP_DATA_DIR, SDP_TEMPORAL_PORT and
 * SDP_TEMPORAL_UI_PORT set.
 */
import { NativeConnection } from '@temporalio/worker';
import { startDevServer } from '../../infra/dev-server';
import { quietRuntime } from '../../run/stack';
import { createBareWorker } from './bare';

const t0 = performance.now();
const dev = await startDevServer({ dataDir: process.env.SDP_DATA_DIR!, port: Number(process.env.SDP_TEMPORAL_PORT), uiPort: Number(process.env.SDP_TEMPORAL_UI_PORT) });
quietRuntime();
const connection = await NativeConnection.connect({ address: dev.address });
const worker = await createBareWorker(connection);
const done = worker.run();
console.log(`ready ${Math.round(performance.now() - t0)}`);
const stop = async () => {
  worker.shutdown();
  await done.catch(() => undefined);
  await connection.close();
  await dev.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
