/**
 * The bare-SDK baseline of the click benchmark: a worker for ./bare-workflows.ts on its own task
 * queue, and the calls the product's paths are compared with (an Update, a Query, a visibility
 * listing), made straight through `@temporalio/client` with no deadline wrapper, no mapping, no web.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type NativeConnection } from '@temporalio/worker';
import { bumpUpdate, countQuery } from './bare-workflows';

/** The baseline's task queue: its own, so the product's worker never sees its tasks. */
export const BARE_TASK_QUEUE = 'sdp-bench-bare';
const WORKFLOWS_PATH = fileURLToPath(new URL('./bare-workflows.ts', import.meta.url));
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

/** Creates (not runs) the baseline's worker on `connection`; bundles its tiny workflow module first. */
export async function createBareWorker(connection: NativeConnection, namespace = 'default'): Promise<Worker> {
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
  return Worker.create({ connection, namespace, taskQueue: BARE_TASK_QUEUE, workflowBundle });
}

/** The baseline's calls through a plain client. */
export class BareCalls {
  constructor(private readonly client: Client) {}

  /** Starts `n` bare workflows named `<prefix>-<i>`; returns their ids. */
  async start(prefix: string, n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    await Promise.all(ids.map((workflowId) => this.client.workflow.start('bareWorkflow', { taskQueue: BARE_TASK_QUEUE, workflowId })));
    return ids;
  }

  /** One Update, waited for until completed (`executeUpdate`), with a form-sized argument. */
  update(workflowId: string): Promise<number> {
    return this.client.workflow.getHandle(workflowId).executeUpdate(bumpUpdate, { args: ['x'.repeat(2_000)] });
  }

  /** One Query. */
  query(workflowId: string): Promise<number> {
    return this.client.workflow.getHandle(workflowId).query(countQuery);
  }

  /** One visibility listing of the bare workflows (every page of it); returns how many. */
  async list(): Promise<number> {
    let n = 0;
    for await (const _ of this.client.workflow.list({ query: `WorkflowType = 'bareWorkflow'` })) n++;
    return n;
  }

  /** Terminates the given workflows, ignoring those already closed. */
  async stop(ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.client.workflow.getHandle(id).terminate('benchmark over').catch(() => undefined)));
  }
}
