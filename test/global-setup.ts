/**
 * Once before the test files run: the workflow bundle of the current sources, into its cache
 * (run/workflow-bundle.ts), so that the first files do not each bundle at the same moment (three
 * webpack runs fighting for 2 cores at the start of a fresh clone's suite); every file then reads it.
 */
import { workflowBundleOfSources } from '../run/workflow-bundle';

export default async function setup(): Promise<void> {
  await workflowBundleOfSources();
}
