/**
 * Report rendering off the main event loop (issue 15): a small pool of worker threads (piscina)
 * runs ./report-thread.ts, so that building a 15-area .docx and laying out its PDF never holds up
 * the web pages, the Temporal worker's other tasks or the render activity's own heartbeats, which
 * all share the process's one event loop on the embedded stack (run/stack.ts).
 *
 * The thread opens the document store from the same configuration as the process (`StoreConfig`),
 * and reads the report settings (SDP_REPORT_*, SDP_CHROMIUM_PATH) from its copy of the
 * environment, taken when it starts. A thread lives on for `IDLE_MS` after its last render, so an
 * idle product does not carry its memory.
 *
 * When the pool cannot start — its entry is missing (a partial dist/), or its first task fails
 * before any succeeded (the thread cannot load its code) — renders run in the main thread as they
 * did before, after one log line. A pool that has rendered once and then fails (a thread that
 * crashed mid-render) fails that render instead: Temporal retries it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { ReportInput } from '../domain/report';
import { openDocumentStore } from '../infra/storage';
import type { RenderedReport } from './report';
import type { RenderOutcome, RenderTask, StoreConfig, ThreadError } from './report-thread';

export type { StoreConfig } from './report-thread';

/** Renders reports somewhere; the render activity awaits it (activities/index.ts). */
export interface ReportRenderer {
  /** Where renders run now: `thread` (the pool) or `main` (this event loop: the fallback). */
  readonly where: 'thread' | 'main';
  /**
   * Renders `input` as `renderReport` does (activities/report), and rejects with an error of the
   * same `name` and message (StoredInputError, PreviousDraftMissingError, TypeError…), its `key`
   * kept when it has one; the error's class is the class only for a render in the main thread.
   */
  render(input: ReportInput): Promise<RenderedReport>;
  /** Waits for the renders under way and queued, then stops the threads. Renders asked for afterwards run in the main thread. */
  close(): Promise<void>;
}

/** Where a fallback is said: a pino logger fits; default one line on stderr. */
export interface PoolLog {
  warn(fields: Record<string, unknown>, msg: string): void;
}

/** How long an idle thread is kept (ms): a draft's renders come in bursts (a re-render, the final), not steadily. */
const IDLE_MS = 60_000;

/**
 * Renders at once per thread: the PDF awaits Chromium, a process of its own, so a thread can lay
 * out one report while another prints; a queued render's activity still counts against its
 * 2 minutes (workflows/review-cycle/activities.ts), which a long queue behind one render would spend.
 */
const RENDERS_PER_THREAD = 3;

/** Whether this module runs compiled (dist/*.js, scripts/build.ts) rather than from its TypeScript source. */
const COMPILED = import.meta.url.endsWith('.js');

/** The thread's entry: beside this module from source; dist/report-thread.js beside dist/worker.js compiled. */
export const REPORT_THREAD_PATH = fileURLToPath(new URL(COMPILED ? './report-thread.js' : './report-thread.ts', import.meta.url));

const stderrLog: PoolLog = {
  warn: (fields, msg) => process.stderr.write(`sdp-review: ${msg}${fields.reason ? ` (${String(fields.reason)})` : ''}\n`),
};

/**
 * The Node options of the thread: this process's, plus tsx's loader when the entry is TypeScript
 * and the process was not started with it (a test runner), so the thread can import the sources.
 */
function threadExecArgv(): string[] {
  const own = process.execArgv;
  if (COMPILED || own.some((a) => a.includes('tsx'))) return own;
  return [...own, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

/** An error of the thread, rebuilt here: the same name, message and key; a built-in class when it was one. */
function rebuild(error: ThreadError): Error {
  const Builtin = ({ TypeError, RangeError, SyntaxError } as Record<string, ErrorConstructor>)[error.name];
  const err = Builtin ? new Builtin(error.message) : new Error(error.message);
  if (!Builtin) err.name = error.name;
  if (error.stack) err.stack = `${error.stack}\n    (in the report renderer's thread)`;
  if (error.key !== undefined) Object.assign(err, { key: error.key });
  return err;
}

/** Renders in this thread, over the store of `store`. */
export function mainThreadRenderer(store: StoreConfig): ReportRenderer {
  const opened = openDocumentStore(store.storageUrl, store.artifactsDir);
  // The renderers load on the first render: a process whose thread renders never loads them.
  return { where: 'main', render: async (input) => (await import('./report')).renderReport({ store: opened }, input), close: async () => {} };
}

/**
 * Starts the pool (`threads` 1 or 2; default 2 on a machine of 4 cores or more, else 1, so the
 * web server and the worker keep a core) over the document store of `store`. No thread starts
 * until the first render. `entry` replaces REPORT_THREAD_PATH (tests: a thread that cannot start). Never throws: a pool that cannot start renders in the main thread, and
 * `log` says so once, with the reason.
 */
export function startReportPool(opts: { store: StoreConfig; threads?: number; log?: PoolLog; entry?: string }): ReportRenderer {
  const log = opts.log ?? stderrLog;
  const inMain = mainThreadRenderer(opts.store);
  const threads = Math.min(2, Math.max(1, Math.floor(opts.threads ?? (availableParallelism() >= 4 ? 2 : 1))));
  const entry = opts.entry ?? REPORT_THREAD_PATH;
  let pool: Piscina<RenderTask, RenderOutcome> | undefined;
  /** Whether a thread has answered a render: after that a failure is the render's, not the pool's start. */
  let started = false;
  let fellBack = false;
  const fallBack = async (reason: string) => {
    if (fellBack) return;
    fellBack = true;
    log.warn({ reason, thread: entry }, 'report rendering runs in the main thread: the render threads cannot start');
    const failed = pool;
    pool = undefined;
    // Rejects the renders queued for it, which then run here.
    await failed?.destroy();
  };
  try {
    if (!existsSync(entry)) throw new Error(`${entry} is missing${COMPILED ? ': run `npm run build`' : ''}`);
    pool = new Piscina<RenderTask, RenderOutcome>({
      filename: pathToFileURL(entry).href,
      name: 'default',
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_MS,
      concurrentTasksPerWorker: RENDERS_PER_THREAD,
      execArgv: threadExecArgv(),
    });
    // A thread that fails while loading its code fails no task (piscina emits `error` and starts
    // no other): without this listener the process would end on it, and the queued renders wait forever.
    pool.on('error', (err: Error) => {
      if (started) log.warn({ reason: err.message, thread: entry }, 'a report render thread failed');
      else void fallBack(err.message);
    });
  } catch (err) {
    void fallBack((err as Error).message);
  }

  return {
    get where() {
      return pool ? 'thread' : 'main';
    },
    async render(input) {
      const running = pool;
      if (!running) return inMain.render(input);
      let outcome: RenderOutcome;
      try {
        outcome = await running.run({ kind: 'render', store: opts.store, input });
      } catch (err) {
        // Once a thread has rendered, this is this render's failure (a thread that crashed), and
        // Temporal retries it; before, it is the pool not starting: the main thread renders.
        if (started) throw err;
        await fallBack((err as Error).message);
        return inMain.render(input);
      }
      started = true;
      if (!outcome.ok) throw rebuild(outcome.error);
      return outcome.rendered;
    },
    async close() {
      const running = pool;
      pool = undefined;
      await running?.close();
    },
  };
}
