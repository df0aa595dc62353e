/**
 * Where the dashboard's data comes from: Temporal visibility for the list of cycles (`listCycles`,
 * by the ReviewYear and ReviewStage search attributes, with the list view a workflow keeps in its
 * memo), a finished cycle's archive in the document store (no query: a query on a closed cycle
 * replays its whole history), and a running cycle's `state` query, each call with its own deadline.
 * A short cache in front shares one call among the viewers of a page that polls every few seconds;
 * a finished cycle, which cannot change, is kept longer. The cache is bounded (see `state`).
 */
import type { Client } from '@temporalio/client';
import { getCycleState, listCycles, type ArchiveSource, type CycleSummary } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import type { ReviewCycleState } from '../../domain/state';
import { isFinished } from './model';

/** What the dashboard asks of Temporal. Both throw CycleError (`not-found`, `unavailable`, …). */
export interface DashboardPort {
  /** Every review cycle, running and closed, newest year first. */
  list(): Promise<CycleSummary[]>;
  /** The `state` query of the cycle of `year`, within `timeoutMs`. */
  state(year: number, timeoutMs: number): Promise<ReviewCycleState>;
}

/**
 * The port over a Temporal client. With `archiveDir`, finished cycles are read from their durable
 * archive (no replay of their history) and cycles Temporal no longer has are listed from it.
 */
export function temporalDashboard(client: Client, source: ArchiveSource = {}): DashboardPort {
  return {
    list: () => listCycles(client, {}, source),
    state: (year, timeoutMs) => getCycleState(client, year, { ...source, timeoutMs }),
  };
}

/** Deadline of the state query of one row of the cycles page (ms): rows are read side by side. */
export const ROW_QUERY_TIMEOUT_MS = 5_000;
/** Deadline of the state query of the cycle page (ms). */
export const PAGE_QUERY_TIMEOUT_MS = 10_000;

export interface DashboardReaderOptions {
  /** How long a running cycle's state and the list are reused (ms, default 1 500). */
  freshMs?: number;
  /** How long a submitted or cancelled cycle's state is reused (ms, default 600 000: it cannot change; the cache holds one per year). */
  finishedMs?: number;
  clock?: () => number;
}

interface Entry<T> {
  at: number;
  ttl: number;
  value: Promise<T>;
}

/** The port behind a cache: concurrent and repeated reads within the time to live share one call; failures are not kept. */
export class DashboardReader {
  private readonly states = new Map<number, Entry<ReviewCycleState>>();
  private listing?: Entry<CycleSummary[]>;
  private readonly freshMs: number;
  private readonly finishedMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly port: DashboardPort,
    opts: DashboardReaderOptions = {},
  ) {
    this.freshMs = opts.freshMs ?? 1_500;
    this.finishedMs = opts.finishedMs ?? 600_000;
    this.clock = opts.clock ?? Date.now;
  }

  list(): Promise<CycleSummary[]> {
    const now = this.clock();
    if (this.listing && now - this.listing.at < this.listing.ttl) return this.listing.value;
    const entry: Entry<CycleSummary[]> = { at: now, ttl: this.freshMs, value: this.port.list() };
    this.listing = entry;
    entry.value.catch(() => {
      if (this.listing === entry) this.listing = undefined;
    });
    return entry.value;
  }

  state(year: number, timeoutMs: number): Promise<ReviewCycleState> {
    const now = this.clock();
    const cached = this.states.get(year);
    if (cached && now - cached.at < cached.ttl) return cached.value;
    const entry: Entry<ReviewCycleState> = { at: now, ttl: this.freshMs, value: this.port.state(year, timeoutMs) };
    this.states.set(year, entry);
    entry.value.then(
      (s) => {
        if (isFinished(s)) entry.ttl = this.finishedMs;
      },
      () => {
        if (this.states.get(year) === entry) this.states.delete(year);
      },
    );
    // Bound the cache: years are few, but a scanner could ask for many.
    if (this.states.size > 200) {
      for (const [y, e] of this.states) if (now - e.at >= e.ttl) this.states.delete(y);
    }
    return entry.value;
  }
}

/** The message of a failure, for a page: a CycleError's own, or a generic one. */
export function failureMessage(err: unknown): string {
  if (err instanceof CycleError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
