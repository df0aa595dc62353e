/**
 * Rendering a draft or the final report, and what happens when it cannot be: a document the render
 * needs (an input, the previous draft) is missing from the document store. No retry fixes that, so
 * the activity fails at once (non-retryable `DocumentMissing`); the cycle records that it is stuck
 * — the dashboard, `sdp-review status` and `/healthz` show it within minutes — and tries again
 * when the coordinator asks (`resume`) or after an hour, once the document has been restored.
 */
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import type { ReportInput } from '../../domain/report';
import type { RenderedReport } from '../../activities/report';
import { renderReport } from './activities';
import { SYSTEM, type ReviewCycle } from './cycle';

/** The failure type of a render that lacks a document in the store (activities/report). */
export const DOCUMENT_MISSING = 'DocumentMissing';

/** How long a stuck cycle waits before it tries the render again by itself (ms). */
const RETRY_STUCK_AFTER_MS = 60 * 60 * 1000;

function missingDocument(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === DOCUMENT_MISSING ? cause : undefined;
}

/** Renders `input`; while a document is missing, the cycle is stuck and waits as described above. */
export async function renderOrWait(cycle: ReviewCycle, input: ReportInput): Promise<RenderedReport> {
  for (;;) {
    try {
      const rendered = await renderReport(input);
      if (cycle.state.stuck) {
        cycle.state.stuck = undefined;
        cycle.record({ actor: SYSTEM, action: 'cycle-resumed', version: input.version });
      }
      return rendered;
    } catch (err) {
      const missing = missingDocument(err);
      // Histories from before this behaviour failed the workflow here: they must replay as they ran.
      if (!missing || !patched('stuck-on-missing-document')) throw err;
      const since = cycle.now();
      if (!cycle.state.stuck) cycle.record({ actor: SYSTEM, action: 'cycle-stuck', version: input.version, reason: missing.message });
      cycle.state.stuck = { since: cycle.state.stuck?.since ?? since, reason: missing.message, version: input.version };
      cycle.resumeRequested = false;
      await condition(() => cycle.resumeRequested || !!cycle.cancelRequest, RETRY_STUCK_AFTER_MS);
      cycle.throwIfCancelled();
    }
  }
}
