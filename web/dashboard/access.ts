/**
 * Who may read the dashboard and the outbox: everyone with the shared credentials
 * SDP_DASHBOARD_USER / SDP_DASHBOARD_PASSWORD (HTTP Basic authentication, RFC 7617, over the
 * public base URL's TLS), or anyone when the server is the local embedded one.
 *
 * The pages show every cycle's people, inputs and history, and the outbox holds every mailed link,
 * so credentials may be left out only when nobody else can reach the server: it listens on a
 * loopback address, runs on the embedded Temporal dev server, and neither PUBLIC_BASE_URL nor
 * SDP_TRUST_PROXY says a reverse proxy publishes it. Otherwise the server refuses to start.
 *
 * The action links (contribute, review, sign-off), the file links and /healthz never ask for these
 * credentials: a link's signed token is its own authority.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { isLoopbackHost } from '../../infra/loopback';
import type { WebContext } from '../plumbing/context';

/** Minimum length of SDP_DASHBOARD_PASSWORD. */
export const MIN_DASHBOARD_PASSWORD_LENGTH = 12;

export interface DashboardCredentials {
  user: string;
  password: string;
}

/**
 * The dashboard's credentials from `env`, or undefined when none are needed (see the module
 * comment). Throws an Error naming SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD when they are
 * needed and missing, when only one is set, or when the password is shorter than
 * MIN_DASHBOARD_PASSWORD_LENGTH characters.
 */
export function dashboardCredentials(
  env: NodeJS.ProcessEnv,
  server: { host: string; embeddedTemporal: boolean; publicBaseUrl?: string },
): DashboardCredentials | undefined {
  const user = env.SDP_DASHBOARD_USER ?? '';
  const password = env.SDP_DASHBOARD_PASSWORD ?? '';
  if (user || password) {
    if (!user || !password) {
      throw new Error(`Set both SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD for the dashboard and the outbox; only ${user ? 'SDP_DASHBOARD_USER' : 'SDP_DASHBOARD_PASSWORD'} is set.`);
    }
    if (user.includes(':')) throw new Error('SDP_DASHBOARD_USER must not contain a colon (HTTP Basic authentication splits on it).');
    if (password.length < MIN_DASHBOARD_PASSWORD_LENGTH) {
      throw new Error(`SDP_DASHBOARD_PASSWORD must be at least ${MIN_DASHBOARD_PASSWORD_LENGTH} characters (e.g. the output of \`openssl rand -base64 18\`).`);
    }
    return { user, password };
  }
  const reasons: string[] = [];
  if (!isLoopbackHost(server.host)) reasons.push(`it listens on ${server.host} (HOST), not only on this computer`);
  if (!server.embeddedTemporal) reasons.push('it uses a Temporal cluster, not the embedded dev server');
  let published: string | undefined;
  try {
    published = server.publicBaseUrl ? new URL(server.publicBaseUrl).hostname : undefined;
  } catch {
    published = server.publicBaseUrl;
  }
  if (published && !isLoopbackHost(published)) reasons.push(`PUBLIC_BASE_URL publishes it as ${server.publicBaseUrl}`);
  if (env.SDP_TRUST_PROXY) reasons.push('SDP_TRUST_PROXY says a reverse proxy publishes it');
  if (reasons.length === 0) return undefined;
  throw new Error(
    `The web server needs credentials for its dashboard and outbox, because ${reasons.join(', and ')}. ` +
      `Set SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD (at least ${MIN_DASHBOARD_PASSWORD_LENGTH} characters); people then sign in with them. ` +
      'The links in the mails keep working without them.',
  );
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * A checker of `Authorization` headers against the credentials: Basic scheme, UTF-8, user and
 * password compared in constant time (both always, so timing says nothing about which was wrong).
 */
export function basicAuthChecker(credentials: DashboardCredentials): (authorization: string | undefined) => boolean {
  const user = digest(credentials.user);
  const password = digest(credentials.password);
  return (authorization) => {
    const m = /^Basic[ ]+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(authorization ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), user);
    const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), password);
    return userOk && passwordOk;
  };
}

/** The `WWW-Authenticate` challenge of the dashboard. */
export const DASHBOARD_CHALLENGE = 'Basic realm="sdp-review dashboard", charset="UTF-8"';

/**
 * True for the paths the credentials protect: the dashboard (/cycles…) and the outbox (/outbox…).
 * `route` is the pattern Fastify matched (undefined when none did); the URL is checked as well,
 * percent-decoded, so no spelling of a protected path slips through.
 */
export function isDashboardPath(url: string, route?: string): boolean {
  const protectedPath = (p: string) => /^\/+(?:cycles|outbox)(?:[/.]|$)/i.test(p);
  if (route && protectedPath(route)) return true;
  const path = url.split('?')[0]!;
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: the raw path is checked.
  }
  return protectedPath(path) || protectedPath(decoded);
}

/**
 * Asks for the credentials on every request to a protected path, before routing's handlers and
 * for every method, also for paths that match no route: nothing under them is readable without.
 * Registered at the root (fastify-plugin), so the outbox and unknown paths are covered too.
 */
export const dashboardAccess = fp<{ ctx: WebContext; credentials: DashboardCredentials }>(
  async (app, { ctx, credentials }) => {
    const allowed = basicAuthChecker(credentials);
    app.addHook('onRequest', async (req, reply) => {
      if (!isDashboardPath(req.url, req.routeOptions.url) || allowed(req.headers.authorization)) return;
      reply.header('www-authenticate', DASHBOARD_CHALLENGE);
      const { t, message } = ctx.scope(req, reply);
      return ctx.sendPage(reply, 401, message(t.dashboard.unauthorizedTitle, [t.dashboard.unauthorized]));
    });
  },
  { name: 'sdp-dashboard-access' },
);
