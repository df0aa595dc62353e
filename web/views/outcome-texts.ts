/**
 * What the workflows answer, in words: each update outcome (what was recorded, what happens next)
 * and each refusal, from its code and facts (domain/outcomes.ts), in the page's language (keys
 * `outcomes.*` of web/locales/{en,sq}.json). Areas are named by their title in that language;
 * instants are shown in the cycle's time zone, here, when the page is made. A new code fails to
 * compile until it is worded here.
 */
import type { Outcome, Refusal } from '../../domain/outcomes';
import type { Messages } from '../../infra/i18n';
import { calendarDateText } from '../../infra/i18n';
import { localDate, type CommonTexts } from './texts';

/** The outcome and refusal texts over the messages `m` and the shared texts `t` of the same language. */
export function outcomeTexts(m: Messages, t: CommonTexts) {
  const area = (a: { id: string; title: string }) => t.areaTitle(a);
  const draftState = (current?: { version: number; status: keyof CommonTexts['draftStatus'] }) => ({
    current: current?.version ?? 0,
    status: current ? t.draftStatus[current.status] : m('outcomes.refusal.noDraft'),
  });

  /** The sentence that says what an update recorded. */
  function recorded(o: Outcome): string {
    switch (o.code) {
      case 'contribution-recorded':
        return m('outcomes.recorded.contribution-recorded', { area: area(o.area), revision: o.revision, late: o.late ? 'yes' : 'no' });
      case 'deadline-extended':
        return m('outcomes.recorded.deadline-extended', { area: area(o.area), dueDate: calendarDateText(o.dueDate, t.lang) ?? o.dueDate, timeZone: o.timeZone });
      case 'area-waived':
        return m('outcomes.recorded.area-waived', { area: area(o.area), year: o.year });
      case 'collection-closed':
      case 'draft-approved':
        return m(`outcomes.recorded.${o.code}`);
      case 'areas-reopened':
        return m('outcomes.recorded.areas-reopened', { areas: o.areas.map(area).join('; ') });
      case 'rating-overridden':
        return m('outcomes.recorded.rating-overridden', { area: area(o.area), rating: o.rating });
      case 'rating-override-removed':
        return m('outcomes.recorded.rating-override-removed', { area: area(o.area) });
      case 'director-decided': {
        const key = o.decision === 'request-changes' ? 'changes-requested' : o.bothApproved ? 'both-approved' : 'approved';
        return m(`outcomes.recorded.${key}`, { name: o.directorName, version: o.version });
      }
      case 'cycle-cancelled':
        return m('outcomes.recorded.cycle-cancelled', { year: o.year });
      case 'resume-requested':
        return m('outcomes.recorded.resume-requested', { version: o.version, step: o.step ?? 'draft' });
      case 'role-reassigned':
        return m('outcomes.recorded.role-reassigned', { role: o.role.kind, side: o.role.side, area: o.area ? area(o.area) : '', previous: o.previousName, next: o.nextName });
      case 'deputy-named':
        return m('outcomes.recorded.deputy-named', { deputy: o.deputyName, principal: o.principalName, from: o.from, until: o.until });
      case 'deputy-ended':
        return m('outcomes.recorded.deputy-ended', { principal: o.principalName });
      case 'reminders-sent':
        return m('outcomes.recorded.reminders-sent', { people: o.people, areas: o.areas.map(area).join('; ') });
      case 'synthesis-saved':
        return m('outcomes.recorded.synthesis-saved', { version: o.version });
    }
  }

  /** The sentence that says what happens after an update. */
  function next(o: Outcome): string {
    if (o.code === 'contribution-recorded' && o.afterReopening) return m('outcomes.next.contribution-recorded-reopened');
    if (o.code === 'synthesis-saved') return m('outcomes.next.synthesis-saved', { version: o.version });
    if (o.code !== 'director-decided') return m(`outcomes.next.${o.code}`);
    const key = o.decision === 'request-changes' ? 'changes-requested' : o.bothApproved ? 'both-approved' : 'approved';
    return m(`outcomes.next.${key}`, { other: o.otherDirectorName });
  }

  /** Why an update was refused, as one sentence; `timeZone` is the cycle's, for the instants in it. */
  function refusal(r: Refusal, timeZone: string): string {
    const k = `outcomes.refusal.${r.code}`;
    switch (r.code) {
      case 'invalid-input':
        return m(k, { errors: r.errors.map((e) => m('outcomes.refusal.fieldError', { field: e.path, message: t.lang === 'en' ? e.message : t.fieldMessage(e.message) })).join('; ') });
      case 'unknown-area':
        return m(k, { field: r.field, areaId: r.areaId, known: r.known.join(', ') });
      case 'due-date-passed':
        return m(k, { dueDate: r.dueDate, timeZone: r.timeZone });
      case 'due-date-not-later':
        return m(k, { dueDate: r.dueDate, current: localDate(r.currentDueDate, timeZone) });
      case 'due-date-after-submission':
        return m(k, { dueDate: r.dueDate, submission: localDate(r.submissionDueDate, timeZone) });
      case 'due-date-not-working-day':
        return m(k, { dueDate: localDate(r.dueDate, timeZone), next: localDate(r.nextWorkingDate, timeZone) });
      case 'area-waived-not-reopenable':
        return m(k, { area: t.areaTitle({ id: r.areaId, title: r.areaId }) });
      case 'not-permitted':
        // ICU selectors are identifiers: `eu-director` is selected as `euDirector`.
        return m(k, { email: r.email, as: r.as === 'eu-director' ? 'euDirector' : r.as, permitted: r.permitted });
      case 'not-area-owner':
        return m(k, { email: r.email, area: area(r.area), owners: t.list(r.owners) });
      case 'wrong-role':
        return m(k, { expected: t.lang === 'en' ? r.expected : t.roleName(r.expected), got: t.lang === 'en' ? r.got : t.roleName(r.got) });
      case 'cycle-cancelling':
        return m(k, { year: r.year, reason: r.reason });
      case 'wrong-stage':
        return m(k, { year: r.year, stage: t.stageName(r.stage), allowed: t.list(r.allowed.map((s) => m('outcomes.refusal.stageQuoted', { stage: t.stageName(s) })), 'or') });
      case 'area-closed':
        return m(k, { area: area(r.area), status: t.areaStatus[r.status].toLocaleLowerCase(t.lang) });
      case 'area-not-accepting':
        return m(k, { area: area(r.area), waived: r.status === 'waived' ? 'yes' : 'no' });
      case 'too-many-revisions':
        return m(k, { area: area(r.area), max: r.max });
      case 'extension-pending':
        return m(k, { area: area(r.area) });
      case 'closed-before-applied':
        return m(k, { area: area(r.area), action: r.action, status: t.areaStatus[r.status].toLocaleLowerCase(t.lang) });
      case 'draft-not-current':
      case 'draft-not-in-sign-off':
        return m(k, { version: r.version, ...draftState(r.current) });
      case 'already-decided':
        return m(k, { name: r.byName, version: r.version, decision: r.decision, date: t.dateTime(r.at, r.timeZone || timeZone) });
      case 'changes-already-requested':
        return m(k, { version: r.version });
      case 'round-closed':
        return m(k, { version: r.version, round: r.round + 1, current: r.currentRound + 1 });
      case 'not-stuck':
        return m(k, { year: r.year });
      case 'same-person':
        return m(k, { name: r.name });
      case 'conflicting-roles':
        return m(k, { email: r.email, holds: r.holds === 'eu-director' ? 'euDirector' : r.holds });
      case 'not-a-participant':
        return m(k, { email: r.email });
      case 'nothing-outstanding':
        return m(k, { year: r.year, areas: r.areaIds ? r.areaIds.map((id) => t.areaTitle({ id, title: id })).join(', ') : 'all' });
      case 'collection-closing':
      case 'no-draft-waiting':
      case 'cancel-pending':
        return m(k);
      default: {
        const unworded: never = r;
        return String(unworded);
      }
    }
  }

  return { recorded, next, refusal };
}
