/**
 * The contribution step, while collecting: an area owner's input form.
 *   GET  /contribute/:token   the form, prefilled with the input on record
 *   POST /contribute/:token   `op=submit` records the input (submitContribution on the area's
 *                             workflow); `op=add-rows` shows more deliverable rows and the
 *                             language switch (`switch-lang`) shows the form in the other
 *                             language, both with what was typed, recording nothing
 * The form is checked against the area's own schema before it is sent, so errors land next to
 * their fields and nothing typed is lost: a field the body did not carry exactly (a broken escape,
 * a name sent twice, text beyond the rows read) is an error next to it, never a silent change; a
 * form whose CSRF check failed comes back with what was typed; an expired link's page shows it.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { contributionSchemaFor } from '../../domain/schemas';
import { fieldErrors, type FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { keepTypedOnCsrfFailure, type FormNotice } from '../plumbing/csrf-kept';
import { decide } from '../plumbing/decide';
import { problemErrors } from '../plumbing/form-body';
import { actorOf, openLink, pathOf, type KeepTyped, type Opened, type TokenParams } from '../plumbing/open-link';
import { csrfFor } from '../plumbing/security';
import { switchPressed } from '../plumbing/language';
import { PAGE_FORM, field } from '../views/form-parts';
import { contributionFrom, contributionUpdateId, errorsToFields, moreRows, postedValues, valuesOf, type FormValues } from './form';
import { contributionPage, fieldLabel } from './page';

/** A nonce per rendering of the form (see contributionUpdateId). */
const newRid = () => randomBytes(12).toString('base64url');

/** The fields of the form that carry no typing (tokens, buttons, counters), left out of what an expired link's page keeps. */
const CONTROL_FIELDS = new Set(['_csrf', 'rid', 'rows', 'lang', 'op', 'switch-lang']);

/** What `body` typed, labelled as the form labels it (by field name when the cycle's state could not be read). */
function keepTyped(body: unknown): KeepTyped {
  return (t, state, claims) => {
    const area = state?.areas.find((a) => a.id === claims.areaId);
    if (area) return Object.entries(postedValues(area, body).values).map(([path, value]) => ({ label: fieldLabel(t, area, path), value }));
    return Object.entries(body && typeof body === 'object' ? (body as Record<string, unknown>) : {})
      .filter(([name]) => !CONTROL_FIELDS.has(name))
      .map(([name, value]) => ({ label: name, value: Array.isArray(value) ? value.join('\n') : String(value) }));
  };
}

/** The contribution step's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const contribution: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  function render(reply: FastifyReply, status: number, opened: Opened, values: FormValues, errors: FieldError[], rows?: number, notice?: FormNotice) {
    const { state, claims, scope, token } = opened;
    return ctx.sendPage(
      reply,
      status,
      contributionPage(scope.t, {
        year: state.year, timeZone: state.timeZone, area: opened.check.area!, claims, action: pathOf(ctx, 'contribution', token), root: ctx.root(),
        csrf: csrfFor(reply, token), rid: newRid(), values, rows, errors, switcher: scope.switcher(PAGE_FORM), notice,
      }),
    );
  }

  keepTypedOnCsrfFailure(app, ctx, {
    step: 'contribution',
    offerFreshLink,
    keep: (req) => keepTyped(req.body),
    rerender: (req, reply, opened, status, notice) => {
      const { values, rows, problems } = postedValues(opened.check.area!, req.body);
      return render(reply, status, opened, values, problemErrors(opened.scope.t.input, problems), rows, notice);
    },
  });

  app.get<TokenParams>('/contribute/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'view', offerFreshLink);
    if (!opened) return reply;
    const area = opened.check.area!;
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims));
    return render(reply, 200, opened, valuesOf(area, await ctx.cycles.input(area)), []);
  });

  app.post<TokenParams>('/contribute/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'decision', offerFreshLink, keepTyped(req.body));
    if (!opened) return reply;
    const { claims } = opened;
    const area = opened.check.area!;
    const { values, rows, problems } = postedValues(area, req.body);
    // What the body did not carry exactly is shown next to its field whatever was pressed, and blocks a submission.
    const unread = problemErrors(opened.scope.t.input, problems);
    const op = field(req.body, 'op');
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, values, unread, rows);
    }
    if (op === 'add-rows') {
      await ctx.audit.view(ctx.entry(req, 200, 'form-rows-added', claims));
      return render(reply, 200, opened, values, unread, moreRows(rows));
    }
    if (op !== 'submit') {
      // Only the button records: a form sent without it (a script, a scanner) is shown again.
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: 'no submit button pressed' }));
      return render(reply, 400, opened, values, unread, rows);
    }
    if (unread.length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `not read exactly: ${problems.map((p) => `${p.name} (${p.problem})`).join(', ')}` }));
      return render(reply, 400, opened, values, unread, rows);
    }
    const { input, rowOf } = contributionFrom(area, values, rows);
    const checked = contributionSchemaFor(area).safeParse(input);
    if (!checked.success) {
      const errors = errorsToFields(fieldErrors(checked.error), rowOf);
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `invalid: ${errors.map((x) => x.path).join(', ')}` }));
      return render(reply, 400, opened, values, errors, rows);
    }
    const updateId = contributionUpdateId(claims.jti, req.body);
    return decide(
      ctx, req, reply, opened, updateId,
      // The area as the page read it: no second query before the Update (Temporal may be slow, and the input goes by reference).
      () => ctx.cycles.submitContribution(claims.cycle, { areaId: area.id, contribution: input, actor: actorOf(req, claims), area }, updateId),
      (errors) => render(reply, 400, opened, values, errorsToFields(errors, rowOf), rows),
    );
  });
};
