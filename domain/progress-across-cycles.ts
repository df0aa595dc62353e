/**
 * Progress across cycles (issue 14): per commitment of the Partnership, its status in every review
 * cycle on record — the annex of the report and the dashboard's progress view are both built here,
 * from the states of the cycles (their archives in the document store, and the cycle being
 * reported), so the two cannot disagree. Pure functions of plain data; no I/O.
 */
import { reportedStatuses, type StoredContribution } from './contribution-ref';
import type { AreaStatus, Commitment, CommitmentStatus, Contribution, Stage } from './schemas';

/** What one cycle says of a commitment: a status reported, the area waived, or no input reported. */
export type ProgressCell = CommitmentStatus | 'waived' | 'not-reported';

/** The statuses of one cycle, as the progress table reads them. */
export interface CycleStatuses {
  year: number;
  stage: Stage;
  areas: {
    id: string;
    title: string;
    titleSq?: string;
    commitments: Pick<Commitment, 'id' | 'paragraph' | 'wording' | 'wordingSq'>[];
    status: AreaStatus;
    /** Status per commitment id; absent when the area has no input on record. */
    statuses?: Record<string, CommitmentStatus>;
  }[];
}

/** An area of a cycle's state, as much of it as the statuses need. */
export interface AreaOfRecord {
  id: string;
  title: string;
  titleSq?: string;
  commitments: Pick<Commitment, 'id' | 'paragraph' | 'wording' | 'wordingSq'>[];
  status: AreaStatus;
  contribution?: Pick<Contribution, 'commitments'>;
  input?: StoredContribution;
}

/**
 * The statuses of a cycle from its state (archived or live): each area's statuses from its input
 * inline or the summary of its stored input (no input is read from the store).
 */
export function statusesOfCycle(state: { year: number; stage: Stage; areas: AreaOfRecord[] }): CycleStatuses {
  return {
    year: state.year,
    stage: state.stage,
    areas: state.areas.map((a) => {
      const reported = a.status === 'waived' ? undefined : reportedStatuses(a);
      return {
        id: a.id,
        title: a.title,
        ...(a.titleSq ? { titleSq: a.titleSq } : {}),
        commitments: a.commitments.map((c) => ({ id: c.id, paragraph: c.paragraph, wording: c.wording, ...(c.wordingSq ? { wordingSq: c.wordingSq } : {}) })),
        status: a.status,
        ...(reported ? { statuses: Object.fromEntries(reported.map((r) => [r.commitmentId, r.status])) } : {}),
      };
    }),
  };
}

/**
 * Whether a cycle counts as "on record" for the progress across cycles and the follow-up: every
 * cycle but a cancelled one (its inputs were never reviewed, and it may hold none).
 */
export function isCycleOnRecord(cycle: { stage: Stage }): boolean {
  return cycle.stage !== 'cancelled';
}

/** One commitment's row: its status per year (`undefined`: the commitment was not in that cycle). */
export interface ProgressRow {
  commitmentId: string;
  paragraph: number;
  wording: string;
  wordingSq?: string;
  /** Aligned with `ProgressTable.years`. */
  cells: (ProgressCell | undefined)[];
}

/** One area: its title once, its commitments beneath. */
export interface ProgressGroup {
  areaId: string;
  title: string;
  titleSq?: string;
  rows: ProgressRow[];
}

/** The progress table: the years on record, ascending, and the areas with their commitments. */
export interface ProgressTable {
  years: number[];
  groups: ProgressGroup[];
}

/**
 * Builds the progress table of `cycles` (any order; one per year — a later entry for the same year
 * replaces an earlier one). Areas and commitments follow the latest cycle's order and wording; an
 * area or commitment found only in earlier cycles (the seeds changed) follows, in the order of the
 * latest cycle that had it. A cycle that does not list a commitment leaves its cell undefined.
 */
export function progressTable(cycles: CycleStatuses[]): ProgressTable {
  const byYear = new Map<number, CycleStatuses>();
  for (const c of cycles) byYear.set(c.year, c);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const latestFirst = [...years].reverse().map((y) => byYear.get(y)!);

  const groups: ProgressGroup[] = [];
  const groupOf = new Map<string, ProgressGroup>();
  const rowOf = new Map<string, ProgressRow>();
  for (const cycle of latestFirst) {
    for (const area of cycle.areas) {
      let group = groupOf.get(area.id);
      if (!group) {
        group = { areaId: area.id, title: area.title, ...(area.titleSq ? { titleSq: area.titleSq } : {}), rows: [] };
        groupOf.set(area.id, group);
        groups.push(group);
      }
      for (const c of area.commitments) {
        if (rowOf.has(c.id)) continue;
        const row: ProgressRow = { commitmentId: c.id, paragraph: c.paragraph, wording: c.wording, ...(c.wordingSq ? { wordingSq: c.wordingSq } : {}), cells: years.map(() => undefined) };
        rowOf.set(c.id, row);
        group.rows.push(row);
      }
    }
  }
  years.forEach((year, i) => {
    for (const area of byYear.get(year)!.areas) {
      for (const c of area.commitments) {
        const row = rowOf.get(c.id)!;
        row.cells[i] = area.status === 'waived' ? 'waived' : area.statuses?.[c.id] ?? 'not-reported';
      }
    }
  });
  return { years, groups };
}

/** The level of a status on the chart's scale (0 not started … 3 achieved); undefined for no status. */
export function progressLevel(cell: ProgressCell | undefined): number | undefined {
  switch (cell) {
    case 'not-started':
      return 0;
    case 'in-progress':
      return 1;
    case 'ongoing':
      return 2;
    case 'achieved':
      return 3;
    default:
      return undefined;
  }
}
