/**
 * The report renderer's thread (worker_threads, run by the pool of ./report-pool.ts): builds the
 * .docx, HTML, Markdown and PDF of a draft or the final away from the event loop that serves the
 * web pages and runs the worker. It opens the document store itself from its configuration (a
 * store object cannot cross a thread boundary) and answers with a structured-clone-safe outcome:
 * the rendered files, or the error's name, message, stack and key, so the main thread can map it
 * as it maps a render in its own thread (a custom error class does not survive the clone).
 *
 * Runs from source under tsx (the pool adds `--import tsx`) and compiled as dist/report-thread.js
 * (scripts/build.ts).
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { ReportInput } from '../domain/report';
import { openDocumentStore, type DocumentStore } from '../infra/storage';
import { renderReport, type RenderedReport } from './report';

/** Where the thread finds the document store: the process's configuration (infra/config.ts `openStore`). */
export interface StoreConfig {
  /** SDP_STORAGE_URL (`file:///…`, `s3://bucket/prefix`); undefined: the folder `artifactsDir`. */
  storageUrl?: string;
  /** Absolute path of the artifacts folder. */
  artifactsDir: string;
}

/** One task for the thread: render `input` into the store of `store`. */
export type RenderTask = { kind: 'render'; store: StoreConfig; input: ReportInput };

/** An error thrown in the thread, as plain data. */
export interface ThreadError {
  /** The error's `name` (`StoredInputError`, `PreviousDraftMissingError`, `TypeError`…). */
  name: string;
  message: string;
  stack?: string;
  /** The store key the error is about, when it names one. */
  key?: string;
}

/** What the thread answers. */
export type RenderOutcome = { ok: true; rendered: RenderedReport } | { ok: false; error: ThreadError };

/**
 * How much nicer than the process a render thread runs (Linux niceness, added to the process's,
 * at most 19). A render is a background job and a click is a person waiting: on a small host the
 * thread would otherwise take half the CPU from the event loop that serves pages and runs workflow
 * tasks. Chromium, started from the thread for the PDF, inherits it.
 */
export const RENDER_THREAD_NICENESS = 10;

/**
 * Lowers this thread's priority by RENDER_THREAD_NICENESS (Linux sets niceness per thread: the id
 * of /proc/thread-self). Elsewhere, or where not permitted, the thread keeps the process's.
 */
function yieldToTheEventLoop(): void {
  // Imported on the main thread too (its constants, the fallback): that thread stays as it is.
  if (process.platform !== 'linux' || isMainThread) return;
  try {
    const tid = Number(basename(readlinkSync('/proc/thread-self')));
    setPriority(tid, Math.min(19, getPriority(tid) + RENDER_THREAD_NICENESS));
  } catch {
    // Without /proc or the right to change it the thread renders at the process's priority.
  }
}
yieldToTheEventLoop();

/** One store per configuration for the thread's life: an S3 client keeps its connections. */
const stores = new Map<string, DocumentStore>();

function storeOf(config: StoreConfig): DocumentStore {
  const id = `${config.storageUrl ?? ''}\n${config.artifactsDir}`;
  let store = stores.get(id);
  if (!store) stores.set(id, (store = openDocumentStore(config.storageUrl, config.artifactsDir)));
  return store;
}

/** Runs one task (the pool calls this default export). Never throws for a render's own error: it answers `ok: false`. */
export default async function runTask(task: RenderTask): Promise<RenderOutcome> {
  try {
    return { ok: true, rendered: await renderReport({ store: storeOf(task.store) }, task.input) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const key = (e as { key?: unknown }).key;
    return { ok: false, error: { name: e.name, message: e.message, stack: e.stack, ...(typeof key === 'string' ? { key } : {}) } };
  }
}
