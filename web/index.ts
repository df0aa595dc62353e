/**
 * The web server of sdp-review, as `startStack` (run/stack.ts) starts it for `npm start`, the
 * demo and the integration tests: `startWebServer({ client, config, capture })` resolves with the
 * link issuer the worker's mail activity uses, the server's URL, and `close()`.
 *
 * Settings: PORT and HOST (infra/config.ts; port 0 takes a free one), PUBLIC_BASE_URL (the base of
 * every link; default `http://<host>:<port>`; a path in it, e.g. https://example.eu/sdp, is for a
 * reverse proxy that strips it: the pages then link to /sdp/…), SDP_LINK_SECRET (the signing secret; default one
 * generated into `<dataDir>/link-secret`), SDP_TRUST_PROXY (`true`, or addresses of the reverse
 * proxy, so client addresses are the people's).
 *
 * The dashboard (/cycles) and the outbox: SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD, required
 * unless the server is the local embedded one (web/dashboard/access.ts; the server refuses to
 * start without them otherwise); TEMPORAL_UI_URL (e.g. https://temporal.example.eu) for links to the
 * workflows, default the embedded dev server's UI. /healthz asks Temporal for its system info and
 * the SMTP server for EHLO.
 */
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActionLinks } from '../activities/mail/links';
import { mailerFromConfig } from '../activities/mail/send';
import { openStore, type AppConfig } from '../infra/config';
import type { DocumentStore } from '../infra/storage';
import { getCycleState, listCycles } from '../client/cycles';
import type { SmtpCapture } from '../infra/smtp-capture';
import { Timeline } from '../domain/schemas';
import { createLinkIssuer, loadLinkSecret } from '../links';
import { SEEDS_DIR, readSeedFile } from '../seeds';
import { buildWebServer, type WebServerDeps } from './app';
import { dashboardCredentials } from './dashboard/access';
import { temporalDashboard, type DashboardPort } from './dashboard/data';
import { temporalCycles, type CyclePort } from './plumbing/cycles';
import { temporalConsole, type ConsolePort } from './console';

export { buildWebServer } from './app';

export interface WebServer {
  links: ActionLinks;
  /** The public base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  close(): Promise<void>;
}

/** How long the /healthz call to Temporal may take (ms). */
const TEMPORAL_HEALTH_TIMEOUT_MS = 3_000;

/**
 * The cycles' IANA time zone (seeds/timeline.json), for the outbox's times; UTC when the seeds
 * cannot be read (the worker and the CLI report that error, and the outbox names the zone it uses).
 */
function cycleTimeZone(): string {
  try {
    return readSeedFile(join(SEEDS_DIR, 'timeline.json'), Timeline).timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * `startStack`'s `web` part. `temporal` says whether Temporal is the embedded dev server and where
 * its UI is. Extra options are for tests (a fake port, logger, limits, refresh interval).
 * Throws before listening when the dashboard needs credentials and has none (the Error names the
 * variables), or when the port cannot be had.
 */
export async function startWebServer(
  parts: { client: Client; config: AppConfig; capture?: SmtpCapture; temporal?: { uiUrl?: string; embedded: boolean } },
  extra: Partial<Pick<WebServerDeps, 'logger' | 'rateLimit' | 'clock' | 'liveIntervalMs'>> & { cycles?: CyclePort; dashboard?: DashboardPort; console?: ConsolePort; env?: NodeJS.ProcessEnv } = {},
): Promise<WebServer> {
  const { config, capture, client } = parts;
  const env = extra.env ?? process.env;
  const dashboardAuth = dashboardCredentials(env, { host: config.host, embeddedTemporal: parts.temporal?.embedded ?? false, publicBaseUrl: config.publicBaseUrl });
  const uiUrl = env.TEMPORAL_UI_URL || parts.temporal?.uiUrl;
  const secret = await loadLinkSecret(config.dataDir, env);
  let base = config.publicBaseUrl;
  const links = createLinkIssuer(secret, () => {
    if (!base) throw new Error('the web server is not listening yet');
    return base;
  }, extra.clock);

  const smtpUrl = config.smtpUrl ?? capture?.url;
  const store = openStore(config, env);
  const mailer = smtpUrl ? mailerFromConfig(config, smtpUrl, store) : undefined;
  const trust = env.SDP_TRUST_PROXY;
  const app = await buildWebServer({
    cycles: extra.cycles ?? temporalCycles(client, store),
    dashboard: extra.dashboard ?? temporalDashboard(client, { archive: store }),
    console: extra.console ?? temporalConsole(client, store),
    dashboardAuth,
    temporalUi: uiUrl ? { url: uiUrl, namespace: client.options.namespace } : undefined,
    health: {
      temporal: () => client.withDeadline(Date.now() + TEMPORAL_HEALTH_TIMEOUT_MS, () => client.workflowService.getSystemInfo({})).then(() => undefined),
      ...(mailer ? { smtp: () => mailer.verify() } : {}),
      store: () => store.check(),
      stuckCycles: () => stuckCycles(client, store),
    },
    links,
    store,
    dataDir: config.dataDir,
    capture,
    ...(capture ? { outboxTimeZone: cycleTimeZone() } : {}),
    mailer,
    secureCookies: (config.publicBaseUrl ?? '').startsWith('https://'),
    trustProxy: trust === undefined || trust === '' ? false : trust === 'true' ? true : trust.split(',').map((s) => s.trim()),
    ...(extra.logger ? { logger: extra.logger } : {}),
    ...(extra.rateLimit ? { rateLimit: extra.rateLimit } : {}),
    ...(extra.clock ? { clock: extra.clock } : {}),
    ...(extra.liveIntervalMs ? { liveIntervalMs: extra.liveIntervalMs } : {}),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    mailer?.close();
    await app.close().catch(() => undefined);
    throw new Error(`The web server could not listen on ${config.host}:${config.port}: ${(err as Error).message}. Set PORT to another port.`, { cause: err });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  base ??= `http://${host}:${port}`;
  return {
    links,
    url: base,
    async close() {
      await app.close();
      mailer?.close();
    },
  };
}

/** The running cycles that are stuck, from visibility and each one's state (a handful a year). */
async function stuckCycles(client: Client, store: DocumentStore): Promise<{ year: number; since: string; version: number; reason: string }[]> {
  const running = (await listCycles(client)).filter((c) => c.status === 'RUNNING');
  const states = await Promise.all(running.map((c) => getCycleState(client, c.year, { archive: store, timeoutMs: TEMPORAL_HEALTH_TIMEOUT_MS }).catch(() => undefined)));
  return states.flatMap((s) => (s?.stuck ? [{ year: s.year, ...s.stuck }] : []));
}
