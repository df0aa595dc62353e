/**
 * The dashboard's routes, read-only (GET and HEAD only; nothing here changes a cycle):
 *   GET /cycles                     every review cycle, running and closed (Temporal visibility)
 *   GET /cycles/live                its parts as JSON, for the page's script (ETag / 304)
 *   GET /cycles/:year               one cycle: stages, areas, timeline, drafts, decisions, events
 *   GET /cycles/:year/live          its parts as JSON
 *   GET /cycles/:year/audit.csv     the event history (client/audit.ts), also `.json`
 *   GET /cycles/:year/files/<key>   a draft's or the final report's file: redirects to a signed
 *                                   file link (/files/<key>?exp&sig), for keys of this cycle only
 *   GET /dashboard.js               the page script (./script.ts)
 *
 * Access (./access.ts) is checked at the root for every /cycles path before these handlers run. Pages carry their own CSP: the server's, plus scripts from the server itself.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { auditCsv, auditFileName, auditJson, auditRows } from '../../activities/archive/export';
import { type CycleSummary } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { reviewCycleId } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import type { WebContext } from '../plumbing/context';
import type { Texts } from '../texts';
import { DashboardReader, PAGE_QUERY_TIMEOUT_MS, ROW_QUERY_TIMEOUT_MS, failureMessage, type DashboardPort } from './data';
import { cycleFigures } from './model';
import { figuresOfListMemo } from '../../domain/cycle-list-memo';
import { cyclePage, cycleParts, cyclesPage, cyclesParts, cycleUnavailablePage, liveBody, type CycleRow, type Part } from './pages';
import { progressView } from './progress';
import { DASHBOARD_SCRIPT } from './script';

/** How often the pages refresh themselves (ms). */
export const DEFAULT_LIVE_INTERVAL_MS = 5_000;

/** The CSP of the dashboard's pages: the server's own, with scripts and fetches from this server. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/** Where the Temporal UI shows a workflow, e.g. http://127.0.0.1:8233/namespaces/default/workflows/review-cycle-2026. */
export function temporalWorkflowUrl(ui: { url: string; namespace: string }, workflowId: string): string {
  return `${ui.url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export interface DashboardOptions {
  ctx: WebContext;
  /** Where the cycles and their states come from (read through a short cache). */
  port: DashboardPort;
  /** How often the pages refresh themselves (ms, default DEFAULT_LIVE_INTERVAL_MS). */
  everyMs?: number;
  /** The Temporal UI, when its address is known (TEMPORAL_UI_URL, or the embedded dev server's). */
  temporalUi?: { url: string; namespace: string };
}

type YearParams = { Params: { year: string } };

/** The dashboard's routes. */
export const dashboard: FastifyPluginAsync<DashboardOptions> = async (app, { ctx, port, everyMs = DEFAULT_LIVE_INTERVAL_MS, temporalUi }) => {
  const reader = new DashboardReader(port);
  /** The texts of the page answering `req`, in its reader's language (web/plumbing/language.ts). */
  const textsOf = (req: FastifyRequest, reply: FastifyReply) => ctx.scope(req, reply).t;

  const page = (reply: FastifyReply, status: number, markup: string) => ctx.sendPage(reply.header('content-security-policy', DASHBOARD_CSP), status, markup);
  const notFound = (reply: FastifyReply, text?: string) => {
    const { t, message } = ctx.scope(reply.request, reply);
    return ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [text ?? t.errors.cycleNotFound]));
  };
  const updatedAt = (t: Texts, timeZone: string) => t.dashboard.updated(DateTime.fromJSDate(ctx.clock()).setZone(timeZone).toFormat('HH:mm:ss'));
  const temporalUrl = (year: number) => (temporalUi ? temporalWorkflowUrl(temporalUi, reviewCycleId(year)) : undefined);

  function yearOf(req: FastifyRequest<YearParams>): number | undefined {
    return /^\d{4}$/.test(req.params.year) ? Number(req.params.year) : undefined;
  }

  /** Answers the parts as JSON, or 304 when the client has them already. */
  function live(req: FastifyRequest, reply: FastifyReply, parts: Part[], updated: string, extra: Record<string, unknown>) {
    const { etag, body } = liveBody(parts, updated, extra);
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.code(200).type('application/json; charset=utf-8').send(body);
  }

  function liveError(reply: FastifyReply, err: unknown) {
    const t = textsOf(reply.request, reply);
    const status = err instanceof CycleError && err.kind === 'not-found' ? 404 : 503;
    if (status === 503) reply.header('retry-after', '10');
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ error: status === 404 ? t.errors.cycleNotFound : t.dashboard.liveFailed }));
  }

  // Per commitment, its status in every cycle on record, from the archives (./progress.ts).
  await app.register(progressView, { ctx, csp: DASHBOARD_CSP });

  app.get('/dashboard.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(DASHBOARD_SCRIPT),
  );

  // ---- the list ----------------------------------------------------------------------------------

  async function cycleRows(): Promise<{ rows: CycleRow[]; listError?: string }> {
    let summaries: CycleSummary[];
    try {
      summaries = await reader.list();
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      return { rows: [], listError: err.message };
    }
    const rows = await Promise.all(
      summaries.map(async (summary): Promise<CycleRow> => {
        // A cycle whose workflow keeps its list view in its memo is shown from the listing alone.
        if (summary.list) return { summary };
        try {
          return { summary, state: await reader.state(summary.year, ROW_QUERY_TIMEOUT_MS) };
        } catch (err) {
          return { summary, error: failureMessage(err) };
        }
      }),
    );
    return { rows };
  }

  const listFigures = (rows: CycleRow[], now: number) =>
    rows.map((r) => ({
      year: r.summary.year,
      status: r.summary.status,
      stage: r.state?.stage ?? r.summary.list?.stage ?? r.summary.stage,
      ...(r.state ? cycleFigures(r.state, now) : r.summary.list ? figuresOfListMemo(r.summary.list, now) : { error: r.error }),
    }));

  app.get('/cycles', async (req, reply) => {
    const { t, switcher } = ctx.scope(req, reply);
    const { rows, listError } = await cycleRows();
    const view = { rows, listError, now: ctx.clock().getTime(), root: ctx.root(), switcher: switcher() };
    return page(reply, listError ? 503 : 200, cyclesPage(t, view, { everyMs: everyMs }));
  });

  app.get('/cycles/live', async (req, reply) => {
    const { rows, listError } = await cycleRows();
    if (listError) return liveError(reply, new CycleError('unavailable', listError));
    const t = textsOf(req, reply);
    const now = ctx.clock().getTime();
    const parts = cyclesParts(t, { rows, now, root: ctx.root() });
    return live(req, reply, parts, updatedAt(t, rows[0]?.state?.timeZone ?? rows[0]?.summary.list?.timeZone ?? 'UTC'), { cycles: listFigures(rows, now) });
  });

  // ---- one cycle ---------------------------------------------------------------------------------

  const cycleFiguresJson = (s: ReviewCycleState, now: number) => ({ year: s.year, stage: s.stage, ...cycleFigures(s, now) });

  app.get<YearParams>('/cycles/:year', async (req, reply) => {
    const { t, switcher } = ctx.scope(req, reply);
    const year = yearOf(req);
    if (year === undefined) return notFound(reply);
    let state: ReviewCycleState;
    try {
      state = await reader.state(year, PAGE_QUERY_TIMEOUT_MS);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      if (err.kind === 'not-found') return notFound(reply);
      // The query failed (no worker answering, a closed cycle whose history is gone): show what
      // visibility knows, if it knows the cycle.
      const summary = await reader.list().then((rows) => rows.find((r) => r.year === year), () => undefined);
      reply.header('retry-after', '30');
      return page(reply, 503, cycleUnavailablePage(t, { year, message: err.message, summary, root: ctx.root(), temporalUrl: temporalUrl(year), switcher: switcher() }));
    }
    const view = { state, now: ctx.clock().getTime(), root: ctx.root(), temporalUrl: temporalUrl(year), switcher: switcher() };
    return page(reply, 200, cyclePage(t, view, { everyMs: everyMs }));
  });

  app.get<YearParams>('/cycles/:year/live', async (req, reply) => {
    const year = yearOf(req);
    if (year === undefined) return liveError(reply, new CycleError('not-found', 'no such cycle'));
    let state: ReviewCycleState;
    try {
      state = await reader.state(year, PAGE_QUERY_TIMEOUT_MS);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      return liveError(reply, err);
    }
    const t = textsOf(req, reply);
    const now = ctx.clock().getTime();
    const parts = cycleParts(t, { state, now, root: ctx.root(), temporalUrl: temporalUrl(year) });
    return live(req, reply, parts, updatedAt(t, state.timeZone), { figures: cycleFiguresJson(state, now) });
  });

  // ---- downloads ---------------------------------------------------------------------------------

  async function stateOr404(req: FastifyRequest<YearParams>, reply: FastifyReply): Promise<ReviewCycleState | undefined> {
    const year = yearOf(req);
    if (year === undefined) {
      notFound(reply);
      return undefined;
    }
    try {
      return await reader.state(year, PAGE_QUERY_TIMEOUT_MS);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      if (err.kind === 'not-found') {
        notFound(reply);
        return undefined;
      }
      reply.header('retry-after', '30');
      const { t, message } = ctx.scope(req, reply);
      ctx.sendPage(reply, 503, message(t.errors.unavailableTitle, [t.errors.unavailable]));
      return undefined;
    }
  }

  for (const format of ['csv', 'json'] as const) {
    app.get<YearParams>(`/cycles/:year/audit.${format}`, async (req, reply) => {
      const state = await stateOr404(req, reply);
      if (!state) return reply;
      const rows = auditRows(state);
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${auditFileName(state.year, format)}"`)
        .send(format === 'csv' ? auditCsv(rows) : auditJson(rows));
    });
  }

  app.get<{ Params: { year: string; '*': string } }>('/cycles/:year/files/*', async (req, reply) => {
    const state = await stateOr404(req, reply);
    if (!state) return reply;
    const key = req.params['*'];
    const files = [...state.drafts.flatMap((x) => x.files), ...(state.submission?.files ?? [])];
    const url = files.some((f) => f.key === key) ? ctx.links.fileUrl(key) : undefined;
    if (!url) return notFound(reply, textsOf(req, reply).errors.notFound);
    return reply.redirect(url, 302);
  });
};
