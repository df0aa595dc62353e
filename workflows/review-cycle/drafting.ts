/**
 * Drafting: an activity assembles draft version n from the areas' inputs; the coordinator approves
 * it for the directors' sign-off or reopens chosen areas, which go back to collecting. The
 * coordinator may override an area's rating, with a reason, until the sign-off.
 */
import { condition, setHandler } from '@temporalio/workflow';
import {
  ApproveDraftArgs,
  approveDraftUpdate,
  OverrideRatingArgs,
  overrideRatingUpdate,
  ReopenAreasArgs,
  reopenAreasUpdate,
  SetSynthesisArgs,
  setSynthesisUpdate,
} from '../../domain/messages';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import { reportingPeriodFor, type ReportInput } from '../../domain/report';
import { coordinatorRound } from '../../domain/rounds';
import type { Actor } from '../../domain/schemas';
import type { DraftRecord, Synthesis } from '../../domain/state';
import { renderOrWait } from './rendering';
import { SYSTEM, type ReviewCycle } from './cycle';

/** Registers the coordinator's decisions on a draft: approve, reopen, override a rating. */
export function registerDrafting(cycle: ReviewCycle): void {
  const { state } = cycle;

  /** Refuses unless a draft waits for the coordinator, `version` is that draft and `round` (when given) its round. */
  const requireDraftInReview = (version: number, round: number | undefined): void => {
    const draft = cycle.currentDraft();
    if (!draft || !cycle.awaitingCoordinator || cycle.coordinatorAction) refuse({ code: 'no-draft-waiting' });
    if (version !== draft.version) refuse({ code: 'draft-not-current', version, current: { version: draft.version, status: draft.status } });
    const currentRound = coordinatorRound(state.events, version);
    if (round !== undefined && round !== currentRound) refuse({ code: 'round-closed', version, round, currentRound });
  };

  setHandler(
    approveDraftUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { version, actor } = parseArgs(ApproveDraftArgs, raw);
      cycle.coordinatorAction = { kind: 'approve', actor: cycle.asCoordinator(actor) };
      return { stage: state.stage, code: 'draft-approved', version };
    },
    {
      validator: (raw) => {
        const { version, round, actor } = parseArgs(ApproveDraftArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('drafting');
        requireDraftInReview(version, round);
      },
    },
  );

  setHandler(
    reopenAreasUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { version, areaIds, comment, actor } = parseArgs(ReopenAreasArgs, raw);
      const unique = [...new Set(areaIds)];
      cycle.coordinatorAction = { kind: 'reopen', areaIds: unique, comment, actor: cycle.asCoordinator(actor) };
      return { stage: state.stage, code: 'areas-reopened', version, areas: unique.map((id) => cycle.areaRef(id)) };
    },
    {
      validator: (raw) => {
        const { version, round, areaIds, actor } = parseArgs(ReopenAreasArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('drafting');
        requireDraftInReview(version, round);
        for (const id of areaIds) {
          if (cycle.area(id, 'areaIds').status === 'waived') refuse({ code: 'area-waived-not-reopenable', areaId: id });
        }
      },
    },
  );

  setHandler(
    setSynthesisUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { version, summary, attention, actor } = parseArgs(SetSynthesisArgs, raw);
      const by = cycle.asCoordinator(actor);
      const draft = cycle.currentDraft()!;
      draft.synthesis = { summary, attention, version, byName: by.name ?? by.email, at: cycle.now() };
      cycle.synthesisPending = true;
      cycle.record({ actor: by, action: 'synthesis-written', version });
      return { stage: state.stage, code: 'synthesis-saved', version };
    },
    {
      validator: (raw) => {
        const { version, round, actor } = parseArgs(SetSynthesisArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('drafting');
        requireDraftInReview(version, round);
      },
    },
  );

  setHandler(
    overrideRatingUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { areaId, rating, reason, actor } = parseArgs(OverrideRatingArgs, raw);
      const by = cycle.asCoordinator(actor);
      const area = cycle.areaRef(areaId);
      if (rating === null) {
        delete cycle.ratingOverrides[areaId];
        cycle.record({ actor: by, action: 'rating-override-removed', areaId });
        return { stage: state.stage, code: 'rating-override-removed', area };
      }
      const why = reason ?? '';
      cycle.ratingOverrides[areaId] = { rating, reason: why, by, at: cycle.now() };
      cycle.record({ actor: by, action: 'rating-overridden', areaId, rating, reason: why });
      return { stage: state.stage, code: 'rating-overridden', area, rating };
    },
    {
      validator: (raw) => {
        const { areaId, actor } = parseArgs(OverrideRatingArgs, raw);
        cycle.asCoordinator(actor);
        cycle.requireStage('collecting', 'drafting');
        cycle.area(areaId);
      },
    },
  );
}

/**
 * Assembles the next draft version. `forReview`: the coordinator is asked to review it (false when
 * the coordinator already approved a new round after a request for changes).
 */
export async function assembleDraft(cycle: ReviewCycle, { forReview, changesRequested }: { forReview: boolean; changesRequested: boolean }): Promise<DraftRecord> {
  const { state, participants, cycleId, year, tz } = cycle;
  const version = state.drafts.length + 1;
  const previous = cycle.currentDraft();
  if (previous) previous.status = 'superseded';
  const rendered = await renderOrWait(cycle, reportInput(cycle, version, 'draft'));
  const draft: DraftRecord = {
    version, createdAt: cycle.now(), status: 'in-review', files: rendered.files, changedAreas: rendered.changedAreas,
    // The synthesis carries over until the coordinator rewrites it for this version.
    ...(previous?.synthesis ? { synthesis: previous.synthesis } : {}),
  };
  state.drafts.push(draft);
  cycle.record({ actor: SYSTEM, action: 'draft-assembled', version, areaIds: rendered.changedAreas.length ? rendered.changedAreas : undefined });
  if (!forReview) return draft;
  const dueAt = cycle.dueAfter(cycle.input.timeline.draftReviewDays);
  cycle.setStage('drafting', dueAt);
  cycle.notify({
    kind: 'draft-ready', cycleId, year, timeZone: tz, to: participants.coordinator, version, files: draft.files,
    changedAreas: draft.changedAreas, dueAt,
    changesRequested: changesRequested ? state.decisions.filter((d) => d.version === version - 1 && d.decision === 'request-changes') : undefined,
  });
  return draft;
}

/** What the report activity renders for `version`: the cycle's state as plain data. */
export function reportInput(cycle: ReviewCycle, version: number, kind: 'draft' | 'final'): ReportInput {
  const { state, participants, cycleId, year, tz } = cycle;
  return {
    workflowId: cycleId, year, version, kind, generatedAt: cycle.now(), timeZone: tz,
    reportingPeriod: reportingPeriodFor(cycle.kickoffDate),
    areas: state.areas, coordinator: participants.coordinator, directors: participants.directors,
    saCouncilSecretariat: participants.saCouncilSecretariat, ratingOverrides: cycle.ratingOverrides,
    decisions: kind === 'final' ? state.decisions.filter((d) => d.version === version) : state.decisions,
    signedDraftSha256: kind === 'final' ? cycle.currentDraft()?.files.find((f) => f.format === 'docx')?.sha256 : undefined,
    // The synthesis of this version, or for a version being assembled the latest one written.
    ...withSynthesis(state.drafts.find((d) => d.version === version)?.synthesis ?? state.drafts.at(-1)?.synthesis),
    // Absent for a cycle started without one (and every cycle started before the option existed):
    // their activity input stays as it was, and the renderer falls back to its setting.
    ...(cycle.input.marking === undefined ? {} : { marking: cycle.input.marking }),
  };
}

function withSynthesis(synthesis: Synthesis | undefined): { synthesis?: Synthesis } {
  return synthesis ? { synthesis } : {};
}

/** Drafting: waits for the coordinator. Returns the areas to reopen, or undefined when approved. */
export async function awaitCoordinator(cycle: ReviewCycle): Promise<{ areaIds: string[]; comment: string; actor: Actor } | undefined> {
  cycle.coordinatorAction = undefined;
  cycle.awaitingCoordinator = true;
  for (;;) {
    await condition(() => !!cycle.coordinatorAction || !!cycle.cancelRequest || cycle.synthesisPending);
    if (cycle.cancelRequest || !cycle.synthesisPending) break;
    // A synthesis was written: this version's files are rendered again with it, before any
    // decision the coordinator took meanwhile goes ahead (so the directors sign what was written).
    cycle.synthesisPending = false;
    const current = cycle.currentDraft()!;
    const rendered = await renderOrWait(cycle, reportInput(cycle, current.version, 'draft'));
    current.files = rendered.files;
    cycle.record({ actor: SYSTEM, action: 'draft-updated', version: current.version });
  }
  cycle.awaitingCoordinator = false;
  cycle.throwIfCancelled();
  const action = cycle.coordinatorAction!;
  const draft = cycle.currentDraft()!;
  if (action.kind === 'approve') {
    cycle.record({ actor: action.actor, action: 'draft-approved-for-sign-off', version: draft.version });
    return undefined;
  }
  draft.status = 'reopened';
  cycle.record({ actor: action.actor, action: 'areas-reopened', version: draft.version, areaIds: action.areaIds, comment: action.comment });
  return action;
}

/** Sends the reopened areas back to their owners, with the coordinator's comment and a new due date. */
export async function reopen(cycle: ReviewCycle, action: { areaIds: string[]; comment: string; actor: Actor }): Promise<void> {
  const { cycleId, year, tz } = cycle;
  const version = cycle.currentDraft()!.version;
  const dueAt = cycle.dueAfter(cycle.input.timeline.reopenDays);
  const at = cycle.now();
  await Promise.all(action.areaIds.map((id) => cycle.sendDirective(id, { kind: 'reopen', comment: action.comment, dueAt, afterVersion: version, actor: action.actor, at })));
  await condition(() => action.areaIds.every((id) => cycle.area(id).status === 'reopened'));
  cycle.reopenRound = true;
  cycle.setStage('collecting', dueAt);
  for (const id of action.areaIds) {
    const target = cycle.area(id);
    for (const side of ['eu', 'al'] as const) {
      cycle.notify({
        kind: 'contribution-request', cycleId, year, timeZone: tz, to: target.owners[side], side, dueAt,
        area: { id, title: target.title, paragraphs: target.paragraphs }, reopened: { comment: action.comment, afterVersion: version },
      });
    }
  }
}
