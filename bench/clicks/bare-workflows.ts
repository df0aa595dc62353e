/**
 * The bare-SDK floor of the click benchmark: the least a workflow with an Update and a Query can
 * cost on the same Temporal server. Bundled by the SDK like the product's workflows; imports only
 * `@temporalio/workflow`.
 */
import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

/** Counts one click; returns the count after it. Its argument stands for a small form (bytes ignored). */
export const bumpUpdate = defineUpdate<number, [string]>('bump');
/** The count so far. */
export const countQuery = defineQuery<number>('count');

/** Waits forever, answering `bump` and `count`; ends when cancelled or terminated. */
export async function bareWorkflow(): Promise<void> {
  let count = 0;
  setHandler(bumpUpdate, () => ++count);
  setHandler(countQuery, () => count);
  await condition(() => false);
}
