/**
 * What became of an action that Temporal did not confirm in time (web/plumbing/decide.ts).
 *   GET /pending/:token?u=<update id>&lang=<language>
 *       asks Temporal for the outcome of that Update, a few seconds at most, and shows the result
 *       (recorded), its refusal, "not recorded" once Temporal says it has no such Update, or while
 *       the Update waits for a worker the same "not yet confirmed" page, which reloads itself.
 * Only reads, like every GET (a mail scanner may open it too). The token is verified; an expired
 * one still shows the outcome (its claims are genuine, and nothing changes). The Update id must be
 * one of the link's own (`<jti>` or `<jti>:…`), so a link finds out only about its own actions.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CycleError } from '../../client/errors';
import type { UpdateOutcome } from '../../domain/outcomes';
import type { ReviewCycleState } from '../../domain/state';
import type { LinkClaims } from '../../links';
import type { WebContext } from '../plumbing/context';
import { sendPending } from '../plumbing/decide';
import { pathOf, viewScopeOf, yearOf } from '../plumbing/open-link';
import { cycleErrorPage, statusOf } from '../plumbing/refusals';
import { notRecordedPage, resultPage } from '../views/pages';

/** Longest Update id a link's action has (`<jti>:<hash>`), with room to spare. */
const MAX_UPDATE_ID = 300;

type PendingRequest = { Params: { token: string }; Querystring: { u?: unknown } };

/** When the action was recorded: an input's own time, else the latest event of the link in the state, else now. */
function recordedAt(outcome: UpdateOutcome, claims: LinkClaims, state: ReviewCycleState | undefined, now: Date): string | Date {
  if ('submittedAt' in outcome && typeof outcome.submittedAt === 'string') return outcome.submittedAt;
  return state?.events.filter((e) => e.actor.linkId === claims.jti).at(-1)?.at ?? now;
}

/** The route of the page that finds out. */
export const pending: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  app.get<PendingRequest>('/pending/:token', async (req, reply) => {
    const token = req.params.token;
    const verified = await ctx.links.verify(token, ctx.clock());
    if (!verified.ok && verified.reason === 'invalid') {
      const { t, message } = ctx.scope(req, reply);
      await ctx.audit.view(ctx.entry(req, 400, 'refused', undefined, { detail: `invalid token: ${verified.detail}` }));
      return ctx.sendPage(reply, 400, message(t.errors.invalidTitle, [t.errors.invalid]));
    }
    const claims = verified.claims;
    const scope = ctx.scope(req, reply, claims);
    const { t } = scope;
    const updateId = typeof req.query.u === 'string' ? req.query.u : '';
    if (updateId.length > MAX_UPDATE_ID || (updateId !== claims.jti && !updateId.startsWith(`${claims.jti}:`))) {
      await ctx.audit.view(ctx.entry(req, 400, 'refused', claims, { detail: 'pending: not an update of this link' }));
      return ctx.sendPage(reply, 400, scope.message(t.errors.badRequestTitle, [t.errors.badRequest]));
    }

    let outcome: UpdateOutcome | undefined;
    try {
      outcome = await ctx.cycles.updateOutcome(claims.wf, updateId);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      if (err.kind === 'unavailable') {
        await ctx.audit.view(ctx.entry(req, 202, 'unconfirmed', claims, { updateId, detail: err.message }));
        return sendPending(ctx, reply, { token, claims, scope }, updateId);
      }
      // The workflow accepted the Update and then refused it: its refusal, as the POST would have shown it.
      await ctx.audit.view(ctx.entry(req, statusOf(err), 'refused', claims, { updateId, detail: `${err.kind}: ${err.message}` }));
      const state = await ctx.cycles.state(claims.cycle, viewScopeOf(claims)).catch(() => undefined);
      return cycleErrorPage(ctx, reply, err, yearOf(claims), state?.timeZone ?? 'UTC');
    }
    if (!outcome) {
      await ctx.audit.view(ctx.entry(req, 200, 'not-recorded', claims, { updateId }));
      return ctx.sendPage(reply, 200, notRecordedPage(t, { stepHref: pathOf(ctx, claims.step, token), jti: claims.jti, root: ctx.root(), switcher: scope.switcher() }));
    }
    // The state gives the cycle's time zone and when the action was recorded; the page is right without it too.
    const state = await ctx.cycles.state(claims.cycle, viewScopeOf(claims)).catch(() => undefined);
    const detail = ctx.texts('en').outcomes.recorded(outcome);
    await ctx.audit.view(ctx.entry(req, 200, 'confirmed', claims, { updateId, detail }));
    return ctx.sendPage(
      reply,
      200,
      resultPage(t, {
        recorded: t.outcomes.recorded(outcome), next: t.outcomes.next(outcome), at: recordedAt(outcome, claims, state, ctx.clock()),
        timeZone: state?.timeZone ?? 'UTC', jti: claims.jti, root: ctx.root(), switcher: scope.switcher(),
      }),
    );
  });
};
