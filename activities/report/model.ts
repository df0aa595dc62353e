/**
 * The report's content, worked out once from a `ReportInput` and shared by the three renderers
 * (.docx, HTML, Markdown), so the formats cannot disagree: ratings, counts, points for the SA Council,
 * the status table, the gaps, the sign-off record, with every date already local and every label
 * taken from ./texts.
 */
import { attachmentViews, type AttachmentView } from './attachments';
import { COMMITMENT_STATUS_ORDER, type ReportInput } from '../../domain/report';
import { DEFAULT_REPORT_IDENTITY, documentReference, type ReportIdentityOptions } from '../../domain/report-identity';
import type { SignedContent } from '../../domain/report-signed-content';
import { type Rag } from '../../domain/schemas';
import type { AreaStatus, CommitmentStatus, Side } from '../../domain/schemas';
import type { AreaState } from '../../domain/state';
import { cleanText } from '../../domain/text';
import type { AcrossCyclesView } from './across-cycles/view';
import { calendarDate, localDate, localDateTime } from './format';
import { partHeadings, synthesisView, type PartHeadings, type SynthesisView } from './synthesis';
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
  /** The status as shown, with the cases of no status: `not-reported`, `waived`. */
  statusKey: StatusKey;
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
  /** The Partnership's paragraphs of the area, e.g. [15, 16, 17]. */
  paragraphs: number[];
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
  /** The files attached to the input (./attachments.ts); absent or empty without. */
  attachments?: AttachmentView[];
}

/** A commitment's status as shown: one of the four, or none because the area is waived or unreported. */
export type StatusKey = CommitmentStatus | 'not-reported' | 'waived';

/** One row of the status table: area × commitment × status. */
export interface StatusRow {
  areaTitle: string;
  paragraph: number;
  wording: string;
  statusKey: StatusKey;
  statusLabel: string;
}

/** One area of the status table: its title once, its commitments beneath. */
export interface StatusGroup {
  areaId: string;
  areaTitle: string;
  rows: Omit<StatusRow, 'areaTitle'>[];
}

/**
 * Who the document is and who it is from: the reference and marking every page carries, and the
 * properties written into the .docx and the PDF.
 */
export interface DocumentIdentity {
  /** E.g. `SDP-AL/2026/02`, or `SDP-AL/2026/FINAL` for the final. */
  reference: string;
  /** For the final: the signed draft's own reference. */
  signedDraftReference?: string;
  /** Distribution marking, e.g. `LIMITE`; undefined for none. */
  marking?: string;
  /** The document's title (the HTML `<title>`, .docx and PDF title). */
  documentTitle: string;
  subject: string;
  /** The secretariat, from the settings. */
  author: string;
  /** The coordinator's organisation (seeds). */
  company: string;
  keywords: string[];
  /** The document's date, local, as people read it. */
  date: string;
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
  /** The signed content file shipped in the final package and its SHA-256 (set by the renderer once it has written it). */
  signedContent?: { file: string; sha256: string };
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
  identity: DocumentIdentity;
  period: { from: string; to: string };
  coordinator: { name: string; organisation: string };
  counts: { status: CommitmentStatus; label: string; count: number }[];
  notReported: { label: string; count: number };
  totalCommitments: number;
  areas: AreaView[];
  attention: AttentionGroup[];
  statusRows: StatusRow[];
  /** The status table grouped by area, in the report's order. */
  statusGroups: StatusGroup[];
  gaps: GapRow[];
  /** Final only. */
  signOff?: SignOffView;
  /** Final only. */
  contributors?: ContributorRow[];
  /** The follow-up of last cycle's next steps and the progress across cycles (./across-cycles/); absent in a first cycle. */
  acrossCycles?: AcrossCyclesView;
  /** The coordinator's written synthesis, shown first (./synthesis.ts); absent until written. */
  synthesis?: SynthesisView;
  /** Headings of the generated executive summary and points for attention (renamed beside a synthesis). */
  partHeadings: PartHeadings;
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
 * Builds the report model; `identity` (from the settings: reference pattern, marking, author)
 * defaults to `DEFAULT_REPORT_IDENTITY`. Throws RangeError on an input the report cannot show (a
 * date that is not one, an unknown time zone), ReportIdentityError on a bad reference pattern or
 * marking, or TypeError when a final report lacks what its annex needs.
 */
export function buildReportModel(input: ReportInput, identity: ReportIdentityOptions = DEFAULT_REPORT_IDENTITY): ReportModel {
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

  const statusGroups: StatusGroup[] = areas.map((a) => ({
    areaId: a.id,
    areaTitle: a.title,
    rows: a.commitments.map((cm) => ({ paragraph: cm.paragraph, wording: cm.wording, statusKey: cm.statusKey, statusLabel: cm.statusLabel })),
  }));
  const statusRows: StatusRow[] = statusGroups.flatMap((g) => g.rows.map((r) => ({ areaTitle: g.areaTitle, ...r })));
  const reference = documentReference(identity.referencePattern, input.year, input.kind, input.version);
  const reportTitle = TEXTS.reportTitle(input.year);
  const synthesis = synthesisView(input);

  return {
    kind: input.kind,
    year: input.year,
    version: input.version,
    title: PARTNERSHIP_TITLE,
    reportTitle,
    versionLabel,
    generatedDate,
    headerText: TEXTS.header(input.year, versionLabel, generatedDate),
    identity: {
      reference,
      ...(input.kind === 'final' ? { signedDraftReference: documentReference(identity.referencePattern, input.year, 'draft', input.version) } : {}),
      ...(identity.marking ? { marking: c(identity.marking) } : {}),
      documentTitle: `${PARTNERSHIP_TITLE}: ${reportTitle} (${versionLabel})`,
      subject: TEXTS.properties.subject(input.year, versionLabel),
      author: c(identity.author),
      company: c(input.coordinator.organisation),
      keywords: [...TEXTS.properties.keywords(input.year, reference)],
      date: generatedDate,
    },
    period: { from: calendarDate(input.reportingPeriod.from), to: calendarDate(input.reportingPeriod.to) },
    coordinator: { name: c(input.coordinator.name), organisation: c(input.coordinator.organisation) },
    counts,
    notReported,
    totalCommitments,
    areas,
    attention: attentionPoints(areas),
    statusRows,
    statusGroups,
    gaps: gapRows(input),
    signOff: input.kind === 'final' ? signOffView(input) : undefined,
    contributors: input.kind === 'final' ? contributorRows(input) : undefined,
    ...(synthesis ? { synthesis } : {}),
    partHeadings: partHeadings(synthesis),
  };
}

function areaView(input: ReportInput, area: AreaState, number: number): AreaView {
  const tz = input.timeZone;
  const reported = area.status !== 'waived' && !!area.contribution;
  const statuses = commitmentStatuses(area);
  const comments = new Map((reported ? area.contribution!.commitments : []).map((cm) => [cm.commitmentId, cm.comment]));
  const commitments: CommitmentView[] = area.commitments.map((cm) => {
    const status = statuses?.get(cm.id);
    const statusKey: StatusKey = area.status === 'waived' ? 'waived' : status ?? 'not-reported';
    return {
      id: cm.id,
      paragraph: cm.paragraph,
      wording: c(cm.wording),
      ...(cm.wordingSq ? { wordingSq: c(cm.wordingSq) } : {}),
      quote: c(cm.quote),
      status,
      statusKey,
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
    paragraphs: [...area.paragraphs],
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
    attachments: attachmentViews(contribution?.attachments),
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

/**
 * What both Directors signed, from the final's model: the signed draft's identity and each area's
 * substance (ratings, statuses, comments, narrative, next steps, deliverables), as shown in the
 * report. Throws TypeError for a draft's model (only a final has a signed version).
 */
export function signedContentOf(model: ReportModel, reportingPeriod: { from: string; to: string }): SignedContent {
  if (model.kind !== 'final' || !model.identity.signedDraftReference) throw new TypeError('only a final report has signed content');
  return {
    format: 'sdp-review/signed-content/1',
    partnership: model.title,
    year: model.year,
    signedVersion: model.version,
    signedReference: model.identity.signedDraftReference,
    reportingPeriod: { from: reportingPeriod.from, to: reportingPeriod.to },
    areas: model.areas.map((a) => ({
      id: a.id,
      title: a.title,
      paragraphs: a.paragraphs,
      rating: a.rating,
      ratingBasis: a.ratingBasis,
      commitments: a.commitments.map((cm) => ({ id: cm.id, paragraph: cm.paragraph, wording: cm.wording, status: cm.statusKey, comment: cm.comment })),
      narrative: a.narrative,
      nextSteps: a.nextSteps,
      deliverables: a.deliverables.map((d) => ({ title: d.title, status: d.statusLabel, date: d.date, description: d.description })),
    })),
  };
}
