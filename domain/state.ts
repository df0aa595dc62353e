/**
 * The state of a review cycle as its workflows hold it and the `state` query returns it: areas,
 * drafts, decisions, the submission and the event history. Types only; built by the workflows.
 */
import type { StoredContribution } from './contribution-ref';
import type { CycleEvent } from './events';
import type { Deputy, Reassignment } from './people';
import type { AreaOwners, AreaStatus, Commitment, Contribution, Decision, DraftStatus, Person, Side, Stage, Waiver, Actor } from './schemas';

/** One area of cooperation within a cycle. */
export interface AreaState {
  id: string;
  title: string;
  /** The title in Albanian (from the seeds; absent in cycles started before it existed). */
  titleSq?: string;
  paragraphs: number[];
  crossCutting: boolean;
  commitments: Commitment[];
  owners: AreaOwners;
  status: AreaStatus;
  /** True once the area no longer accepts inputs (collection closed, or waived). */
  closed: boolean;
  /** ISO 8601 instant (UTC) by which the input is due. */
  dueAt: string;
  /** Number of inputs received so far (0 = none). */
  revision: number;
  submittedAt?: string;
  submittedBy?: Actor;
  /** The input itself: only in cycles from before inputs by reference (see `input`). */
  contribution?: Contribution;
  /** The latest input, by reference to the document store (domain/contribution-ref.ts). */
  input?: StoredContribution;
  waiver?: Waiver;
  /** The latest reopening by the coordinator. */
  reopened?: { comment: string; by: Actor; at: string; afterVersion: number };
  /** ISO 8601 instant (UTC) of the next reminder planned for this area, if any. */
  nextReminderAt?: string;
}


/** A file written by an activity: a path relative to the artifacts folder, never its bytes. */
export interface ArtifactFile {
  /** `summary-docx` and `summary-html`: the Albanian summary of a draft (…-summary-sq.docx/.html); `pdf`: the report printed (activities/report/pdf.ts). */
  format: 'docx' | 'pdf' | 'html' | 'md' | 'json' | 'changes-html' | 'summary-docx' | 'summary-html';
  /** Path relative to the artifacts folder, with `/` separators. */
  key: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

/**
 * The coordinator's written synthesis of a draft (issue 14): an executive summary and the points
 * for the SA Council's attention, plain text with paragraphs (blank lines) and `- ` list items.
 * `version`: the draft it was written on (a later draft carries it until it is rewritten).
 */
export interface Synthesis {
  summary: string;
  attention: string;
  version: number;
  byName: string;
  at: string;
}

/** One assembled version of the progress report. */
export interface DraftRecord {
  version: number;
  createdAt: string;
  status: DraftStatus;
  files: ArtifactFile[];
  /** Areas whose content differs from the previous version. */
  changedAreas: string[];
  /** The synthesis this version's files carry (absent: none written yet). */
  synthesis?: Synthesis;
}


/** A director's decision on one draft version (§9: Directors' level). */
export interface SignOffDecision {
  version: number;
  director: Side;
  decision: Decision;
  comment: string;
  by: Actor;
  at: string;
  /** The director `by` stood in for, when `by` is their deputy. */
  onBehalfOf?: { name: string; email: string };
}

/** What was sent to the SA Council secretariat. */
export interface SubmissionRecord {
  submittedAt: string;
  signedVersion: number;
  recipients: string[];
  messageId: string;
  files: ArtifactFile[];
}

/** The whole state of a cycle, as the `state` query returns it. */
/** What a stuck cycle cannot do: render a draft, render the final report, or submit it. */
export type StuckStep = 'draft' | 'final' | 'submission';

export interface ReviewCycleState {
  workflowId: string;
  year: number;
  stage: Stage;
  timeZone: string;
  kickoffAt: string;
  inputsDueAt: string;
  submissionDueAt: string;
  coordinator: Person;
  directors: { eu: Person; al: Person };
  saCouncilSecretariat: { name: string; email: string };
  areas: AreaState[];
  drafts: DraftRecord[];
  decisions: SignOffDecision[];
  events: CycleEvent[];
  submission?: SubmissionRecord;
  cancelled?: { reason: string; by: Actor; at: string };
  /**
   * Set while the cycle cannot go on by retrying: a document it needs is missing from the store
   * (an input, the previous draft), or the final report could not be delivered to the SA Council
   * secretariat. Since when (UTC), why, the version concerned, and the step (absent in histories
   * from before the step was recorded: a draft's render).
   */
  stuck?: { since: string; reason: string; version: number; step?: StuckStep };
  /** Roles passed to another person during the cycle, oldest first (absent: none). */
  reassignments?: Reassignment[];
  /** Deputies named during the cycle, oldest first; the latest for a person wins (absent: none). */
  deputies?: Deputy[];
  /** ISO 8601 instant (UTC) by which the current stage's action is due. */
  stageDueAt?: string;
  /**
   * The reminder policy the cycle runs with (a snapshot taken at kick-off), in the shape of
   * `ReminderPolicy` (domain/reminder-policy.ts, which builds on this module: parse it there).
   */
  reminderPolicy?: unknown;
}
