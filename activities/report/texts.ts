/**
 * Every text the report shows to people (.docx, HTML, Markdown, the changes page and the manifest's
 * labels), in one module, so wording is reviewed and changed in one place. British English, as the
 * Partnership text is written.
 *
 * Source of the wording: the EU–Albania Security and Defence Partnership (seeds/partnership.txt),
 * §9 (Security and Defence Dialogue at Directors' level; SA Council), §32 (regular review).
 */
import type { AreaStatus, CommitmentStatus, Decision, Side } from '../../domain/schemas';
import type { Rag } from '../../domain/schemas';

/** A phrase put inside parentheses loses its final full stop. */
const withoutStop = (s: string) => s.replace(/\.\s*$/, '');

/** The Partnership's title, as on the cover and in the running header. */
export const PARTNERSHIP_TITLE = 'EU–Albania Security and Defence Partnership';

/** Headings, labels and sentences of the report, grouped by the part of the report that shows them. */
export const TEXTS = {
  reportTitle: (year: number) => `Annual progress report ${year}`,
  draftLabel: (version: number) => `Draft v${version}`,
  finalLabel: 'Final',
  /** Running header: title · year · version · generation date. */
  header: (year: number, versionLabel: string, date: string) =>
    `${PARTNERSHIP_TITLE} · Progress report ${year} · ${versionLabel} · ${date}`,
  /** The short running title of the printed pages (top right). */
  runningTitle: (year: number, versionLabel: string) => `Progress report ${year} · ${versionLabel}`,
  footerPage: 'Page ',
  footerOf: ' of ',

  cover: {
    preparesFor:
      'Prepared for the EU–Albania Security and Defence Dialogue at Directors’ level, and for the next meeting of the EU–Albania Stabilisation and Association Council, where the Partnership is discussed (Partnership, §9 and §32).',
    period: (from: string, to: string) => `Reporting period: ${from} – ${to}`,
    draftStatus: (version: number) => `Draft v${version} for review by the coordinator and the Directors. Not for circulation.`,
    finalStatus: (version: number) => `Final version: draft v${version} as signed off by both Directors.`,
    preparedBy: (name: string, organisation: string) => `Prepared by the Partnership Secretariat: ${name}, ${organisation}.`,
    reference: (reference: string) => `Reference: ${reference}`,
    date: (date: string) => `Date: ${date}`,
  },

  /** The document's properties (.docx core properties, PDF information dictionary). */
  properties: {
    subject: (year: number, versionLabel: string) =>
      `Annual review ${year} of the EU–Albania Security and Defence Partnership for the Security and Defence Dialogue and the Stabilisation and Association Council (${versionLabel})`,
    keywords: (year: number, reference: string) =>
      ['EU–Albania', 'Security and Defence Partnership', 'Security and Defence Dialogue', 'Stabilisation and Association Council', `progress report ${year}`, reference],
  },

  contents: 'Contents',

  headings: {
    period: 'Reporting period and purpose',
    summary: 'Executive summary',
    attention: 'Points proposed for the SA Council’s attention',
    statusTable: 'Status of commitments',
    areas: 'Progress by area of cooperation',
    gaps: 'Waived areas and missing or late inputs',
    signOffAnnex: 'Annex A: Sign-off record',
    contributorsAnnex: 'Annex B: Contributors by area',
    areaReferences: 'References in the Partnership',
    areaProgress: 'Progress per commitment',
    areaNarrative: 'Narrative',
    areaNextSteps: 'Next steps',
    areaDeliverables: 'Deliverables',
  },

  period: {
    text: (from: string, to: string) => `This report covers the period from ${from} to ${to}.`,
    purpose:
      'It takes stock of progress made in each area of cooperation of the Partnership, as the areas are reviewed regularly in the framework of the Security and Defence Dialogue and discussed at the Stabilisation and Association Council (§32). It is prepared by the Partnership Secretariat from the inputs of the area owners on both sides.',
  },

  summary: {
    counts: (total: number) => `Of the ${total} commitments tracked in the Partnership this cycle:`,
    countLine: (label: string, n: number) => `${label}: ${n}`,
    ratingsIntro:
      'Each area is rated green, amber or red from the status of its commitments: green when every commitment is achieved or ongoing, red when half or more are not started or no input was received, amber otherwise. The coordinator may override a rating, with a reason.',
    columns: { area: 'Area of cooperation', rating: 'Rating', basis: 'Basis' },
    basisDerived: (onTrack: number, total: number, notStarted: number) =>
      `${onTrack} of ${total} commitments achieved or ongoing` + (notStarted > 0 ? `; ${notStarted} not started` : ''),
    basisNoInput: 'No input received',
    basisWaived: (reason: string) => `Waived: ${reason}`,
    basisOverride: (reason: string, derived: string) => `Set by the coordinator: ${reason} (derived rating: ${derived})`,
  },

  attention: {
    draftIntro:
      'The points below are proposed by the Partnership Secretariat from the inputs received. They are proposals for the Directors to consider at the Security and Defence Dialogue, not agreed conclusions.',
    finalIntro:
      'The points below are proposed for the attention of the Stabilisation and Association Council in this report, as signed off by both Directors.',
    redAreas: 'Areas rated red',
    notStarted: 'Commitments not started',
    noInput: 'Areas without input this cycle',
    nextSteps: 'Next steps by area',
    redLine: (area: string, basis: string) => `${area}: rated red (${withoutStop(basis)}).`,
    notStartedLine: (area: string, wording: string, paragraph: number) => `${area}: not started, “${wording}” (§${paragraph}).`,
    waivedLine: (area: string, reason: string) => `${area}: input waived (${withoutStop(reason)}).`,
    missingLine: (area: string) => `${area}: no input was received.`,
    nextStepsLine: (area: string, summary: string) => `${area}: ${summary}`,
    none: 'None.',
  },

  /** The coordinator's written synthesis, placed first (issue 14), and the generated parts' names beside it. */
  synthesis: {
    summaryHeading: 'Executive summary',
    attentionHeading: 'Points for the SA Council’s attention',
    byline: (name: string, date: string, version: number) => `Written by ${name} on ${date} (draft v${version}).`,
    /** The generated summary's heading when the written one comes first (two parts cannot share a name). */
    figuresHeading: 'Summary in figures',
    /** The generated points' heading when the written ones come first. */
    proposedHeading: 'Points proposed from the inputs',
  },

  statusTable: {
    intro: 'The commitments of the Partnership tracked this cycle, grouped by area of cooperation. Each status is written out; its colour only repeats it.',
    columns: { area: 'Area', paragraph: '§', commitment: 'Commitment', status: 'Status' },
  },

  area: {
    paragraphs: (list: string) => `Partnership ${list}.`,
    owners: (eu: string, al: string) => `Area owners: ${eu} (EU) and ${al} (Albania).`,
    waived: (reason: string, date: string, by: string) => `Input waived by ${by} on ${date}. Reason: ${reason}`,
    missing: (due: string) => `No input was received by the due date (${due}).`,
    reopened: (date: string, comment: string) =>
      `Reopened by the coordinator on ${date}: ${comment} The text below is the input received before reopening.`,
    rating: (label: string) => `Rating: ${label}.`,
    ratingOverride: (label: string, reason: string) => `Rating: ${label} (set by the coordinator: ${reason}).`,
    noNextSteps: 'No next steps were reported.',
    noDeliverables: 'No deliverables were reported.',
    noComment: 'No comment.',
    deliverableColumns: { title: 'Deliverable', status: 'Status', date: 'Date', description: 'Description' },
  },

  gaps: {
    intro: 'Areas whose input was waived, not received, received after its due date, or reopened.',
    none: 'Every area’s input was received on time.',
    columns: { area: 'Area of cooperation', situation: 'Situation', reason: 'Reason or detail' },
    waived: 'Waived',
    missing: 'Missing',
    late: 'Late',
    reopened: 'Reopened',
    missingReason: (due: string) => `No input received by ${due}.`,
    lateReason: (received: string, due: string) => `Received on ${received}; due on ${due}.`,
  },

  signOff: {
    intro: (version: number) =>
      `Both Directors of the Security and Defence Dialogue signed off draft v${version} of this report (§9). The final version reproduces that draft.`,
    signedVersion: (version: number) => `Signed version: draft v${version}`,
    sha: 'SHA-256 of the signed draft (.docx):',
    shaMissing: 'not recorded',
    signedReference: (reference: string) => `Reference of the signed draft: ${reference}`,
    contentSha: (file: string) => `SHA-256 of the signed content (${file}, in this package):`,
    contentCheck: (file: string) =>
      `To check it: sha256sum ${file} (Linux, macOS) or Get-FileHash ${file} (Windows PowerShell) must give the value above.`,
    columns: { director: 'Director', decision: 'Decision', date: 'Date', comment: 'Comment' },
    noDecisions: 'No decision is recorded for this version.',
  },

  contributors: {
    intro: 'The owners of each area on both sides, and who submitted its input.',
    columns: { area: 'Area of cooperation', eu: 'EU owner', al: 'Albanian owner', submittedBy: 'Input submitted by' },
    notSubmitted: '—',
  },

  changes: {
    title: (from: number, to: number) => `Changes from draft v${from} to draft v${to}`,
    intro: (year: number, from: number, to: number) =>
      `What changed in the ${year} progress report between draft v${from} and draft v${to}: inserted words are underlined in green, removed words struck through in red.`,
    changedAreas: 'Areas changed',
    noChanges: 'No area changed between these versions.',
    unchangedAreas: 'Areas not changed',
    ratingChanged: (before: string, after: string) => `Rating: ${before} → ${after}`,
    fields: {
      status: 'Status of the input',
      narrative: 'Narrative',
      nextSteps: 'Next steps',
      deliverables: 'Deliverables',
      waiver: 'Reason for the waiver',
      commitment: (wording: string, paragraph: number) => `Commitment “${wording}” (§${paragraph})`,
    },
    tooLarge: 'The texts differ too much to show word by word; the earlier text is shown removed and the new text inserted.',
  },

  manifest: {
    report: (year: number) => `${PARTNERSHIP_TITLE}: annual progress report ${year}`,
  },
} as const;

/** Status of a commitment as people read it; `not-reported` when no input covers it. */
export const COMMITMENT_STATUS_LABEL: Record<CommitmentStatus | 'not-reported' | 'waived', string> = {
  achieved: 'Achieved',
  ongoing: 'Ongoing',
  'in-progress': 'In progress',
  'not-started': 'Not started',
  'not-reported': 'Not reported',
  waived: 'Waived',
};

/** Status of a deliverable as people read it. */
export const DELIVERABLE_STATUS_LABEL: Record<'planned' | 'in-progress' | 'delivered' | 'cancelled', string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** Status of an area's input as people read it. */
export const AREA_STATUS_LABEL: Record<AreaStatus, string> = {
  'awaiting-input': 'Awaiting input',
  submitted: 'Submitted',
  reopened: 'Reopened',
  waived: 'Waived',
  missing: 'Missing',
};

/** An area's rating as people read it; always written out, never shown by colour alone. */
export const RATING_LABEL: Record<Rag | 'waived', string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  waived: 'Waived',
};

/** A Director's decision on a draft as people read it. */
export const DECISION_LABEL: Record<Decision, string> = {
  approve: 'Approved',
  'request-changes': 'Changes requested',
};

/** The sides of the Partnership as people read them. */
export const SIDE_LABEL: Record<Side, string> = { eu: 'EU', al: 'Albania' };

/** Cell fills of a commitment's status (hex RGB); the status is always written too, so colour is never the only cue. */
export const COMMITMENT_STATUS_FILL: Record<CommitmentStatus | 'not-reported' | 'waived', string> = {
  achieved: 'C6EFCE',
  ongoing: 'E2F0D9',
  'in-progress': 'FFEB9C',
  'not-started': 'FFC7CE',
  'not-reported': 'E7E6E6',
  waived: 'E7E6E6',
};

/** Label of the not-reported count in the executive summary. */
export const NOT_REPORTED_COUNT_LABEL = 'Not reported (area waived or input missing)';
