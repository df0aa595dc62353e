/**
 * Closing collection: the coordinator's page, linked from the mail that says all inputs are in.
 *   GET  /collection/:token   the areas' inputs so far, and the button
 *   POST /collection/:token   `action=close` closes collection (closeCollection); draft v1 follows
 * Collection closes once per link: the link's id is the Update id. A POST whose CSRF check failed
 * gets the page again with a fresh token, to press the button again.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { WebContext } from '../plumbing/context';
import { keepTypedOnCsrfFailure, type FormNotice } from '../plumbing/csrf-kept';
import { decide } from '../plumbing/decide';
import { actorOf, openLink, pathOf, refuseUnlessAllowed, type Opened, type TokenParams } from '../plumbing/open-link';
import { csrfFor } from '../plumbing/security';
import { field } from '../views/form-parts';
import { collectionPage } from './page';

/** The collection step's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const collection: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  function render(reply: FastifyReply, status: number, opened: Opened, token: string, notice?: FormNotice) {
    const { t, switcher } = opened.scope;
    return ctx.sendPage(
      reply,
      status,
      collectionPage(t, { state: opened.state, claims: opened.claims, action: pathOf(ctx, 'collection', token), root: ctx.root(), csrf: csrfFor(reply, token), switcher: switcher(), notice }),
    );
  }

  keepTypedOnCsrfFailure(app, ctx, { step: 'collection', offerFreshLink, rerender: (_req, reply, opened, status, notice) => render(reply, status, opened, opened.token, notice) });

  app.get<TokenParams>('/collection/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'collection', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, req.params.token);
  });

  app.post<TokenParams>('/collection/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.params.token;
    const opened = await openLink(ctx, 'collection', token, req, reply, 'decision', offerFreshLink);
    if (!opened) return reply;
    const { claims } = opened;
    const pressed = { button: 'action', value: field(req.body, 'action'), expected: ['close'] } as const;
    const refused = await refuseUnlessAllowed(ctx, req, reply, claims, pressed, () => render(reply, 400, opened, token));
    if (refused) return refused;
    const updateId = claims.jti;
    return decide(ctx, req, reply, opened, updateId, () => ctx.cycles.closeCollection(claims.cycle, { actor: actorOf(req, claims) }, updateId));
  });
};
