/**
 * The web server: Fastify, with one plugin per step of the review and per concern. This file only
 * registers them; each folder holds its routes, pages and texts.
 *
 *   plumbing/security     helmet, form bodies, CSRF tokens, rate limit (for every route)
 *   plumbing/responses    no-store, request log, the product's error and not-found pages
 *   dashboard/access      the dashboard's and outbox's credentials, when configured
 *   home/                 GET /, /style.css, /favicon.ico
 *   health/               GET /healthz
 *   contribution/         GET|POST /contribute/:token   an area owner's input (collecting)
 *   collection/           GET|POST /collection/:token   the coordinator closes collection
 *   draft-review/         GET|POST /review/:token       the coordinator's review of a draft (drafting)
 *   sign-off/             GET|POST /sign-off/:token     a director's decision (sign-off)
 *   fresh-link/           POST /fresh-link              a fresh link for an expired one
 *   pending/              GET /pending/:token?u=…       what became of an action Temporal did not confirm in time
 *   files/                GET /files/<key>?exp&sig      an artifact, by signed file link
 *   outbox/               GET /outbox…                  the embedded SMTP capture (only when given)
 *   dashboard/            GET /cycles…, /dashboard.js   the secretariat's dashboard (only when given)
 *   console/              GET|POST /cycles/:year/console…  the secretariat's actions on a cycle (with the dashboard)
 *
 * Every page is in its reader's language, English or Albanian, with a switch to the other one in
 * its header (plumbing/language.ts, texts from locales/{en,sq}.json).
 *
 * `:token` is a signed link token (links/). GET and HEAD never change anything (mail scanners open
 * every link): they read the workflow's state and show the page, and are written to the views log.
 * Only a POST with a valid CSRF token (bound to the link) and the button pressed acts; it is written
 * to the decisions log, and the workflow records it with the link id, client address and user
 * agent. Update ids make repeats harmless (web/plumbing/decide.ts).
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SmtpCapture } from '../infra/smtp-capture';
import type { LinkIssuer } from '../links';
import { collection } from './collection';
import { secretariatConsole, type ConsolePort } from './console';
import { contribution } from './contribution';
import { dashboard } from './dashboard';
import { dashboardAccess, type DashboardCredentials } from './dashboard/access';
import type { DashboardPort } from './dashboard/data';
import { draftReview } from './draft-review';
import { files } from './files';
import { freshLink } from './fresh-link';
import type { FreshLinkMailer } from './fresh-link/mail';
import { health, type HealthChecks } from './health';
import { home } from './home';
import { outbox } from './outbox';
import { pending } from './pending';
import { createContext } from './plumbing/context';
import type { CyclePort } from './plumbing/cycles';
import { responses } from './plumbing/responses';
import { security } from './plumbing/security';
import { signOff } from './sign-off';
import { TEXTS, type Texts } from './texts';
import type { Language } from '../domain/schemas';
import type { DocumentStore } from '../infra/storage';

export type { HealthChecks } from './health';
export { HEALTH_CHECK_TIMEOUT_MS } from './health';

export interface WebServerDeps {
  cycles: CyclePort;
  links: LinkIssuer;
  /** The document store the downloads come from (shared by every worker and web server). */
  store: DocumentStore;
  /** Absolute folder for the audit logs and the fresh-link records. */
  dataDir: string;
  /** The embedded SMTP capture: enables /outbox. */
  capture?: SmtpCapture;
  /** The IANA zone the outbox shows times in (the cycles' zone); default UTC. */
  outboxTimeZone?: string;
  /** Sends fresh links; without it, the expired page tells people to ask the coordinator. */
  mailer?: FreshLinkMailer;
  /** Default: a pino logger named `web`. */
  logger?: Logger;
  /** Mark cookies Secure (when the public base URL is https). */
  secureCookies?: boolean;
  /** Fastify's trustProxy, when behind a reverse proxy (so the client address is the person's). */
  trustProxy?: boolean | string | string[];
  /** Requests per minute per client address (default 300), and POSTs to /fresh-link per 15 minutes (default 5). */
  rateLimit?: { perMinute?: number; freshLinksPer15Minutes?: number };
  /** The texts of each language (default: the catalogues of web/locales). */
  texts?: Record<Language, Texts>;
  clock?: () => Date;
  /** Enables the dashboard (/cycles…): visibility and state queries of the cycles. */
  dashboard?: DashboardPort;
  /** The dashboard's and outbox's credentials; without them both are open (see web/dashboard/access.ts). */
  dashboardAuth?: DashboardCredentials;
  /** The Temporal UI, for links from the dashboard to a cycle's workflow. */
  temporalUi?: { url: string; namespace: string };
  /** Enables the secretariat's console (/cycles/:year/console…, behind the dashboard's access): the cycles' Updates. */
  console?: ConsolePort;
  /** How often the dashboard's pages refresh themselves (ms, default 5 000). */
  liveIntervalMs?: number;
  /** What /healthz checks; each check rejects when its service does not answer. */
  health?: HealthChecks;
}

/** Builds the Fastify instance with every plugin registered (not listening). */
export async function buildWebServer(deps: WebServerDeps): Promise<FastifyInstance> {
  const ctx = createContext({ ...deps, texts: deps.texts ?? TEXTS });
  const offerFreshLink = !!deps.mailer;

  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 4_096 },
    // Every form but the input's is a few fields of text. The input form takes the largest body a
    // valid input makes, computed from the schema (contribution/limits.ts), and reads a larger one
    // to keep what arrived (contribution/index.ts): its own parser, scoped to its plugin.
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
    // Never hang a request: Temporal calls have their own deadline (client/cycles.ts); this is the backstop.
    requestTimeout: 60_000,
    // A malformed or overlong URL (e.g. a link cut or padded by a mail client) gets the product's
    // page, not the framework's JSON that would echo the whole URL.
    frameworkErrors: (err, req, reply) => {
      const { t, message } = ctx.scope(req, reply);
      void ctx.sendPage(reply, err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, message(t.errors.badRequestTitle, [t.errors.badRequest, t.nothingRecorded]));
    },
  });

  await app.register(security, { csrfKey: deps.links.csrfKey, secureCookies: deps.secureCookies, perMinute: deps.rateLimit?.perMinute });
  await app.register(responses, { ctx });
  if (deps.dashboardAuth) await app.register(dashboardAccess, { ctx, credentials: deps.dashboardAuth });

  await app.register(home, { ctx, dashboard: !!deps.dashboard, outbox: !!deps.capture });
  await app.register(health, { ctx, health: deps.health });
  await app.register(contribution, { ctx, offerFreshLink });
  await app.register(collection, { ctx, offerFreshLink });
  await app.register(draftReview, { ctx, offerFreshLink });
  await app.register(signOff, { ctx, offerFreshLink });
  await app.register(pending, { ctx });
  await app.register(freshLink, { ctx, mailer: deps.mailer, dataDir: deps.dataDir, perQuarterHour: deps.rateLimit?.freshLinksPer15Minutes });
  await app.register(files, { ctx, store: deps.store, secretariat: !!deps.dashboard });
  if (deps.capture) await app.register(outbox, { ctx, capture: deps.capture, timeZone: deps.outboxTimeZone ?? 'UTC' });
  if (deps.dashboard) await app.register(dashboard, { ctx, port: deps.dashboard, everyMs: deps.liveIntervalMs, temporalUi: deps.temporalUi });
  if (deps.dashboard && deps.console) await app.register(secretariatConsole, { ctx, port: deps.console });

  return app;
}
