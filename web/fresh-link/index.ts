/**
 * A fresh link for an expired one, asked for from the expired page.
 *   POST /fresh-link   `t` = the expired token; mails a new link for the same step to the address
 *                      the token was issued for (the request carries no address), at most
 *                      MAX_FRESH_LINKS per expired link, and no more than a few per client address
 * Nothing changes in the cycle: this is not a step of it. Without a mailer the expired page never
 * offers the button, and this answers 503.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CycleError } from '../../client/errors';
import type { ReviewCycleState } from '../../domain/state';
import type { WebContext } from '../plumbing/context';
import { Once } from '../plumbing/once';
import { pathOf, viewScopeOf, yearOf } from '../plumbing/open-link';
import { cycleErrorPage, statusOf } from '../plumbing/refusals';
import { checkStep } from '../plumbing/step-check';
import { field } from '../views/form-parts';
import { html } from '../views/html';
import { maskEmail } from '../views/texts';
import { MAX_FRESH_LINKS, sendFreshLink, type FreshLinkMailer, type FreshLinkResult } from './mail';

export interface FreshLinkOptions {
  ctx: WebContext;
  mailer?: FreshLinkMailer;
  /** The server's data folder: the fresh links mailed are recorded under `<dataDir>/fresh-links`. */
  dataDir: string;
  /** POSTs per client address per 15 minutes (default 5). */
  perQuarterHour?: number;
}

/** The fresh-link route. */
export const freshLink: FastifyPluginAsync<FreshLinkOptions> = async (app, { ctx, mailer, dataDir, perQuarterHour }) => {
  const { links } = ctx;
  const once = new Once<FreshLinkResult>(undefined, undefined, ctx.clock);

  app.post('/fresh-link', { preHandler: app.csrfProtection, config: { rateLimit: { max: perQuarterHour ?? 5, timeWindow: 15 * 60_000 } } }, async (req, reply) => {
    const token = field(req.body, 't');
    const verified = await links.verify(token, ctx.clock());
    if (!verified.ok && verified.reason === 'invalid') {
      const { t, message } = ctx.scope(req, reply);
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', undefined, { detail: `fresh link: invalid token: ${verified.detail}` }));
      return ctx.sendPage(reply, 400, message(t.errors.invalidTitle, [t.errors.invalid, t.nothingRecorded]));
    }
    const claims = verified.claims;
    // The page, and the mail it sends, are in the language of the expired page the person asked from.
    const { t, message } = ctx.scope(req, reply, claims);
    const e = t.errors;
    const f = t.fresh;
    if (verified.ok) {
      await ctx.audit.decision(ctx.entry(req, 200, 'not-expired', claims));
      return ctx.sendPage(reply, 200, message(f.notExpiredTitle, [f.notExpired], html`<p><a href="${pathOf(ctx, claims.step, token)}">${f.open}</a></p>`));
    }
    if (!mailer) return ctx.sendPage(reply, 503, message(f.failedTitle, [e.freshUnavailable]));
    let state: ReviewCycleState;
    try {
      state = await ctx.cycles.state(claims.cycle, viewScopeOf(claims));
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      await ctx.audit.decision(ctx.entry(req, statusOf(err), 'refused', claims, { detail: `fresh link: ${err.kind}` }));
      return cycleErrorPage(ctx, reply, err, yearOf(claims), 'UTC');
    }
    const check = checkStep(t, state, claims);
    if (!check.open) {
      await ctx.audit.decision(ctx.entry(req, check.status, 'refused', claims, { detail: 'fresh link: step closed' }));
      return ctx.sendPage(reply, check.status, message(check.title, [e.freshStepClosed, ...check.outcome]));
    }
    let result: FreshLinkResult;
    try {
      ({ value: result } = await once.run(`fresh:${claims.jti}`, () => sendFreshLink({ t, links, mailer, dataDir, now: ctx.clock() }, claims, state)));
    } catch (err) {
      req.log.error({ err, jti: claims.jti }, 'web: a fresh link could not be mailed');
      await ctx.audit.decision(ctx.entry(req, 503, 'refused', claims, { detail: `fresh link: mail failed: ${(err as Error).message}` }));
      reply.header('retry-after', '60');
      return ctx.sendPage(reply, 503, message(f.failedTitle, [f.failed]));
    }
    if (!result.sent) {
      await ctx.audit.decision(ctx.entry(req, 429, 'refused', claims, { detail: `fresh link: limit of ${MAX_FRESH_LINKS}` }));
      return ctx.sendPage(reply, 429, message(f.limitTitle, [f.limit(result.n)]));
    }
    await ctx.audit.decision(ctx.entry(req, 200, 'fresh-link-sent', claims, { detail: `new link ${result.jti} (${result.messageId})` }));
    return ctx.sendPage(reply, 200, message(f.sentTitle, [f.sent(maskEmail(claims.sub), t.dateTime(result.expiresAt, state.timeZone))]));
  });
};
