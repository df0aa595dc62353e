/**
 * The contribution step, while collecting: an area owner's input form.
 *   GET  /contribute/:token   the form, prefilled with the input on record
 *   POST /contribute/:token   `op=submit` records the input (submitContribution on the area's
 *                             workflow); `op=add-rows` shows more deliverable rows and the
 *                             language switch (`switch-lang`) shows the form in the other
 *                             language, both with what was typed, recording nothing
 * The form is checked against the area's own schema before it is sent, so errors land next to
 * their fields and nothing typed is lost.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { contributionSchemaFor } from '../../domain/schemas';
import { fieldErrors, type FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { decide } from '../plumbing/decide';
import { actorOf, openLink, pathOf, type Opened, type TokenParams } from '../plumbing/open-link';
import { csrfFor } from '../plumbing/security';
import { switchPressed } from '../plumbing/language';
import { PAGE_FORM, field } from '../views/form-parts';
import { contributionFrom, contributionUpdateId, errorsToFields, postedValues, valuesOf, type FormValues } from './form';
import { contributionPage } from './page';

/** A nonce per rendering of the form (see contributionUpdateId). */
const newRid = () => randomBytes(12).toString('base64url');

/** The contribution step's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const contribution: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  function render(reply: FastifyReply, status: number, opened: Opened, token: string, values: FormValues, errors: FieldError[], rows?: number) {
    const { state, claims, scope } = opened;
    return ctx.sendPage(
      reply,
      status,
      contributionPage(scope.t, {
        year: state.year, timeZone: state.timeZone, area: opened.check.area!, claims, action: pathOf(ctx, 'contribution', token), root: ctx.root(),
        csrf: csrfFor(reply, token), rid: newRid(), values, rows, errors, switcher: scope.switcher(PAGE_FORM),
      }),
    );
  }

  app.get<TokenParams>('/contribute/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    const area = opened.check.area!;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, req.params.token, valuesOf(area, await ctx.cycles.input(area)), []);
  });

  app.post<TokenParams>('/contribute/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const token = req.params.token;
    const opened = await openLink(ctx, 'contribution', token, req, reply, 'decision', offerFreshLink);
    if (!opened) return reply;
    const { claims } = opened;
    const area = opened.check.area!;
    const { values, rows } = postedValues(area, req.body);
    const op = field(req.body, 'op');
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, token, values, [], rows);
    }
    if (op === 'add-rows') {
      await ctx.audit.view(ctx.entry(req, 200, 'form-rows-added', claims));
      return render(reply, 200, opened, token, values, [], rows + 3);
    }
    if (op !== 'submit') {
      // Only the button records: a form sent without it (a script, a scanner) is shown again.
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: 'no submit button pressed' }));
      return render(reply, 400, opened, token, values, [], rows);
    }
    const { input, rowOf } = contributionFrom(area, values, rows);
    const checked = contributionSchemaFor(area).safeParse(input);
    if (!checked.success) {
      const errors = errorsToFields(fieldErrors(checked.error), rowOf);
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `invalid: ${errors.map((x) => x.path).join(', ')}` }));
      return render(reply, 400, opened, token, values, errors, rows);
    }
    const updateId = contributionUpdateId(claims.jti, req.body);
    return decide(
      ctx, req, reply, opened, updateId,
      () => ctx.cycles.submitContribution(claims.cycle, { areaId: area.id, contribution: input, actor: actorOf(req, claims) }, updateId),
      (errors) => render(reply, 400, opened, token, values, errorsToFields(errors, rowOf), rows),
    );
  });
};
