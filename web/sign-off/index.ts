/**
 * Director sign-off: each director's decision on the draft in sign-off, linked from their mail.
 *   GET  /sign-off/:token   a summary of the draft, the other director's decision, the downloads
 *   POST /sign-off/:token   `decision=approve` or `decision=request-changes` with a `comment` (signOff);
 *                           the language switch (`switch-lang`) shows the page again in the other
 *                           language with the comment typed, recording nothing
 * One decision per director and version: the link's id is the Update id. A comment the body did not
 * carry exactly is an error next to it; a form whose CSRF check failed comes back with the comment.
 */
import type { FastifyPluginAsync } from 'fastify';
import { cleanText } from '../../domain/text';
import type { WebContext } from '../plumbing/context';
import { keepTypedOnCsrfFailure } from '../plumbing/csrf-kept';
import { decide } from '../plumbing/decide';
import { problemErrors } from '../plumbing/form-body';
import { renderDraftStep } from '../plumbing/draft-step';
import { actorOf, openLink, refuseUnlessAllowed, type KeepTyped, type TokenParams } from '../plumbing/open-link';
import { switchPressed } from '../plumbing/language';
import { field } from '../views/form-parts';
import { formProblems } from '../plumbing/form-body';
import { signOffPage } from './page';

/** The comment a body typed, for an expired link's page. */
const keepComment = (body: unknown): KeepTyped => (t) => [{ label: t.signOff.comment, value: field(body, 'comment') }];

/** The sign-off's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const signOff: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  const render = renderDraftStep(ctx, signOffPage, 'sign-off');
  /** Errors of the comment when the body did not carry it exactly (a broken escape, sent twice). */
  const unreadComment = (body: unknown, t: Parameters<KeepTyped>[0]) => problemErrors(t.input, formProblems(body).filter((p) => p.name === 'comment'));

  keepTypedOnCsrfFailure(app, ctx, {
    step: 'sign-off',
    offerFreshLink,
    keep: (req) => keepComment(req.body),
    rerender: (req, reply, opened, status, notice) =>
      render(reply, status, opened, opened.token, { comment: field(req.body, 'comment') }, unreadComment(req.body, opened.scope.t), notice),
  });

  app.get<TokenParams>('/sign-off/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'sign-off', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, req.params.token, { comment: '' }, []);
  });

  app.post<TokenParams>('/sign-off/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.params.token;
    const opened = await openLink(ctx, 'sign-off', token, req, reply, 'decision', offerFreshLink, keepComment(req.body));
    if (!opened) return reply;
    const { claims } = opened;
    const comment = field(req.body, 'comment');
    const { t, message } = opened.scope;
    const unread = unreadComment(req.body, t);
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, token, { comment }, unread);
    }
    const pressed = { button: 'decision', value: field(req.body, 'decision'), expected: ['approve', 'request-changes'] } as const;
    const refused = await refuseUnlessAllowed(ctx, req, reply, claims, pressed, () => render(reply, 400, opened, token, { comment }, unread));
    if (refused) return refused;
    if (unread.length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: 'not read exactly: comment' }));
      return render(reply, 400, opened, token, { comment }, unread);
    }
    const decision = pressed.value as 'approve' | 'request-changes';
    const director = claims.director;
    if (!director) {
      await ctx.audit.decision(ctx.entry(req, 403, 'refused', claims, { detail: `action ${decision} not allowed by the link` }));
      return ctx.sendPage(reply, 403, message(t.errors.notAllowedTitle, [t.errors.notAllowed(decision, claims.actions.join(', ')), t.nothingRecorded]));
    }
    if (decision === 'request-changes' && !cleanText(comment).trim()) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: 'invalid: comment' }));
      return render(reply, 400, opened, token, { comment }, [{ path: 'comment', message: t.signOff.writeComment }]);
    }
    const updateId = claims.jti;
    return decide(
      ctx, req, reply, opened, updateId,
      () => ctx.cycles.signOff(claims.cycle, { version: claims.version!, director, decision, comment, actor: actorOf(req, claims) }, updateId),
      (errs) => render(reply, 400, opened, token, { comment }, errs),
    );
  });
};
