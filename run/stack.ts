/**
 * The running product: Temporal (the embedded dev server, or a cluster named by TEMPORAL_ADDRESS),
 * mail (the embedded SMTP capture, or SMTP_URL), the worker, and the web server. `npm start`, the
 * demo and the integration tests all bring it up through `startStack`.
 */
import { join } from 'node:path';
import pino from 'pino';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type LogLevel, type Worker } from '@temporalio/worker';
import { NO_LINKS, type ActionLinks } from '../activities/mail/links';
import { mailerFromConfig } from '../activities/mail/send';
import { openStore, type AppConfig } from '../infra/config';
import { startDevServer, type DevServer } from '../infra/dev-server';
import { startSmtpCapture, type SmtpCapture } from '../infra/smtp-capture';
import { connectClient, connectWorker, temporalConfig } from '../infra/temporal-connection';
import { createWorker } from './create-worker';
import { mainThreadRenderer, startReportPool } from '../activities/report-pool';
import { ensurePrivateDir } from '../infra/files';

/** Everything `startStack` brought up, and how to stop it. */
export interface Stack {
  client: Client;
  temporal: { address: string; namespace: string; uiUrl?: string; embedded: boolean };
  smtp: { url: string; capture?: SmtpCapture };
  /** Base URL of the web server, when one runs. */
  webUrl?: string;
  worker: Worker;
  /** Resolves when the worker stops (after `stop()`, or on a fatal worker error). */
  workerDone: Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  config: AppConfig;
  /** Start the embedded Temporal dev server unless TEMPORAL_ADDRESS is set (default true). */
  embeddedTemporal?: boolean;
  /** Ports of the embedded dev server (defaults 7233 / 8233). */
  temporalPort?: number;
  temporalUiPort?: number;
  /** Progress lines for people ("Starting Temporal…"). */
  onProgress?: (line: string) => void;
  /**
   * Threads that render reports off the web server's event loop (activities/report-pool.ts): 1 or
   * 2 (default: the pool's choice for the machine); 0 renders in the main thread (the benchmark's
   * "before").
   */
  reportThreads?: number;
  /** Builds the link issuer and web server once Temporal and mail are up (the web server's `startWebServer`). */
  web?: (parts: { client: Client; config: AppConfig; capture?: SmtpCapture; temporal: { uiUrl?: string; embedded: boolean } }) => Promise<{ links: ActionLinks; url: string; close(): Promise<void> }>;
}

/**
 * The SDK's own log lines (worker state changes…) at WARN unless LOG_LEVEL says otherwise. The
 * Runtime can be installed once per process; if something else installed it first, keep that one.
 */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'WARN') });
  } catch {
    // Already installed (e.g. by a test or by run/worker.ts with its own logger).
  }
}

/** Brings the stack up in order; on failure, stops what it had started and rethrows. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const { config } = opts;
  const progress = opts.onProgress ?? (() => {});
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(`while stopping: ${(err as Error).message}`));
  };
  try {
    await ensurePrivateDir(config.dataDir);
    let devServer: DevServer | undefined;
    if ((opts.embeddedTemporal ?? true) && !process.env.TEMPORAL_ADDRESS) {
      progress('Starting the Temporal dev server (SQLite in the data folder)…');
      devServer = await startDevServer({ dataDir: config.dataDir, port: opts.temporalPort, uiPort: opts.temporalUiPort });
      stops.push(() => devServer!.stop());
    }
    const override = { address: devServer?.address };
    const address = temporalConfig(override).address;

    let capture: SmtpCapture | undefined;
    let smtpUrl = config.smtpUrl;
    if (!smtpUrl) {
      progress('Starting the local SMTP capture server (the outbox)…');
      capture = await startSmtpCapture({ dir: join(config.dataDir, 'outbox'), logger: pino({ name: 'smtp-capture', level: process.env.LOG_LEVEL ?? 'warn' }) });
      stops.push(() => capture!.close());
      smtpUrl = capture.url;
    }

    progress(`Connecting to Temporal at ${address}…`);
    const { client, close: closeClient } = await connectClient(10_000, override);
    stops.push(closeClient);

    let links: ActionLinks = NO_LINKS;
    let webUrl: string | undefined;
    if (opts.web) {
      progress('Starting the web server…');
      const web = await opts.web({ client, config, capture, temporal: { uiUrl: devServer?.uiUrl, embedded: !!devServer } });
      stops.push(() => web.close());
      links = web.links;
      webUrl = web.url;
    }

    progress('Starting the worker (the workflows are bundled once, then taken from node_modules/.cache/sdp-review)…');
    quietRuntime();
    const store = openStore(config);
    const mailer = mailerFromConfig(config, smtpUrl, store);
    stops.push(async () => mailer.close());
    const { connection, namespace } = await connectWorker(override);
    stops.push(() => connection.close());
    // Closed after the worker has stopped (stops run in reverse): its last renders finish first.
    const storeConfig = { storageUrl: config.storageUrl, artifactsDir: config.artifactsDir };
    const reportRenderer = opts.reportThreads === 0 ? mainThreadRenderer(storeConfig) : startReportPool({ store: storeConfig, threads: opts.reportThreads });
    stops.push(() => reportRenderer.close());
    const worker = await createWorker({ connection, namespace, deps: { store, mailer, links, reportRenderer } });
    const workerDone = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerDone.catch(() => undefined);
    });

    return {
      client,
      temporal: { address, namespace, uiUrl: devServer?.uiUrl, embedded: !!devServer },
      smtp: { url: smtpUrl, capture },
      webUrl,
      worker,
      workerDone,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
