/**
 * Steps that a retry cannot fix, and what the cycle does about them: rendering a draft or the
 * final report when a document it needs (an input, the previous draft) is missing from the store
 * (non-retryable `DocumentMissing`), and sending the final report to the SA Council secretariat
 * when the mail server refuses it (`MailRefused`, SMTP 5xx), an attachment is missing, or the
 * mail's retries are spent. Instead of failing the workflow, the cycle records that it is stuck —
 * the dashboard, `sdp-review status` and `/healthz` show it within minutes — and tries the step
 * again when the coordinator asks (`resume`) or by itself after an hour.
 */
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import type { ReportInput } from '../../domain/report';
import type { StuckStep } from '../../domain/state';
import type { RenderedReport } from '../../activities/report';
import { renderReport } from './activities';
import { SYSTEM, type ReviewCycle } from './cycle';

/** The failure type of a render that lacks a document in the store (activities/report). */
export const DOCUMENT_MISSING = 'DocumentMissing';

/** How long a stuck cycle waits before it tries the step again by itself (ms). */
const RETRY_STUCK_AFTER_MS = 60 * 60 * 1000;

function missingDocument(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === DOCUMENT_MISSING ? cause : undefined;
}

/**
 * Runs `step` until it succeeds. When it fails and `stuckReason(err)` gives a reason, the cycle is
 * stuck on (`what`, `version`) and waits for `resume`, a cancellation (thrown) or an hour; any
 * other failure is rethrown. `stuckReason` is called only on failure, so the patch checks inside
 * it are reached exactly where histories recorded them.
 */
async function untilDone<T>(cycle: ReviewCycle, what: StuckStep, version: number, step: () => Promise<T>, stuckReason: (err: unknown) => string | undefined): Promise<T> {
  for (;;) {
    try {
      const done = await step();
      if (cycle.state.stuck) {
        cycle.state.stuck = undefined;
        cycle.record({ actor: SYSTEM, action: 'cycle-resumed', version });
      }
      return done;
    } catch (err) {
      const reason = stuckReason(err);
      if (reason === undefined) throw err;
      if (!cycle.state.stuck) cycle.record({ actor: SYSTEM, action: 'cycle-stuck', version, reason });
      cycle.state.stuck = { since: cycle.state.stuck?.since ?? cycle.now(), reason, version, step: what };
      cycle.resumeRequested = false;
      await condition(() => cycle.resumeRequested || !!cycle.cancelRequest, RETRY_STUCK_AFTER_MS);
      cycle.throwIfCancelled();
    }
  }
}

/** Renders `input`; while a document is missing, the cycle is stuck and waits as described above. */
export function renderOrWait(cycle: ReviewCycle, input: ReportInput): Promise<RenderedReport> {
  return untilDone(cycle, input.kind, input.version, () => renderReport(input), (err) => {
    const missing = missingDocument(err);
    // Histories from before this behaviour failed the workflow here: they must replay as they ran.
    return missing && patched('stuck-on-missing-document') ? missing.message : undefined;
  });
}

/**
 * Sends the final report (`send`) until the SA Council secretariat's mail is accepted; any
 * activity failure — a refusal (SMTP 5xx), a missing attachment, retries spent — leaves the cycle
 * stuck on its submission instead of failing it. Cancellation is not an activity failure and ends
 * the cycle as before.
 */
export function submitOrWait<T>(cycle: ReviewCycle, version: number, send: () => Promise<T>): Promise<T> {
  return untilDone(cycle, 'submission', version, send, (err) =>
    // Histories from before this behaviour failed the workflow here: they must replay as they ran.
    err instanceof ActivityFailure && patched('stuck-on-failed-submission') ? (err.cause?.message ?? err.message) : undefined);
}
