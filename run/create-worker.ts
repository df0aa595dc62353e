/**
 * The sdp-review worker: the workflows (bundled from workflows/) and the activities built with
 * real dependencies, on task queue `sdp-review`. The stand-alone worker process (./worker.ts), the
 * whole stack (./stack.ts) and the tests all create it here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { TASK_QUEUE, stateQuery } from '../domain/messages';

/** Absolute path of the workflows' entry module. */
const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Where `npm run build` (scripts/build.ts) writes the prebuilt workflow bundle: next to the
 * compiled entry points, so dist/worker.js finds dist/workflow-bundle.js. From source (tsx) this
 * names run/workflow-bundle.js, which never exists: development always bundles the current code.
 */
export const PREBUILT_BUNDLE_PATH = fileURLToPath(new URL('./workflow-bundle.js', import.meta.url));

/** Whether this module runs compiled (dist/*.js, built by `npm run build`) rather than from its TypeScript source. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * The workflow code for Worker.create: `bundle` when given (bundled once by the caller); the
 * prebuilt bundle when running compiled; otherwise the sources, bundled as the worker starts.
 * Throws when running compiled without the prebuilt bundle (a partial copy of dist/).
 */
function workflowCode(bundle?: WorkflowBundleWithSourceMap): { workflowBundle: WorkflowBundleWithSourceMap | { codePath: string } } | { workflowsPath: string } {
  if (bundle) return { workflowBundle: bundle };
  if (COMPILED) {
    if (!existsSync(PREBUILT_BUNDLE_PATH)) throw new Error(`The prebuilt workflow bundle ${PREBUILT_BUNDLE_PATH} is missing: run \`npm run build\`.`);
    return { workflowBundle: { codePath: PREBUILT_BUNDLE_PATH } };
  }
  return { workflowsPath: WORKFLOWS_PATH };
}

/** Bundles the workflow code once (a few seconds); pass the result to every `createWorker` call. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });
}

/** How long the archive activity waits for a cycle's state (ms); a retry follows a timeout. */
const STATE_READ_TIMEOUT_MS = 20_000;

/** The `state` query of a cycle, through a client on `connection`. */
function stateReader(connection: NativeConnection, namespace: string): ActivityDeps['readCycleState'] {
  const client = new Client({ connection, namespace });
  // Bounded, and abandoned when the activity is cancelled (a worker shutting down): the query is
  // answered by a worker, and must not hold this one's shutdown while it can no longer answer.
  return (workflowId, signal) =>
    client.withDeadline(Date.now() + STATE_READ_TIMEOUT_MS, () => (signal ? client.withAbortSignal(signal, () => client.workflow.getHandle(workflowId).query(stateQuery)) : client.workflow.getHandle(workflowId).query(stateQuery)));
}

/**
 * Creates the worker on `taskQueue` (default `sdp-review`). The activities read a cycle's state
 * (for its archive) through a client on the worker's own connection unless `deps` says otherwise.
 */
export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  deps: Omit<ActivityDeps, 'readCycleState'> & Partial<Pick<ActivityDeps, 'readCycleState'>>;
  workflowBundle?: WorkflowBundleWithSourceMap;
  taskQueue?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...workflowCode(opts.workflowBundle),
    activities: createActivities({ readCycleState: stateReader(opts.connection, opts.namespace), ...opts.deps }),
  });
}
