/**
 * The stand-alone web server (`npm run web`; compiled: `npm run start:web`, dist/web.js): the pages
 * reached from the mails, the dashboard and `/healthz`, for a deployment where Temporal and the
 * workers run elsewhere. It runs no worker and never starts a cycle: a cycle is started by the
 * CLI (`sdp-review start`) or the yearly Schedule. Several may run behind one address.
 *
 * Settings (environment):
 * - Temporal: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key (infra/temporal-connection.ts);
 * - PUBLIC_BASE_URL and SDP_LINK_SECRET, both required: the address people reach, and the secret
 *   the workers sign their mails' links with (the same value on every worker and web server);
 * - SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD, required (web/dashboard/access.ts);
 * - PORT, HOST (default 127.0.0.1: set 0.0.0.0 in a container), SDP_TRUST_PROXY, TEMPORAL_UI_URL,
 *   SDP_DATA_DIR (audit logs, fresh-link records), SDP_ARTIFACTS_DIR (the reports /files serves);
 * - SMTP_URL, MAIL_FROM, MESSAGE_ID_DOMAIN: optional; with them an expired link can be renewed by
 *   mail and /healthz also checks the SMTP server;
 * - LOG_LEVEL: trace, debug, info (default), warn or error.
 *
 * Logs: JSON lines on stdout. Stops on SIGINT or SIGTERM, also sent to the whole process group:
 * stops accepting connections, lets requests in flight finish, exits 0 (infra/stop-signals.ts).
 * Exits 1 with the reason when it cannot start (a missing setting, Temporal unreachable, the port taken).
 */
import pino from 'pino';
import { loadConfig } from '../infra/config';
import { onStopSignals } from '../infra/stop-signals';
import { connectClient, temporalConfig } from '../infra/temporal-connection';
import { startWebServer } from '../web';
import { ensurePrivateDir } from '../infra/files';

/** How long (ms) the web server waits for Temporal at start before giving up. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Runs the web server until SIGINT or SIGTERM. Rejects when it cannot start (the Error says which setting or service). */
async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = pino({ name: 'sdp-review-web', level: env.LOG_LEVEL?.trim().toLowerCase() || 'info' });
  const config = loadConfig(env);
  await ensurePrivateDir(config.dataDir);
  const missing = ['PUBLIC_BASE_URL', 'SDP_LINK_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} must be set for a stand-alone web server: PUBLIC_BASE_URL is the address people reach (e.g. https://sdp-review.example.eu), SDP_LINK_SECRET the secret the workers sign the mails' links with (the same value everywhere).`);
  }
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => onStopSignals(resolve));

  const { address, namespace } = temporalConfig();
  log.info({ temporal: address, namespace }, 'connecting to Temporal');
  const { client, close: closeClient } = await connectClient(CONNECT_TIMEOUT_MS);
  try {
    // Never the embedded stack: the dashboard requires its credentials, whatever the address.
    const web = await startWebServer({ client, config, temporal: { embedded: false } });
    log.info({ url: web.url, host: config.host, port: config.port }, 'web server listening');
    const signal = await stopSignal;
    log.info({ signal }, 'stopping the web server');
    await web.close();
    log.info('web server stopped');
  } finally {
    await closeClient();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(`${JSON.stringify({ level: 60, time: Date.now(), name: 'sdp-review-web', msg: message, err: { type: (err as Error)?.name, message, stack: (err as Error)?.stack } })}\n`);
    process.stderr.write(`sdp-review web: ${message}\n`);
    process.exit(1);
  },
);
