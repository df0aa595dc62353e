/**
 * The secretariat's console: the coordinator's actions on a cycle, from its dashboard page.
 *   GET  /cycles/:year/console                 the actions open in the cycle's stage
 *   GET  /cycles/:year/console/:action         an action's form
 *   POST /cycles/:year/console/:action         `op=review`: the confirmation page, with the consequences in figures
 *                                              `op=confirm`: sends the Update; the result page, or the form again
 *                                              `op=edit`: the form again with what was typed
 *   GET  /cycles/:year/console/pending?u=…     what became of an action Temporal did not confirm in time
 *
 * Access: every /cycles path asks for the dashboard's credentials (web/dashboard/access.ts) before
 * these handlers run, for every method. A POST also needs a CSRF token, bound to the console of
 * its year (hidden field `t`), and acts only when a person presses the confirmation page's button.
 * Nothing typed is lost: a refusal, a failed CSRF check, a stage that does not take the action and
 * a field that could not be read all show the form (or the confirmation) again with every field.
 *
 * Each confirmation page carries a request id; the Update id is made of the year, the action, a
 * digest of its arguments and that id (`web-console:<year>:<action>:<digest>:<rid>`), so the same
 * confirmed form posted twice (a double click, a resent form, a proxy retry) acts once: Temporal
 * runs an Update id once, and this process answers the repeat "already recorded".
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CycleError, asCycleError } from '../../client/errors';
import { refusalField, type Refusal, type UpdateOutcome } from '../../domain/outcomes';
import { reassignConflict } from '../../domain/people';
import { workingDayOnOrAfter } from '../../domain/calendar';
import { ReminderPolicy } from '../../domain/reminder-policy';
import type { Actor, Language } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { isCsrfFailure } from '../plumbing/csrf-kept';
import { PENDING_REFRESH_SECONDS } from '../plumbing/decide';
import { formProblems, problemErrors } from '../plumbing/form-body';
import { LANG_QUERY, switchPressed } from '../plumbing/language';
import { refusalText, statusOf } from '../plumbing/refusals';
import { csrfFor } from '../plumbing/security';
import type { Texts } from '../texts';
import { PAGE_FORM, field } from '../views/form-parts';
import { keptFields } from '../views/pages';
import { argsForDigest, fieldNames, fieldsOf, initialTyped, isConsoleAction, isOpen, many, one, prepare, stagesOf, typedOf, unknownFields, type ConsoleAction, type Figures, type Typed } from './actions';
import type { ConsolePort } from './port';
import { confirmPage, consequenceText, consolePage, consolePath, formPage, labelOf, notRecordedPage, pendingPage, resultPage } from './pages';

export type { ConsolePort } from './port';
export { temporalConsole } from './port';

type YearParams = { Params: { year: string } };
type ActionParams = { Params: { year: string; action: string } };
type PendingRequest = { Params: { year: string }; Querystring: { u?: unknown } };

/** What a console form's CSRF token is bound to: the console of one year. */
export function consoleSubject(year: number): string {
  return `console:${year}`;
}

/** A request id: 16 characters of base64url (96 random bits). */
function newRequestId(): string {
  return randomBytes(12).toString('base64url');
}
const REQUEST_ID = /^[A-Za-z0-9_-]{16}$/;
const MAX_UPDATE_ID = 200;
/** How many unknown fields a refusal names (the rest are counted). */
const MAX_NAMED = 10;

/**
 * `refusal` with the address it names as it was typed in one of the form's fields: the workflow
 * compares addresses in lower case and answers with that form, but the page shows what was typed.
 */
function asTyped(refusal: Refusal, typed: Typed): Refusal {
  if (!('email' in refusal)) return refusal;
  const match = Object.values(typed).flat().map((v) => v.trim()).find((v) => v.toLowerCase() === refusal.email.toLowerCase());
  return match ? { ...refusal, email: match } : refusal;
}

/**
 * What the workflow would refuse of an action's typed fields, said next to its field before the
 * confirmation (the rules are the workflow's own): a new holder who may not take the role, a new
 * due date on a weekend or a closed day under the cycle's policy. Undefined when there is none.
 */
function refusedBeforeConfirmation(t: Texts, state: ReviewCycleState, figures: Figures | undefined, typed: Typed): FieldError | undefined {
  if (figures?.action === 'reassign') {
    const conflict = reassignConflict(figures.role, figures.to, { areaOwners: (id) => state.areas.find((a) => a.id === id)?.owners, directors: state.directors, coordinator: state.coordinator });
    return conflict && { path: 'to.email', message: t.outcomes.refusal(asTyped(conflict, typed), state.timeZone) };
  }
  if (figures?.action === 'extend') {
    const policy = ReminderPolicy.safeParse(state.reminderPolicy ?? {});
    const workingDay = policy.success ? workingDayOnOrAfter(figures.dueDate, policy.data.closedDays) : figures.dueDate;
    if (workingDay === figures.dueDate) return undefined;
    return { path: 'dueDate', message: t.outcomes.refusal({ code: 'due-date-not-working-day', dueDate: figures.dueDate, nextWorkingDate: workingDay }, state.timeZone) };
  }
  return undefined;
}

/** The Update id of `action` on the cycle of `year` with `args` (without the actor), for request `rid`. */
export function consoleUpdateId(year: number, action: ConsoleAction, args: unknown, rid: string): string {
  const digest = createHash('sha256').update(JSON.stringify(args) ?? '').digest('hex').slice(0, 12);
  return `web-console:${year}:${action}:${digest}:${rid}`;
}

/**
 * Who acts from the console. The dashboard's credentials are shared by the secretariat and name no
 * person, and the workflow takes these actions from the cycle's coordinator only, whose decisions
 * they are: so the actor is the cycle's coordinator (state.coordinator), through the web, with the
 * client's address and user agent — what the server knows of who pressed the button — and the
 * console's request id in place of a link id, so the history tells a console action from a link's.
 */
export function consoleActor(req: FastifyRequest, state: ReviewCycleState, rid?: string): Actor {
  return {
    email: state.coordinator.email,
    name: state.coordinator.name,
    role: 'coordinator',
    channel: 'web',
    ...(rid ? { linkId: `console:${rid}` } : {}),
    clientAddress: req.ip.slice(0, 100),
    ...(req.headers['user-agent'] ? { userAgent: String(req.headers['user-agent']).slice(0, 500) } : {}),
  };
}

/** The console's routes. `port`: the cycles' state and Updates. */
export const secretariatConsole: FastifyPluginAsync<{ ctx: WebContext; port: ConsolePort }> = async (app, { ctx, port }) => {
  const yearOf = (raw: string) => (/^\d{4}$/.test(raw) ? Number(raw) : undefined);
  const root = () => ctx.root();

  function notFound(req: FastifyRequest, reply: FastifyReply) {
    const { t, message } = ctx.scope(req, reply);
    return ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.errors.notFound]));
  }

  /** The page when the cycle's state cannot be read; `typed` (a POST's fields) shown to copy. */
  function stateFailed(req: FastifyRequest, reply: FastifyReply, err: CycleError, action?: ConsoleAction, typed?: Typed) {
    const { t, message } = ctx.scope(req, reply);
    const kept = action && typed ? keptFields(t, keptOf(t, action, typed)) : undefined;
    if (err.kind === 'not-found') return ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.errors.cycleNotFound], kept));
    const status = statusOf(err);
    if (status === 503) reply.header('retry-after', '30');
    return ctx.sendPage(reply, status, message(t.errors.unavailableTitle, [t.console.stateUnavailable], kept));
  }

  /** The cycle's state, or undefined once the page that says why was sent. */
  async function readState(req: FastifyRequest, reply: FastifyReply, year: number, action?: ConsoleAction, typed?: Typed): Promise<ReviewCycleState | undefined> {
    try {
      return await port.state(year);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      stateFailed(req, reply, err, action, typed);
      return undefined;
    }
  }

  function keptOf(t: Texts, action: ConsoleAction, typed: Typed) {
    return fieldsOf(action)
      .filter((f) => f.kind !== 'hidden')
      .map((f) => ({ label: labelOf(t, f), value: f.kind === 'areas' ? many(typed, f.name).join('\n') : one(typed, f.name) }))
      .filter((k) => k.value.trim() !== '');
  }

  function renderForm(req: FastifyRequest, reply: FastifyReply, status: number, state: ReviewCycleState, action: ConsoleAction, typed: Typed, errors: FieldError[] = [], notice?: { title: string; text: string }) {
    const { t, switcher } = ctx.scope(req, reply);
    const subject = consoleSubject(state.year);
    return ctx.sendPage(reply, status, formPage(t, { state, action, typed, errors, notice, csrf: csrfFor(reply, subject), subject, root: root(), switcher: switcher(PAGE_FORM) }));
  }

  /** Why the cycle does not take `action` now, worded as the workflow's refusal would be. */
  function notOpenRefusal(state: ReviewCycleState, action: ConsoleAction, typed: Typed): Refusal {
    if (action === 'resume' && !['submitted', 'cancelled'].includes(state.stage)) return { code: 'not-stuck', year: state.year };
    if (!isOpen(action, state)) return { code: 'wrong-stage', year: state.year, stage: state.stage, allowed: stagesOf(action) };
    if (action === 'remind') return { code: 'nothing-outstanding', year: state.year };
    if (action === 'deputy') return { code: 'not-a-participant', email: one(typed, 'principal') };
    const areaId = one(typed, 'areaId') || one(typed, 'role').split(':')[1] || '';
    return { code: 'unknown-area', field: action === 'reassign' ? 'role' : 'areaId', areaId, known: state.areas.map((a) => a.id) };
  }

  /**
   * The confirmation page of what was typed, or the form again: with the fields to correct (400),
   * or saying why the cycle does not take the action now (409). `rid` keeps the request id of a
   * confirmation shown again; `notice`/`status` for a confirmation shown again after a failed check.
   */
  function reviewOrForm(req: FastifyRequest, reply: FastifyReply, state: ReviewCycleState, action: ConsoleAction, typed: Typed, o: { rid?: string; status?: number; notice?: { title: string; text: string } } = {}) {
    const { t, switcher } = ctx.scope(req, reply);
    const prepared = prepare(action, typed, state, consoleActor(req, state), ctx.clock().toISOString());
    if (!prepared.ok) return renderForm(req, reply, o.status ?? 400, state, action, typed, prepared.errors, o.notice);
    const figures = prepared.figures;
    const refused = refusedBeforeConfirmation(t, state, figures, typed);
    if (refused) return renderForm(req, reply, 400, state, action, typed, [refused], o.notice);
    if (!figures || (figures.action === 'remind' && figures.f.areas.length === 0)) {
      const refusal = notOpenRefusal(state, action, typed);
      return renderForm(req, reply, o.status ?? 409, state, action, typed, [], o.notice ?? { title: t.console.notOpenTitle, text: `${t.outcomes.refusal(refusal, state.timeZone)} ${t.nothingRecorded}` });
    }
    const subject = consoleSubject(state.year);
    const view = { state, action, typed, consequence: consequenceText(t, state, figures), csrf: csrfFor(reply, subject), subject, rid: o.rid ?? newRequestId(), notice: o.notice, root: root(), switcher: switcher(PAGE_FORM) };
    return ctx.sendPage(reply, o.status ?? 200, confirmPage(t, view));
  }

  /** The title of the page of a refusal of kind `kind`. */
  function refusalTitle(t: Texts, err: CycleError, year: number): string {
    const e = t.errors;
    switch (err.kind) {
      case 'invalid':
        return e.badRequestTitle;
      case 'forbidden':
        return e.forbiddenTitle;
      case 'gone':
        return e.goneTitle(year);
      case 'not-found':
        return e.notFoundTitle;
      default:
        return e.closedTitle;
    }
  }

  /** Sends the confirmed action once under its Update id, and answers with its result, "not yet confirmed", or the form again with the refusal. */
  async function send(req: FastifyRequest, reply: FastifyReply, state: ReviewCycleState, action: ConsoleAction, typed: Typed, rid: string) {
    const { t, lang, switcher } = ctx.scope(req, reply);
    const prepared = prepare(action, typed, state, consoleActor(req, state, rid), ctx.clock().toISOString());
    if (!prepared.ok) return renderForm(req, reply, 400, state, action, typed, prepared.errors);
    const { request } = prepared;
    const year = state.year;
    const updateId = consoleUpdateId(year, action, argsForDigest(request), rid);
    try {
      const r = await ctx.once.run(updateId, () => port.update(year, request.def, request.args as never, updateId));
      // The audit log is read by operators: always in English, whatever the page's language.
      const detail = `console ${action}: ${ctx.texts('en').outcomes.recorded(r.value)}`;
      const status = r.first ? 200 : 409;
      await ctx.audit.decision(ctx.entry(req, status, r.first ? 'recorded' : 'already-recorded', undefined, { updateId, detail }));
      const page = { year, recorded: t.outcomes.recorded(r.value), next: t.outcomes.next(r.value), at: r.at, timeZone: state.timeZone, updateId, already: !r.first, root: root(), switcher: switcher() };
      return ctx.sendPage(reply, status, resultPage(t, page));
    } catch (thrown) {
      // After the Update was sent, any failure of Temporal leaves its outcome unknown: "not yet confirmed".
      const err = thrown instanceof CycleError ? thrown : asCycleError(thrown, updateId);
      if (!err) throw thrown;
      if (err.kind === 'unavailable') {
        await ctx.audit.decision(ctx.entry(req, 202, 'unconfirmed', undefined, { updateId, detail: `console ${action}: ${err.message}` }));
        return sendPending(reply, year, action, updateId, lang);
      }
      await ctx.audit.decision(ctx.entry(req, statusOf(err), 'refused', undefined, { updateId, detail: `console ${action}: ${err.kind}: ${err.message}` }));
      const sentence = err.refusal ? t.outcomes.refusal(asTyped(err.refusal, typed), state.timeZone) : refusalText(t, err, state.timeZone);
      const named = err.refusal ? refusalField(err.refusal) : undefined;
      const errors = err.fieldErrors.length
        ? err.fieldErrors
        : named && fieldNames(action).includes(named)
          ? [{ path: named, message: sentence }]
          : [];
      // The form comes back with what was typed and the refusal above it, to correct and send again.
      const fresh = await port.state(year).catch(() => state);
      return renderForm(req, reply, statusOf(err), fresh, action, typed, errors, { title: refusalTitle(t, err, year), text: `${sentence} ${t.nothingRecorded}` });
    }
  }

  function pendingHref(year: number, updateId: string, lang: Language): string {
    return `${consolePath(root(), year)}/pending?u=${encodeURIComponent(updateId)}&${LANG_QUERY}=${lang}`;
  }

  function sendPending(reply: FastifyReply, year: number, action: ConsoleAction, updateId: string, lang: Language) {
    const t = ctx.texts(lang);
    const to: Language = lang === 'en' ? 'sq' : 'en';
    reply.header('retry-after', String(PENDING_REFRESH_SECONDS));
    const page = pendingPage(t, { year, action, href: pendingHref(year, updateId, lang), seconds: PENDING_REFRESH_SECONDS, updateId, root: root(), switcher: { to, href: pendingHref(year, updateId, to) } });
    return ctx.sendPage(reply, 202, page);
  }

  // A POST whose CSRF check failed (an expired cookie, a restored tab) gets its page again, with
  // every field, a fresh token and a notice to press the button again; nothing is sent.
  app.setErrorHandler(async (err, req, reply) => {
    const params = req.params as { year?: string; action?: string } | undefined;
    const year = yearOf(params?.year ?? '');
    const action = params?.action ?? '';
    if (req.method !== 'POST' || !isCsrfFailure(err) || year === undefined || !isConsoleAction(action)) throw err;
    return keptAfterCsrfFailure(req, reply, year, action, String((err as { code?: unknown }).code));
  });

  async function keptAfterCsrfFailure(req: FastifyRequest, reply: FastifyReply, year: number, action: ConsoleAction, code: string) {
    const typed = typedOf(action, req.body);
    await ctx.audit.decision(ctx.entry(req, 403, 'refused', undefined, { detail: `console ${action}: csrf: ${code}; the form was shown again with what was typed` }));
    const state = await readState(req, reply, year, action, typed);
    if (!state) return reply;
    const { t } = ctx.scope(req, reply);
    const notice = { title: t.errors.csrfTitle, text: t.errors.csrfKept };
    const rid = field(req.body, 'rid');
    if (field(req.body, 'step') === 'confirm' && REQUEST_ID.test(rid)) return reviewOrForm(req, reply, state, action, typed, { rid, status: 403, notice });
    return renderForm(req, reply, 403, state, action, typed, [], notice);
  }

  app.get<YearParams>('/cycles/:year/console', async (req, reply) => {
    const year = yearOf(req.params.year);
    if (year === undefined) return notFound(req, reply);
    const state = await readState(req, reply, year);
    if (!state) return reply;
    const { t, switcher } = ctx.scope(req, reply);
    return ctx.sendPage(reply, 200, consolePage(t, { state, root: root(), switcher: switcher() }));
  });

  app.get<PendingRequest>('/cycles/:year/console/pending', async (req, reply) => {
    const year = yearOf(req.params.year);
    if (year === undefined) return notFound(req, reply);
    const { t, lang, switcher, message } = ctx.scope(req, reply);
    const updateId = typeof req.query.u === 'string' ? req.query.u : '';
    const action = updateId.split(':')[2] ?? '';
    // Only the console's own Updates on this cycle: the page reads, and says nothing of other requests.
    if (updateId.length > MAX_UPDATE_ID || !updateId.startsWith(`web-console:${year}:`) || !isConsoleAction(action)) {
      return ctx.sendPage(reply, 400, message(t.errors.badRequestTitle, [t.errors.badRequest]));
    }
    let outcome: UpdateOutcome | undefined;
    try {
      outcome = await port.outcome(year, updateId);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      if (err.kind === 'unavailable') return sendPending(reply, year, action, updateId, lang);
      const state = await port.state(year).catch(() => undefined);
      return ctx.sendPage(reply, statusOf(err), message(refusalTitle(t, err, year), [refusalText(t, err, state?.timeZone ?? 'UTC'), t.nothingRecorded]));
    }
    if (!outcome) return ctx.sendPage(reply, 200, notRecordedPage(t, { year, updateId, root: root(), switcher: switcher() }));
    const state = await port.state(year).catch(() => undefined);
    const rid = updateId.split(':').at(-1);
    const at = state?.events.filter((e) => e.actor.linkId === `console:${rid}`).at(-1)?.at ?? ctx.clock();
    await ctx.audit.view(ctx.entry(req, 200, 'confirmed', undefined, { updateId, detail: ctx.texts('en').outcomes.recorded(outcome) }));
    const page = { year, recorded: t.outcomes.recorded(outcome), next: t.outcomes.next(outcome), at, timeZone: state?.timeZone ?? 'UTC', updateId, root: root(), switcher: switcher() };
    return ctx.sendPage(reply, 200, resultPage(t, page));
  });

  app.get<ActionParams>('/cycles/:year/console/:action', async (req, reply) => {
    const year = yearOf(req.params.year);
    const action = req.params.action;
    if (year === undefined || !isConsoleAction(action)) return notFound(req, reply);
    const state = await readState(req, reply, year);
    if (!state) return reply;
    const typed = initialTyped(action, state);
    if (!isOpen(action, state)) {
      const { t } = ctx.scope(req, reply);
      return renderForm(req, reply, 409, state, action, typed, [], { title: t.console.notOpenTitle, text: t.outcomes.refusal(notOpenRefusal(state, action, typed), state.timeZone) });
    }
    return renderForm(req, reply, 200, state, action, typed);
  });

  app.post<ActionParams>('/cycles/:year/console/:action', { preHandler: app.csrfProtection }, async (req, reply) => {
    const year = yearOf(req.params.year);
    const action = req.params.action;
    if (year === undefined || !isConsoleAction(action)) return notFound(req, reply);
    // The token was made for the console of one year: another year's form is refused like a forged one.
    if (field(req.body, 't') !== consoleSubject(year)) return keptAfterCsrfFailure(req, reply, year, action, 'another subject');
    const typed = typedOf(action, req.body);
    const state = await readState(req, reply, year, action, typed);
    if (!state) return reply;
    const step = field(req.body, 'step');
    const rid = field(req.body, 'rid');
    const { t } = ctx.scope(req, reply);

    // A field not read exactly (a broken %-escape, a name sent twice) is an error next to it, never a silent change.
    const multi = new Set(fieldsOf(action).filter((f) => f.kind === 'areas').map((f) => f.name));
    const problems = formProblems(req.body).filter((p) => !(p.problem === 'repeated' && multi.has(p.name)));
    if (problems.length) return renderForm(req, reply, 400, state, action, typed, problemErrors(t.input, problems));
    // A field the form does not have is refused, named: read by name, it would be dropped without a word.
    const unknown = unknownFields(action, req.body);
    if (unknown.length) {
      await ctx.audit.decision(ctx.entry(req, 400, 'refused', undefined, { detail: `console ${action}: fields this form does not have: ${unknown.slice(0, MAX_NAMED).join(', ')}` }));
      return renderForm(req, reply, 400, state, action, typed, [], { title: t.errors.badRequestTitle, text: t.input.unknown(unknown.slice(0, MAX_NAMED).map((n) => n.slice(0, 100)), unknown.length) });
    }

    // The language switch of a form: the same step again, in the other language, recording nothing.
    if (switchPressed(req.body)) {
      return step === 'confirm' && REQUEST_ID.test(rid) ? reviewOrForm(req, reply, state, action, typed, { rid }) : renderForm(req, reply, 200, state, action, typed);
    }
    switch (field(req.body, 'op')) {
      case 'review':
        return reviewOrForm(req, reply, state, action, typed);
      case 'confirm':
        if (!REQUEST_ID.test(rid)) return reviewOrForm(req, reply, state, action, typed, { status: 400 });
        return send(req, reply, state, action, typed, rid);
      default:
        // `edit`, or no button: the form with what was typed.
        return renderForm(req, reply, 200, state, action, typed);
    }
  });
};
