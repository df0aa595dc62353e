/**
 * Drafting: the coordinator's review of a draft, linked from the mail that brings each version.
 *   GET  /review/:token   the draft's downloads and areas, approve and reopen
 *   POST /review/:token   `action=approve` sends it to the directors (approveDraft); `action=reopen`
 *                         with `areaIds` and `comment` sends areas back to their owners (reopenAreas);
 *                         the language switch (`switch-lang`) shows the page again in the other
 *                         language with the areas chosen and the comment typed, recording nothing
 * One decision per round: after a director's request for changes the coordinator decides on the
 * same version again, with the same link; a double click stays within one round.
 */
import type { FastifyPluginAsync } from 'fastify';
import { cleanText } from '../../domain/text';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { decide } from '../plumbing/decide';
import { renderDraftStep } from '../plumbing/draft-step';
import { actorOf, openLink, refuseUnlessAllowed, type TokenParams } from '../plumbing/open-link';
import { coordinatorDecisions } from '../plumbing/step-check';
import { switchPressed } from '../plumbing/language';
import { field, fields } from '../views/form-parts';
import { reviewPage } from './page';

/** The draft review's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const draftReview: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  const render = renderDraftStep(ctx, reviewPage, 'draft-review');

  app.get<TokenParams>('/review/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'draft-review', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, req.params.token, { areaIds: [], comment: '' }, []);
  });

  app.post<TokenParams>('/review/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.params.token;
    const opened = await openLink(ctx, 'draft-review', token, req, reply, 'decision', offerFreshLink);
    if (!opened) return reply;
    const { claims, state } = opened;
    const version = claims.version!;
    const values = { areaIds: fields(req.body, 'areaIds'), comment: field(req.body, 'comment') };
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, token, values, []);
    }
    const { t } = opened.scope;
    const pressed = { button: 'action', value: field(req.body, 'action'), expected: ['approve', 'reopen'] } as const;
    const refused = await refuseUnlessAllowed(ctx, req, reply, claims, pressed, () => render(reply, 400, opened, token, values, []));
    if (refused) return refused;
    const updateId = `${claims.jti}:${coordinatorDecisions(state, version).length}`;
    const actor = actorOf(req, claims);
    if (pressed.value === 'approve') return decide(ctx, req, reply, opened, updateId, () => ctx.cycles.approveDraft(claims.cycle, { version, actor }, updateId));

    const errors: FieldError[] = [];
    const known = new Set(state.areas.filter((a) => a.status !== 'waived').map((a) => a.id));
    if (values.areaIds.length === 0 || values.areaIds.some((id) => !known.has(id))) errors.push({ path: 'areaIds', message: t.review.chooseArea });
    if (!cleanText(values.comment).trim()) errors.push({ path: 'comment', message: t.review.writeComment });
    if (errors.length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `invalid: ${errors.map((x) => x.path).join(', ')}` }));
      return render(reply, 400, opened, token, values, errors);
    }
    return decide(
      ctx, req, reply, opened, updateId,
      () => ctx.cycles.reopenAreas(claims.cycle, { version, areaIds: values.areaIds, comment: values.comment, actor }, updateId),
      (errs) => render(reply, 400, opened, token, values, errs.map((x) => ({ ...x, path: x.path.startsWith('areaIds') ? 'areaIds' : x.path }))),
    );
  });
};
