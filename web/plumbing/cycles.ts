/**
 * What the web server asks of the review cycles, as a small port: the state (Query) and the
 * Updates that links perform. The real one goes through client/cycles.ts (deadlines, CycleError
 * kinds); a test that needs no cycle gives the server a stub.
 */
import type { Client } from '@temporalio/client';
import { getCycleState, submitContribution, updateCycle } from '../../client/cycles';
import {
  approveDraftUpdate,
  closeCollectionUpdate,
  reopenAreasUpdate,
  signOffUpdate,
  yearOfCycleId,
  type ApproveDraftArgs,
  type CloseCollectionArgs,
  type ReopenAreasArgs,
  type SignOffArgs,
  type SubmitContributionResult,
  type UpdateOutcome,
} from '../../domain/messages';
import type { Actor, ContributionInput } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { CycleError } from '../../client/cycles';

export interface CyclePort {
  /** The cycle's state. Throws CycleError (`not-found`, `unavailable`, …). */
  state(cycleId: string): Promise<ReviewCycleState>;
  submitContribution(cycleId: string, args: { areaId: string; contribution: ContributionInput; actor: Actor }, updateId: string): Promise<SubmitContributionResult>;
  closeCollection(cycleId: string, args: CloseCollectionArgs, updateId: string): Promise<UpdateOutcome>;
  approveDraft(cycleId: string, args: ApproveDraftArgs, updateId: string): Promise<UpdateOutcome>;
  reopenAreas(cycleId: string, args: ReopenAreasArgs, updateId: string): Promise<UpdateOutcome>;
  signOff(cycleId: string, args: SignOffArgs, updateId: string): Promise<UpdateOutcome>;
}

function yearOf(cycleId: string): number {
  const year = yearOfCycleId(cycleId);
  if (year === undefined) throw new CycleError('not-found', `${cycleId}: not a review cycle id.`);
  return year;
}

/** The port over a Temporal client. */
export function temporalCycles(client: Client): CyclePort {
  return {
    state: (cycleId) => getCycleState(client, yearOf(cycleId)),
    submitContribution: (cycleId, args, updateId) => submitContribution(client, { year: yearOf(cycleId), ...args, updateId }),
    closeCollection: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), closeCollectionUpdate, args, updateId),
    approveDraft: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), approveDraftUpdate, args, updateId),
    reopenAreas: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), reopenAreasUpdate, args, updateId),
    signOff: (cycleId, args, updateId) => updateCycle(client, yearOf(cycleId), signOffUpdate, args, updateId),
  };
}
