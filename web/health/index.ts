/**
 * GET /healthz: JSON saying whether Temporal and SMTP answer (200), or which does not (503 with
 * Retry-After). The reasons go to the log, not to anyone who asks: they name hosts and ports.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { WebContext } from '../plumbing/context';

/** The checks of /healthz: each resolves when its service answers, and rejects (with the reason) when not. */
export interface HealthChecks {
  temporal(): Promise<void>;
  /** Absent when no SMTP server is configured. */
  smtp?(): Promise<void>;
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
    const [temporal, smtp] = await Promise.all([h ? check(() => h.temporal()) : undefined, h?.smtp ? check(() => h.smtp!()) : undefined]);
    for (const [name, r] of [['temporal', temporal], ['smtp', smtp]] as const) {
      if (r && !r.ok) ctx.log.warn({ check: name, error: r.error }, 'healthz: a service does not answer');
    }
    const ok = (temporal?.ok ?? true) && (smtp?.ok ?? true);
    const view = (r?: CheckResult) => (r ? { reachable: r.ok, ms: r.ms } : { reachable: null, configured: false });
    return { ok, body: { status: ok ? 'ok' : 'unavailable', temporal: view(temporal), smtp: view(smtp), checkedAt: ctx.clock().toISOString() } };
  }

  app.get('/healthz', async (_req, reply) => {
    const now = Date.now();
    if (!last || now - last.at > 2_000) last = { at: now, result: runChecks() };
    const { ok, body } = await last.result;
    if (!ok) reply.header('retry-after', '10');
    return reply.code(ok ? 200 : 503).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });
};
