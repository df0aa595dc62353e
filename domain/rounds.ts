/**
 * Decision rounds. The coordinator may decide more than once on one draft version (after a
 * director's request for changes, on the same version, with the same link), so a decision is bound
 * to its round: a form carries the round it was shown in, and a decision posted for another round
 * — a browser resending an old form, a proxy retry, a restored tab — is refused and changes nothing.
 */
import type { CycleEvent } from './events';

const COORDINATOR_DECISIONS: ReadonlySet<CycleEvent['action']> = new Set(['draft-approved-for-sign-off', 'areas-reopened']);

/** The coordinator's decisions recorded on draft `version` (approvals for sign-off, reopenings), in order. */
export function coordinatorDecisions(events: readonly CycleEvent[], version: number): CycleEvent[] {
  return events.filter((e) => e.version === version && COORDINATOR_DECISIONS.has(e.action));
}

/** The coordinator's round on draft `version`: how many decisions were recorded on it (0 before the first). */
export function coordinatorRound(events: readonly CycleEvent[], version: number): number {
  return coordinatorDecisions(events, version).length;
}
