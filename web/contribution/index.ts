/**
 * The contribution step, while collecting: an area owner's input form.
 *   GET  /contribute/:token   the form, prefilled with the owner's saved draft, else the input on
 *                             record (./saved-drafts.ts); once the area takes no more input, the
 *                             read-only view of the input on record (./read-only.ts)
 *   POST /contribute/:token   `op=submit` records the input (submitContribution on the area's
 *                             workflow) and clears the draft; `op=save-draft` stores what was
 *                             typed as the owner's draft, recording nothing in the cycle;
 *                             `op=add-rows` shows more deliverable rows and the
 *                             language switch (`switch-lang`) shows the form in the other
 *                             language, both with what was typed, recording nothing
 * The form is checked against the area's own schema before it is sent, so errors land next to
 * their fields and nothing typed is lost: a field the body did not carry exactly (a broken escape,
 * a name sent twice, text beyond the rows read) is an error next to it, never a silent change; a
 * form whose CSRF check failed comes back with what was typed; an expired link's page shows it.
 * The route takes the largest body a valid input makes (./limits.ts); a larger one is read to its
 * end but only that much is kept, and the form comes back with what arrived and the cut named.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { contributionSchemaFor } from '../../domain/schemas';
import { fieldErrors, type FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { keepTypedOnCsrfFailure, type FormNotice } from '../plumbing/csrf-kept';
import { decide } from '../plumbing/decide';
import { cutBody, parseCutFormBody, parseFormBody, problemErrors } from '../plumbing/form-body';
import { actorOf, openLink, pathOf, type KeepTyped, type Opened, type TokenParams } from '../plumbing/open-link';
import { csrfFor } from '../plumbing/security';
import { switchPressed } from '../plumbing/language';
import { PAGE_FORM, field } from '../views/form-parts';
import { contributionFrom, contributionUpdateId, errorsToFields, moreRows, postedValues, type FormValues } from './form';
import { lastCycleForForm } from './follow-up';
import { contributionBodyLimit } from './limits';
import type { LastCycleOfArea } from '../../activities/report/across-cycles/record';
import { contributionPage, fieldLabel } from './page';
import { readOnlyView } from './read-only';
import { answerSaveDraft, clearDraftAfter, formStart } from './saved-drafts';
import { answerRemoveAttachment, attachmentUploads, attachmentsBeforeSubmit, type ShowAttachmentsForm } from './attachment-routes';
import { removedIndex } from './attachments';

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

/** A body this many times the route's limit is not read to its end: the generic "too large" page answers it. */
const DRAIN_FACTOR = 4;

/** The contribution step's routes. `offerFreshLink`: whether an expired link's page offers a fresh one. */
export const contribution: FastifyPluginAsync<{ ctx: WebContext; offerFreshLink: boolean }> = async (app, { ctx, offerFreshLink }) => {
  const bodyLimit = contributionBodyLimit();
  // This plugin's own form parser (Fastify scopes it to the plugin): the same exact reading as
  // every form's (plumbing/form-body.ts), but a body over the limit is not refused as a bare 413
  // that loses everything: its first `bodyLimit` bytes are kept (parseCutFormBody) and the rest is
  // read and dropped, so the page can answer and show what arrived.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', (req, payload, done) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => Object.assign(new Error('form body too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    if (declared > DRAIN_FACTOR * bodyLimit) return done(tooLarge(), undefined);
    const chunks: Buffer[] = [];
    let kept = 0;
    let received = 0;
    let settled = false;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_FACTOR * bodyLimit && !settled) {
        settled = true;
        return done(tooLarge(), undefined);
      }
      if (kept < bodyLimit) {
        const part = chunk.subarray(0, bodyLimit - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    payload.on('end', () => {
      if (settled) return;
      settled = true;
      const bytes = Buffer.concat(chunks);
      done(null, received > bodyLimit ? parseCutFormBody(bytes, received) : parseFormBody(bytes));
    });
    payload.on('error', (err) => {
      if (settled) return;
      settled = true;
      done(err, undefined);
    });
  });

  // What the cycle before recorded of each opened link's area (./follow-up.ts), read once per request.
  const lastCycles = new WeakMap<Opened, LastCycleOfArea | undefined>();
  async function withLastCycle(opened: Opened): Promise<void> {
    lastCycles.set(opened, await lastCycleForForm(ctx.store, opened.state.year, opened.check.area!.id));
  }

  /** Renders the form; `keepRows`: exactly `rows` rows (the form shown again as posted, see ContributionView). */
  function render(reply: FastifyReply, status: number, opened: Opened, values: FormValues, errors: FieldError[], rows?: number, notice?: FormNotice, keepRows = false, info?: FormNotice) {
    const { state, claims, scope, token } = opened;
    return ctx.sendPage(
      reply,
      status,
      contributionPage(scope.t, {
        year: state.year, timeZone: state.timeZone, area: opened.check.area!, claims, action: pathOf(ctx, 'contribution', token), root: ctx.root(),
        csrf: csrfFor(reply, token), rid: newRid(), values, rows, keepRows, errors, switcher: scope.switcher(PAGE_FORM), notice, info,
        lastCycle: lastCycles.get(opened),
      }),
    );
  }

  keepTypedOnCsrfFailure(app, ctx, {
    step: 'contribution',
    offerFreshLink,
    keep: (req) => keepTyped(req.body),
    rerender: async (req, reply, opened, status, notice) => {
      await withLastCycle(opened);
      const { values, rows, problems } = postedValues(opened.check.area!, req.body);
      return render(reply, status, opened, values, problemErrors(opened.scope.t.input, problems), rows, notice, true);
    },
  });

  app.get<TokenParams>('/contribute/:token', async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'view', offerFreshLink, undefined, readOnlyView(ctx, req, reply));
    if (!opened) return reply;
    await withLastCycle(opened);
    const start = await formStart(ctx, opened);
    await ctx.audit.view(ctx.entry(req, 200, 'shown', opened.claims, start.info ? { detail: start.info.title } : {}));
    return render(reply, 200, opened, start.values, [], start.rows, undefined, start.keepRows, start.info);
  });

  app.post<TokenParams>('/contribute/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const opened = await openLink(ctx, 'contribution', req.params.token, req, reply, 'decision', offerFreshLink, keepTyped(req.body));
    if (!opened) return reply;
    await withLastCycle(opened);
    const { claims } = opened;
    const area = opened.check.area!;
    const { values, rows, problems } = postedValues(area, req.body);
    // What the body did not carry exactly is shown next to its field whatever was pressed, and blocks a submission.
    const unread = problemErrors(opened.scope.t.input, problems);
    const cut = cutBody(req.body);
    if (cut) {
      // Whatever was pressed (the buttons come last in the form, so they did not arrive): nothing is
      // recorded, and the form shows what arrived, the cut field marked, and says what is missing.
      const c = opened.scope.t.contribution;
      const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
      const known = cut.field !== undefined && Object.hasOwn(values, cut.field);
      const errors = known ? [{ path: cut.field!, message: c.cutHere(values[cut.field!]!.length) }, ...unread.filter((e) => e.path !== cut.field)] : unread;
      await ctx.audit.decision(ctx.entry(req, 413, 'refused', claims, { detail: `too large: ${cut.receivedBytes} bytes, at most ${bodyLimit}${cut.field ? `; cut in ${cut.field}` : ''}` }));
      const notice = { title: c.tooLargeTitle, text: c.tooLarge(mb(cut.receivedBytes), mb(bodyLimit), known ? fieldLabel(opened.scope.t, area, cut.field!) : undefined) };
      return render(reply, 413, opened, values, errors, rows, notice, true);
    }
    const op = field(req.body, 'op');
    if (switchPressed(req.body)) {
      await ctx.audit.view(ctx.entry(req, 200, 'language-switched', claims, { detail: opened.scope.lang }));
      return render(reply, 200, opened, values, unread, rows, undefined, true);
    }
    if (op === 'add-rows') {
      await ctx.audit.view(ctx.entry(req, 200, 'form-rows-added', claims));
      return render(reply, 200, opened, values, unread, moreRows(rows));
    }
    const removed = removedIndex(op);
    if (removed !== undefined) return answerRemoveAttachment(ctx, req, reply, opened, { values, rows, unread }, removed, showForAttachments);
    if (op === 'save-draft') {
      return answerSaveDraft(ctx, req, opened, { values, rows, unread }, (status, errors, n) => render(reply, status, opened, values, errors, rows, n?.error, true, n?.info));
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
    // The attachments go by reference: each must be in the store as the form describes it (./attachment-routes.ts).
    const attachmentErrors = await attachmentsBeforeSubmit(ctx, opened, req.body, checked.data);
    if (attachmentErrors.length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', claims, { detail: `attachments: ${attachmentErrors.map((x) => x.path).join(', ')}` }));
      return render(reply, 400, opened, values, attachmentErrors, rows, undefined, true);
    }
    const updateId = contributionUpdateId(claims.jti, req.body);
    return decide(
      ctx, req, reply, opened, updateId,
      // The area as the page read it: no second query before the Update (Temporal may be slow, and the input goes by reference).
      // The draft is cleared once the input is recorded (within the run: a double click clears it once).
      () => ctx.cycles.submitContribution(claims.cycle, { areaId: area.id, contribution: input, actor: actorOf(req, claims), area }, updateId).then(async (r) => (await clearDraftAfter(ctx, opened, r), r)),
      (errors) => render(reply, 400, opened, values, errorsToFields(errors, rowOf), rows),
    );
  });

  /** The form again after an upload or a removal: the rows as posted, the notice above it. */
  const showForAttachments: ShowAttachmentsForm = async (reply, status, opened, values, errors, rows, notice) => {
    await withLastCycle(opened);
    return render(reply, status, opened, values, errors, rows, notice?.error, true, notice?.info);
  };
  // Registered last, so that its scope inherits this plugin's error handler (a failed CSRF check shows the form again).
  await app.register(attachmentUploads, { ctx, offerFreshLink, keepTyped, show: showForAttachments });
};
