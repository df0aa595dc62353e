/**
 * Sending a person's action to the cycle, once: the Update runs under its id (a double click in
 * this process joins the first run; Temporal deduplicates the id across processes), and the answer
 * is the result page, worded here from the outcome's code and facts, with the time in the cycle's
 * time zone.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CycleError } from '../../client/errors';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { FieldError } from '../../domain/validation';
import { resultPage } from '../views/pages';
import type { WebContext } from './context';
import type { Opened } from './open-link';
import { cycleErrorPage, statusOf } from './refusals';

/**
 * Runs an Update once per id, and answers: 200 and the result for the request that ran it; 409
 * "already recorded at …" for a repeat (a double click); the refusal page on a CycleError.
 * `onInvalid` renders the form again when the workflow names invalid fields.
 */
export async function decide(
  ctx: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  opened: Opened,
  updateId: string,
  run: () => Promise<UpdateOutcome>,
  onInvalid?: (errors: FieldError[]) => FastifyReply,
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
  } catch (err) {
    if (!(err instanceof CycleError)) throw err;
    await ctx.audit.decision(ctx.entry(req, statusOf(err), 'refused', claims, { updateId, detail: `${err.kind}: ${err.message}` }));
    if (err.kind === 'invalid' && err.fieldErrors.length && onInvalid) return onInvalid(err.fieldErrors);
    return cycleErrorPage(ctx, reply, err, state.year, timeZone);
  }
}
