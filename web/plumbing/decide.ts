/**
 * Sending a person's action to the cycle, once: the Update runs under its id (a double click in
 * this process joins the first run; Temporal deduplicates the id across processes), and the answer
 * is the result page, worded here from the outcome's code and facts, with the time in the cycle's
 * time zone. When Temporal does not answer in time the action may still be applied (the Update
 * waits for a worker), so the page says it is not yet confirmed and finds out: it reloads the GET
 * of web/pending/, which asks Temporal for the outcome of the same Update id.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CycleError, asCycleError } from '../../client/errors';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { Language } from '../../domain/schemas';
import type { FieldError } from '../../domain/validation';
import { pendingPage, resultPage } from '../views/pages';
import type { WebContext } from './context';
import { LANG_QUERY } from './language';
import type { Opened } from './open-link';
import { cycleErrorPage, statusOf } from './refusals';

/** How often the page of an action not yet confirmed asks again (seconds). */
export const PENDING_REFRESH_SECONDS = 5;

/**
 * The path of the page that finds out what became of the Update `updateId` sent through the link
 * `token`, in `lang` (the language the person was reading: the link's own page remembers a choice
 * for its own path only).
 */
export function pendingPath(ctx: WebContext, token: string, updateId: string, lang: Language): string {
  return `${ctx.root()}/pending/${token}?u=${encodeURIComponent(updateId)}&${LANG_QUERY}=${lang}`;
}

/**
 * Sends the page of an action that Temporal has not confirmed yet (202), which reloads the page
 * that finds out; its language switch leads there too, in the other language.
 */
export function sendPending(ctx: WebContext, reply: FastifyReply, opened: Pick<Opened, 'token' | 'claims' | 'scope'>, updateId: string): FastifyReply {
  const { t, lang } = opened.scope;
  const to: Language = lang === 'en' ? 'sq' : 'en';
  const href = pendingPath(ctx, opened.token, updateId, lang);
  const switcher = { to, href: pendingPath(ctx, opened.token, updateId, to) };
  reply.header('retry-after', String(PENDING_REFRESH_SECONDS));
  return ctx.sendPage(reply, 202, pendingPage(t, { step: t.stepName(opened.claims.step), href, seconds: PENDING_REFRESH_SECONDS, jti: opened.claims.jti, root: ctx.root(), switcher }));
}

/**
 * Runs an Update once per id, and answers: 200 and the result for the request that ran it; 409
 * "already recorded at …" for a repeat (a double click); 202 "not yet confirmed" when Temporal did
 * not answer in time (CycleError `unavailable`: the Update may still be applied); the refusal page
 * on any other CycleError. `onInvalid` renders the form again when the workflow names invalid fields.
 */
export async function decide(
  ctx: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  opened: Opened,
  updateId: string,
  run: () => Promise<UpdateOutcome>,
  onInvalid?: (errors: FieldError[]) => FastifyReply | Promise<FastifyReply>,
): Promise<FastifyReply> {
  const { claims, state, scope } = opened;
  const { t } = scope;
  const timeZone = state.timeZone;
  try {
    const r = await ctx.once.run(updateId, run);
    const recorded = t.outcomes.recorded(r.value);
    // The audit log is read by operators: always in English, whatever the page's language.
    const detail = ctx.texts('en').outcomes.recorded(r.value);
    const page = { recorded, next: t.outcomes.next(r.value), at: r.at, timeZone, jti: claims.jti, root: ctx.root(), switcher: scope.switcher() };
    if (r.first) {
      await ctx.audit.decision(ctx.entry(req, 200, 'recorded', claims, { updateId, detail }));
      return ctx.sendPage(reply, 200, resultPage(t, page));
    }
    await ctx.audit.decision(ctx.entry(req, 409, 'already-recorded', claims, { updateId, detail }));
    return ctx.sendPage(reply, 409, resultPage(t, { ...page, already: { name: claims.name } }));
  } catch (thrown) {
    // A Temporal failure that came unmapped is mapped here: after the Update was sent, any gRPC
    // status (CANCELLED, DEADLINE_EXCEEDED…) leaves its outcome unknown, so the page is "not yet
    // confirmed", never an error page saying nothing was recorded.
    const err = thrown instanceof CycleError ? thrown : asCycleError(thrown, updateId);
    if (!err) throw thrown;
    if (err.kind === 'unavailable') {
      await ctx.audit.decision(ctx.entry(req, 202, 'unconfirmed', claims, { updateId, detail: err.message }));
      return sendPending(ctx, reply, opened, updateId);
    }
    await ctx.audit.decision(ctx.entry(req, statusOf(err), 'refused', claims, { updateId, detail: `${err.kind}: ${err.message}` }));
    if (err.kind === 'invalid' && err.fieldErrors.length && onInvalid) return onInvalid(err.fieldErrors);
    return cycleErrorPage(ctx, reply, err, state.year, timeZone);
  }
}
