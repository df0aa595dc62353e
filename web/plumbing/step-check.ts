/**
 * Whether the step of a link is still open, read from the workflow's state (the single source of
 * truth), and if not, what its outcome was, as people read it: a link opened after its step closed
 * says who closed it and when, never "error" (409 closed, 410 finished). The workflow's
 * Update validators make the same checks again when the action is sent; this only lets a GET show
 * the right page (409 for a closed step, 410 for a finished cycle) without acting.
 */
import type { CycleEvent } from '../../domain/events';
import { coordinatorDecisions } from '../../domain/rounds';
import type { AreaState, DraftRecord, ReviewCycleState } from '../../domain/state';
import type { LinkClaims } from '../../links';
import { isDeputyOf, reassignedAway, type RoleRef } from '../../domain/people';
import type { CommonTexts } from '../views/texts';

export type StepCheck =
  | { open: true; area?: AreaState; draft?: DraftRecord }
  | { open: false; status: 409 | 410; title: string; outcome: string[] };

/** Events that record the coordinator's decision on a draft version. */


const who = (a: { name?: string; email: string }) => a.name ?? a.email;

/** What a reopening named: its areas (by title) and comment; an event from before the typed fields keeps its text as it is. */
function reopenedWhat(t: CommonTexts, state: ReviewCycleState, e: CycleEvent): string {
  const title = (id: string) => {
    const area = state.areas.find((a) => a.id === id);
    return area ? t.areaTitle(area) : id;
  };
  if (e.areaIds && e.comment !== undefined) return `${e.areaIds.map(title).join(', ')}: ${e.comment}`;
  return e.detail ?? '';
}

/** The outcome of a finished cycle, or undefined while it runs. */
export function finished(t: CommonTexts, state: ReviewCycleState): StepCheck | undefined {
  const tz = state.timeZone;
  if (state.stage === 'submitted') {
    const s = state.submission;
    return {
      open: false,
      status: 410,
      title: t.errors.goneTitle(state.year),
      outcome: s ? [t.errors.submitted(s.signedVersion, t.dateTime(s.submittedAt, tz), state.saCouncilSecretariat.name)] : [],
    };
  }
  if (state.stage === 'cancelled') {
    const c = state.cancelled;
    return { open: false, status: 410, title: t.errors.goneTitle(state.year), outcome: c ? [t.errors.cancelled(t.dateTime(c.at, tz), who(c.by), c.reason)] : [] };
  }
  return undefined;
}

/**
 * The page of a link whose recipient no longer holds its role (domain/people.ts): the role was
 * reassigned to someone else, and the recipient is neither the coordinator nor an acting deputy.
 * Undefined while the recipient may act.
 */
export function passedOn(t: CommonTexts, state: ReviewCycleState, claims: LinkClaims): StepCheck | undefined {
  const now = new Date().toISOString();
  let holder: { name: string; email: string } | undefined;
  let match: (role: RoleRef) => boolean;
  if (claims.step === 'contribution' && claims.areaId && claims.side) {
    holder = state.areas.find((a) => a.id === claims.areaId)?.owners[claims.side];
    match = (r) => r.kind === 'area-owner' && r.areaId === claims.areaId && r.side === claims.side;
  } else if (claims.step === 'sign-off' && claims.director) {
    holder = state.directors[claims.director];
    match = (r) => r.kind === 'director' && r.side === claims.director;
  } else {
    return undefined;
  }
  if (!holder || holder.email === claims.sub || state.coordinator.email === claims.sub) return undefined;
  if (isDeputyOf(state.deputies, claims.sub, holder.email, now)) return undefined;
  const moved = reassignedAway(state.reassignments, claims.sub, match);
  if (moved) {
    return { open: false, status: 409, title: t.errors.reassignedTitle, outcome: [t.stepClosed.reassigned(moved.to.name, t.dateTime(moved.at, state.timeZone), who(moved.by), moved.reason)] };
  }
  // A deputy's link after the period: the person is back.
  return { open: false, status: 409, title: t.errors.reassignedTitle, outcome: [t.stepClosed.deputyOver(holder.name)] };
}

/** Checks the step of `claims` against the cycle's `state`. */
export function checkStep(t: CommonTexts, state: ReviewCycleState, claims: LinkClaims): StepCheck {
  const done = finished(t, state);
  if (done) return done;
  const gone = passedOn(t, state, claims);
  if (gone) return gone;
  const tz = state.timeZone;
  const o = t.stepClosed;
  const closed = (title: string, outcome: string[]): StepCheck => ({ open: false, status: 409, title, outcome });
  const current = state.drafts[state.drafts.length - 1];

  switch (claims.step) {
    case 'contribution': {
      const area = state.areas.find((a) => a.id === claims.areaId);
      if (!area) return closed(t.errors.closedTitle, [t.errors.cycleNotFound]);
      if (!area.closed) return { open: true, area };
      const outcome = [o.areaClosed(t.areaTitle(area), t.areaStatus[area.status])];
      if (area.waiver) outcome.push(o.areaWaived(who(area.waiver.by), t.dateTime(area.waiver.at, tz), area.waiver.reason));
      else if (area.submittedAt && area.submittedBy) outcome.push(o.areaLastInput(who(area.submittedBy), t.dateTime(area.submittedAt, tz), area.revision));
      if (current) outcome.push(o.draftStatus(current.version, t.draftStatus[current.status]));
      return closed(t.errors.closedTitle, outcome);
    }

    case 'collection': {
      // The link is mailed in the first round only (a reopen round closes by itself at once): it is
      // open until collection closes, by the coordinator or by itself at the due date.
      const closedBy = state.events.filter((e) => e.action === 'collection-closed').at(0);
      if (state.stage === 'collecting' && state.drafts.length === 0 && !closedBy) return { open: true };
      const outcome: string[] = [];
      if (closedBy) {
        outcome.push(o.collectionClosedBy(who(closedBy.actor), t.dateTime(closedBy.at, tz)));
        if (closedBy.actor.linkId === claims.jti) outcome.push(o.decidedHere);
      } else {
        const drafting = state.events.find((e) => e.action === 'stage-entered' && e.stage === 'drafting');
        outcome.push(drafting ? o.collectionClosedItself(t.dateTime(drafting.at, tz)) : o.collectionClosed);
      }
      if (current) outcome.push(o.draftStatus(current.version, t.draftStatus[current.status]));
      else outcome.push(o.draftComing);
      return closed(t.errors.collectionClosedTitle, outcome);
    }

    case 'draft-review': {
      const version = claims.version ?? 0;
      const draft = state.drafts.find((d) => d.version === version);
      if (!draft || !current) return closed(t.errors.closedTitle, [o.draftNotCurrentStage(version, t.stageName(state.stage))]);
      const decisions = coordinatorDecisions(state.events, version);
      const last = decisions[decisions.length - 1];
      const lastIndex = last ? state.events.lastIndexOf(last) : -1;
      const changesAfter = state.events.some((e, i) => i > lastIndex && e.version === version && e.action === 'changes-requested-by-director');
      const waiting = state.stage === 'drafting' && current.version === version && (draft.status === 'in-review' || draft.status === 'changes-requested') && (!last || changesAfter);
      if (waiting) return { open: true, draft };
      const outcome: string[] = [];
      if (last) {
        outcome.push(
          last.action === 'areas-reopened'
            ? o.draftReopened(version, who(last.actor), t.dateTime(last.at, tz), reopenedWhat(t, state, last))
            : o.draftApproved(version, who(last.actor), t.dateTime(last.at, tz)),
        );
        if (last.actor.linkId === claims.jti) outcome.push(o.decidedHere);
      }
      outcome.push(current.version !== version ? o.draftSuperseded(version, current.version, t.draftStatus[current.status]) : o.draftStatus(version, t.draftStatus[draft.status]));
      return closed(last ? t.errors.alreadyDecidedTitle : t.errors.closedTitle, outcome);
    }

    case 'sign-off': {
      const version = claims.version ?? 0;
      const mine = state.decisions.find((d) => d.version === version && d.director === claims.director);
      if (mine) {
        const outcome = [o.decided(who(mine.by), version, mine.decision, t.dateTime(mine.at, tz))];
        if (mine.by.linkId === claims.jti) outcome.push(o.decidedHere);
        return closed(t.errors.alreadyDecidedTitle, outcome);
      }
      const requested = state.decisions.find((d) => d.version === version && d.decision === 'request-changes');
      if (requested) return closed(t.errors.closedTitle, [o.changesRequested(who(requested.by), version, t.dateTime(requested.at, tz))]);
      if (!current || current.version !== version) {
        return closed(t.errors.closedTitle, [current ? o.draftSuperseded(version, current.version, t.draftStatus[current.status]) : o.draftNotCurrentStage(version, t.stageName(state.stage))]);
      }
      if (state.stage === 'submission') return closed(t.errors.closedTitle, [o.bothApproved(version)]);
      if (state.stage !== 'sign-off' || current.status !== 'in-sign-off') return closed(t.errors.closedTitle, [o.draftNotCurrentStage(version, t.stageName(state.stage))]);
      return { open: true, draft: current };
    }
  }
}
