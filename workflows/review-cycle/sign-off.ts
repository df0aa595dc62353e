/**
 * Director sign-off (Partnership §9: the Security and Defence Dialogue at Directors' level): both
 * directors approve the same draft version; a request for changes sends it back to the coordinator
 * (and withdraws the other director's sign-off of that version from their calendar), and the next
 * version needs both approvals again.
 */
import { condition, patched, setHandler } from '@temporalio/workflow';
import { SignOffArgs, signOffUpdate } from '../../domain/messages';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import type { Side } from '../../domain/schemas';
import { openDeadlineOf } from './calendar';
import { SYSTEM, type ReviewCycle } from './cycle';

/** Registers the directors' decision (approve or request changes) on the draft in sign-off. */
export function registerSignOff(cycle: ReviewCycle): void {
  const { state, participants, cycleId, year, tz } = cycle;

  setHandler(
    signOffUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { version, director, decision, comment, actor } = parseArgs(SignOffArgs, raw);
      const { by, onBehalfOf } = cycle.directorActing(actor, director);
      const entry = { version, director, decision, comment, by, at: cycle.now(), ...(onBehalfOf ? { onBehalfOf } : {}) };
      state.decisions.push(entry);
      cycle.record({
        actor: by, action: decision === 'approve' ? 'draft-approved-by-director' : 'changes-requested-by-director', version, comment: comment || undefined,
        ...(onBehalfOf ? { onBehalfOf } : {}),
      });
      const other: Side = director === 'eu' ? 'al' : 'eu';
      const bothApproved = decision === 'approve' && state.decisions.some((d) => d.version === version && d.director === other && d.decision === 'approve');
      const outcome: UpdateOutcome = {
        stage: decision === 'request-changes' ? 'drafting' : bothApproved ? 'submission' : 'sign-off',
        code: 'director-decided', version, director, decision, bothApproved,
        directorName: participants.directors[director].name, otherDirectorName: participants.directors[other].name,
      };
      cycle.notify({
        kind: 'action-confirmation', cycleId, year, timeZone: tz, to: participants.directors[director],
        actionKey: `signoff.v${version}.${director}`, outcome,
      });
      return outcome;
    },
    {
      validator: (raw) => {
        const { version, director, actor } = parseArgs(SignOffArgs, raw);
        cycle.asDirector(actor, director);
        const prior = state.decisions.find((d) => d.version === version && d.director === director);
        if (prior) refuse({ code: 'already-decided', version, byName: prior.by.name ?? prior.by.email, decision: prior.decision, at: prior.at, timeZone: tz });
        cycle.requireStage('sign-off');
        const draft = cycle.currentDraft();
        if (!draft || version !== draft.version) refuse({ code: 'draft-not-in-sign-off', version, current: draft && { version: draft.version, status: draft.status } });
        if (state.decisions.some((d) => d.version === version && d.decision === 'request-changes')) refuse({ code: 'changes-already-requested', version });
      },
    },
  );
}

/** Director sign-off of the current draft: resolves true when both approved, false on a request for changes. */
export async function signOff(cycle: ReviewCycle): Promise<boolean> {
  const { state, participants, cycleId, year, tz } = cycle;
  const draft = cycle.currentDraft()!;
  draft.status = 'in-sign-off';
  const dueAt = cycle.dueAfter(cycle.input.timeline.signOffDays);
  cycle.setStage('sign-off', dueAt);
  for (const director of ['eu', 'al'] as Side[]) {
    cycle.notify({ kind: 'sign-off-request', cycleId, year, timeZone: tz, to: participants.directors[director], version: draft.version, director, files: draft.files, dueAt });
  }
  const decisionsOn = () => state.decisions.filter((d) => d.version === draft.version);
  await condition(() => !!cycle.cancelRequest || decisionsOn().some((d) => d.decision === 'request-changes') || decisionsOn().filter((d) => d.decision === 'approve').length === 2);
  cycle.throwIfCancelled();
  const requested = decisionsOn().find((d) => d.decision === 'request-changes');
  if (!requested) {
    draft.status = 'signed';
    cycle.record({ actor: SYSTEM, action: 'draft-signed', version: draft.version });
    return true;
  }
  const other: Side = requested.director === 'eu' ? 'al' : 'eu';
  // The other director's sign-off of this version is void; unless they decided, it is still in
  // their calendar (taken before the stage moves on). Histories from before this withdrew nothing.
  const withdrawn = patched('changes-request-withdraws-sign-off') ? openDeadlineOf(state, { kind: 'director', side: other }) : undefined;
  draft.status = 'changes-requested';
  const reviewDueAt = cycle.dueAfter(cycle.input.timeline.draftReviewDays);
  cycle.setStage('drafting', reviewDueAt);
  const directorName = participants.directors[requested.director].name;
  // The director who asked already has the confirmation of their own decision: one mail, not two
  // (histories from before this mailed all three).
  const told = patched('requester-not-told-twice') ? [participants.coordinator, participants.directors[other]] : [participants.coordinator, participants.directors.eu, participants.directors.al];
  for (const to of told) {
    const coordinatorDueAt = to === participants.coordinator ? reviewDueAt : undefined;
    const cancels = withdrawn && to === participants.directors[other] ? { cancels: [withdrawn] } : {};
    cycle.notify({ kind: 'changes-requested', cycleId, year, timeZone: tz, to, version: draft.version, decision: requested, directorName, coordinatorDueAt, ...cancels });
  }
  return false;
}
