/**
 * The web server: Fastify with @fastify/formbody, @fastify/helmet, @fastify/cookie +
 * @fastify/csrf-protection and @fastify/rate-limit.
 *
 * Routes (`:token` is a signed link token, see server/links.ts):
 *   GET  /                     a short home page (and the dashboard and outbox links)
 *   GET  /style.css
 *   GET  /healthz              JSON: whether Temporal and SMTP answer (200, or 503 when one does not)
 *   GET  /contribute/:token    an area owner's input form            POST: submitContribution
 *   GET  /collection/:token    the coordinator's closing of collection  POST: closeCollection
 *   GET  /review/:token        the coordinator's review of a draft   POST: approveDraft | reopenAreas
 *   GET  /sign-off/:token      a director's sign-off                 POST: signOff
 *   POST /fresh-link           mails a fresh link for an expired one, to its own recipient
 *   GET  /files/<key>?exp&sig  an artifact under artifactsDir
 *   GET  /outbox[/:id[/html|/raw|/attachments/:n]]   the embedded SMTP capture (only when given)
 *   GET  /cycles[/:year[/…]], /dashboard.js            the dashboard (server/dashboard.ts; only when given)
 *
 * The dashboard and the outbox ask for the dashboard's credentials when they are configured
 * (server/dashboard-access.ts); the action links, the file links and /healthz never do.
 *
 * GET and HEAD never change anything (mail scanners open every link; ../shared/cases C5): they
 * read the workflow's state and show the page, and are written to the views log. Only a POST with
 * a valid CSRF token (bound to the link) and the name/value of the button pressed acts; it is
 * written to the decisions log, and the workflow records it with the link id, client address and
 * user agent. Update ids make repeats harmless (C6): see server/form.ts and decide().
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import { CycleError } from '../client/cycles';
import type { UpdateOutcome } from '../domain/messages';
import { contributionSchemaFor, type Actor, type ReviewCycleState } from '../domain/schemas';
import { cleanText } from '../domain/text';
import { fieldErrors, type FieldError } from '../domain/validation';
import type { SmtpCapture } from '../infra/smtp-capture';
import { createAuditLog, type AuditEntry, type AuditLog } from './audit';
import type { CyclePort } from './cycles';
import { contributionFrom, contributionUpdateId, errorsToFields, field, fields, postedValues, valuesOf } from './form';
import { MAX_FRESH_LINKS, sendFreshLink, type FreshLinkMailer, type FreshLinkResult } from './fresh-link';
import { html, type Interpolation, type SafeHtml } from './html';
import { STEP_PAGE, type LinkClaims, type LinkIssuer, type LinkStep } from './links';
import { Once } from './once';
import { collectionPage, contributionPage, expiredPage, mailPage, messagePage, outboxPage, resultPage, reviewPage, signOffPage, type DraftStepView, type FileLink } from './pages';
import { checkStep, coordinatorDecisions, type StepCheck } from './steps';
import { DEFAULT_LIVE_INTERVAL_MS, registerDashboard } from './dashboard';
import { DASHBOARD_CHALLENGE, basicAuthChecker, isDashboardPath, type DashboardCredentials } from './dashboard-access';
import { DashboardReader, type DashboardPort } from './dashboard-data';
import { en, formatDateTime, maskEmail, type Texts } from './texts';
import { STYLESHEET } from './style';

export interface WebServerDeps {
  cycles: CyclePort;
  links: LinkIssuer;
  /** Absolute folder of the artifacts (the only files /files serves). */
  artifactsDir: string;
  /** Absolute folder for the audit logs and the fresh-link records. */
  dataDir: string;
  /** The embedded SMTP capture: enables /outbox. */
  capture?: SmtpCapture;
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
  texts?: Texts;
  clock?: () => Date;
  /** Enables the dashboard (/cycles…): visibility and state queries of the cycles. */
  dashboard?: DashboardPort;
  /** The dashboard's and outbox's credentials; without them both are open (see server/dashboard-access.ts). */
  dashboardAuth?: DashboardCredentials;
  /** The Temporal UI, for links from the dashboard to a cycle's workflow. */
  temporalUi?: { url: string; namespace: string };
  /** How often the dashboard's pages refresh themselves (ms, default 5 000). */
  liveIntervalMs?: number;
  /** What /healthz checks; each check rejects when its service does not answer. */
  health?: HealthChecks;
}

/** The checks of /healthz: each resolves when its service answers, and rejects (with the reason) when not. */
export interface HealthChecks {
  temporal(): Promise<void>;
  /** Absent when no SMTP server is configured. */
  smtp?(): Promise<void>;
}

/** How long one health check may take (ms) before it counts as not answering. */
export const HEALTH_CHECK_TIMEOUT_MS = 5_000;

type TokenParams = { Params: { token: string } };

/** Content types of the artifacts (anything else is served as bytes to download). */
const CONTENT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The CSP of a document we did not write as a page (a mail's HTML, a report): no script, no form, no plugin. */
const SANDBOX_CSP = "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Binds a CSRF token to one link: the hash of the link's token. */
export function csrfUserInfo(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 32);
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The URL with any link token and file signature replaced, for logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/^\/(contribute|collection|review|sign-off)\/[^/?#]+/, '/$1/:token')
    .replace(/^(\/files\/[^?]*)\?.*$/, '$1?…');
}

/** Builds the Fastify instance (not listening). */
export async function buildWebServer(deps: WebServerDeps): Promise<FastifyInstance> {
  const t = deps.texts ?? en;
  const log = deps.logger ?? pino({ name: 'web', level: process.env.LOG_LEVEL ?? 'warn' });
  const clock = deps.clock ?? (() => new Date());
  const audit: AuditLog = createAuditLog(deps.dataDir, log);
  const once = new Once<UpdateOutcome>(undefined, undefined, clock);
  const freshOnce = new Once<FreshLinkResult>(undefined, undefined, clock);
  const { cycles, links } = deps;

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 4_096 },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
    // Never hang a request: Temporal calls have their own deadline (client/cycles.ts); this is the backstop.
    requestTimeout: 60_000,
    // A malformed or overlong URL (e.g. a link cut or padded by a mail client) gets the product's
    // page, not the framework's JSON that would echo the whole URL.
    frameworkErrors: (err, _req, reply) => {
      void sendPage(reply, err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, msg(t.errors.badRequestTitle, [t.errors.badRequest, t.nothingRecorded]));
    },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: deps.secureCookies ? undefined : false,
  });
  await app.register(formbody);
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: '__sdp_csrf',
    // Lax, not Strict: a second link opened from a webmail (a cross-site navigation) must reuse the
    // secret, or the form of the first tab would stop verifying. Cross-site POSTs still get no cookie.
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: !!deps.secureCookies },
    getUserInfo: (req: FastifyRequest) => {
      const token = (req.params as { token?: unknown } | undefined)?.token;
      return csrfUserInfo(typeof token === 'string' ? token : field(req.body, 't'));
    },
    csrfOpts: { hmacKey: links.csrfKey, userInfo: true },
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimit?.perMinute ?? 300,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });

  // ---- responses ---------------------------------------------------------------------------------

  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, url: redactUrl(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  // The dashboard and the outbox: credentials when configured. Checked before routing's handlers,
  // for every method and for paths that match no route, so nothing under them is readable without.
  if (deps.dashboardAuth) {
    const allowed = basicAuthChecker(deps.dashboardAuth);
    app.addHook('onRequest', async (req, reply) => {
      if (!isDashboardPath(req.url, req.routeOptions.url) || allowed(req.headers.authorization)) return;
      reply.header('www-authenticate', DASHBOARD_CHALLENGE);
      return sendPage(reply, 401, msg(t.dashboard.unauthorizedTitle, [t.dashboard.unauthorized]));
    });
  }

  /** The path of the public base URL ('' at the root), before every internal link of a page. */
  const root = (): string => {
    try {
      return new URL(links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  };
  const msg = (title: string, paragraphs: Interpolation[], extra?: SafeHtml) => messagePage(t, title, paragraphs, extra, root());

  function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
    return reply.code(status).type('text/html; charset=utf-8').send(page);
  }

  /** ISO instants inside a workflow's message, shown as local times. */
  const localise = (message: string, timeZone: string) => message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, (iso) => formatDateTime(iso, timeZone));

  function cycleErrorPage(reply: FastifyReply, err: CycleError, year: number, timeZone: string): FastifyReply {
    const e = t.errors;
    const message = localise(err.message, timeZone);
    switch (err.kind) {
      case 'invalid':
        return sendPage(reply, 400, msg(e.badRequestTitle, [message, t.nothingRecorded]));
      case 'forbidden':
        return sendPage(reply, 403, msg(e.forbiddenTitle, [message, t.nothingRecorded]));
      case 'conflict':
        return sendPage(reply, 409, msg(e.closedTitle, [message, t.nothingRecorded]));
      case 'gone':
        return sendPage(reply, 410, msg(e.goneTitle(year), [message, t.nothingRecorded]));
      case 'not-found':
        return sendPage(reply, 404, msg(e.notFoundTitle, [e.cycleNotFound]));
      case 'unavailable':
        reply.header('retry-after', '30');
        return sendPage(reply, 503, msg(e.unavailableTitle, [e.unavailable, t.nothingRecorded]));
    }
  }

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string; retryAfterSeconds?: number }, req, reply) => {
    const e = t.errors;
    if (err.code === 'FST_CSRF_MISSING_SECRET' || err.code === 'FST_CSRF_INVALID_TOKEN') {
      await audit.decision(entry(req, 403, 'refused', undefined, { detail: `csrf: ${err.code}` }));
      return sendPage(reply, 403, msg(e.csrfTitle, [e.csrf, t.nothingRecorded]));
    }
    if (err.statusCode === 429) {
      if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
      return sendPage(reply, 429, msg(e.tooManyTitle, [e.tooMany(err.retryAfterSeconds ?? 60), t.nothingRecorded]));
    }
    if (err.statusCode === 413) return sendPage(reply, 413, msg(e.tooLargeTitle, [e.tooLarge, t.nothingRecorded]));
    if (err instanceof CycleError) return cycleErrorPage(reply, err, 0, 'UTC');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendPage(reply, err.statusCode, msg(e.badRequestTitle, [e.badRequest, t.nothingRecorded]));
    }
    req.log.error({ err, url: redactUrl(req.url) }, 'web: unexpected error');
    return sendPage(reply, 500, msg(e.internalTitle, [e.internal]));
  });
  app.setNotFoundHandler((_req, reply) => sendPage(reply, 404, msg(t.errors.notFoundTitle, [t.errors.notFound])));

  // ---- audit -------------------------------------------------------------------------------------

  function entry(req: FastifyRequest, status: number, outcome: string, claims?: LinkClaims, extra: Partial<AuditEntry> = {}): AuditEntry {
    return {
      at: clock().toISOString(),
      method: req.method,
      route: redactUrl(req.url),
      status,
      outcome,
      ...(claims ? { jti: claims.jti, step: claims.step, role: claims.role, recipient: claims.sub } : {}),
      clientAddress: req.ip,
      ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
      ...extra,
    };
  }

  function actorOf(req: FastifyRequest, claims: LinkClaims): Actor {
    return {
      email: claims.sub,
      name: claims.name,
      role: claims.role,
      channel: 'web',
      linkId: claims.jti,
      clientAddress: req.ip.slice(0, 100),
      ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
    };
  }

  // ---- opening a link ----------------------------------------------------------------------------

  interface Opened {
    claims: LinkClaims;
    state: ReviewCycleState;
    check: Extract<StepCheck, { open: true }>;
  }

  /**
   * Verifies the token and reads the step's state. On any refusal it sends the page (400 invalid,
   * 410 expired or finished, 403 wrong page, 409 closed, 404/503 from Temporal), logs it, and
   * returns undefined.
   */
  async function openLink(step: LinkStep, token: string, req: FastifyRequest, reply: FastifyReply, kind: 'view' | 'decision'): Promise<Opened | undefined> {
    const write = kind === 'view' ? audit.view : audit.decision;
    const e = t.errors;
    const verified = await links.verify(token, clock());
    if (!verified.ok && verified.reason === 'invalid') {
      await write(entry(req, 400, 'refused', undefined, { detail: `invalid token: ${verified.detail}` }));
      sendPage(reply, 400, msg(e.invalidTitle, [e.invalid, t.nothingRecorded]));
      return undefined;
    }
    const claims = verified.claims;
    if (!verified.ok) {
      let timeZone = 'UTC';
      let closedOutcome: string[] | undefined;
      try {
        const state = await cycles.state(claims.cycle);
        timeZone = state.timeZone;
        const check = checkStep(t, state, claims);
        if (!check.open) closedOutcome = [check.title, ...check.outcome];
      } catch {
        // The expired page is still right without the state; the fresh-link request checks again.
      }
      await write(entry(req, 410, 'refused', claims, { detail: 'expired' }));
      const csrfToken = deps.mailer && !closedOutcome ? reply.generateCsrf({ userInfo: csrfUserInfo(token) }) : undefined;
      sendPage(reply, 410, expiredPage(t, { claims, timeZone, token, csrf: csrfToken, closedOutcome, root: root() }));
      return undefined;
    }
    if (claims.step !== step) {
      await write(entry(req, 403, 'refused', claims, { detail: `link for ${claims.step} used at ${step}` }));
      sendPage(reply, 403, msg(e.wrongPageTitle, [e.wrongPage(claims.name, t.roleName(claims.role), t.stepName(claims.step), t.stepName(step)), t.nothingRecorded]));
      return undefined;
    }
    let state: ReviewCycleState;
    try {
      state = await cycles.state(claims.cycle);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      await write(entry(req, statusOf(err), 'refused', claims, { detail: `${err.kind}: ${err.message}` }));
      cycleErrorPage(reply, err, yearOf(claims), 'UTC');
      return undefined;
    }
    const check = checkStep(t, state, claims);
    if (!check.open) {
      await write(entry(req, check.status, 'refused', claims, { detail: `step closed: ${check.outcome.join(' ')}` }));
      sendPage(reply, check.status, msg(check.title, [...check.outcome, kind === 'decision' ? t.nothingRecorded : undefined]));
      return undefined;
    }
    return { claims, state, check };
  }

  const yearOf = (claims: LinkClaims) => Number(/(\d{4})$/.exec(claims.cycle)?.[1] ?? 0);

  function statusOf(err: CycleError): number {
    return { invalid: 400, forbidden: 403, conflict: 409, gone: 410, 'not-found': 404, unavailable: 503 }[err.kind];
  }

  function filesOf(state: ReviewCycleState, version: number): FileLink[] {
    const draft = state.drafts.find((d) => d.version === version);
    const order = ['docx', 'html', 'changes-html', 'md'];
    return (draft?.files ?? [])
      .filter((f) => order.includes(f.format))
      .sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format))
      .flatMap((f) => {
        const url = links.fileUrl(f.key);
        return url ? [{ label: t.fileLabel(f.format, basename(f.key)), url }] : [];
      });
  }

  const pathOf = (step: LinkStep, token: string) => `${root()}/${STEP_PAGE[step]}/${token}`;
  const newRid = () => randomBytes(12).toString('base64url');

  /**
   * Runs an Update once per id, and answers: 200 and the result for the request that ran it; 409
   * "already recorded at …" for a repeat (a double click); the refusal page on a CycleError.
   * `onInvalid` renders the form again when the workflow names fields.
   */
  async function decide(
    req: FastifyRequest,
    reply: FastifyReply,
    opened: Opened,
    updateId: string,
    run: () => Promise<UpdateOutcome>,
    onInvalid?: (errors: FieldError[]) => FastifyReply,
  ): Promise<FastifyReply> {
    const { claims, state } = opened;
    const tz = state.timeZone;
    try {
      const r = await once.run(updateId, run);
      if (r.first) {
        await audit.decision(entry(req, 200, 'recorded', claims, { updateId, detail: r.value.recorded }));
        return sendPage(reply, 200, resultPage(t, { recorded: r.value.recorded, next: r.value.next, at: r.at, timeZone: tz, jti: claims.jti, root: root() }));
      }
      await audit.decision(entry(req, 409, 'already-recorded', claims, { updateId, detail: r.value.recorded }));
      return sendPage(reply, 409, resultPage(t, { recorded: r.value.recorded, next: r.value.next, at: r.at, timeZone: tz, jti: claims.jti, already: { name: claims.name }, root: root() }));
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      await audit.decision(entry(req, statusOf(err), 'refused', claims, { updateId, detail: `${err.kind}: ${err.message}` }));
      if (err.kind === 'invalid' && err.fieldErrors.length && onInvalid) return onInvalid(err.fieldErrors);
      return cycleErrorPage(reply, err, state.year, tz);
    }
  }

  // ---- static ------------------------------------------------------------------------------------

  // Browsers ask for it on every page; an empty answer spares the console a 404.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());
  app.get('/style.css', async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));
  /** Runs one check within HEALTH_CHECK_TIMEOUT_MS: whether it answered, how long it took, and why not. */
  async function check(run: () => Promise<void>): Promise<{ ok: boolean; ms: number; error?: string }> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([run(), new Promise((_r, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)), HEALTH_CHECK_TIMEOUT_MS)))]);
      return { ok: true, ms: Date.now() - started };
    } catch (err) {
      return { ok: false, ms: Date.now() - started, error: (err as Error)?.message ?? String(err) };
    } finally {
      clearTimeout(timer);
    }
  }
  // One round of checks at a time, reused for a moment: a load balancer polling every second
  // must not open an SMTP session every second.
  let lastHealth: { at: number; result: Promise<{ ok: boolean; body: Record<string, unknown> }> } | undefined;
  async function runHealth(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const h = deps.health;
    const [temporal, smtp] = await Promise.all([h ? check(() => h.temporal()) : undefined, h?.smtp ? check(() => h.smtp!()) : undefined]);
    for (const [name, r] of [['temporal', temporal], ['smtp', smtp]] as const) {
      if (r && !r.ok) log.warn({ check: name, error: r.error }, 'healthz: a service does not answer');
    }
    const ok = (temporal?.ok ?? true) && (smtp?.ok ?? true);
    // The reasons go to the log, not to anyone who asks: they name hosts and ports.
    const view = (r?: { ok: boolean; ms: number }) => (r ? { reachable: r.ok, ms: r.ms } : { reachable: null, configured: false });
    return { ok, body: { status: ok ? 'ok' : 'unavailable', temporal: view(temporal), smtp: view(smtp), checkedAt: clock().toISOString() } };
  }
  app.get('/healthz', async (_req, reply) => {
    const now = Date.now();
    if (!lastHealth || now - lastHealth.at > 2_000) lastHealth = { at: now, result: runHealth() };
    const { ok, body } = await lastHealth.result;
    if (!ok) reply.header('retry-after', '10');
    return reply.code(ok ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
  app.get('/', async (_req, reply) =>
    sendPage(
      reply,
      200,
      msg(
        t.home.title,
        [t.home.intro],
        html`${deps.dashboard ? html`<p><a href="${root()}/cycles">${t.home.dashboard}</a></p>` : ''}${deps.capture ? html`<p><a href="${root()}/outbox">${t.home.outbox}</a></p>` : ''}`,
      ),
    ),
  );

  // ---- contribution ------------------------------------------------------------------------------

  app.get<TokenParams>('/contribute/:token', async (req, reply) => {
    const opened = await openLink('contribution', req.params.token, req, reply, 'view');
    if (!opened) return reply;
    const area = opened.check.area!;
    await audit.view(entry(req, 200, 'shown', opened.claims));
    return sendPage(
      reply,
      200,
      contributionPage(t, {
        year: opened.state.year, timeZone: opened.state.timeZone, area, claims: opened.claims,
        action: pathOf('contribution', req.params.token), root: root(), csrf: reply.generateCsrf({ userInfo: csrfUserInfo(req.params.token) }), rid: newRid(),
        values: valuesOf(area, area.contribution), errors: [],
      }),
    );
  });

  app.post<TokenParams>('/contribute/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink('contribution', req.params.token, req, reply, 'decision');
    if (!opened) return reply;
    const { claims, state } = opened;
    const area = opened.check.area!;
    const { values, rows } = postedValues(area, req.body);
    const render = (status: number, errors: FieldError[], moreRows = 0) =>
      sendPage(
        reply,
        status,
        contributionPage(t, {
          year: state.year, timeZone: state.timeZone, area, claims, action: pathOf('contribution', req.params.token), root: root(),
          csrf: reply.generateCsrf({ userInfo: csrfUserInfo(req.params.token) }), rid: newRid(), values, rows: rows + moreRows, errors,
        }),
      );
    const op = field(req.body, 'op');
    if (op === 'add-rows') {
      await audit.view(entry(req, 200, 'form-rows-added', claims));
      return render(200, [], 3);
    }
    if (op !== 'submit') {
      // Only the button records: a form sent without it (a script, a scanner) is shown again.
      await audit.decision(entry(req, 400, 'refused', claims, { detail: 'no submit button pressed' }));
      return render(400, []);
    }
    const { input, rowOf } = contributionFrom(area, values, rows);
    const checked = contributionSchemaFor(area).safeParse(input);
    if (!checked.success) {
      const errors = errorsToFields(fieldErrors(checked.error), rowOf);
      await audit.decision(entry(req, 400, 'refused', claims, { detail: `invalid: ${errors.map((x) => x.path).join(', ')}` }));
      return render(400, errors);
    }
    const updateId = contributionUpdateId(claims.jti, req.body);
    return decide(req, reply, opened, updateId, () => cycles.submitContribution(claims.cycle, { areaId: area.id, contribution: input, actor: actorOf(req, claims) }, updateId), (errors) =>
      render(400, errorsToFields(errors, rowOf)),
    );
  });

  // ---- closing collection ------------------------------------------------------------------------

  function renderCollection(reply: FastifyReply, status: number, opened: Opened, token: string) {
    return sendPage(
      reply,
      status,
      collectionPage(t, { state: opened.state, claims: opened.claims, action: pathOf('collection', token), root: root(), csrf: reply.generateCsrf({ userInfo: csrfUserInfo(token) }) }),
    );
  }

  app.get<TokenParams>('/collection/:token', async (req, reply) => {
    const opened = await openLink('collection', req.params.token, req, reply, 'view');
    if (!opened) return reply;
    await audit.view(entry(req, 200, 'shown', opened.claims));
    return renderCollection(reply, 200, opened, req.params.token);
  });

  app.post<TokenParams>('/collection/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink('collection', req.params.token, req, reply, 'decision');
    if (!opened) return reply;
    const { claims } = opened;
    const action = field(req.body, 'action');
    if (action !== 'close') {
      await audit.decision(entry(req, 400, 'refused', claims, { detail: 'no action button pressed' }));
      return renderCollection(reply, 400, opened, req.params.token);
    }
    if (!claims.actions.includes(action)) {
      await audit.decision(entry(req, 403, 'refused', claims, { detail: `action ${action} not allowed by the link` }));
      return sendPage(reply, 403, msg(t.errors.notAllowedTitle, [t.errors.notAllowed(action, claims.actions.join(', ')), t.nothingRecorded]));
    }
    // Collection closes once per link: the link's id is the Update id.
    const updateId = claims.jti;
    return decide(req, reply, opened, updateId, () => cycles.closeCollection(claims.cycle, { actor: actorOf(req, claims) }, updateId));
  });

  // ---- draft review ------------------------------------------------------------------------------

  /** Renders a page on the link's draft version (draft review or sign-off) with its form values and errors. */
  function renderDraftStep<V>(
    page: (texts: Texts, view: DraftStepView<V>) => string,
    step: 'draft-review' | 'sign-off',
  ): (reply: FastifyReply, status: number, opened: Opened, token: string, values: V, errors: FieldError[]) => FastifyReply {
    return (reply, status, opened, token, values, errors) => {
      const draft = opened.check.draft!;
      return sendPage(
        reply,
        status,
        page(t, {
          state: opened.state, draft, claims: opened.claims, action: pathOf(step, token), root: root(),
          csrf: reply.generateCsrf({ userInfo: csrfUserInfo(token) }), files: filesOf(opened.state, draft.version), values, errors,
        }),
      );
    };
  }

  const renderReview = renderDraftStep(reviewPage, 'draft-review');

  app.get<TokenParams>('/review/:token', async (req, reply) => {
    const opened = await openLink('draft-review', req.params.token, req, reply, 'view');
    if (!opened) return reply;
    await audit.view(entry(req, 200, 'shown', opened.claims));
    return renderReview(reply, 200, opened, req.params.token, { areaIds: [], comment: '' }, []);
  });

  app.post<TokenParams>('/review/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink('draft-review', req.params.token, req, reply, 'decision');
    if (!opened) return reply;
    const { claims, state } = opened;
    const version = claims.version!;
    const action = field(req.body, 'action');
    const values = { areaIds: fields(req.body, 'areaIds'), comment: field(req.body, 'comment') };
    if (action !== 'approve' && action !== 'reopen') {
      await audit.decision(entry(req, 400, 'refused', claims, { detail: 'no action button pressed' }));
      return renderReview(reply, 400, opened, req.params.token, values, []);
    }
    if (!claims.actions.includes(action)) {
      await audit.decision(entry(req, 403, 'refused', claims, { detail: `action ${action} not allowed by the link` }));
      return sendPage(reply, 403, msg(t.errors.notAllowedTitle, [t.errors.notAllowed(action, claims.actions.join(', ')), t.nothingRecorded]));
    }
    // One decision per round: after a director's request for changes the coordinator decides on
    // the same version again, with the same link; a double click stays within one round.
    const updateId = `${claims.jti}:${coordinatorDecisions(state, version).length}`;
    const actor = actorOf(req, claims);
    if (action === 'approve') return decide(req, reply, opened, updateId, () => cycles.approveDraft(claims.cycle, { version, actor }, updateId));

    const errors: FieldError[] = [];
    const known = new Set(state.areas.filter((a) => a.status !== 'waived').map((a) => a.id));
    if (values.areaIds.length === 0) errors.push({ path: 'areaIds', message: t.review.chooseArea });
    else if (values.areaIds.some((id) => !known.has(id))) errors.push({ path: 'areaIds', message: t.review.chooseArea });
    if (!cleanText(values.comment).trim()) errors.push({ path: 'comment', message: t.review.writeComment });
    if (errors.length) {
      await audit.decision(entry(req, 400, 'refused', claims, { detail: `invalid: ${errors.map((x) => x.path).join(', ')}` }));
      return renderReview(reply, 400, opened, req.params.token, values, errors);
    }
    return decide(req, reply, opened, updateId, () => cycles.reopenAreas(claims.cycle, { version, areaIds: values.areaIds, comment: values.comment, actor }, updateId), (errs) =>
      renderReview(reply, 400, opened, req.params.token, values, errs.map((x) => ({ ...x, path: x.path.startsWith('areaIds') ? 'areaIds' : x.path }))),
    );
  });

  // ---- sign-off ----------------------------------------------------------------------------------

  const renderSignOff = renderDraftStep(signOffPage, 'sign-off');

  app.get<TokenParams>('/sign-off/:token', async (req, reply) => {
    const opened = await openLink('sign-off', req.params.token, req, reply, 'view');
    if (!opened) return reply;
    await audit.view(entry(req, 200, 'shown', opened.claims));
    return renderSignOff(reply, 200, opened, req.params.token, { comment: '' }, []);
  });

  app.post<TokenParams>('/sign-off/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink('sign-off', req.params.token, req, reply, 'decision');
    if (!opened) return reply;
    const { claims } = opened;
    const decision = field(req.body, 'decision');
    const comment = field(req.body, 'comment');
    if (decision !== 'approve' && decision !== 'request-changes') {
      await audit.decision(entry(req, 400, 'refused', claims, { detail: 'no decision button pressed' }));
      return renderSignOff(reply, 400, opened, req.params.token, { comment }, []);
    }
    if (!claims.actions.includes(decision) || !claims.director) {
      await audit.decision(entry(req, 403, 'refused', claims, { detail: `action ${decision} not allowed by the link` }));
      return sendPage(reply, 403, msg(t.errors.notAllowedTitle, [t.errors.notAllowed(decision, claims.actions.join(', ')), t.nothingRecorded]));
    }
    if (decision === 'request-changes' && !cleanText(comment).trim()) {
      await audit.decision(entry(req, 400, 'refused', claims, { detail: 'invalid: comment' }));
      return renderSignOff(reply, 400, opened, req.params.token, { comment }, [{ path: 'comment', message: t.signOff.writeComment }]);
    }
    // One decision per director and version: the link's id is the Update id.
    const updateId = claims.jti;
    const director = claims.director;
    return decide(req, reply, opened, updateId, () =>
      cycles.signOff(claims.cycle, { version: claims.version!, director, decision, comment, actor: actorOf(req, claims) }, updateId),
    (errs) => renderSignOff(reply, 400, opened, req.params.token, { comment }, errs));
  });

  // ---- fresh link --------------------------------------------------------------------------------

  app.post(
    '/fresh-link',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: deps.rateLimit?.freshLinksPer15Minutes ?? 5, timeWindow: 15 * 60_000 } } },
    async (req, reply) => {
      const e = t.errors;
      const f = t.fresh;
      const token = field(req.body, 't');
      const verified = await links.verify(token, clock());
      if (!verified.ok && verified.reason === 'invalid') {
        await audit.decision(entry(req, 400, 'refused', undefined, { detail: `fresh link: invalid token: ${verified.detail}` }));
        return sendPage(reply, 400, msg(e.invalidTitle, [e.invalid, t.nothingRecorded]));
      }
      const claims = verified.claims;
      if (verified.ok) {
        await audit.decision(entry(req, 200, 'not-expired', claims));
        return sendPage(reply, 200, msg(f.notExpiredTitle, [f.notExpired], html`<p><a href="${pathOf(claims.step, token)}">${f.open}</a></p>`));
      }
      if (!deps.mailer) return sendPage(reply, 503, msg(f.failedTitle, [e.freshUnavailable]));
      let state: ReviewCycleState;
      try {
        state = await cycles.state(claims.cycle);
      } catch (err) {
        if (!(err instanceof CycleError)) throw err;
        await audit.decision(entry(req, statusOf(err), 'refused', claims, { detail: `fresh link: ${err.kind}` }));
        return cycleErrorPage(reply, err, yearOf(claims), 'UTC');
      }
      const check = checkStep(t, state, claims);
      if (!check.open) {
        await audit.decision(entry(req, check.status, 'refused', claims, { detail: 'fresh link: step closed' }));
        return sendPage(reply, check.status, msg(check.title, [e.freshStepClosed, ...check.outcome]));
      }
      let result: FreshLinkResult;
      try {
        ({ value: result } = await freshOnce.run(`fresh:${claims.jti}`, () => sendFreshLink({ t, links, mailer: deps.mailer!, dataDir: deps.dataDir, now: clock() }, claims, state)));
      } catch (err) {
        req.log.error({ err, jti: claims.jti }, 'web: a fresh link could not be mailed');
        await audit.decision(entry(req, 503, 'refused', claims, { detail: `fresh link: mail failed: ${(err as Error).message}` }));
        reply.header('retry-after', '60');
        return sendPage(reply, 503, msg(f.failedTitle, [f.failed]));
      }
      if (!result.sent) {
        await audit.decision(entry(req, 429, 'refused', claims, { detail: `fresh link: limit of ${MAX_FRESH_LINKS}` }));
        return sendPage(reply, 429, msg(f.limitTitle, [f.limit(result.n)]));
      }
      await audit.decision(entry(req, 200, 'fresh-link-sent', claims, { detail: `new link ${result.jti} (${result.messageId})` }));
      return sendPage(reply, 200, msg(f.sentTitle, [f.sent(maskEmail(claims.sub), formatDateTime(result.expiresAt, state.timeZone))]));
    },
  );

  // ---- files -------------------------------------------------------------------------------------

  let artifactsRoot: string | undefined;
  app.get<{ Params: { '*': string }; Querystring: { exp?: string; sig?: string } }>('/files/*', async (req, reply) => {
    const e = t.errors;
    const key = req.params['*'];
    const check = links.checkFile(key, req.query.exp, req.query.sig, clock());
    if (check === 'invalid') return sendPage(reply, 400, msg(e.fileInvalidTitle, [e.fileInvalid]));
    if (check === 'expired') return sendPage(reply, 410, msg(e.fileExpiredTitle, [e.fileExpired]));
    artifactsRoot ??= await realpath(deps.artifactsDir).catch(() => resolve(deps.artifactsDir));
    const root = artifactsRoot;
    const inside = (p: string) => {
      const rel = relative(root, p);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    const wanted = resolve(root, key);
    if (!inside(wanted)) return sendPage(reply, 400, msg(e.fileInvalidTitle, [e.fileInvalid]));
    const real = await realpath(wanted).catch(() => undefined);
    const info = real && inside(real) ? await stat(real).catch(() => undefined) : undefined;
    if (!real || !info?.isFile()) return sendPage(reply, 404, msg(e.notFoundTitle, [e.notFound]));
    const ext = extname(real).toLowerCase();
    const name = basename(key);
    reply.header('content-type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
    reply.header('content-length', String(info.size));
    reply.header('content-disposition', contentDisposition(ext === '.html' ? 'inline' : 'attachment', name));
    reply.header('x-content-type-options', 'nosniff');
    if (ext === '.html') reply.header('content-security-policy', SANDBOX_CSP);
    reply.header('cache-control', 'private, no-store');
    return reply.send(createReadStream(real));
  });

  // ---- outbox ------------------------------------------------------------------------------------

  const capture = deps.capture;
  if (capture) {
    const notFound = (reply: FastifyReply) => sendPage(reply, 404, msg(t.errors.notFoundTitle, [t.outbox.notFound]));
    app.get('/outbox', async (_req, reply) => sendPage(reply, 200, outboxPage(t, await capture.list(), root())));
    app.get<{ Params: { id: string } }>('/outbox/:id', async (req, reply) => {
      const mail = await capture.get(req.params.id);
      return mail ? sendPage(reply, 200, mailPage(t, mail, root())) : notFound(reply);
    });
    app.get<{ Params: { id: string } }>('/outbox/:id/html', async (req, reply) => {
      const mail = await capture.get(req.params.id);
      if (!mail?.html) return notFound(reply);
      // The mail's own HTML, in a sandbox: no script, no form; its links open on a click.
      return reply.code(200).type('text/html; charset=utf-8').header('content-security-policy', SANDBOX_CSP).send(mail.html);
    });
    app.get<{ Params: { id: string } }>('/outbox/:id/raw', async (req, reply) => {
      const mail = await capture.get(req.params.id);
      if (!mail) return notFound(reply);
      return reply.code(200).type('message/rfc822').header('content-disposition', contentDisposition('attachment', `${mail.id}.eml`)).send(await capture.raw(mail.id));
    });
    app.get<{ Params: { id: string; n: string } }>('/outbox/:id/attachments/:n', async (req, reply) => {
      const a = /^\d{1,4}$/.test(req.params.n) ? await capture.attachment(req.params.id, Number(req.params.n)) : undefined;
      if (!a) return notFound(reply);
      return reply
        .code(200)
        .type(/^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) ? a.contentType : 'application/octet-stream')
        .header('content-disposition', contentDisposition('attachment', a.filename))
        .header('x-content-type-options', 'nosniff')
        .send(a.content);
    });
  }

  // ---- dashboard ---------------------------------------------------------------------------------

  if (deps.dashboard) {
    registerDashboard(app, {
      t,
      reader: new DashboardReader(deps.dashboard),
      links,
      clock,
      root,
      everyMs: deps.liveIntervalMs ?? DEFAULT_LIVE_INTERVAL_MS,
      temporalUi: deps.temporalUi,
      sendPage,
      message: (title, paragraphs) => msg(title, paragraphs),
    });
  }

  return app;
}
