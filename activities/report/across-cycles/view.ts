/**
 * What the report shows across cycles (issue 14), worked out once for the three renderers: the
 * follow-up of last cycle's next steps (per area: those next steps as the owners wrote them, and
 * the outcome and comment of this cycle's input) and the annex of progress across cycles (per
 * commitment, its status in every cycle on record). Both are read from the cycles' archives in the
 * document store; a first cycle (none on record before it) has neither, and its report is as before.
 */
import { progressTable, statusesOfCycle, type ProgressCell } from '../../../domain/progress-across-cycles';
import type { ReportInput } from '../../../domain/report';
import type { FollowUpOutcome } from '../../../domain/schemas';
import { cleanText } from '../../../domain/text';
import type { DocumentStore } from '../../../infra/storage';
import { COMMITMENT_STATUS_LABEL } from '../texts';
import { CyclesOnRecord, type LastCycleOfArea } from './record';
import { ACROSS_CYCLES_TEXTS, FOLLOW_UP_OUTCOME_LABEL } from './texts';

/** One area of the follow-up section. */
export interface FollowUpAreaView {
  areaId: string;
  title: string;
  /** Last cycle's next steps as written ('' when there were none); see `thenNote`. */
  nextSteps: string;
  /** Why there are no next steps to follow up (waived, missing, unreadable, none written). */
  thenNote?: string;
  outcome?: FollowUpOutcome;
  outcomeLabel?: string;
  comment: string;
  /** Why there is no outcome (no input this cycle, or none given). */
  nowNote?: string;
}

/** The follow-up section: last cycle's year and each area that cycle had. */
export interface FollowUpView {
  previousYear: number;
  year: number;
  areas: FollowUpAreaView[];
}

/** One cell of the progress annex: the status key (for its colour) and its label. */
export interface ProgressCellView {
  key: ProgressCell | undefined;
  label: string;
}

/** The progress annex: years ascending (this cycle last), areas with their commitments. */
export interface ProgressAnnexView {
  years: number[];
  groups: { areaId: string; title: string; rows: { paragraph: number; wording: string; cells: ProgressCellView[] }[] }[];
}

/** The parts of the report across cycles; each absent in a first cycle. */
export interface AcrossCyclesView {
  followUp?: FollowUpView;
  progress?: ProgressAnnexView;
}

const c = (s: string | undefined): string => cleanText(s ?? '');

/**
 * The parts across cycles for `input` (its areas' inputs already read from the store), from the
 * archives of earlier cycles in `store`. Only cycles before `input.year` count. Throws the store's
 * error when it cannot list the archives; a damaged archive or an unreadable old input is shown
 * as such, never fails the report.
 */
export async function acrossCyclesView(store: DocumentStore, input: ReportInput, records = new CyclesOnRecord(store)): Promise<AcrossCyclesView> {
  const earlier = await records.statuses(input.year);
  if (earlier.length === 0) return {};
  const current = statusesOfCycle({ year: input.year, stage: 'drafting', areas: input.areas });
  const previous = await records.lastBefore(input.year);
  const lastOfArea = previous ? await Promise.all(previous.areas.map((a) => records.areaOfRecord(previous.year, a))) : [];
  return {
    ...(previous ? { followUp: followUpView(input, previous.year, lastOfArea) } : {}),
    progress: progressAnnexView([...earlier, current]),
  };
}

/** The follow-up section from last cycle's areas and this cycle's inputs, in this report's order of areas. */
export function followUpView(input: ReportInput, previousYear: number, then: LastCycleOfArea[]): FollowUpView {
  const t = ACROSS_CYCLES_TEXTS.followUp;
  const thenOf = new Map(then.map((a) => [a.areaId, a]));
  const areas: FollowUpAreaView[] = [];
  for (const area of input.areas) {
    const last = thenOf.get(area.id);
    if (!last) continue;
    const thenNote =
      last.areaStatus === 'waived' ? t.waivedThen(previousYear)
      : last.inputUnreadable ? t.unreadableThen(previousYear)
      : !last.nextSteps.trim() ? (last.areaStatus === 'missing' || last.areaStatus === 'awaiting-input' ? t.missingThen(previousYear) : t.noNextStepsThen(previousYear))
      : undefined;
    const reported = area.status !== 'waived' && !!area.contribution;
    const followUp = reported ? area.contribution!.followUp : undefined;
    areas.push({
      areaId: area.id,
      title: c(area.title),
      nextSteps: c(last.nextSteps),
      ...(thenNote ? { thenNote } : {}),
      ...(followUp ? { outcome: followUp.outcome, outcomeLabel: FOLLOW_UP_OUTCOME_LABEL[followUp.outcome] } : {}),
      comment: c(followUp?.comment),
      ...(!reported ? { nowNote: t.noInputNow } : !followUp ? { nowNote: t.noOutcome } : {}),
    });
  }
  return { previousYear, year: input.year, areas };
}

/** The progress annex of `cycles` (see domain/progress-across-cycles.ts), labels cleaned and worded. */
export function progressAnnexView(cycles: Parameters<typeof progressTable>[0]): ProgressAnnexView {
  const table = progressTable(cycles);
  return {
    years: table.years,
    groups: table.groups.map((g) => ({
      areaId: g.areaId,
      title: c(g.title),
      rows: g.rows.map((r) => ({
        paragraph: r.paragraph,
        wording: c(r.wording),
        cells: r.cells.map((key) => ({ key, label: key ? COMMITMENT_STATUS_LABEL[key] : ACROSS_CYCLES_TEXTS.progress.notTracked })),
      })),
    })),
  };
}
