/**
 * The stand-alone worker process (`npm run worker`): sdp-review's workflows and activities on task
 * queue `sdp-review`, for a deployment where Temporal, mail and the web server run elsewhere.
 *
 * Settings (environment):
 * - Temporal: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key (infra/temporal-connection.ts);
 * - SMTP_URL (required here: there is no embedded capture server), MAIL_FROM, MESSAGE_ID_DOMAIN,
 *   SDP_DATA_DIR (the mail ledger goes in `<dataDir>/mail-ledger`), SDP_ARTIFACTS_DIR (infra/config.ts);
 * - METRICS_ADDRESS: where Prometheus scrapes the metrics, `host:port` (default 127.0.0.1:9464),
 *   served at `/metrics`: the SDK's, prefixed `temporal_`, and the application's, prefixed
 *   `sdp_review_` (domain/metrics.ts), the cycle gauges refreshed every minute (client/cycle-gauges.ts);
 * - WORKER_HEALTH_ADDRESS: where `GET /healthz` answers, `host:port` (default 127.0.0.1:9465):
 *   200 when the worker is running and Temporal answers, 503 otherwise (./worker-health.ts);
 * - LOG_LEVEL: trace, debug, info (default), warn or error;
 * - PUBLIC_BASE_URL with SDP_LINK_SECRET: mails carry signed action links (links/) that the web
 *   server accepts; without both, mails tell people the CLI command instead.
 *
 * Logs: one JSON object per line on stdout (pino), the SDK's own, the workflows' and activities'
 * (with `workflowId`, `runId`, `activityId`… as the SDK gives them) and the Core SDK's (forwarded).
 * Stops cleanly on SIGINT or SIGTERM, also when sent to the whole process group (exit 0: running
 * activities are cancelled, workflow tasks end); a second signal a second or more after the first
 * exits at once (1) (infra/stop-signals.ts). Exits 1 with the error printed when it cannot start or fails.
 *
 * Run compiled (`npm run build`, then `npm run start:worker`: dist/worker.js) it loads the prebuilt
 * workflow bundle dist/workflow-bundle.js; run from source (`npm run worker`) it bundles at start.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import pino, { type Logger } from 'pino';
import { NO_LINKS, type ActionLinks } from '../activities/mail/links';
import { mailerFromConfig } from '../activities/mail/send';
import { startCycleGauges } from '../client/cycle-gauges';
import { HISTOGRAM_BUCKETS } from '../domain/metrics';
import { loadConfig, type AppConfig, openStore } from '../infra/config';
import { sdkLogger } from '../infra/sdk-logger';
import { parseHostPort, startHealthEndpoint } from '../infra/health-endpoint';
import { onStopSignals } from '../infra/stop-signals';
import { connectWorker, temporalConfig } from '../infra/temporal-connection';
import { createLinkIssuer, loadLinkSecret } from '../links';
import { createWorker } from './create-worker';
import { startReportPool, type ReportRenderer } from '../activities/report-pool';
import { DEFAULT_WORKER_HEALTH_ADDRESS, workerHealthCheck } from './worker-health';
import { ensurePrivateDir } from '../infra/files';

/** Default bind address of the Prometheus endpoint: loopback only, the usual port of a Node exporter. */
const DEFAULT_METRICS_ADDRESS = '127.0.0.1:9464';

/**
 * Reads METRICS_ADDRESS (`host:port`, `[v6]:port`; default DEFAULT_METRICS_ADDRESS). Throws an
 * Error naming METRICS_ADDRESS when it is not that shape or the port is out of range.
 */
export function metricsAddress(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.METRICS_ADDRESS?.trim() || DEFAULT_METRICS_ADDRESS;
  parseHostPort('METRICS_ADDRESS', value, DEFAULT_METRICS_ADDRESS);
  return value;
}

/**
 * Reads WORKER_HEALTH_ADDRESS (`host:port`, `[v6]:port`, port 0 for a free one; default
 * DEFAULT_WORKER_HEALTH_ADDRESS). Throws an Error naming WORKER_HEALTH_ADDRESS when malformed.
 */
export function workerHealthAddress(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } {
  return parseHostPort('WORKER_HEALTH_ADDRESS', env.WORKER_HEALTH_ADDRESS?.trim() || DEFAULT_WORKER_HEALTH_ADDRESS, DEFAULT_WORKER_HEALTH_ADDRESS);
}

/**
 * The link issuer for mails: the web server's signer (links/, no server started) when
 * PUBLIC_BASE_URL and SDP_LINK_SECRET are both set, so links the worker mails are the ones the web
 * server accepts; otherwise NO_LINKS. Throws when SDP_LINK_SECRET is too short.
 */
export async function mailLinks(config: AppConfig, env: NodeJS.ProcessEnv, log: Logger): Promise<ActionLinks> {
  const base = config.publicBaseUrl;
  const hasSecret = !!env.SDP_LINK_SECRET;
  if (base && hasSecret) {
    const secret = await loadLinkSecret(config.dataDir, env);
    log.info({ publicBaseUrl: base }, 'mails carry signed action links');
    return createLinkIssuer(secret, () => base);
  }
  if (base || hasSecret) {
    log.warn({ missing: base ? 'SDP_LINK_SECRET' : 'PUBLIC_BASE_URL' }, 'action links need both PUBLIC_BASE_URL and SDP_LINK_SECRET; mails carry CLI instructions instead');
  } else {
    log.info('no web server configured (PUBLIC_BASE_URL, SDP_LINK_SECRET): mails carry CLI instructions');
  }
  return NO_LINKS;
}

/** Runs the worker until SIGINT or SIGTERM. Resolves when it has stopped; rejects on a start-up or fatal error. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!['trace', 'debug', 'info', 'warn', 'error'].includes(level)) throw new Error(`LOG_LEVEL: must be trace, debug, info, warn or error; got "${env.LOG_LEVEL}"`);
  const log = pino({ name: 'sdp-review-worker', level });

  const config = loadConfig(env);
  await ensurePrivateDir(config.dataDir);
  if (!config.smtpUrl) {
    throw new Error('SMTP_URL is required for a stand-alone worker: the SMTP server that sends the mails, e.g. smtp://user:pass@mail.example.eu:587 (`npm start` runs a local capture server instead).');
  }
  const bindAddress = metricsAddress(env);
  const healthAddress = workerHealthAddress(env);

  // Our own signal handling (not the Runtime's): a signal during start-up must stop the process too.
  let worker: Worker | undefined;
  let connection: NativeConnection | undefined;
  let stopRequested = false;
  onStopSignals(
    (signal) => {
      stopRequested = true;
      log.info({ signal }, 'stopping the worker');
      if (worker?.getState() === 'RUNNING') worker.shutdown();
    },
    {
      force: (signal) => {
        log.warn({ signal }, 'second signal: exiting at once');
        process.exit(1);
      },
    },
  );

  Runtime.install({
    logger: sdkLogger(log),
    shutdownSignals: [],
    telemetryOptions: {
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      metrics: { prometheus: { bindAddress, histogramBucketOverrides: HISTOGRAM_BUCKETS } },
    },
  });
  log.info({ metrics: `http://${bindAddress}/metrics` }, 'Prometheus metrics');

  const links = await mailLinks(config, env, log);
  const store = openStore(config, env);
  log.info({ store: store.location }, 'document store');
  const mailer = mailerFromConfig(config, config.smtpUrl, store);
  // Mail is retried by the activities; an SMTP server that is down now is worth a warning, not a refusal to start.
  mailer.verify().then(
    () => log.info({ smtp: redactUrl(config.smtpUrl!) }, 'SMTP server answers'),
    (err: unknown) => log.warn({ smtp: redactUrl(config.smtpUrl!), err }, 'SMTP server does not answer yet; mails will be retried'),
  );
  const { address, namespace } = temporalConfig();
  // Up before Temporal is reached, so a probe reads 503 STARTING rather than a refused connection.
  const health = await startHealthEndpoint({
    ...healthAddress,
    check: workerHealthCheck(() => ({ worker, connection }), namespace, (err) => log.warn({ err: (err as Error)?.message }, 'healthz: Temporal does not answer')),
  });
  log.info({ health: health.url }, 'health endpoint');
  log.info({ temporal: address, namespace }, 'connecting to Temporal');
  try {
    ({ connection } = await connectWorker());
  } catch (err) {
    await health.close();
    throw err;
  }
  let gauges: { stop(): void } | undefined;
  let reportRenderer: ReportRenderer | undefined;
  try {
    reportRenderer = startReportPool({ store: { storageUrl: config.storageUrl, artifactsDir: config.artifactsDir }, log });
    worker = await createWorker({ connection, namespace, deps: { store, mailer, links, reportRenderer } });
    if (stopRequested) return;
    log.info({ taskQueue: worker.options.taskQueue, store: store.location }, 'worker running');
    gauges = startCycleGauges({ client: new Client({ connection, namespace }), meter: Runtime.instance().metricMeter, log });
    await worker.run();
    log.info('worker stopped');
  } finally {
    gauges?.stop();
    // After the worker has stopped: the renders it awaited are done, the threads can go.
    await reportRenderer?.close();
    mailer.close();
    await connection.close();
    await health.close();
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

// Run when executed (`tsx run/worker.ts`, `node dist/worker.js`), not when a test imports it.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stdout.write(`${JSON.stringify({ level: 60, time: Date.now(), name: 'sdp-review-worker', msg: message, err: { type: (err as Error)?.name, message, stack: (err as Error)?.stack } })}\n`);
      process.stderr.write(`sdp-review worker: ${message}\n`);
      process.exit(1);
    },
  );
}
