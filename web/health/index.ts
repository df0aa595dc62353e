/**
 * GET /healthz: JSON saying whether Temporal, the document store and SMTP answer, and whether a
 * running cycle is stuck (a document it needs is missing from the store): 200, or 503 with
 * Retry-After naming what is wrong — for the operators' monitoring. The services' errors go to the
 * log, not to anyone who asks: they name hosts and ports; a stuck cycle is named with its year,
 * since when and why (the store's location left out).
 * GET /readyz: whether this web server can serve pages (Temporal answers) — for load balancers
 * and readiness probes, which must not take every web server out of service because SMTP is down
 * or a cycle is stuck.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plumbing/context';

/** The checks of /healthz: each resolves when its service answers, and rejects (with the reason) when not. */
export interface HealthChecks {
  temporal(): Promise<void>;
  /** Absent when no SMTP server is configured. */
  smtp?(): Promise<void>;
  /** The document store answers. */
  store?(): Promise<void>;
  /** The running cycles that are stuck: year, since when (UTC), the draft version, why. */
  stuckCycles?(): Promise<{ year: number; since: string; version: number; reason: string }[]>;
}

/** A stuck cycle's reason without the store's location (bucket or folder). */
function withoutLocation(reason: string): string {
  return reason.replace(/\b(?:s3|file):\/\/\S+/g, 'the document store');
}

/** How long one health check may take (ms) before it counts as not answering. */
export const HEALTH_CHECK_TIMEOUT_MS = 5_000;

type CheckResult = { ok: boolean; ms: number; error?: string };

/** Runs one check within HEALTH_CHECK_TIMEOUT_MS: whether it answered, how long it took, and why not. */
async function check(run: () => Promise<void>): Promise<CheckResult> {
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

/** The /healthz route; without `health`, nothing is checked and it answers 200. */
export const health: FastifyPluginAsync<{ ctx: WebContext; health?: HealthChecks }> = async (app, { ctx, health: h }) => {
  // One round of checks at a time, reused for a moment: a load balancer polling every second
  // must not open an SMTP session every second.
  let last: { at: number; result: Promise<{ ok: boolean; body: Record<string, unknown> }> } | undefined;

  async function runChecks(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const [temporal, smtp, store] = await Promise.all([
      h ? check(() => h.temporal()) : undefined,
      h?.smtp ? check(() => h.smtp!()) : undefined,
      h?.store ? check(() => h.store!()) : undefined,
    ]);
    for (const [name, r] of [['temporal', temporal], ['smtp', smtp], ['store', store]] as const) {
      if (r && !r.ok) ctx.log.warn({ check: name, error: r.error }, 'healthz: a service does not answer');
    }
    const stuck = temporal?.ok && h?.stuckCycles ? await h.stuckCycles().catch((err: unknown) => (ctx.log.warn({ err }, 'healthz: cannot read the running cycles'), [])) : [];
    const ok = (temporal?.ok ?? true) && (smtp?.ok ?? true) && (store?.ok ?? true) && stuck.length === 0;
    const view = (r?: CheckResult) => (r ? { reachable: r.ok, ms: r.ms } : { reachable: null, configured: false });
    return {
      ok,
      body: {
        status: ok ? 'ok' : stuck.length ? 'stuck' : 'unavailable',
        temporal: view(temporal),
        store: view(store),
        smtp: view(smtp),
        stuck: stuck.map((c) => ({ ...c, reason: withoutLocation(c.reason) })),
        checkedAt: ctx.clock().toISOString(),
      },
    };
  }

  app.get('/readyz', async (_req, reply) => {
    const temporal = h ? await check(() => h.temporal()) : undefined;
    const ok = temporal?.ok ?? true;
    if (!ok) reply.header('retry-after', '10');
    return reply.code(ok ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify({ status: ok ? 'ready' : 'unavailable' }));
  });

  app.get('/healthz', async (_req, reply) => {
    const now = Date.now();
    if (!last || now - last.at > 2_000) last = { at: now, result: runChecks() };
    const { ok, body } = await last.result;
    if (!ok) reply.header('retry-after', '10');
    return reply.code(ok ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
};
