/**
 * The console's flow behind its routes (./index.ts): the cycle's state read for each request, the
 * form, the confirmation with its consequences in figures, the Update sent once, the page of an
 * action Temporal did not confirm in time, and the form shown again — with every field typed —
 * after a refusal, a failed check or a failed CSRF check.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CycleError, asCycleError } from '../../client/errors';
import { refusalField, type Refusal, type UpdateOutcome } from '../../domain/outcomes';
import type { Language } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import type { FieldError } from '../../domain/validation';
import type { WebContext } from '../plumbing/context';
import { PENDING_REFRESH_SECONDS } from '../plumbing/decide';
import { formProblems, problemErrors } from '../plumbing/form-body';
import { LANG_QUERY, switchPressed } from '../plumbing/language';
import { refusalText, statusOf } from '../plumbing/refusals';
import { csrfFor } from '../plumbing/security';
import type { Texts } from '../texts';
import { PAGE_FORM, field } from '../views/form-parts';
import { keptFields } from '../views/pages';
import { argsForDigest, fieldNames, fieldsOf, initialTyped, isConsoleAction, isOpen, many, one, prepare, stagesOf, typedOf, unknownFields, type ConsoleAction, type Typed } from './actions';
import { MAX_NAMED, MAX_UPDATE_ID, REQUEST_ID, asTyped, consoleActor, consoleSubject, consoleUpdateId, newRequestId, refusedBeforeConfirmation, yearOf } from './checks';
import type { ConsolePort } from './port';
import { confirmPage, consequenceText, consolePage, consolePath, formPage, labelOf, notRecordedPage, pendingPage, resultPage } from './pages';

export type YearParams = { Params: { year: string } };
export type ActionParams = { Params: { year: string; action: string } };
export type PendingRequest = { Params: { year: string }; Querystring: { u?: unknown } };

/** The console's pages and actions on the cycles of `port`, for the routes of ./index.ts. */
export class ConsoleFlow {
  constructor(
    private readonly ctx: WebContext,
    private readonly port: ConsolePort,
  ) {}

  /** GET /cycles/:year/console: the actions open in the cycle's stage. */
  async home(req: FastifyRequest<YearParams>, reply: FastifyReply) {
    const year = yearOf(req.params.year);
    if (year === undefined) return this.notFound(req, reply);
    const state = await this.readState(req, reply, year);
    if (!state) return reply;
    const { t, switcher } = this.ctx.scope(req, reply);
    return this.ctx.sendPage(reply, 200, consolePage(t, { state, root: this.ctx.root(), switcher: switcher() }));
  }

  /** GET /cycles/:year/console/pending: what became of an action Temporal did not confirm in time: its outcome, asked of Temporal by the Update id in `u`. */
  async pending(req: FastifyRequest<PendingRequest>, reply: FastifyReply) {
    const year = yearOf(req.params.year);
    if (year === undefined) return this.notFound(req, reply);
    const { t, lang, switcher, message } = this.ctx.scope(req, reply);
    const updateId = typeof req.query.u === 'string' ? req.query.u : '';
    const action = updateId.split(':')[2] ?? '';
    // Only the console's own Updates on this cycle: the page reads, and says nothing of other requests.
    if (updateId.length > MAX_UPDATE_ID || !updateId.startsWith(`web-console:${year}:`) || !isConsoleAction(action)) {
      return this.ctx.sendPage(reply, 400, message(t.errors.badRequestTitle, [t.errors.badRequest]));
    }
    let outcome: UpdateOutcome | undefined;
    try {
      outcome = await this.port.outcome(year, updateId);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      if (err.kind === 'unavailable') return this.sendPending(reply, year, action, updateId, lang);
      const state = await this.port.state(year).catch(() => undefined);
      return this.ctx.sendPage(reply, statusOf(err), message(this.refusalTitle(t, err, year), [refusalText(t, err, state?.timeZone ?? 'UTC'), t.nothingRecorded]));
    }
    if (!outcome) return this.ctx.sendPage(reply, 200, notRecordedPage(t, { year, updateId, root: this.ctx.root(), switcher: switcher() }));
    const state = await this.port.state(year).catch(() => undefined);
    const rid = updateId.split(':').at(-1);
    const at = state?.events.filter((e) => e.actor.linkId === `console:${rid}`).at(-1)?.at ?? this.ctx.clock();
    await this.ctx.audit.view(this.ctx.entry(req, 200, 'confirmed', undefined, { updateId, detail: this.ctx.texts('en').outcomes.recorded(outcome) }));
    const page = { year, recorded: t.outcomes.recorded(outcome), next: t.outcomes.next(outcome), at, timeZone: state?.timeZone ?? 'UTC', updateId, root: this.ctx.root(), switcher: switcher() };
    return this.ctx.sendPage(reply, 200, resultPage(t, page));
  }

  /** GET /cycles/:year/console/:action: an action's form, filled from the cycle (409 with the reason when the stage does not take it). */
  async form(req: FastifyRequest<ActionParams>, reply: FastifyReply) {
    const year = yearOf(req.params.year);
    const action = req.params.action;
    if (year === undefined || !isConsoleAction(action)) return this.notFound(req, reply);
    const state = await this.readState(req, reply, year);
    if (!state) return reply;
    const typed = initialTyped(action, state);
    if (!isOpen(action, state)) {
      const { t } = this.ctx.scope(req, reply);
      return this.renderForm(req, reply, 409, state, action, typed, [], { title: t.console.notOpenTitle, text: t.outcomes.refusal(this.notOpenRefusal(state, action, typed), state.timeZone) });
    }
    return this.renderForm(req, reply, 200, state, action, typed);
  }

  /** POST /cycles/:year/console/:action: an action's form or confirmation posted (`op`: review, confirm, edit), its CSRF token already checked. */
  async post(req: FastifyRequest<ActionParams>, reply: FastifyReply) {
    const year = yearOf(req.params.year);
    const action = req.params.action;
    if (year === undefined || !isConsoleAction(action)) return this.notFound(req, reply);
    // The token was made for the console of one year: another year's form is refused like a forged one.
    if (field(req.body, 't') !== consoleSubject(year)) return this.keptAfterCsrfFailure(req, reply, year, action, 'another subject');
    const typed = typedOf(action, req.body);
    const state = await this.readState(req, reply, year, action, typed);
    if (!state) return reply;
    const step = field(req.body, 'step');
    const rid = field(req.body, 'rid');
    const { t } = this.ctx.scope(req, reply);

    // A field not read exactly (a broken %-escape, a name sent twice) is an error next to it, never a silent change.
    const multi = new Set(fieldsOf(action).filter((f) => f.kind === 'areas').map((f) => f.name));
    const problems = formProblems(req.body).filter((p) => !(p.problem === 'repeated' && multi.has(p.name)));
    if (problems.length) return this.renderForm(req, reply, 400, state, action, typed, problemErrors(t.input, problems));
    // A field the form does not have is refused, named: read by name, it would be dropped without a word.
    const unknown = unknownFields(action, req.body);
    if (unknown.length) {
      await this.ctx.audit.decision(this.ctx.entry(req, 400, 'refused', undefined, { detail: `console ${action}: fields this form does not have: ${unknown.slice(0, MAX_NAMED).join(', ')}` }));
      return this.renderForm(req, reply, 400, state, action, typed, [], { title: t.errors.badRequestTitle, text: t.input.unknown(unknown.slice(0, MAX_NAMED).map((n) => n.slice(0, 100)), unknown.length) });
    }

    // The language switch of a form: the same step again, in the other language, recording nothing.
    if (switchPressed(req.body)) {
      return step === 'confirm' && REQUEST_ID.test(rid) ? this.reviewOrForm(req, reply, state, action, typed, { rid }) : this.renderForm(req, reply, 200, state, action, typed);
    }
    switch (field(req.body, 'op')) {
      case 'review':
        return this.reviewOrForm(req, reply, state, action, typed);
      case 'confirm':
        if (!REQUEST_ID.test(rid)) return this.reviewOrForm(req, reply, state, action, typed, { status: 400 });
        return this.send(req, reply, state, action, typed, rid);
      default:
        // `edit`, or no button: the form with what was typed.
        return this.renderForm(req, reply, 200, state, action, typed);
    }
  }

  /** 404: no such cycle page or action. */
  private notFound(req: FastifyRequest, reply: FastifyReply) {
    const { t, message } = this.ctx.scope(req, reply);
    return this.ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.errors.notFound]));
  }

  /** The page when the cycle's state cannot be read; `typed` (a POST's fields) shown to copy. */
  private stateFailed(req: FastifyRequest, reply: FastifyReply, err: CycleError, action?: ConsoleAction, typed?: Typed) {
    const { t, message } = this.ctx.scope(req, reply);
    const kept = action && typed ? keptFields(t, this.keptOf(t, action, typed)) : undefined;
    if (err.kind === 'not-found') return this.ctx.sendPage(reply, 404, message(t.errors.notFoundTitle, [t.errors.cycleNotFound], kept));
    const status = statusOf(err);
    if (status === 503) reply.header('retry-after', '30');
    return this.ctx.sendPage(reply, status, message(t.errors.unavailableTitle, [t.console.stateUnavailable], kept));
  }

  /** The cycle's state, or undefined once the page that says why was sent. */
  private async readState(req: FastifyRequest, reply: FastifyReply, year: number, action?: ConsoleAction, typed?: Typed): Promise<ReviewCycleState | undefined> {
    try {
      return await this.port.state(year);
    } catch (err) {
      if (!(err instanceof CycleError)) throw err;
      this.stateFailed(req, reply, err, action, typed);
      return undefined;
    }
  }

  /** The non-hidden fields typed for `action`, with their labels, for a page that cannot show the form. */
  private keptOf(t: Texts, action: ConsoleAction, typed: Typed) {
    return fieldsOf(action)
      .filter((f) => f.kind !== 'hidden')
      .map((f) => ({ label: labelOf(t, f), value: f.kind === 'areas' ? many(typed, f.name).join('\n') : one(typed, f.name) }))
      .filter((k) => k.value.trim() !== '');
  }

  /** The action's form with `typed`, `errors` next to their fields and an optional `notice` above, with a fresh CSRF token. */
  private renderForm(req: FastifyRequest, reply: FastifyReply, status: number, state: ReviewCycleState, action: ConsoleAction, typed: Typed, errors: FieldError[] = [], notice?: { title: string; text: string }) {
    const { t, switcher } = this.ctx.scope(req, reply);
    const subject = consoleSubject(state.year);
    return this.ctx.sendPage(reply, status, formPage(t, { state, action, typed, errors, notice, csrf: csrfFor(reply, subject), subject, root: this.ctx.root(), switcher: switcher(PAGE_FORM) }));
  }

  /** Why the cycle does not take `action` now, worded as the workflow's refusal would be. */
  private notOpenRefusal(state: ReviewCycleState, action: ConsoleAction, typed: Typed): Refusal {
    if (action === 'resume' && !['submitted', 'cancelled'].includes(state.stage)) return { code: 'not-stuck', year: state.year };
    if (!isOpen(action, state)) return { code: 'wrong-stage', year: state.year, stage: state.stage, allowed: stagesOf(action) };
    const known = state.areas.map((a) => a.id);
    if (action === 'remind') {
      const unknown = many(typed, 'areaIds').find((id) => !known.includes(id));
      return unknown === undefined ? { code: 'nothing-outstanding', year: state.year } : { code: 'unknown-area', field: 'areaIds', areaId: unknown, known };
    }
    if (action === 'deputy') return { code: 'not-a-participant', email: one(typed, 'principal') };
    const areaId = one(typed, 'areaId') || one(typed, 'role').split(':')[1] || '';
    return { code: 'unknown-area', field: action === 'reassign' ? 'role' : 'areaId', areaId, known };
  }

  /**
   * The confirmation page of what was typed, or the form again: with the fields to correct (400),
   * or saying why the cycle does not take the action now (409). `rid` keeps the request id of a
   * confirmation shown again; `notice`/`status` for a confirmation shown again after a failed check.
   */
  private reviewOrForm(req: FastifyRequest, reply: FastifyReply, state: ReviewCycleState, action: ConsoleAction, typed: Typed, o: { rid?: string; status?: number; notice?: { title: string; text: string } } = {}) {
    const { t, switcher } = this.ctx.scope(req, reply);
    const prepared = prepare(action, typed, state, consoleActor(req, state), this.ctx.clock().toISOString());
    if (!prepared.ok) return this.renderForm(req, reply, o.status ?? 400, state, action, typed, prepared.errors, o.notice);
    const figures = prepared.figures;
    const refused = refusedBeforeConfirmation(t, state, figures, typed, this.ctx.clock());
    if (refused) return this.renderForm(req, reply, 400, state, action, typed, [refused], o.notice);
    if (!figures || (figures.action === 'remind' && figures.f.areas.length === 0)) {
      const refusal = this.notOpenRefusal(state, action, typed);
      // An area the cycle does not have (a form posted by hand) is said at its field.
      if (refusal.code === 'unknown-area' && fieldNames(action).includes(refusal.field)) {
        return this.renderForm(req, reply, 400, state, action, typed, [{ path: refusal.field, message: t.outcomes.refusal(refusal, state.timeZone) }], o.notice);
      }
      return this.renderForm(req, reply, o.status ?? 409, state, action, typed, [], o.notice ?? { title: t.console.notOpenTitle, text: `${t.outcomes.refusal(refusal, state.timeZone)} ${t.nothingRecorded}` });
    }
    const subject = consoleSubject(state.year);
    const view = { state, action, typed, consequence: consequenceText(t, state, figures), csrf: csrfFor(reply, subject), subject, rid: o.rid ?? newRequestId(), notice: o.notice, root: this.ctx.root(), switcher: switcher(PAGE_FORM) };
    return this.ctx.sendPage(reply, o.status ?? 200, confirmPage(t, view));
  }

  /** The title of the page of a refusal of kind `kind`. */
  private refusalTitle(t: Texts, err: CycleError, year: number): string {
    const e = t.errors;
    switch (err.kind) {
      case 'invalid':
        // The request was read; the cycle refused what it asked.
        return t.console.refusedTitle;
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
  private async send(req: FastifyRequest, reply: FastifyReply, state: ReviewCycleState, action: ConsoleAction, typed: Typed, rid: string) {
    const { t, lang, switcher } = this.ctx.scope(req, reply);
    const prepared = prepare(action, typed, state, consoleActor(req, state, rid), this.ctx.clock().toISOString());
    if (!prepared.ok) return this.renderForm(req, reply, 400, state, action, typed, prepared.errors);
    const { request } = prepared;
    const year = state.year;
    const updateId = consoleUpdateId(year, action, argsForDigest(request), rid);
    try {
      const r = await this.ctx.once.run(updateId, () => this.port.update(year, request.def, request.args as never, updateId));
      // The audit log is read by operators: always in English, whatever the page's language.
      const detail = `console ${action}: ${this.ctx.texts('en').outcomes.recorded(r.value)}`;
      const status = r.first ? 200 : 409;
      await this.ctx.audit.decision(this.ctx.entry(req, status, r.first ? 'recorded' : 'already-recorded', undefined, { updateId, detail }));
      const page = { year, recorded: t.outcomes.recorded(r.value), next: t.outcomes.next(r.value), at: r.at, timeZone: state.timeZone, updateId, already: !r.first, root: this.ctx.root(), switcher: switcher() };
      return this.ctx.sendPage(reply, status, resultPage(t, page));
    } catch (thrown) {
      // After the Update was sent, any failure of Temporal leaves its outcome unknown: "not yet confirmed".
      const err = thrown instanceof CycleError ? thrown : asCycleError(thrown, updateId);
      if (!err) throw thrown;
      if (err.kind === 'unavailable') {
        await this.ctx.audit.decision(this.ctx.entry(req, 202, 'unconfirmed', undefined, { updateId, detail: `console ${action}: ${err.message}` }));
        return this.sendPending(reply, year, action, updateId, lang);
      }
      await this.ctx.audit.decision(this.ctx.entry(req, statusOf(err), 'refused', undefined, { updateId, detail: `console ${action}: ${err.kind}: ${err.message}` }));
      const sentence = err.refusal ? t.outcomes.refusal(asTyped(err.refusal, typed), state.timeZone) : refusalText(t, err, state.timeZone);
      const named = err.refusal ? refusalField(err.refusal) : undefined;
      const errors = err.fieldErrors.length
        ? err.fieldErrors
        : named && fieldNames(action).includes(named)
          ? [{ path: named, message: sentence }]
          : [];
      // The form comes back with what was typed and the refusal above it, to correct and send again.
      const fresh = await this.port.state(year).catch(() => state);
      // A refusal of a field is said at that field (the error summary says nothing was recorded); any other above the form.
      const notice = errors.length ? undefined : { title: this.refusalTitle(t, err, year), text: `${sentence} ${t.nothingRecorded}` };
      return this.renderForm(req, reply, statusOf(err), fresh, action, typed, errors, notice);
    }
  }

  /** The page that finds out what became of `updateId`, in `lang`. */
  private pendingHref(year: number, updateId: string, lang: Language): string {
    return `${consolePath(this.ctx.root(), year)}/pending?u=${encodeURIComponent(updateId)}&${LANG_QUERY}=${lang}`;
  }

  /** 202 "not yet confirmed": the page reloads the one that finds out, every PENDING_REFRESH_SECONDS. */
  private sendPending(reply: FastifyReply, year: number, action: ConsoleAction, updateId: string, lang: Language) {
    const t = this.ctx.texts(lang);
    const to: Language = lang === 'en' ? 'sq' : 'en';
    reply.header('retry-after', String(PENDING_REFRESH_SECONDS));
    const page = pendingPage(t, { year, action, href: this.pendingHref(year, updateId, lang), seconds: PENDING_REFRESH_SECONDS, updateId, root: this.ctx.root(), switcher: { to, href: this.pendingHref(year, updateId, to) } });
    return this.ctx.sendPage(reply, 202, page);
  }

  /** A POST whose CSRF check failed: its form (or confirmation) again with what was typed, a fresh token and a notice (403); nothing is sent. */
  async keptAfterCsrfFailure(req: FastifyRequest, reply: FastifyReply, year: number, action: ConsoleAction, code: string) {
    const typed = typedOf(action, req.body);
    await this.ctx.audit.decision(this.ctx.entry(req, 403, 'refused', undefined, { detail: `console ${action}: csrf: ${code}; the form was shown again with what was typed` }));
    const state = await this.readState(req, reply, year, action, typed);
    if (!state) return reply;
    const { t } = this.ctx.scope(req, reply);
    const notice = { title: t.errors.csrfTitle, text: t.errors.csrfKept };
    const rid = field(req.body, 'rid');
    if (field(req.body, 'step') === 'confirm' && REQUEST_ID.test(rid)) return this.reviewOrForm(req, reply, state, action, typed, { rid, status: 403, notice });
    return this.renderForm(req, reply, 403, state, action, typed, [], notice);
  }
}
