/**
 * The outcome of an Update sent earlier, found by its id: when a person's action got no answer in
 * time (a worker restarting, Temporal slow), it may still be applied. Update ids are deterministic
 * (web/plumbing/decide.ts, the CLI's), so the same id asks Temporal what became of it, with a short
 * deadline: completed (its result or its refusal), not yet (still waiting for a worker), or no such
 * Update (it never reached Temporal, its validator rejected it, or it was lost before a worker took
 * it: nothing was recorded).
 */
import { WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { CycleError, GRPC_STATUS, grpcStatusOf, toCycleError } from './errors';
import { withRetry } from './retry';

/** How long one look for an Update's outcome waits (ms): short, a page or a command is waiting. */
export const OUTCOME_TIMEOUT_MS = 3_000;

/**
 * The result of the Update `updateId` on the workflow `workflowId` (a cycle's or an area's), once
 * it completed; `undefined` when Temporal has no such Update (nothing was recorded). Throws
 * CycleError `unavailable` when it has not completed within `timeoutMs` (it may still be), and the
 * CycleError of its refusal when the workflow refused it after accepting it.
 */
export async function updateOutcome<R>(client: Client, workflowId: string, updateId: string, timeoutMs = OUTCOME_TIMEOUT_MS): Promise<R | undefined> {
  const what = `${workflowId} update ${updateId}`;
  try {
    return await withRetry(client, Date.now() + timeoutMs, () => client.workflow.getHandle(workflowId).getUpdateHandle<R>(updateId).result());
  } catch (err) {
    // NOT_FOUND names the Update ("update … not found") or the workflow: either way, nothing of it was applied.
    if (err instanceof WorkflowNotFoundError) return undefined;
    // The look timed out or was cancelled (DEADLINE_EXCEEDED, CANCELLED, wrapped by the SDK or
    // not): the outcome is still unknown, never "nothing was recorded". Other statuses: toCycleError.
    const status = grpcStatusOf(err)?.code;
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || status === GRPC_STATUS.CANCELLED || status === GRPC_STATUS.DEADLINE_EXCEEDED) throw Object.assign(new CycleError('unavailable', `${what}: not completed yet (${(err as Error).message}).`), { cause: err });
    throw toCycleError(err, what);
  }
}
