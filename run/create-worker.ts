/**
 * The sdp-review worker: the workflows (bundled from workflows/) and the activities built with
 * real dependencies, on task queue `sdp-review`. The stand-alone worker process (./worker.ts), the
 * whole stack (./stack.ts) and the tests all create it here.
 */
import { fileURLToPath } from 'node:url';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUE } from '../domain/messages';

/** Absolute path of the workflows' entry module. */
const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (a few seconds); pass the result to every `createWorker` call. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });
}

/** Creates the worker on `taskQueue` (default `sdp-review`). */
export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  deps: ActivityDeps;
  workflowBundle?: WorkflowBundleWithSourceMap;
  taskQueue?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(opts.deps),
  });
}
