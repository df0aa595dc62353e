/**
 * The worker process's health: what `GET /healthz` on WORKER_HEALTH_ADDRESS answers
 * (infra/health-endpoint.ts serves it). Healthy means the worker is RUNNING (polling its task
 * queue) and Temporal answers on the worker's own connection.
 */
import type { NativeConnection, State, Worker } from '@temporalio/worker';
import type { HealthReport } from '../infra/health-endpoint';

/** Default bind address of the worker's health endpoint: loopback only, next to the metrics' 9464. */
export const DEFAULT_WORKER_HEALTH_ADDRESS = '127.0.0.1:9465';

/** How long (ms) Temporal may take to answer before it counts as unreachable. */
const TEMPORAL_TIMEOUT_MS = 3_000;

/**
 * The check for the health endpoint. `current()` returns what exists so far: before the
 * connection and the worker exist the answer is 503 with worker state `STARTING`.
 *
 * The body: `{ status: 'ok'|'unavailable', worker: { state, taskQueue? }, temporal: { reachable,
 * ms?, namespace }, checkedAt }` — `state` is the SDK's worker state (INITIALIZED, RUNNING,
 * STOPPING, DRAINING, DRAINED, STOPPED, FAILED), `ms` how long Temporal took to answer. The reason
 * Temporal did not answer goes to `onUnreachable` (the log), not into the body.
 */
export function workerHealthCheck(
  current: () => { worker?: Worker; connection?: NativeConnection },
  namespace: string,
  onUnreachable: (err: unknown) => void = () => {},
): () => Promise<HealthReport> {
  return async () => {
    const { worker, connection } = current();
    const state: State | 'STARTING' = worker?.getState() ?? 'STARTING';
    let temporal: { reachable: boolean; ms?: number } = { reachable: false };
    if (connection) {
      const started = Date.now();
      try {
        await connection.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () => connection.workflowService.getSystemInfo({}));
        temporal = { reachable: true, ms: Date.now() - started };
      } catch (err) {
        onUnreachable(err);
      }
    }
    const ok = state === 'RUNNING' && temporal.reachable;
    return {
      ok,
      body: {
        status: ok ? 'ok' : 'unavailable',
        worker: { state, ...(worker ? { taskQueue: worker.options.taskQueue } : {}) },
        temporal: { ...temporal, namespace },
        checkedAt: new Date().toISOString(),
      },
    };
  };
}
