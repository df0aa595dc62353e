/**
 * A form whose CSRF check failed is shown again with everything posted. The check fails for people
 * too, not only for forgeries: the CSRF cookie expired, the page was open for a long time, a tab
 * was restored in a new browser session. Answering "Nothing was recorded" there loses what was
 * typed, so the step's page comes back instead (403) with every posted field, a fresh token and a
 * notice to press the button again. Nothing is recorded: the route's handler never runs (the check
 * stays a preHandler that fails); only this error handler of the step's plugin renders the form.
 * An expired link gets its expired page, with what was typed to copy.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LinkStep } from '../../links';
import type { WebContext } from './context';
import { openLink, type KeepTyped, type Opened } from './open-link';

const CSRF_FAILURES = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

/** True for the errors @fastify/csrf-protection fails a request with. */
export function isCsrfFailure(err: unknown): boolean {
  return CSRF_FAILURES.has(String((err as { code?: unknown } | undefined)?.code));
}

/** The notice above a form shown again: a title and a sentence, in the page's language. */
export interface FormNotice {
  title: string;
  text: string;
}

export interface KeepTypedOptions {
  step: LinkStep;
  offerFreshLink: boolean;
  /** What the posted body typed, for an expired link's page (labelled with the state when it could be read). */
  keep?: (req: FastifyRequest) => KeepTyped;
  /** Renders the step's form with what `req` posted, a fresh CSRF token, `notice` above it, and `status`. */
  rerender: (req: FastifyRequest, reply: FastifyReply, opened: Opened, status: number, notice: FormNotice) => FastifyReply | Promise<FastifyReply>;
}

/**
 * Sets the error handler of a link step's plugin (encapsulated: its routes only). A POST to
 * `/<page>/:token` that failed its CSRF check opens the link as a decision (so an expired link,
 * a closed step, an unknown cycle get their own pages) and renders the form again; any other
 * error goes on to the server's handler (web/plumbing/responses.ts).
 */
export function keepTypedOnCsrfFailure(app: FastifyInstance, ctx: WebContext, o: KeepTypedOptions): void {
  app.setErrorHandler(async (err, req, reply) => {
    const token = (req.params as { token?: unknown } | undefined)?.token;
    if (req.method !== 'POST' || !isCsrfFailure(err) || typeof token !== 'string') throw err;
    const opened = await openLink(ctx, o.step, token, req, reply, 'decision', o.offerFreshLink, o.keep?.(req));
    if (!opened) return reply;
    const code = String((err as { code?: unknown }).code);
    await ctx.audit.decision(ctx.entry(req, 403, 'refused', opened.claims, { detail: `csrf: ${code}; the form was shown again with what was typed` }));
    const { t } = opened.scope;
    return o.rerender(req, reply, opened, 403, { title: t.errors.csrfTitle, text: t.errors.csrfKept });
  });
}
