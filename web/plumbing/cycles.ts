/**
 * What the web server asks of the review cycles, as a small port: the state (Query), the Updates
 * that links perform, and the outcome of one sent earlier. The real one goes through
 * client/cycles.ts and client/update-outcome.ts (deadlines, CycleError kinds); a test that needs
 * no cycle gives the server a stub.
 */
import type { Client } from '@temporalio/client';
import { getCycleState, getLinkView, type ArchiveSource, submitContribution, updateCycle } from '../../client/cycles';
import {
  approveDraftUpdate,
  closeCollectionUpdate,
  reopenAreasUpdate,
  setSynthesisUpdate,
  signOffUpdate,
  yearOfCycleId,
  type ApproveDraftArgs,
  type CloseCollectionArgs,
  type ReopenAreasArgs,
  type SetSynthesisArgs,
  type SignOffArgs,
  type SubmitContributionResult,
  type UpdateOutcome,
} from '../../domain/messages';
import type { Actor, AreaOfCooperation, Contribution, ContributionInput } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import { readStoredContribution } from '../../client/contributions';
import type { ReviewCycleState } from '../../domain/state';
import type { LinkViewScope } from '../../domain/link-view';
import { CycleError } from '../../client/errors';
import { updateOutcome } from '../../client/update-outcome';
import type { DocumentStore } from '../../infra/storage';

export interface CyclePort {
  /**
   * The cycle's state; with `scope`, only what a link page of that scope reads (domain/link-view.ts:
   * a fraction of the whole). Throws CycleError (`not-found`, `unavailable`, …).
   */
  state(cycleId: string, scope?: LinkViewScope): Promise<ReviewCycleState>;
  /** An area's latest input: inline in cycles from before inputs by reference, else read from the store. */
  input(area: Pick<AreaState, 'contribution' | 'input'>): Promise<Contribution | undefined>;
  submitContribution(
    cycleId: string,
    args: { areaId: string; contribution: ContributionInput; actor: Actor; area?: Pick<AreaOfCooperation, 'id' | 'commitments'> },
    updateId: string,
  ): Promise<SubmitContributionResult>;
  closeCollection(cycleId: string, args: CloseCollectionArgs, updateId: string): Promise<UpdateOutcome>;
  approveDraft(cycleId: string, args: ApproveDraftArgs, updateId: string): Promise<UpdateOutcome>;
  reopenAreas(cycleId: string, args: ReopenAreasArgs, updateId: string): Promise<UpdateOutcome>;
  signOff(cycleId: string, args: SignOffArgs, updateId: string): Promise<UpdateOutcome>;
  /** The coordinator's written synthesis of the draft in review (issue 14); the draft is rendered again with it. */
  setSynthesis(cycleId: string, args: SetSynthesisArgs, updateId: string): Promise<UpdateOutcome>;
  /**
   * The outcome of the Update `updateId` sent earlier to `workflowId` (a link's `wf`): its result
   * once completed, `undefined` when Temporal has no such Update (nothing was recorded). Throws
   * CycleError `unavailable` while it has not completed (within a few seconds), or its refusal.
   */
  updateOutcome(workflowId: string, updateId: string): Promise<UpdateOutcome | undefined>;
}

function yearOf(cycleId: string): number {
  const year = yearOfCycleId(cycleId);
  if (year === undefined) throw new CycleError('not-found', `${cycleId}: not a review cycle id.`);
  return year;
}

/**
 * The port over a Temporal client. With `store` (the shared document store), inputs go by
 * reference and finished cycles are read from their archive.
 */
export function temporalCycles(client: Client, store?: DocumentStore): CyclePort {
  const source: ArchiveSource = store ? { archive: store } : {};
  return {
    state: (cycleId, scope) => (scope ? getLinkView(client, yearOf(cycleId), scope, source) : getCycleState(client, yearOf(cycleId), source)),
    input: async (area) => (area.input && store ? readStoredContribution(store, area.input) : area.contribution),
    submitContribution: (cycleId, args, updateId) => submitContribution(client, { year: yearOf(cycleId), ...args, updateId, store }),
    closeCollection: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), closeCollectionUpdate, args, updateId),
    approveDraft: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), approveDraftUpdate, args, updateId),
    reopenAreas: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), reopenAreasUpdate, args, updateId),
    signOff: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), signOffUpdate, args, updateId),
    setSynthesis: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), setSynthesisUpdate, args, updateId),
    updateOutcome: (workflowId, updateId) => updateOutcome<UpdateOutcome>(client, workflowId, updateId),
  };
}
