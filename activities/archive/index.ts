/**
 * The durable audit archive of a review cycle: its whole state (events, decisions, submission),
 * the audit export as CSV and JSON, written under `archive/<year>/` in the document store at each
 * stage change and when the cycle ends. Temporal keeps a closed workflow's history only for the
 * namespace's retention (72 h by default); the record of who approved what for the SA Council must
 * outlive it, and reading a finished cycle from here spares Temporal a replay of its history.
 */
import type { ReviewCycleState } from '../../domain/state';
import { DocumentMissingError, type DocumentStore } from '../../infra/storage';
import { auditCsv, auditJson, auditRows } from './export';

/** The archive's files of `year`, as store keys. */
export function archiveKeys(year: number): { state: string; csv: string; json: string } {
  const dir = `archive/${year}`;
  return { state: `${dir}/cycle-state.json`, csv: `${dir}/audit-${year}.csv`, json: `${dir}/audit-${year}.json` };
}

/** What `cycle-state.json` holds. */
export interface ArchivedCycle {
  /** ISO 8601 instant (UTC) of the write. */
  archivedAt: string;
  /** True when written as the cycle ended (submitted or cancelled): nothing will change it again. */
  final: boolean;
  state: ReviewCycleState;
}

/**
 * Writes the archive of `state` into `store` (each object whole). Returns the keys written.
 * Throws the store's error.
 */
export async function writeCycleArchive(store: DocumentStore, state: ReviewCycleState, final: boolean, now = new Date()): Promise<string[]> {
  const keys = archiveKeys(state.year);
  const rows = auditRows(state);
  const record: ArchivedCycle = { archivedAt: now.toISOString(), final, state };
  // The state last: a reader that finds it final finds the exports of the same moment beside it.
  await store.put(keys.csv, auditCsv(rows), { contentType: 'text/csv; charset=utf-8' });
  await store.put(keys.json, auditJson(rows), { contentType: 'application/json' });
  await store.put(keys.state, `${JSON.stringify(record, null, 2)}\n`, { contentType: 'application/json' });
  return [keys.state, keys.csv, keys.json];
}

/**
 * Reads the archived cycle of `year` from `store`; undefined when none was written. Throws an
 * Error naming the object when it exists but is not an archive (damaged or foreign).
 */
export async function readCycleArchive(store: DocumentStore, year: number): Promise<ArchivedCycle | undefined> {
  const key = archiveKeys(year).state;
  const path = `${store.location}/${key}`;
  let text: string;
  try {
    text = Buffer.from(await store.get(key)).toString('utf8');
  } catch (err) {
    if (err instanceof DocumentMissingError) return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<ArchivedCycle>;
  if (typeof parsed.archivedAt !== 'string' || typeof parsed.final !== 'boolean' || parsed.state?.year !== year || !Array.isArray(parsed.state.events)) {
    throw new Error(`${path}: not the archive of the ${year} review cycle`);
  }
  return parsed as ArchivedCycle;
}

/** Every archived cycle in `store`, in no particular order; a damaged one is skipped. */
export async function listCycleArchives(store: DocumentStore): Promise<ArchivedCycle[]> {
  const keys = await store.list('archive/');
  const years = [...new Set(keys.map((k) => /^archive\/(\d{4})\/cycle-state\.json$/.exec(k)?.[1]).filter((y): y is string => !!y))].map(Number);
  const found = await Promise.all(years.map((y) => readCycleArchive(store, y).catch(() => undefined)));
  return found.filter((a): a is ArchivedCycle => !!a);
}
