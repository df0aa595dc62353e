/**
 * The year's cycle that `npm start` opens by itself — on the embedded development stack only.
 * Against a cluster named by TEMPORAL_ADDRESS, starting a cycle mails every area owner, so it is
 * an operator's act (`sdp-review start`, or the yearly Schedule), never a side effect of a launch.
 */
import type { Client } from '@temporalio/client';
import { describeCycle, startCycle } from '../client/cycles';
import { CycleError } from '../client/errors';
import { reviewCycleId } from '../domain/messages';
import type { Seeds } from '../seeds';

/** What `openDevCycle` did: started the year's cycle, found it there, or left Temporal alone. */
export type DevCycleOutcome =
  | { kind: 'started'; workflowId: string }
  | { kind: 'exists'; workflowId: string }
  | { kind: 'not-embedded'; workflowId: string };

/**
 * Starts the cycle of `year` from the seeds, as the seeds' coordinator through the `system`
 * channel, when `embedded` (Temporal is the dev server `npm start` launched) and the year has no
 * cycle yet. Touches nothing when not `embedded`. Throws what `startCycle`/`describeCycle` throw
 * other than "not found" (CycleError, TemporalUnavailableError).
 */
export async function openDevCycle(opts: { client: Client; embedded: boolean; seeds: Seeds; year: number }): Promise<DevCycleOutcome> {
  const workflowId = reviewCycleId(opts.year);
  if (!opts.embedded) return { kind: 'not-embedded', workflowId };
  try {
    await describeCycle(opts.client, opts.year);
    return { kind: 'exists', workflowId };
  } catch (err) {
    if (!(err instanceof CycleError && err.kind === 'not-found')) throw err;
  }
  const { coordinator } = opts.seeds.participants;
  const started = await startCycle(opts.client, {
    year: opts.year,
    seeds: opts.seeds,
    startedBy: { email: coordinator.email, name: coordinator.name, role: 'coordinator', channel: 'system' },
  });
  return { kind: 'started', workflowId: started.workflowId };
}
