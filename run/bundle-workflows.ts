/**
 * Child process of run/workflow-bundle.ts: bundles the workflows (webpack) and writes the cache
 * (the file named by the first argument, else the default),
 * so that the memory bundling takes is given back when this process ends. Exits 1 with the
 * bundler's error on stderr.
 */
import { bundleWorkflows } from './create-worker';
import { cacheBundle } from './workflow-bundle';

try {
  await cacheBundle((await bundleWorkflows()).code, process.argv[2] || undefined);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
