/**
 * Trying a Temporal call again, within the caller's time: the product's reads and its Updates under
 * a fixed update id are safe to send twice (a query reads; Temporal runs an update id once and
 * answers a repeat with the first outcome), so a transient gRPC failure (errors.ts
 * `isTransientTemporalFailure`: UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED, CANCELLED) is retried
 * with backoff instead of reaching a person. The SDK's own gRPC retry covers UNAVAILABLE and
 * RESOURCE_EXHAUSTED per RPC; this covers the rest, and an RPC the SDK gave up on, under one
 * deadline for the whole operation.
 */
import type { Client } from '@temporalio/client';
import { isTransientTemporalFailure } from './errors';

/** First pause between attempts (ms); each next one doubles, up to MAX_BACKOFF_MS, ±20 % jitter. */
export const FIRST_BACKOFF_MS = 100;
/** Longest pause between attempts (ms). */
export const MAX_BACKOFF_MS = 2_000;
/** An attempt is not started with less time than this left (ms): it could not finish. */
export const MIN_ATTEMPT_MS = 500;

/** The pause before attempt `attempt + 1` (ms), `random` in [0, 1). */
export function backoffMs(attempt: number, random = Math.random()): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt) * (0.8 + 0.4 * random);
}

/**
 * Runs `fn` under `client.withDeadline(deadline)` (ms since the epoch, for all attempts together),
 * again after a transient failure while time is left; throws the last failure as it came (the
 * caller maps it). `sleep` is for tests.
 */
export async function withRetry<T>(
  client: Pick<Client, 'withDeadline'>,
  deadline: number,
  fn: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.withDeadline(deadline, fn);
    } catch (err) {
      const pause = backoffMs(attempt);
      if (!isTransientTemporalFailure(err) || Date.now() + pause + MIN_ATTEMPT_MS > deadline) throw err;
      await sleep(pause);
    }
  }
}
