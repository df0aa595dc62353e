/**
 * Drafting: the coordinator's review of a draft, linked from the mail that brings each version.
 *   GET  /review/:token   the draft's downloads and areas, approve and reopen
 *   POST /review/:token   `action=approve` sends it to the directors (approveDraft); `action=reopen`
 *                         with `areaIds` and `comment` sends areas back to their owners (reopenAreas);
 *                         `action=synthesis` with `summary` and `attention` records the written
 *                         synthesis, and the draft is rendered again with it (setSynthesis);
 *                         the language switch (`switch-lang`) shows the page again in the other
 *                         language with the areas chosen and the comment typed, recording nothing
 * One decision per round: after a director's request for changes the coordinator decides on the
 * same version again, with the same link; a double click stays within one round.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CycleError } from '../../client/errors';
import { coordinatorRound } from '../../domain/rounds';
import { cleanText } from '../../domain/text';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { keepTypedOnCsrfFailure } from '../plumbing/csrf-kept';
import { decide } from '../plumbing/decide';
import { formProblems, problemErrors } from '../plumbing/form-body';
import { cycleErrorPage } from '../plumbing/refusals';
import { renderDraftStep } from '../plumbing/draft-step';
import { actorOf, openLink, refuseUnlessAllowed, type KeepTyped, type TokenParams } from '../plumbing/open-link';
import { switchPressed } from '../plumbing/language';
import { field, fields } from '../views/form-parts';
import { reviewPage, type ReviewValues } from './page';
import { synthesisErrors, synthesisUpdateId, synthesisValues } from './synthesis';

/** The comment and the synthesis a body typed, for an expired link's page. */
const keepComment = (body: unknown): KeepTyped => (t) => [
  { label: t.review.comment, value: field(body, 'comment') },
  ...[{ label: t.review.summary, value: field(body, 'summary') }, { label: t.review.attention, value: field(body, 'attention') }].filter((x) => x.value !== ''),
];

/** Everything the review's form carries, as posted. */
const postedValues = (body: unknown): ReviewValues => ({ areaIds: fields(body, 'areaIds'), comment: field(body, 'comment'), summary: field(body, 'summary'), attention: field(body, 'attention') });

/**
 * Errors of the fields the body did not carry exactly (web/plumbing/form-body.ts), next to them:
 * the comment damaged (a broken escape) or sent twice, an area id damaged. `areaIds` is a group of
 * checkboxes, sent once per area chosen: repeating it is how the form works, not a problem.
 */
const unreadFields = (body: unknown, t: Parameters<KeepTyped>[0]): FieldError[] =>
  problemErrors(t.input, formProblems(body).filter((p) => ['comment', 'summary', 'attention'].includes(p.name) || (p.name === 'areaIds' && p.problem !== 'repeated')));

/** The draft review's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const draftReview: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  const render = renderDraftStep<ReviewValues>(ctx, reviewPage, 'draft-review');
  // A form whose CSRF check failed comes back with the areas chosen and the comment typed (web/plumbing/csrf-kept.ts).
  keepTypedOnCsrfFailure(app, ctx, {
    step: 'draft-review',
    offerFreshLink,
    keep: (req) => keepComment(req.body),
    rerender: (req, reply, opened, status, notice) =>
      render(reply, status, opened, opened.token, postedValues(req.body), unreadFields(req.body, opened.scope.t), notice),
  });

  app.get<TokenParams>('/review/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'draft-review', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, req.params.token, { areaIds: [], comment: '', ...synthesisValues(opened.check.draft!) }, []);
  });

  app.post<TokenParams>('/review/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.params.token;
    const opened = await openLink(ctx, 'draft-review', token, req, reply, 'decision', offerFreshLink, keepComment(req.body));
    if (!opened) return reply;
    const { claims, state } = opened;
    const version = claims.version!;
    const values = postedValues(req.body);
    const { t } = opened.scope;
    // What the body did not carry exactly is shown next to its field whatever was pressed.
    const unread = unreadFields(req.body, t);
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, token, values, unread);
    }
    const pressed = { button: 'action', value: field(req.body, 'action'), expected: ['approve', 'reopen', 'synthesis'] } as const;
    // Whoever may approve the draft may write its synthesis: the link's claims name the decisions
    // (links mailed before the synthesis existed name no other), so it is checked as an approval.
    const asAllowed = pressed.value === 'synthesis' ? { ...pressed, value: 'approve' } : pressed;
    const refused = await refuseUnlessAllowed(ctx, req, reply, claims, asAllowed, () => render(reply, 400, opened, token, values, unread));
    if (refused) return refused;
    // The decision is for the round the form was shown in: a form from an earlier round (resent by
    // a browser, a proxy or a restored tab) is refused here and by the workflow, and changes nothing.
    const currentRound = coordinatorRound(state.events, version);
    const posted = field(req.body, 'round');
    const round = posted === '' ? Number.NaN : Number(posted);
    if (!Number.isInteger(round) || round !== currentRound) {
      const refusal = { code: 'round-closed', version, round: Number.isInteger(round) ? round : -1, currentRound } as const;
      await ctx.audit.decision(ctx.entry(req, 409, 'refused', claims, { detail: `conflict: round-closed ${posted} (now ${currentRound})` }));
      return cycleErrorPage(ctx, reply, new CycleError('conflict', `round-closed ${JSON.stringify(refusal)}`, [], refusal), state.year, state.timeZone);
    }
    const updateId = `${claims.jti}:${round}`;
    const actor = actorOf(req, claims);
    if (pressed.value === 'approve') return decide(ctx, req, reply, opened, updateId, () => ctx.cycles.approveDraft(claims.cycle, { version, round, actor }, updateId));
    const unreadOf = (...names: string[]) => unread.filter((x) => names.includes(x.path));

    if (pressed.value === 'synthesis') {
      // The synthesis goes into the report as it is: never a damaged or doubled text.
      const damaged = unreadOf('summary', 'attention');
      const errors = damaged.length ? unread : [...unread, ...synthesisErrors(values, t.review)];
      if (damaged.length || errors.length > unread.length) {
        await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `synthesis: ${damaged.length ? 'not read exactly' : 'invalid'}: ${errors.map((x) => x.path).join(', ')}` }));
        return render(reply, 400, opened, token, values, errors);
      }
      const synthesisId = synthesisUpdateId(claims.jti, round, field(req.body, 'basis'), values.summary, values.attention);
      return decide(
        ctx, req, reply, opened, synthesisId,
        () => ctx.cycles.setSynthesis(claims.cycle, { version, round, summary: values.summary, attention: values.attention, actor }, synthesisId),
        (errs) => render(reply, 400, opened, token, values, errs),
      );
    }

    // A reopening sends the comment and the areas to the owners: never a damaged or doubled one.
    // (An approval carries neither, so nothing of them can be changed by recording it.)
    if (unreadOf('comment', 'areaIds').length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `not read exactly: ${unread.map((x) => x.path).join(', ')}` }));
      return render(reply, 400, opened, token, values, unread);
    }
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
      () => ctx.cycles.reopenAreas(claims.cycle, { version, round, areaIds: values.areaIds, comment: values.comment, actor }, updateId),
      (errs) => render(reply, 400, opened, token, values, errs.map((x) => ({ ...x, path: x.path.startsWith('areaIds') ? 'areaIds' : x.path }))),
    );
  });
};
