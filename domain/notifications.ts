/**
 * What the workflows ask the mail activity to send. The workflow decides who is told what and
 * when; the activity turns a notification into a mail (texts in activities/mail/texts/, one module
 * per stage) with its action link. Files are referred to by key under the artifacts folder, never
 * by bytes. A deadline travels as a `DeadlineRef` (a key, a round or version), never as an event:
 * the activity builds the calendar invitation, whose SEQUENCE the workflow numbers
 * (workflows/review-cycle/calendar.ts).
 */
import type { RoleRef } from './people';
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

/**
 * A deadline as a person's calendar holds it: an area's input (in collection round `round`: 0 from
 * the kick-off, N after the reopening that followed draft vN), the coordinator's review of draft
 * `version`, or a director's sign-off of it. With the cycle and the recipient it fixes the
 * invitation's UID (`deadlineKey`); the round or version gives the least SEQUENCE (`leastSequence`).
 */
export type DeadlineRef =
  | { kind: 'contribution'; area: { id: string; title: string }; round: number }
  | { kind: 'draft-review'; version: number }
  | { kind: 'sign-off'; version: number; director: Side };

/**
 * A deadline withdrawn from the recipient's calendar (METHOD:CANCEL, activities/mail/calendar.ts):
 * which one, the due instant its event shows (ISO 8601 UTC), and the SEQUENCE the workflow gave
 * the cancellation (absent only in notifications built outside a workflow: then `leastSequence`).
 */
export interface CalendarCancellation {
  deadline: DeadlineRef;
  dueAt: string;
  sequence?: number;
}

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
  /** SEQUENCE of the invitation, numbered by the workflow; absent in notifications from before it did (then `leastSequence`). */
  sequence?: number;
}

/**
 * An area owner learns that the coordinator extended the area's deadline: the input is now due at
 * `dueAt` (it was `previousDueAt`); the invitation moves their event. `round` as in `DeadlineRef`.
 */
export interface DeadlineMoved extends Base {
  kind: 'deadline-moved';
  area: { id: string; title: string; paragraphs: number[] };
  side: Side;
  round: number;
  /** ISO 8601 UTC. */
  dueAt: string;
  previousDueAt: string;
  /** SEQUENCE of the moved invitation, numbered by the workflow (absent: `leastSequence` of a change). */
  sequence?: number;
}

/**
 * The previous holder of a role learns that the coordinator passed it to `nextName` at `at`
 * (ISO 8601 UTC); their open deadline for it, if any, is withdrawn from their calendar.
 */
export interface RolePassed extends Base {
  kind: 'role-passed';
  role: RoleRef;
  /** The area of an area owner's role (English title, as the cycle has it). */
  area?: { id: string; title: string };
  nextName: string;
  at: string;
  /** Its number among the cycle's reassignments (1, 2, …), which names the mail. */
  reassignment: number;
  cancels?: CalendarCancellation[];
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
  /** SEQUENCE of the invitation, as for `ContributionRequest`. */
  sequence?: number;
}

/** A director is asked to approve draft `version` or request changes. */
export interface SignOffRequest extends Base {
  kind: 'sign-off-request';
  version: number;
  director: Side;
  files: ArtifactFile[];
  dueAt: string;
  /** SEQUENCE of the invitation, as for `ContributionRequest`. */
  sequence?: number;
}

/** The coordinator and the directors learn that a director requested changes. */
export interface ChangesRequested extends Base {
  kind: 'changes-requested';
  version: number;
  decision: SignOffDecision;
  directorName: string;
  /** For the coordinator's copy: when the coordinator's next decision on the draft is due (ISO 8601 UTC); the mail then carries the draft-review link. */
  coordinatorDueAt?: string;
  /** For the other director's copy when they had not decided: their sign-off of this version, withdrawn from their calendar. */
  cancels?: CalendarCancellation[];
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
  /** The recipient's open deadlines, withdrawn from their calendar (absent: none, or sent before they were). */
  cancels?: CalendarCancellation[];
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
  /** On cancellation: the recipient's open deadlines (their areas still taking input), withdrawn from their calendar. */
  cancels?: CalendarCancellation[];
}

export type Notification =
  | OwnersUpdate
  | ContributionRequest
  | DeadlineMoved
  | RolePassed
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
    case 'deadline-moved':
      // Each extension moves the due date later: the date names the mail within the round.
      return `deadline-moved.${n.area.id}.round-${n.round}.${n.dueAt}`;
    case 'role-passed':
      return `role-passed.${n.reassignment}`;
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

/** The notifications that set a deadline for their recipient, and so carry an invitation (METHOD:REQUEST). */
export type DeadlineNotification = ContributionRequest | DeadlineMoved | DraftReady | SignOffRequest;

/** The deadlines `n` withdraws from its recipient's calendar (a role passed on, a cancelled cycle, a void sign-off); none for most mails. */
export function cancellationsOf(n: Notification): CalendarCancellation[] {
  return ('cancels' in n && n.cancels) || [];
}

/** Whether `n` asks its recipient for something by a due date (and so carries an invitation). */
export function hasDeadline(n: Notification): n is DeadlineNotification {
  return n.kind === 'contribution-request' || n.kind === 'deadline-moved' || n.kind === 'draft-ready' || n.kind === 'sign-off-request';
}

/**
 * The collection round of an area's deadline, from the area or the request that asks for it: 0
 * from the kick-off, N after the reopening that followed draft vN.
 */
export function roundOf(x: { reopened?: { afterVersion: number } }): number {
  return x.reopened?.afterVersion ?? 0;
}

/** The deadline a request (or a moved deadline) sets. */
export function deadlineOf(n: DeadlineNotification): DeadlineRef {
  switch (n.kind) {
    case 'contribution-request':
      return { kind: 'contribution', area: { id: n.area.id, title: n.area.title }, round: roundOf(n) };
    case 'deadline-moved':
      return { kind: 'contribution', area: { id: n.area.id, title: n.area.title }, round: n.round };
    case 'draft-ready':
      return { kind: 'draft-review', version: n.version };
    case 'sign-off-request':
      return { kind: 'sign-off', version: n.version, director: n.director };
  }
}

/**
 * The name of a deadline within its cycle, the same for every request, move and cancellation of
 * it: `contribution.<areaId>`, `draft-review`, `sign-off.<side>`. With the cycle and the
 * recipient's address it makes the invitation's UID (activities/mail/calendar.ts), so the
 * reopening of an area moves the area's event rather than adding one, and draft v2's review
 * replaces v1's.
 */
export function deadlineKey(d: DeadlineRef): string {
  switch (d.kind) {
    case 'contribution':
      return `contribution.${d.area.id}`;
    case 'draft-review':
      return 'draft-review';
    case 'sign-off':
      return `sign-off.${d.director}`;
  }
}

/**
 * The least SEQUENCE of an invitation for `d`: for its request, the round or the draft version
 * less one (0 at kick-off and for draft v1; what every invitation carried before the workflow
 * numbered them), and one more for a `change` (a move or a cancellation), which must replace
 * that request in the recipient's calendar.
 */
export function leastSequence(d: DeadlineRef, change: boolean): number {
  const request = d.kind === 'contribution' ? d.round : d.version - 1;
  return change ? request + 1 : request;
}
