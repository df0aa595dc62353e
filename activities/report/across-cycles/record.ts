/**
 * The cycles on record, read from their archives in the document store (`archive/<year>/`,
 * activities/archive): no Temporal query, so it works after the namespace's retention has removed
 * their workflows. Used by the report (follow-up section, progress annex), the contribution form
 * (last cycle's statuses and next steps) and the dashboard's progress view.
 *
 * A finished cycle's archive never changes, and stored inputs are content-addressed (their key
 * names their SHA-256), so both are kept in memory once read; the archive of a cycle still running
 * is read again after `freshMs`.
 */
import { createHash } from 'node:crypto';
import { isCycleOnRecord, statusesOfCycle, type CycleStatuses } from '../../../domain/progress-across-cycles';
import type { CommitmentStatus } from '../../../domain/schemas';
import type { AreaState, ReviewCycleState } from '../../../domain/state';
import type { DocumentStore } from '../../../infra/storage';
import { readCycleArchive, type ArchivedCycle } from '../../archive';

/** What the last cycle on record says of one area: its statuses and its owners' next steps. */
export interface LastCycleOfArea {
  /** The year of that cycle (normally the year before). */
  year: number;
  areaId: string;
  title: string;
  titleSq?: string;
  /** The area's status in that cycle (`waived`, `missing`: no statuses, no next steps). */
  areaStatus: AreaState['status'];
  /** Each commitment of that cycle's area, with the status then reported (absent: none reported). */
  commitments: { id: string; paragraph: number; wording: string; wordingSq?: string; status?: CommitmentStatus }[];
  /** The next steps of its final input, exactly as the owners wrote them ('' when none were given). */
  nextSteps: string;
  /** True when the input on record could not be read from the store (missing, or altered). */
  inputUnreadable?: boolean;
}

interface Cached<T> {
  at: number;
  value: T;
}

/** Reads the cycles on record from one document store, with the cache described above. */
export class CyclesOnRecord {
  private readonly archives = new Map<number, Cached<ArchivedCycle | undefined>>();
  private readonly inputs = new Map<string, string>();
  private listing?: Cached<number[]>;
  private readonly freshMs: number;
  private readonly clock: () => number;

  /** `freshMs`: how long the archive of a running cycle (or the list of years) is kept (default 10 s). */
  constructor(
    private readonly store: DocumentStore,
    opts: { freshMs?: number; clock?: () => number } = {},
  ) {
    this.freshMs = opts.freshMs ?? 10_000;
    this.clock = opts.clock ?? Date.now;
  }

  /** The archive of `year`, or undefined when there is none or it cannot be read (damaged). */
  async archive(year: number): Promise<ArchivedCycle | undefined> {
    const now = this.clock();
    const cached = this.archives.get(year);
    if (cached && (cached.value?.final || now - cached.at < this.freshMs)) return cached.value;
    const value = await readCycleArchive(this.store, year).catch(() => undefined);
    this.archives.set(year, { at: now, value });
    return value;
  }

  /** The years that have an archive in the store, ascending. */
  async years(): Promise<number[]> {
    const now = this.clock();
    if (this.listing && now - this.listing.at < this.freshMs) return this.listing.value;
    const keys = await this.store.list('archive/');
    const years = [...new Set(keys.map((k) => /^archive\/(\d{4})\/cycle-state\.json$/.exec(k)?.[1]).filter((y): y is string => !!y))].map(Number).sort((a, b) => a - b);
    this.listing = { at: now, value: years };
    return years;
  }

  /** The states of every cycle on record (not cancelled), ascending by year; with `before`, only earlier years. */
  async states(before?: number): Promise<ReviewCycleState[]> {
    const years = (await this.years()).filter((y) => before === undefined || y < before);
    const found = await Promise.all(years.map((y) => this.archive(y)));
    return found.filter((a): a is ArchivedCycle => !!a && isCycleOnRecord(a.state)).map((a) => a.state);
  }

  /** The statuses of every cycle on record, ascending by year; with `before`, only earlier years. */
  async statuses(before?: number): Promise<CycleStatuses[]> {
    return (await this.states(before)).map(statusesOfCycle);
  }

  /** The last cycle on record before `year` (normally `year - 1`), or undefined for a first cycle. */
  async lastBefore(year: number): Promise<ReviewCycleState | undefined> {
    // The year before first: one read, without listing the store, in the usual case.
    const previous = await this.archive(year - 1);
    if (previous && isCycleOnRecord(previous.state)) return previous.state;
    return (await this.states(year)).at(-1);
  }

  /** What the last cycle on record before `year` says of area `areaId`; undefined when it has no such area, or there is none. */
  async lastCycleOfArea(year: number, areaId: string): Promise<LastCycleOfArea | undefined> {
    const state = await this.lastBefore(year);
    const area = state?.areas.find((a) => a.id === areaId);
    if (!state || !area) return undefined;
    return this.areaOfRecord(state.year, area);
  }

  /** `area` of the cycle of `year` with its next steps read (by reference, checked against its SHA-256). */
  async areaOfRecord(year: number, area: AreaState): Promise<LastCycleOfArea> {
    const statuses = statusesOfCycle({ year, stage: 'submitted', areas: [area] }).areas[0]!.statuses;
    let nextSteps = '';
    let inputUnreadable = false;
    if (area.status !== 'waived') {
      if (area.contribution) nextSteps = area.contribution.nextSteps ?? '';
      else if (area.input) {
        const text = await this.input(area.input.key, area.input.sha256);
        if (text === undefined) inputUnreadable = true;
        else nextSteps = text;
      }
    }
    return {
      year,
      areaId: area.id,
      title: area.title,
      ...(area.titleSq ? { titleSq: area.titleSq } : {}),
      areaStatus: area.status,
      commitments: area.commitments.map((c) => ({
        id: c.id,
        paragraph: c.paragraph,
        wording: c.wording,
        ...(c.wordingSq ? { wordingSq: c.wordingSq } : {}),
        ...(statuses?.[c.id] ? { status: statuses[c.id] } : {}),
      })),
      nextSteps,
      ...(inputUnreadable ? { inputUnreadable } : {}),
    };
  }

  /** The next steps of the stored input `key`, or undefined when it is missing or does not match `sha256`. */
  private async input(key: string, sha256: string): Promise<string | undefined> {
    const known = this.inputs.get(key);
    if (known !== undefined) return known;
    let bytes: Uint8Array;
    try {
      bytes = await this.store.get(key);
    } catch {
      return undefined;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return undefined;
    let nextSteps: string;
    try {
      const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { nextSteps?: unknown };
      nextSteps = typeof parsed.nextSteps === 'string' ? parsed.nextSteps : '';
    } catch {
      return undefined;
    }
    // Bound the memory: a few hundred areas' next steps at most.
    if (this.inputs.size > 500) this.inputs.clear();
    this.inputs.set(key, nextSteps);
    return nextSteps;
  }
}
