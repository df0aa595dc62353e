/**
 * What the secretariat's console asks of Temporal, as a small port: a cycle's state, an Update
 * sent under its id, and the outcome of one sent earlier. The real one goes through
 * client/cycles.ts and client/update-outcome.ts (deadlines, CycleError kinds); a test gives a stub.
 */
import type { Client, UpdateDefinition } from '@temporalio/client';
import { getCycleState, updateCycle, type ArchiveSource } from '../../client/cycles';
import { updateOutcome } from '../../client/update-outcome';
import { reviewCycleId, type UpdateOutcome } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import type { DocumentStore } from '../../infra/storage';

export interface ConsolePort {
  /** The state of the cycle of `year`. Throws CycleError (`not-found`, `unavailable`, …). */
  state(year: number): Promise<ReviewCycleState>;
  /**
   * Sends the Update `def` with `arg` to the cycle of `year` under `updateId` (Temporal runs an id
   * once). Throws CycleError: the workflow's refusal, `gone`, or `unavailable` when Temporal did not
   * answer in time (the Update may still be applied).
   */
  update<A>(year: number, def: UpdateDefinition<UpdateOutcome, [A]>, arg: A, updateId: string): Promise<UpdateOutcome>;
  /**
   * The outcome of the Update `updateId` sent earlier to the cycle of `year`: its result, or
   * undefined when Temporal has no such Update. Throws CycleError `unavailable` while it has not
   * completed, or its refusal.
   */
  outcome(year: number, updateId: string): Promise<UpdateOutcome | undefined>;
}

/** The port over a Temporal client; with `store`, a finished cycle is read from its archive. */
export function temporalConsole(client: Client, store?: DocumentStore): ConsolePort {
  const source: ArchiveSource = store ? { archive: store } : {};
  return {
    state: (year) => getCycleState(client, year, source),
    update: (year, def, arg, updateId) => updateCycle(client, year, def, arg, updateId),
    outcome: (year, updateId) => updateOutcome<UpdateOutcome>(client, reviewCycleId(year), updateId),
  };
}
