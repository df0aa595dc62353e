/**
 * The events of a review cycle's history (its audit trail): one enum of kinds and typed fields, so
 * that every surface (dashboard, pages, audit export) reads facts, never prose. Recorded by the
 * workflows, in order; shown and exported by the clients, each in its own words.
 */
import { z } from 'zod';
import type { Rag } from './schemas';
import type { Actor, Stage } from './schemas';
import type { RoleRef } from './people';

/** A person as events name them: no more than a name and an address. */
export interface PersonRef {
  name: string;
  email: string;
}

/** What happened. The spelling is part of recorded histories: add kinds, never rename one. */
export const EventKind = z.enum([
  'cycle-started',
  'stage-entered',
  'contribution-submitted',
  'contribution-revised',
  'deadline-extended',
  'area-waived',
  'collection-closed',
  'draft-assembled',
  'draft-approved-for-sign-off',
  'areas-reopened',
  'rating-overridden',
  'rating-override-removed',
  'draft-approved-by-director',
  'changes-requested-by-director',
  'draft-signed',
  'report-submitted',
  'cycle-cancelled',
  'reminder-sent',
  'mail-sent',
  'mail-failed',
  'archive-failed',
  'cycle-stuck',
  'cycle-resumed',
  'role-reassigned',
  'deputy-named',
  'deputy-ended',
  'synthesis-written',
  'draft-updated',
]);
export type EventKind = z.infer<typeof EventKind>;

/** A mail the cycle sent or failed to send (events `mail-sent`, `mail-failed`, `report-submitted`). */
export interface MailFact {
  /** The notification kind (`contribution-request`, `reminder-digest`, …). */
  kind: string;
  /** Recipient's address. */
  to: string;
  messageId?: string;
  /** True when a retried send found the mail already sent (nothing went out twice). */
  alreadySent?: boolean;
  /** Why the send failed, as the mail activity reported it. */
  error?: string;
}

/**
 * One line of the cycle's event history. Which optional fields an event carries depends on its
 * kind: `stage` (stage-entered), `areaId` (area events), `version` (draft events), `areaIds`
 * (areas-reopened; draft-assembled: the areas changed since the previous version), `comment`
 * (reopening, a director's decision), `reason` (waiver, rating override, cancellation), `rating`,
 * `revision` (contributions), `dueAt` (extension; cycle-started: inputs due), `kickoffDate`,
 * `mail` (mail events), `reminders` (what a reminder digest listed); `archive-failed` carries the
 * error as `reason`.
 */
export interface CycleEvent {
  /** ISO 8601 instant (UTC). */
  at: string;
  actor: Actor;
  action: EventKind;
  areaId?: string;
  version?: number;
  stage?: Stage;
  areaIds?: string[];
  comment?: string;
  reason?: string;
  rating?: Rag;
  revision?: number;
  /** ISO 8601 instant (UTC). */
  dueAt?: string;
  /** YYYY-MM-DD, local in the cycle's time zone. */
  kickoffDate?: string;
  mail?: MailFact;
  /** Recipient and item titles of a reminder digest. */
  reminders?: { to: string; items: string[] };
  /**
   * Who changed places (`role-reassigned`: the role, `previous` and `next` holder; `deputy-named`
   * and `deputy-ended`: `principal` and `deputy`, with the local dates `fromDate`…`untilDate`).
   */
  people?: { role?: RoleRef; previous?: PersonRef; next?: PersonRef; principal?: PersonRef; deputy?: PersonRef; fromDate?: string; untilDate?: string };
  /** The person a deputy acted for (a decision or an input recorded "on behalf of"). */
  onBehalfOf?: PersonRef;
  /** The stored input of a contribution event (domain/contribution-ref.ts): its key and SHA-256, so every revision can be read again. */
  input?: { key: string; sha256: string };
  /**
   * Free text of events recorded before the typed fields existed (histories of cycles started by
   * an earlier version): shown as it is, never parsed.
   */
  detail?: string;
}
