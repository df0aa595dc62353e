/**
 * The sdp-review worker: the workflows (bundled from workflows/) and the activities built with
 * real dependencies, on task queue `sdp-review`. The stand-alone worker process (./worker.ts), the
 * whole stack (./stack.ts) and the tests all create it here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { reportSettingsFromEnv } from '../activities/report/settings';
import { TASK_QUEUE, stateQuery } from '../domain/messages';
import { workflowBundleOfSources } from './workflow-bundle';

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
 * The workflow code for Worker.create: `bundle` when given (by the caller, e.g. once per test
 * file); the prebuilt bundle when running compiled; otherwise the sources' bundle, from the cache
 * or built by a child process (./workflow-bundle.ts). Throws when running compiled without the
 * prebuilt bundle (a partial copy of dist/), or when the sources do not bundle.
 */
async function workflowCode(bundle?: WorkflowBundle): Promise<WorkflowBundle | { codePath: string }> {
  if (bundle) return bundle;
  if (COMPILED) {
    if (!existsSync(PREBUILT_BUNDLE_PATH)) throw new Error(`The prebuilt workflow bundle ${PREBUILT_BUNDLE_PATH} is missing: run \`npm run build\`.`);
    return { codePath: PREBUILT_BUNDLE_PATH };
  }
  return workflowBundleOfSources();
}

/**
 * Bundles the workflow code in this process (webpack, about 6 s; the memory it takes stays with
 * the process): for `npm run build` and the cache's child process. Workers take
 * workflowBundleOfSources (./workflow-bundle.ts) instead.
 */
export function bundleWorkflows(): Promise<WorkflowBundle> {
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
 * Throws an Error naming the variable when a report setting (activities/report/settings.ts) is unusable.
 */
export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  deps: Omit<ActivityDeps, 'readCycleState'> & Partial<Pick<ActivityDeps, 'readCycleState'>>;
  workflowBundle?: WorkflowBundle;
  taskQueue?: string;
}): Promise<Worker> {
  // Read now, though the render reads them again: a bad setting (SDP_REPORT_MARKING…) stops the
  // worker at its start, naming the variable, not at the first draft weeks later.
  reportSettingsFromEnv();
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    workflowBundle: await workflowCode(opts.workflowBundle),
    activities: createActivities({ readCycleState: stateReader(opts.connection, opts.namespace), ...opts.deps }),
  });
}
