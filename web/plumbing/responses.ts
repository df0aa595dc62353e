/**
 * How every response leaves the server, registered once at the root (fastify-plugin): no caching
 * unless a route says otherwise, one log line per request (token redacted), and the product's own
 * page for every error (CSRF, rate limit, too large, a CycleError or any Temporal failure — the
 * "try later" page —, anything unexpected) and for
 * every path that matches no route. No error page echoes the URL or a stack.
 */
import fp from 'fastify-plugin';
import { CycleError, asCycleError } from '../../client/errors';
import type { WebContext } from './context';
import { redactUrl } from './redact';
import { cycleErrorPage } from './refusals';

type HttpError = Error & { statusCode?: number; code?: string; retryAfterSeconds?: number };

/** Registers the response hooks, the error handler and the not-found handler. */
export const responses = fp<{ ctx: WebContext }>(
  async (app, { ctx }) => {
    app.addHook('onSend', async (_req, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
    app.addHook('onResponse', async (req, reply) => {
      req.log.info({ method: req.method, url: redactUrl(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });

    app.setErrorHandler(async (err: HttpError, req, reply) => {
      const { t, message } = ctx.scope(req, reply);
      const e = t.errors;
      if (err.code === 'FST_CSRF_MISSING_SECRET' || err.code === 'FST_CSRF_INVALID_TOKEN') {
        await ctx.audit.decision(ctx.entry(req, 403, 'refused', undefined, { detail: `csrf: ${err.code}` }));
        return ctx.sendPage(reply, 403, message(e.csrfTitle, [e.csrf, t.nothingRecorded]));
      }
      if (err.statusCode === 429) {
        if (err.retryAfterSeconds) reply.header('retry-after', String(err.retryAfterSeconds));
        return ctx.sendPage(reply, 429, message(e.tooManyTitle, [e.tooMany(err.retryAfterSeconds ?? 60), t.nothingRecorded]));
      }
      if (err.statusCode === 413) return ctx.sendPage(reply, 413, message(e.tooLargeTitle, [e.tooLarge, t.nothingRecorded]));
      // A Temporal failure that reached here unmapped (any gRPC status, CANCELLED under load
      // included) is the "try later" page too, never a 500.
      const cycleError = err instanceof CycleError ? err : asCycleError(err, `${req.method} ${redactUrl(req.url)}`);
      if (cycleError) return cycleErrorPage(ctx, reply, cycleError, 0, 'UTC');
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return ctx.sendPage(reply, err.statusCode, message(e.badRequestTitle, [e.badRequest, t.nothingRecorded]));
      }
      req.log.error({ err, url: redactUrl(req.url) }, 'web: unexpected error');
      return ctx.sendPage(reply, 500, message(e.internalTitle, [e.internal]));
    });
    app.setNotFoundHandler((req, reply) => {
      const { t, message } = ctx.scope(req, reply);
      return ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.errors.notFound]));
    });
  },
  { name: 'sdp-responses' },
);
