/**
 * What the workflows ask the mail activity to send. The workflow decides who is told what and
 * when; the activity turns a notification into a mail (texts in activities/mail/texts/, one module
 * per stage) with its action link. Files are referred to by key under the artifacts folder, never
 * by bytes.
 */
import type { Language, Person, Side } from './schemas';
import type { ArtifactFile, SignOffDecision } from './state';
import type { UpdateOutcome } from './outcomes';

/**
 * Someone who receives mail: a name (Albanian letters kept) and an address. The workflows pass
 * `Person`s, so a person's `language` and `side` travel with them; the mail and its link are in
 * `languageOf(recipient)` (domain/schemas.ts).
 */
export interface Recipient {
  name: string;
  email: string;
  language?: Language;
  side?: Side;
  /** Set when the recipient gets the mail as the deputy of this person (domain/people.ts). */
  onBehalfOf?: { name: string; email: string };
}

interface Base {
  /** Workflow id of the cycle, e.g. `review-cycle-2026`. */
  cycleId: string;
  year: number;
  /** IANA time zone in which dates are shown. */
  timeZone: string;
  to: Recipient;
}

/** The label of the items of a reminder the coordinator sent by hand (`remindNow`). */
export const BY_HAND_REMINDER_LABEL = 'sent by the coordinator';

/** An area owner is asked for the area's input (at kick-off, or after a reopening). */
export interface ContributionRequest extends Base {
  kind: 'contribution-request';
  area: { id: string; title: string; paragraphs: number[] };
  /** Which side's owner this is. */
  side: Side;
  /** ISO 8601 UTC. */
  dueAt: string;
  /** Set when the coordinator reopened the area after draft `afterVersion`. */
  reopened?: { comment: string; afterVersion: number };
}

/** The coordinator is asked to review draft `version`. */
export interface DraftReady extends Base {
  kind: 'draft-ready';
  version: number;
  files: ArtifactFile[];
  changedAreas: string[];
  dueAt: string;
  /** Set when this draft follows a director's request for changes. */
  changesRequested?: SignOffDecision[];
}

/** A director is asked to approve draft `version` or request changes. */
export interface SignOffRequest extends Base {
  kind: 'sign-off-request';
  version: number;
  director: Side;
  files: ArtifactFile[];
  dueAt: string;
}

/** The coordinator and the directors learn that a director requested changes. */
export interface ChangesRequested extends Base {
  kind: 'changes-requested';
  version: number;
  decision: SignOffDecision;
  directorName: string;
  /** For the coordinator's copy: when the coordinator's next decision on the draft is due (ISO 8601 UTC); the mail then carries the draft-review link. */
  coordinatorDueAt?: string;
}

/** The signed report goes to the SA Council secretariat, the coordinator and directors in copy. */
export interface Submission extends Base {
  kind: 'submission';
  cc: Recipient[];
  signedVersion: number;
  /** The final package; the .docx and the manifest are attached. */
  files: ArtifactFile[];
  directors: { eu: Person; al: Person };
}

/** A confirmation to the person who acted (e.g. a director after a decision). */
export interface ActionConfirmation extends Base {
  kind: 'action-confirmation';
  /** Stable key of the action (e.g. `signoff.v2.eu`), so a retry never sends two confirmations. */
  actionKey: string;
  /** What was recorded, as facts; the mail words it. A director's decision is the one confirmed by mail. */
  outcome?: Extract<UpdateOutcome, { code: 'director-decided' }>;
  /** The wording of confirmations scheduled by an earlier version (before outcomes had codes). */
  summary?: string;
  next?: string;
}

/** One reminder digest: everything one person is reminded of on one local day. */
export interface ReminderDigest extends Base {
  kind: 'reminder-digest';
  /** Local date YYYY-MM-DD of the digest (one per person per day). */
  localDate: string;
  /** Set on a reminder the coordinator sent by hand: its number in the cycle (1, 2, …), which names the mail. */
  byHand?: number;
  items: {
    kind: 'reminder' | 'escalation';
    stage: 'collecting' | 'drafting' | 'sign-off';
    key: string;
    title: string;
    label: string;
    dueAt: string;
    areaId?: string;
    version?: number;
    director?: Side;
  }[];
}

/**
 * The coordinator learns that no area is outstanding any more (every area submitted or waived)
 * while collection is still open, and may close it early (the mail carries the collection link).
 */
export interface InputsComplete extends Base {
  kind: 'inputs-complete';
  submitted: number;
  waived: number;
  missing: number;
  /** When collection closes by itself (the stage's due date, ISO 8601 UTC). */
  dueAt: string;
  /** The collection round: 0 for the first, n after the n-th reopening. */
  round: number;
}

/** The cycle was cancelled. */
export interface CycleCancelled extends Base {
  kind: 'cycle-cancelled';
  reason: string;
  byName: string;
}

/**
 * An area owner learns where the cycle went after their part: collection closed (their areas with
 * the input on record, or none), the report submitted to the SA Council, or the cycle cancelled.
 */
export interface OwnersUpdate extends Base {
  kind: 'owners-update';
  event: 'collection-closed' | 'submitted' | 'cancelled';
  /** The recipient's areas: title and the revision on record (0: no input), or waived. */
  areas: { id: string; title: string; revision: number; waived: boolean }[];
  /** When it happened, ISO 8601 UTC. */
  at: string;
  /** The cancellation's reason; the submitted version. */
  reason?: string;
  version?: number;
}

export type Notification =
  | OwnersUpdate
  | ContributionRequest
  | DraftReady
  | SignOffRequest
  | ChangesRequested
  | Submission
  | ActionConfirmation
  | ReminderDigest
  | InputsComplete
  | CycleCancelled;

/**
 * The stable purpose of a notification: with the cycle and the recipient it makes the Message-ID,
 * so the same notification is never sent twice (a retried send after a late `250` must not mail
 * twice) and a new one always is.
 */
export function purposeOf(n: Notification): string {
  switch (n.kind) {
    case 'contribution-request':
      return `contribution-request.${n.area.id}.${n.reopened ? `reopened-after-v${n.reopened.afterVersion}` : 'kickoff'}`;
    case 'draft-ready':
      return `draft-ready.v${n.version}`;
    case 'sign-off-request':
      return `sign-off-request.v${n.version}.${n.director}`;
    case 'changes-requested':
      return `changes-requested.v${n.version}.${n.decision.director}`;
    case 'submission':
      return `submission.v${n.signedVersion}`;
    case 'action-confirmation':
      return `confirmation.${n.actionKey}`;
    case 'reminder-digest':
      return n.byHand ? `reminder-digest.${n.localDate}.by-hand-${n.byHand}` : `reminder-digest.${n.localDate}`;
    case 'inputs-complete':
      return `inputs-complete.round-${n.round}`;
    case 'cycle-cancelled':
      return 'cycle-cancelled';
    case 'owners-update':
      return `owners-update.${n.event}`;
  }
}
