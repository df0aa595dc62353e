/**
 * What the workflows answer, in words: each update outcome (what was recorded, what happens next)
 * and each refusal, from its code and facts (domain/outcomes.ts). The sentences are the ones the
 * workflows used to write themselves; instants are shown in the cycle's time zone, here, when
 * the page is made. A new code fails to compile until it is worded here.
 */
import type { Outcome, Refusal } from '../../domain/outcomes';
import { formatDateTime, localDate } from './texts';

const quoted = (stages: readonly string[]) => stages.map((s) => `"${s}"`).join(' or ');

const ACTING_AS: Record<Extract<Refusal, { code: 'not-permitted' }>['as'], string> = {
  coordinator: 'the coordinator',
  'eu-director': 'the EU director',
  'al-director': 'the AL director',
};

/** The sentence that says what an update recorded. */
function recorded(o: Outcome): string {
  switch (o.code) {
    case 'contribution-recorded':
      return `Input for "${o.area.title}" recorded (revision ${o.revision})${o.late ? ', after the due date' : ''}.`;
    case 'deadline-extended':
      return `The deadline for "${o.area.title}" is now ${o.dueDate} (end of day, ${o.timeZone}).`;
    case 'area-waived':
      return `"${o.area.title}" is waived for ${o.year}.`;
    case 'collection-closed':
      return 'Collection is closed.';
    case 'draft-approved':
      return `Draft approved for the directors' sign-off.`;
    case 'areas-reopened':
      return `Reopened: ${o.areas.map((a) => a.title).join('; ')}.`;
    case 'rating-overridden':
      return `"${o.area.title}" is rated ${o.rating}.`;
    case 'rating-override-removed':
      return `The rating of "${o.area.title}" is derived from its commitments again.`;
    case 'director-decided':
      if (o.decision === 'request-changes') return `${o.directorName} requested changes to draft v${o.version}.`;
      return o.bothApproved ? `${o.directorName} approved draft v${o.version}; both directors have now approved it.` : `${o.directorName} approved draft v${o.version}.`;
    case 'cycle-cancelled':
      return `The ${o.year} cycle is cancelled.`;
  }
}

/** The sentence that says what happens after an update. */
function next(o: Outcome): string {
  switch (o.code) {
    case 'contribution-recorded':
      return 'You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.';
    case 'deadline-extended':
      return 'Its owners can submit until then; reminders follow the new date.';
    case 'area-waived':
      return 'The report will list it as waived, with the reason.';
    case 'collection-closed':
      return 'The draft report is being assembled; you will receive it by mail.';
    case 'draft-approved':
      return 'Both directors receive it by mail; each approves or requests changes.';
    case 'areas-reopened':
      return 'Their owners receive the comment by mail and revise; a new draft follows.';
    case 'rating-overridden':
      return 'The next draft shows the rating and your reason.';
    case 'rating-override-removed':
      return 'The next draft shows it.';
    case 'director-decided':
      if (o.decision === 'request-changes') return 'The draft returns to the coordinator; the next version needs both approvals again.';
      return o.bothApproved ? 'The final report goes to the SA Council secretariat.' : `The other director, ${o.otherDirectorName}, still has to decide.`;
    case 'cycle-cancelled':
      return 'No more requests or reminders are sent.';
  }
}

/** Why an update was refused, as one sentence; `timeZone` is the cycle's, for the instants in it. */
function refusal(r: Refusal, timeZone: string): string {
  switch (r.code) {
    case 'invalid-input':
      return r.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    case 'unknown-area':
      return `${r.field}: unknown area "${r.areaId}"; known: ${r.known.join(', ')}`;
    case 'due-date-passed':
      return `dueDate: ${r.dueDate} has already passed in ${r.timeZone}`;
    case 'due-date-not-later':
      return `dueDate: ${r.dueDate} is not later than the current due date (${localDate(r.currentDueDate, timeZone)}); an extension moves it later`;
    case 'due-date-after-submission':
      return `dueDate: ${r.dueDate} is after the submission to the SA Council is due (${localDate(r.submissionDueDate, timeZone)})`;
    case 'area-waived-not-reopenable':
      return `areaIds: "${r.areaId}" is waived and cannot be reopened`;
    case 'not-permitted':
      return `${r.email} may not act as ${ACTING_AS[r.as]}; only ${r.permitted} may.`;
    case 'not-area-owner':
      return `${r.email} is not an owner of "${r.area.title}"; its owners are ${r.owners.join(' and ')}.`;
    case 'wrong-role':
      return `actor.role must be ${r.expected}, got ${r.got}`;
    case 'cycle-cancelling':
      return `The cycle ${r.year} is being cancelled: ${r.reason}`;
    case 'wrong-stage':
      return `The cycle ${r.year} is in stage "${r.stage}"; this action belongs to ${quoted(r.allowed)}.`;
    case 'area-closed':
      return `"${r.area.title}" is already ${r.status}.`;
    case 'area-not-accepting':
      return `"${r.area.title}" no longer accepts input: ${r.status === 'waived' ? 'it was waived' : 'collection is closed'}.`;
    case 'extension-pending':
      return `An extension of "${r.area.title}" is being applied; try again in a moment.`;
    case 'closed-before-applied':
      return `"${r.area.title}" closed before the ${r.action === 'extend' ? 'extension' : 'waiver'} applied; it is ${r.status}.`;
    case 'collection-closing':
      return 'Collection is already closing.';
    case 'no-draft-waiting':
      return 'No draft is waiting for the coordinator.';
    case 'draft-not-current':
      return `Draft v${r.version} is no longer current; the current draft is v${r.current?.version ?? 0} (${r.current?.status ?? 'none'}).`;
    case 'draft-not-in-sign-off':
      return `Draft v${r.version} is not the draft in sign-off; the current draft is v${r.current?.version ?? 0} (${r.current?.status ?? 'none'}).`;
    case 'already-decided':
      return `${r.byName} already decided on draft v${r.version} (${r.decision}) at ${formatDateTime(r.at, r.timeZone || timeZone)}.`;
    case 'changes-already-requested':
      return `Changes were already requested on draft v${r.version}; it is back with the coordinator.`;
    case 'cancel-pending':
      return 'The cycle is already being cancelled.';
  }
}

export const outcomeTexts = { recorded, next, refusal };
