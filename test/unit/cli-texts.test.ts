/**
 * The CLI's words for the workflow's outcomes and refusals (cli/texts.ts): every code is worded,
 * in the sentences the workflow used to send before it answered with codes.
 */
import { describe, expect, it } from 'vitest';
import type { OutcomeCode, Refusal, RefusalCode, UpdateOutcome } from '../../domain/outcomes';
import { outcomeWords, refusalWords } from '../../cli/texts';

const cyber = { id: 'cyber-issues', title: 'Cyber issues' };
const fimi = { id: 'fimi', title: 'FIMI' };

const outcomes: Record<OutcomeCode, [UpdateOutcome, string, string][]> = {
  'contribution-recorded': [
    [{ code: 'contribution-recorded', stage: 'collecting', area: cyber, revision: 2, submittedAt: '2026-04-01T08:00:00.000Z', late: false }, 'Input for "Cyber issues" recorded (revision 2).', 'You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.'],
    [{ code: 'contribution-recorded', stage: 'collecting', area: cyber, revision: 1, submittedAt: '2026-05-01T08:00:00.000Z', late: true }, 'Input for "Cyber issues" recorded (revision 1), after the due date.', 'You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.'],
    [{ code: 'contribution-recorded', stage: 'collecting', area: cyber, revision: 3, submittedAt: '2026-05-09T08:00:00.000Z', late: false, afterReopening: true }, 'Input for "Cyber issues" recorded (revision 3).', 'The next draft is assembled as soon as every reopened area is in; until then you may revise it.'],
  ],
  'deadline-extended': [[{ code: 'deadline-extended', stage: 'collecting', area: fimi, dueDate: '2026-05-10', timeZone: 'Europe/Brussels' }, 'The deadline for "FIMI" is now 2026-05-10 (end of day, Europe/Brussels).', 'Its owners can submit until then and are mailed the new date with an updated calendar invitation; reminders follow the new date.']],
  'area-waived': [[{ code: 'area-waived', stage: 'collecting', area: fimi, year: 2026 }, '"FIMI" is waived for 2026.', 'The report will list it as waived, with the reason.']],
  'collection-closed': [[{ code: 'collection-closed', stage: 'collecting' }, 'Collection is closed.', 'The draft report is being assembled; you will receive it by mail.']],
  'draft-approved': [[{ code: 'draft-approved', stage: 'drafting', version: 1 }, "Draft approved for the directors' sign-off.", 'Both directors receive it by mail; each approves or requests changes.']],
  'areas-reopened': [[{ code: 'areas-reopened', stage: 'drafting', version: 1, areas: [cyber, fimi] }, 'Reopened: Cyber issues; FIMI.', 'Their owners receive the comment by mail and revise; a new draft follows.']],
  'rating-overridden': [[{ code: 'rating-overridden', stage: 'drafting', area: fimi, rating: 'amber' }, '"FIMI" is rated amber.', 'The next draft shows the rating and your reason.']],
  'rating-override-removed': [[{ code: 'rating-override-removed', stage: 'drafting', area: fimi }, 'The rating of "FIMI" is derived from its commitments again.', 'The next draft shows it.']],
  'director-decided': [
    [{ code: 'director-decided', stage: 'drafting', version: 2, director: 'al', decision: 'request-changes', directorName: 'Arta Hoxha', otherDirectorName: 'Jan Peeters', bothApproved: false }, 'Arta Hoxha requested changes to draft v2.', 'The draft returns to the coordinator; the next version needs both approvals again.'],
    [{ code: 'director-decided', stage: 'sign-off', version: 2, director: 'eu', decision: 'approve', directorName: 'Jan Peeters', otherDirectorName: 'Arta Hoxha', bothApproved: false }, 'Jan Peeters approved draft v2.', 'The other director, Arta Hoxha, still has to decide.'],
    [{ code: 'director-decided', stage: 'submission', version: 2, director: 'al', decision: 'approve', directorName: 'Arta Hoxha', otherDirectorName: 'Jan Peeters', bothApproved: true }, 'Arta Hoxha approved draft v2; both directors have now approved it.', 'The final report goes to the SA Council secretariat.'],
  ],
  'cycle-cancelled': [[{ code: 'cycle-cancelled', stage: 'cancelled', year: 2026 }, 'The 2026 cycle is cancelled.', 'No more requests or reminders are sent.']],
  'resume-requested': [
    [{ code: 'resume-requested', stage: 'drafting', version: 2 }, 'The cycle tries again to render draft v2.', 'If the missing document is back in the store, the cycle goes on; otherwise it stays stuck and says why.'],
    [{ code: 'resume-requested', stage: 'submission', version: 2, step: 'submission' }, 'The cycle tries again to deliver the final report.', 'If the missing document is back in the store, the cycle goes on; otherwise it stays stuck and says why.'],
  ],
  'role-reassigned': [
    [{ code: 'role-reassigned', stage: 'collecting', role: { kind: 'area-owner', areaId: 'cyber-issues', side: 'al' }, area: cyber, previousName: 'Ermal Çela', nextName: 'Ëndrina Kola' }, 'The Albanian ownership of "Cyber issues" passed from Ermal Çela to Ëndrina Kola.', 'The new holder receives fresh links by mail; the earlier holder is told by mail, and their links answer that the role has passed on.'],
    [{ code: 'role-reassigned', stage: 'sign-off', role: { kind: 'director', side: 'eu' }, previousName: 'Jan Peeters', nextName: 'Marie Dubois' }, "The EU director's role passed from Jan Peeters to Marie Dubois.", 'The new holder receives fresh links by mail; the earlier holder is told by mail, and their links answer that the role has passed on.'],
  ],
  'deputy-named': [[{ code: 'deputy-named', stage: 'sign-off', principalName: 'Arta Hoxha', deputyName: 'Besnik Çollaku', from: '2026-05-11', until: '2026-05-15' }, 'Besnik Çollaku stands in for Arta Hoxha from 2026-05-11 to 2026-05-15.', 'Over that period, mails go to the deputy, and what the deputy decides is recorded on behalf of the person away.']],
  'deputy-ended': [[{ code: 'deputy-ended', stage: 'sign-off', principalName: 'Arta Hoxha' }, 'Arta Hoxha has no deputy any more.', 'Mails go to the person again.']],
  'reminders-sent': [[{ code: 'reminders-sent', stage: 'collecting', areas: [cyber, fimi], people: 4 }, 'A reminder went to 4 people for: Cyber issues; FIMI.', 'The planned reminders go on as before.']],
  'synthesis-saved': [[
    { code: 'synthesis-saved', stage: 'drafting', version: 2 },
    "The synthesis of draft v2 is recorded: the executive summary and the points for the SA Council's attention.",
    'Draft v2 is being rendered again with it, first in the report; later drafts and the final carry it until it is rewritten.',
  ]],
};

const refusals: Record<RefusalCode, [Refusal, string, string?][]> = {
  'invalid-input': [[{ code: 'invalid-input', errors: [{ path: 'actor.email', message: 'must be an e-mail address' }, { path: '', message: 'required' }] }, 'actor.email: must be an e-mail address; required']],
  'unknown-area': [[{ code: 'unknown-area', field: 'areaId', areaId: 'nope', known: ['cyber-issues', 'fimi'] }, 'areaId: unknown area "nope"; known: cyber-issues, fimi']],
  'due-date-passed': [[{ code: 'due-date-passed', dueDate: '2020-01-01', timeZone: 'Europe/Brussels' }, 'dueDate: 2020-01-01 has already passed in Europe/Brussels']],
  'due-date-not-later': [[{ code: 'due-date-not-later', dueDate: '2026-04-01', currentDueDate: '2026-04-27' }, 'dueDate: 2026-04-01 is not later than the current due date (2026-04-27); an extension moves it later']],
  'due-date-after-submission': [[{ code: 'due-date-after-submission', dueDate: '2026-07-01', submissionDueDate: '2026-06-15' }, 'dueDate: 2026-07-01 is after the submission to the SA Council is due (2026-06-15)']],
  'due-date-not-working-day': [[{ code: 'due-date-not-working-day', dueDate: '2027-01-09', nextWorkingDate: '2027-01-11' }, 'dueDate: 2027-01-09 is a weekend or a closed day; the next working day is 2027-01-11']],
  'area-waived-not-reopenable': [[{ code: 'area-waived-not-reopenable', areaId: 'fimi' }, 'areaIds: "fimi" is waived and cannot be reopened']],
  'not-permitted': [
    [{ code: 'not-permitted', email: 'x@example.org', as: 'coordinator', permitted: 'c@example.org' }, 'x@example.org may not act as the coordinator; only c@example.org may.'],
    [{ code: 'not-permitted', email: 'x@example.org', as: 'al-director', permitted: 'al@example.org' }, 'x@example.org may not act as the AL director; only al@example.org may.'],
  ],
  'not-area-owner': [[{ code: 'not-area-owner', email: 'x@example.org', area: cyber, owners: ['Anna', 'Besa'] }, 'x@example.org is not an owner of "Cyber issues"; its owners are Anna and Besa.']],
  'wrong-role': [[{ code: 'wrong-role', expected: 'director', got: 'coordinator' }, 'actor.role must be director, got coordinator']],
  'cycle-cancelling': [[{ code: 'cycle-cancelling', year: 2026, reason: 'Test over.' }, 'The cycle 2026 is being cancelled: Test over.']],
  'wrong-stage': [[{ code: 'wrong-stage', year: 2026, stage: 'drafting', allowed: ['collecting', 'drafting'] }, 'The cycle 2026 is in stage "drafting"; this action belongs to "collecting" or "drafting".']],
  'area-closed': [
    [{ code: 'area-closed', area: fimi, status: 'submitted' }, '"FIMI" is submitted; its deadline can no longer change.', 'extend'],
    [{ code: 'area-closed', area: fimi, status: 'waived' }, '"FIMI" is already waived.', 'waive'],
  ],
  'area-not-accepting': [
    [{ code: 'area-not-accepting', area: cyber, status: 'waived', revision: 0 }, '"Cyber issues" no longer accepts input: it was waived.'],
    [{ code: 'area-not-accepting', area: cyber, status: 'missing', revision: 0 }, '"Cyber issues" no longer accepts input: collection is closed.'],
  ],
  'too-many-revisions': [[{ code: 'too-many-revisions', area: cyber, max: 100 }, '"Cyber issues" has been revised 100 times in this cycle, the most it takes; ask the coordinator to record any further change.']],
  'round-closed': [[{ code: 'round-closed', version: 1, round: 0, currentRound: 1 }, 'This decision on draft v1 was made for round 1, which is over (round 2 now); nothing was changed. Open the latest link or page and decide again.']],
  'extension-pending': [[{ code: 'extension-pending', area: fimi }, 'An extension of "FIMI" is being applied; try again in a moment.']],
  'closed-before-applied': [
    [{ code: 'closed-before-applied', action: 'extend', area: fimi, status: 'missing' }, '"FIMI" closed before the extension applied; it is missing.'],
    [{ code: 'closed-before-applied', action: 'waive', area: fimi, status: 'submitted' }, '"FIMI" closed before the waiver applied; it is submitted.'],
  ],
  'collection-closing': [[{ code: 'collection-closing' }, 'Collection is already closing.']],
  'no-draft-waiting': [[{ code: 'no-draft-waiting' }, 'No draft is waiting for the coordinator.']],
  'draft-not-current': [[{ code: 'draft-not-current', version: 1, current: { version: 2, status: 'in-review' } }, 'Draft v1 is no longer current; the current draft is v2 (in-review).']],
  'draft-not-in-sign-off': [
    [{ code: 'draft-not-in-sign-off', version: 3, current: { version: 2, status: 'in-sign-off' } }, 'Draft v3 is not the draft in sign-off; the current draft is v2 (in-sign-off).'],
    [{ code: 'draft-not-in-sign-off', version: 1 }, 'Draft v1 is not the draft in sign-off; the current draft is v0 (none).'],
  ],
  // The instant is worded in the cycle's zone (summer time in Brussels: UTC+2).
  'already-decided': [[{ code: 'already-decided', version: 1, byName: 'Jan Peeters', decision: 'approve', at: '2026-05-12T08:30:00.000Z', timeZone: 'Europe/Brussels' }, 'Jan Peeters already decided on draft v1 (approve) at 2026-05-12 10:30 (Europe/Brussels).']],
  'changes-already-requested': [[{ code: 'changes-already-requested', version: 1 }, 'Changes were already requested on draft v1; it is back with the coordinator.']],
  'cancel-pending': [[{ code: 'cancel-pending' }, 'The cycle is already being cancelled.']],
  'not-stuck': [[{ code: 'not-stuck', year: 2026 }, 'The 2026 cycle is not stuck; there is nothing to resume.']],
  'same-person': [[{ code: 'same-person', name: 'Arta Hoxha' }, 'Arta Hoxha holds this role already.']],
  'conflicting-roles': [
    [{ code: 'conflicting-roles', email: 'jan@example.eu', holds: 'eu-director' }, 'jan@example.eu is the EU director; one person cannot hold both roles in the sign-off.'],
    [{ code: 'conflicting-roles', email: 'c@example.org', holds: 'coordinator' }, 'c@example.org is the coordinator; one person cannot hold both roles in the sign-off.'],
  ],
  'not-a-participant': [[{ code: 'not-a-participant', email: 'x@example.org' }, 'x@example.org is neither a director nor an area owner of this cycle.']],
  'nothing-outstanding': [
    [{ code: 'nothing-outstanding', year: 2026 }, 'No area of the 2026 cycle is waiting for input: there is nobody to remind.'],
    [{ code: 'nothing-outstanding', year: 2026, areaIds: ['fimi'] }, 'fimi: not waiting for input (submitted, waived or closed); there is nobody to remind.'],
  ],
};

describe('cli/texts', () => {
  it.each(Object.values(outcomes).flat())('words the outcome %#', (outcome, recorded, next) => {
    expect(outcomeWords(outcome)).toEqual({ recorded, next });
  });

  it.each(Object.values(refusals).flat())('words the refusal %#', (refusal, words, command) => {
    expect(refusalWords(refusal, command)).toBe(words);
  });
});
