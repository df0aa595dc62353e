/**
 * `npm run build`: the product compiled for production into dist/, so servers run plain `node`
 * (`npm run start:worker`, `start:web`, `start:cli`) instead of tsx:
 *
 * - dist/worker.js, dist/web.js, dist/cli.js, dist/report-thread.js (the report renderer's worker
 *   thread) — each entry point bundled by esbuild with our code
 *   inlined and the packages in node_modules left as imports (ESM, Node 24, source maps beside
 *   them: run with `--enable-source-maps` for TypeScript lines in stack traces);
 * - dist/workflow-bundle.js — the workflow code bundled by the Temporal SDK (`bundleWorkflowCode`,
 *   source map inlined), which the compiled worker loads instead of bundling at every start.
 *
 * esbuild rather than tsc: the sources import without extensions (moduleResolution Bundler),
 * which Node's ESM loader cannot resolve file by file. Type-checking stays `npm run typecheck`.
 * The entry points sit directly in dist/, one level below the project root, so infra/paths.ts
 * finds the root (seeds/, data/, .tools/) from them as it does from the sources.
 *
 * Each file is written to a temporary name and renamed, so a process starting from dist/ while
 * another build runs (two test runs in one tree) reads a whole file. Files of an earlier build
 * that this one no longer makes are removed. Exits 1 with esbuild's messages when a build fails.
 */
import { mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../infra/paths';
import { PREBUILT_BUNDLE_PATH, bundleWorkflows } from '../run/create-worker';

/** Where the build goes. */
export const DIST_DIR = join(PROJECT_ROOT, 'dist');

/**
 * The compiled entry points: output name (in dist/) → source. `report-thread` is not a process but
 * the report renderer's worker thread, which activities/report-pool.ts (inlined in dist/worker.js)
 * starts from beside itself.
 */
const ENTRY_POINTS = { worker: 'run/worker.ts', web: 'run/web.ts', cli: 'cli/main.ts', 'report-thread': 'activities/report-thread.ts' };

function writeAtomically(path: string, contents: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * Builds everything into DIST_DIR. Resolves with each written file (path relative to the project
 * root, size in bytes) and the time taken in ms; rejects with esbuild's or the SDK's error.
 */
export async function buildProduct(): Promise<{ files: { path: string; bytes: number }[]; ms: number }> {
  const started = Date.now();
  mkdirSync(DIST_DIR, { recursive: true });
  const [compiled, workflows] = await Promise.all([
    build({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: ENTRY_POINTS,
      outdir: DIST_DIR,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      // Shared code and what is imported on demand (the report renderers, which only the render
      // thread loads) go in chunks of their own, so dist/worker.js does not load them at start.
      splitting: true,
      target: 'node24',
      sourcemap: 'linked',
      write: false,
      logLevel: 'warning',
    }),
    bundleWorkflows(),
  ]);
  const outputs = [
    ...compiled.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    // The compiled worker's create-worker.ts looks for the bundle next to itself, i.e. here.
    { path: join(DIST_DIR, basename(PREBUILT_BUNDLE_PATH)), contents: workflows.code },
  ];
  for (const out of outputs) writeAtomically(out.path, out.contents);

  const written = new Set(outputs.map((o) => basename(o.path)));
  for (const name of readdirSync(DIST_DIR)) {
    // Another build's temporary file is that build's business.
    if (!written.has(name) && !name.endsWith('.tmp')) rmSync(join(DIST_DIR, name), { recursive: true, force: true });
  }
  const files = outputs.map((o) => ({ path: relative(PROJECT_ROOT, o.path), bytes: statSync(o.path).size }));
  return { files, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const { files, ms } = await buildProduct();
  for (const f of files) process.stdout.write(`${f.path.padEnd(28)} ${(f.bytes / 1024).toFixed(0).padStart(6)} KiB\n`);
  process.stdout.write(`built in ${(ms / 1000).toFixed(1)} s\n`);
}

// Run when executed (`npm run build`), not when a test imports buildProduct.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`build: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
