/**
 * The report's content, worked out once from a `ReportInput` and shared by the three renderers
 * (.docx, HTML, Markdown), so the formats cannot disagree: ratings, counts, points for the SA Council,
 * the status table, the gaps, the sign-off record, with every date already local and every label
 * taken from ./texts.
 */
import { COMMITMENT_STATUS_ORDER, type ReportInput } from '../../domain/report';
import { type Rag } from '../../domain/schemas';
import type { AreaStatus, CommitmentStatus, Side } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import { cleanText } from '../../domain/text';
import { calendarDate, localDate, localDateTime } from './format';
import {
  COMMITMENT_STATUS_LABEL,
  DECISION_LABEL,
  DELIVERABLE_STATUS_LABEL,
  NOT_REPORTED_COUNT_LABEL,
  PARTNERSHIP_TITLE,
  RATING_LABEL,
  SIDE_LABEL,
  TEXTS,
} from './texts';

// ---------------------------------------------------------------------------------------------
// Ratings

/** An area's rating as shown: a RAG colour, or `waived` (no rating). */
export type AreaRating = Rag | 'waived';

/**
 * Derives an area's red/amber/green rating from its commitments. The Partnership sets no rating
 * (§32 asks to "take stock of progress made"); this is the secretariat's rule:
 * - a waived area gets no rating: `waived`;
 * - an area without input (missing, or never submitted) is `red`;
 * - `red` when half or more of its commitments are not started (a commitment the input does not
 *   report counts as not started);
 * - `green` when every commitment is achieved or ongoing;
 * - `amber` otherwise.
 * The coordinator's override (`ReportInput.ratingOverrides[areaId]`) is applied by `buildReportModel`,
 * not here: it wins over this rating and its reason is shown.
 */
export function deriveRating(area: Pick<AreaState, 'status' | 'commitments' | 'contribution'>): AreaRating {
  if (area.status === 'waived') return 'waived';
  const statuses = commitmentStatuses(area);
  if (!statuses) return 'red';
  const values = [...statuses.values()];
  const notStarted = values.filter((s) => s === 'not-started' || s === undefined).length;
  if (values.length === 0 || notStarted * 2 >= values.length) return 'red';
  if (values.every((s) => s === 'achieved' || s === 'ongoing')) return 'green';
  return 'amber';
}

/** Status of each commitment of the area (seed order); undefined when the area has no usable input. */
function commitmentStatuses(area: Pick<AreaState, 'status' | 'commitments' | 'contribution'>): Map<string, CommitmentStatus | undefined> | undefined {
  if (area.status === 'waived' || !area.contribution) return undefined;
  const reported = new Map(area.contribution.commitments.map((c) => [c.commitmentId, c.status]));
  return new Map(area.commitments.map((c) => [c.id, reported.get(c.id)]));
}

// ---------------------------------------------------------------------------------------------
// The model

/** One commitment of an area with its progress this cycle. */
export interface CommitmentView {
  id: string;
  paragraph: number;
  wording: string;
  /** The wording in Albanian, for the Albanian summary (absent in cycles started before it existed). */
  wordingSq?: string;
  quote: string;
  /** Undefined when the area has no input or the input does not report it. */
  status?: CommitmentStatus;
  statusLabel: string;
  comment: string;
}

/** One deliverable of an area, ready to show. */
export interface DeliverableView {
  title: string;
  statusLabel: string;
  /** Local date as people read it, or '' when none. */
  date: string;
  description: string;
}

/** One area of cooperation as the report shows it (§13–31, or the General Framework §10–11). */
export interface AreaView {
  id: string;
  /** 1-based position in the report. */
  number: number;
  title: string;
  /** The title in Albanian, for the Albanian summary (absent in cycles started before it existed). */
  titleSq?: string;
  /** E.g. "§15, §16 and §17". */
  paragraphsLabel: string;
  status: AreaStatus;
  /** Whether the area's input is shown (it has one and is not waived). */
  reported: boolean;
  rating: AreaRating;
  derivedRating: AreaRating;
  ratingLabel: string;
  /** Why the rating: counts, "No input received", the waiver, or the coordinator's reason. */
  ratingBasis: string;
  overridden: boolean;
  /** The coordinator's reason, when the rating is overridden. */
  overrideReason?: string;
  /** The coordinator's reason, when the area is waived. */
  waiverReason?: string;
  /** A sentence on the area's situation (waived, missing, reopened), shown above its content. */
  notes: string[];
  owners: { eu: string; al: string };
  commitments: CommitmentView[];
  narrative: string;
  nextSteps: string;
  deliverables: DeliverableView[];
}

/** One row of the status table: area × commitment × status. */
export interface StatusRow {
  areaTitle: string;
  paragraph: number;
  wording: string;
  statusLabel: string;
}

/** An area whose input was waived, missing, late or reopened, and why. */
export interface GapRow {
  areaTitle: string;
  situation: string;
  reason: string;
}

/** A group of points proposed for the SA Council's attention (§9, §32). */
export interface AttentionGroup {
  heading: string;
  lines: string[];
}

/** The sign-off record of the final report: the signed draft and the Directors' decisions on it (§9). */
export interface SignOffView {
  signedVersion: number;
  signedDraftSha256?: string;
  decisions: { director: Side; directorName: string; decision: string; date: string; comment: string }[];
}

/** The owners of an area on both sides and who submitted its input. */
export interface ContributorRow {
  areaTitle: string;
  eu: string;
  al: string;
  submittedBy: string;
}

/** Everything a renderer needs; strings are cleaned (`cleanText`) and ready to show. */
export interface ReportModel {
  kind: 'draft' | 'final';
  year: number;
  version: number;
  title: string;
  reportTitle: string;
  /** "Draft v2" or "Final". */
  versionLabel: string;
  generatedDate: string;
  headerText: string;
  period: { from: string; to: string };
  coordinator: { name: string; organisation: string };
  counts: { status: CommitmentStatus; label: string; count: number }[];
  notReported: { label: string; count: number };
  totalCommitments: number;
  areas: AreaView[];
  attention: AttentionGroup[];
  statusRows: StatusRow[];
  gaps: GapRow[];
  /** Final only. */
  signOff?: SignOffView;
  /** Final only. */
  contributors?: ContributorRow[];
}

/** "§13", "§10 and §11", "§15, §16 and §17". */
export function paragraphsLabel(paragraphs: number[]): string {
  const refs = paragraphs.map((p) => `§${p}`);
  if (refs.length <= 1) return refs.join('');
  return `${refs.slice(0, -1).join(', ')} and ${refs[refs.length - 1]}`;
}

/**
 * The first sentence of `text` on one line, at most `max` characters (cut at a word, with "…").
 * Used for the next steps in the points for the SA Council.
 */
export function summarise(text: string, max = 240): string {
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  const first = /^.+?[.!?](?=\s|$)/u.exec(flat)?.[0] ?? flat;
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

const c = (s: string | undefined): string => cleanText(s ?? '');

/**
 * Builds the report model. Throws RangeError on an input the report cannot show (a date that is
 * not one, an unknown time zone) or TypeError when a final report lacks what its annex needs.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const tz = input.timeZone;
  const versionLabel = input.kind === 'final' ? TEXTS.finalLabel : TEXTS.draftLabel(input.version);
  const generatedDate = localDate(input.generatedAt, tz);

  const areas: AreaView[] = input.areas.map((area, i) => areaView(input, area, i + 1));

  const counts = COMMITMENT_STATUS_ORDER.map((status) => ({
    status,
    label: COMMITMENT_STATUS_LABEL[status],
    count: areas.reduce((n, a) => n + a.commitments.filter((cm) => a.reported && cm.status === status).length, 0),
  }));
  const totalCommitments = areas.reduce((n, a) => n + a.commitments.length, 0);
  const notReported = { label: NOT_REPORTED_COUNT_LABEL, count: totalCommitments - counts.reduce((n, x) => n + x.count, 0) };

  const statusRows: StatusRow[] = areas.flatMap((a) =>
    a.commitments.map((cm) => ({ areaTitle: a.title, paragraph: cm.paragraph, wording: cm.wording, statusLabel: cm.statusLabel })),
  );

  return {
    kind: input.kind,
    year: input.year,
    version: input.version,
    title: PARTNERSHIP_TITLE,
    reportTitle: TEXTS.reportTitle(input.year),
    versionLabel,
    generatedDate,
    headerText: TEXTS.header(input.year, versionLabel, generatedDate),
    period: { from: calendarDate(input.reportingPeriod.from), to: calendarDate(input.reportingPeriod.to) },
    coordinator: { name: c(input.coordinator.name), organisation: c(input.coordinator.organisation) },
    counts,
    notReported,
    totalCommitments,
    areas,
    attention: attentionPoints(areas),
    statusRows,
    gaps: gapRows(input),
    signOff: input.kind === 'final' ? signOffView(input) : undefined,
    contributors: input.kind === 'final' ? contributorRows(input) : undefined,
  };
}

function areaView(input: ReportInput, area: AreaState, number: number): AreaView {
  const tz = input.timeZone;
  const reported = area.status !== 'waived' && !!area.contribution;
  const statuses = commitmentStatuses(area);
  const comments = new Map((reported ? area.contribution!.commitments : []).map((cm) => [cm.commitmentId, cm.comment]));
  const commitments: CommitmentView[] = area.commitments.map((cm) => {
    const status = statuses?.get(cm.id);
    const statusKey = area.status === 'waived' ? 'waived' : status ?? 'not-reported';
    return {
      id: cm.id,
      paragraph: cm.paragraph,
      wording: c(cm.wording),
      ...(cm.wordingSq ? { wordingSq: c(cm.wordingSq) } : {}),
      quote: c(cm.quote),
      status,
      statusLabel: COMMITMENT_STATUS_LABEL[statusKey],
      comment: c(comments.get(cm.id)),
    };
  });

  const derivedRating = deriveRating(area);
  const override = input.ratingOverrides[area.id];
  const rating: AreaRating = override?.rating ?? derivedRating;
  const onTrack = commitments.filter((cm) => cm.status === 'achieved' || cm.status === 'ongoing').length;
  const notStarted = commitments.filter((cm) => cm.status === 'not-started').length;
  const derivedBasis =
    area.status === 'waived'
      ? TEXTS.summary.basisWaived(c(area.waiver?.reason))
      : !reported
        ? TEXTS.summary.basisNoInput
        : TEXTS.summary.basisDerived(onTrack, commitments.length, notStarted);
  const ratingBasis = override ? TEXTS.summary.basisOverride(c(override.reason), RATING_LABEL[derivedRating]) : derivedBasis;

  const notes: string[] = [];
  if (area.status === 'waived' && area.waiver) {
    notes.push(TEXTS.area.waived(c(area.waiver.reason), localDate(area.waiver.at, tz), c(area.waiver.by.name ?? area.waiver.by.email)));
  } else if (!reported) {
    notes.push(TEXTS.area.missing(localDate(area.dueAt, tz)));
  } else if (area.status === 'reopened' && area.reopened) {
    notes.push(TEXTS.area.reopened(localDate(area.reopened.at, tz), c(area.reopened.comment)));
  }

  const contribution = reported ? area.contribution! : undefined;
  return {
    id: area.id,
    number,
    title: c(area.title),
    ...(area.titleSq ? { titleSq: c(area.titleSq) } : {}),
    paragraphsLabel: paragraphsLabel(area.paragraphs),
    status: area.status,
    reported,
    rating,
    derivedRating,
    ratingLabel: RATING_LABEL[rating],
    ratingBasis,
    overridden: !!override,
    overrideReason: override ? c(override.reason) : undefined,
    waiverReason: area.status === 'waived' ? c(area.waiver?.reason) : undefined,
    notes,
    owners: { eu: c(area.owners.eu.name), al: c(area.owners.al.name) },
    commitments,
    narrative: c(contribution?.narrative),
    nextSteps: c(contribution?.nextSteps),
    deliverables: (contribution?.deliverables ?? []).map((d) => ({
      title: c(d.title),
      statusLabel: DELIVERABLE_STATUS_LABEL[d.status],
      date: d.date ? calendarDate(d.date) : '',
      description: c(d.description),
    })),
  };
}

/** Points proposed for the SA Council's attention (§9, §32): derived, labelled as proposals. */
function attentionPoints(areas: AreaView[]): AttentionGroup[] {
  const t = TEXTS.attention;
  return [
    { heading: t.redAreas, lines: areas.filter((a) => a.rating === 'red').map((a) => t.redLine(a.title, a.ratingBasis)) },
    {
      heading: t.notStarted,
      lines: areas.flatMap((a) => a.commitments.filter((cm) => cm.status === 'not-started').map((cm) => t.notStartedLine(a.title, cm.wording, cm.paragraph))),
    },
    {
      heading: t.noInput,
      lines: areas
        .filter((a) => !a.reported)
        .map((a) => (a.status === 'waived' ? t.waivedLine(a.title, a.waiverReason ?? '') : t.missingLine(a.title))),
    },
    { heading: t.nextSteps, lines: areas.filter((a) => a.nextSteps !== '').map((a) => t.nextStepsLine(a.title, summarise(a.nextSteps))) },
  ];
}

function gapRows(input: ReportInput): GapRow[] {
  const tz = input.timeZone;
  const g = TEXTS.gaps;
  const rows: GapRow[] = [];
  for (const area of input.areas) {
    const title = c(area.title);
    if (area.status === 'waived') {
      rows.push({ areaTitle: title, situation: g.waived, reason: c(area.waiver?.reason) });
    } else if (!area.contribution) {
      rows.push({ areaTitle: title, situation: g.missing, reason: g.missingReason(localDate(area.dueAt, tz)) });
    } else {
      if (area.submittedAt && Date.parse(area.submittedAt) > Date.parse(area.dueAt)) {
        rows.push({ areaTitle: title, situation: g.late, reason: g.lateReason(localDate(area.submittedAt, tz), localDate(area.dueAt, tz)) });
      }
      if (area.status === 'reopened' && area.reopened) {
        rows.push({ areaTitle: title, situation: g.reopened, reason: c(area.reopened.comment) });
      }
    }
  }
  return rows;
}

function signOffView(input: ReportInput): SignOffView {
  return {
    signedVersion: input.version,
    signedDraftSha256: input.signedDraftSha256,
    decisions: input.decisions
      .filter((d) => d.version === input.version)
      .map((d) => ({
        director: d.director,
        directorName: `${c(input.directors[d.director].name)} (${SIDE_LABEL[d.director]})`,
        decision: DECISION_LABEL[d.decision],
        date: localDateTime(d.at, input.timeZone),
        comment: c(d.comment),
      })),
  };
}

function contributorRows(input: ReportInput): ContributorRow[] {
  const person = (p: { name: string; organisation: string }) => `${c(p.name)}, ${c(p.organisation)}`;
  return input.areas.map((area) => ({
    areaTitle: c(area.title),
    eu: person(area.owners.eu),
    al: person(area.owners.al),
    submittedBy: area.submittedBy && area.status !== 'waived' ? c(area.submittedBy.name ?? area.submittedBy.email) : TEXTS.contributors.notSubmitted,
  }));
}
