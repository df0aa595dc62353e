/**
 * `ReviewCycle`: the state of one running review cycle and the guards every stage shares — who may
 * act, in which stage, on which area — with the helpers that record events, change the stage and
 * send mail. The stage modules (collecting, drafting, sign-off, submission, reminders) act on it;
 * the workflow function (index.ts) only wires it up.
 */
import { condition, log, metricMeter, patched, upsertMemo, upsertSearchAttributes, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import { CYCLE_LIST_MEMO, cycleListMemo } from '../../domain/cycle-list-memo';
import { areasByOwner, dueAtAfter, initialState, type ReviewCycleInput } from '../../domain/cycle';
import type { CycleEvent, PersonRef } from '../../domain/events';
import { actingDeputy } from '../../domain/people';
import { recordDecisionMetrics } from '../../domain/metrics';
import { ReviewStageKey, areaDirectiveSignal, type AreaDirective } from '../../domain/messages';
import { cancellationsOf, hasDeadline, type Notification } from '../../domain/notifications';
import { refuse, type AreaRef } from '../../domain/outcomes';
import { localDateOf } from '../../domain/calendar';
import type { RatingOverride } from '../../domain/report';
import type { Actor, Stage } from '../../domain/schemas';
import type { AreaState, DraftRecord, ReviewCycleState } from '../../domain/state';
import type { areaCollection } from '../area-collection';
import { archiveCycle, sendNotification } from './activities';
import { InvitationSequences, cancelsFor, type OpenDeadline } from './calendar';
import type { z } from 'zod';
import type { ReviewCycleInput as ReviewCycleInputSchema } from '../../domain/cycle';

/** The validated input of a cycle (defaults applied). */
export type CycleInput = z.output<typeof ReviewCycleInputSchema>;
export type { ReviewCycleInput };

/** The actor of what the cycle does by itself (stage changes, mails, drafts). */
export const SYSTEM: Actor = { email: 'system@sdp-review.invalid', name: 'sdp-review', role: 'system', channel: 'system' };

/** Thrown inside the stage machine when the coordinator cancels the cycle. */
export class CycleCancelled extends Error {}

/** What the coordinator decided on a draft in review. */
export type CoordinatorAction =
  | { kind: 'approve'; actor: Actor }
  | { kind: 'reopen'; areaIds: string[]; comment: string; actor: Actor };

export class ReviewCycle {
  readonly state: ReviewCycleState;
  readonly cycleId = workflowInfo().workflowId;
  readonly year: number;
  /** The cycle's IANA time zone: due dates are ends of local days there. */
  readonly tz: string;
  readonly kickoffDate: string;
  readonly children = new Map<string, ChildWorkflowHandle<typeof areaCollection>>();
  readonly ratingOverrides: Record<string, RatingOverride> = {};
  /**
   * Per area, the reports received: the highest number (the fields of a report numbered below it
   * are stale, not applied) and every number (one per signal, so bounded by the history; a repeat
   * is not recorded twice).
   */
  readonly areaReports = new Map<string, { last: number; seen: Set<number> }>();
  /** Mail sends in flight: awaited only at the end, so a slow SMTP server never holds a stage. */
  readonly pendingMail: Promise<unknown>[] = [];
  /** Archive writes in flight, started at stage changes: awaited before the final one. */
  readonly pendingArchive: Promise<void>[] = [];
  /** Areas whose extension is on its way to the area's workflow: one at a time per area. */
  readonly extending = new Set<string>();
  closeRequested = false;
  cancelRequest: { reason: string; actor: Actor } | undefined;
  coordinatorAction: CoordinatorAction | undefined;
  /** Set by the coordinator's `resume` while the cycle is stuck: the render is tried again at once. */
  resumeRequested = false;
  /** True while a draft waits for the coordinator's approval or reopening. */
  awaitingCoordinator = false;
  /** Set when the coordinator wrote the synthesis: the draft in review is rendered again with it. */
  synthesisPending = false;
  /** True once a reopening has sent areas back: such a round closes as soon as nothing is outstanding. */
  reopenRound = false;
  /** Collection rounds begun: 0 before the first, n + 1 after the n-th reopening. */
  collectionRounds = 0;
  /** Set when the cycle has submitted or been cancelled: the reminder loop ends. */
  finished = false;
  /** Bumped on every recorded event: the reminder loop re-plans when it changes. */
  changes = 0;
  /** The SEQUENCE of each calendar invitation sent, by deadline and recipient (./calendar.ts). */
  readonly invitations = new InvitationSequences();

  constructor(readonly input: CycleInput) {
    this.year = input.year;
    this.tz = input.timeline.timeZone;
    this.kickoffDate = localDateOf(input.kickoffAt, this.tz);
    this.state = { ...initialState(input, this.cycleId), reminderPolicy: input.reminderPolicy };
  }

  /**
   * The people of the cycle. Reassignments (./people.ts) change the directors and the area owners
   * in place, in this object and in the state, so that every stage reads the current holders.
   */
  get participants(): CycleInput['participants'] {
    return this.input.participants;
  }

  now(): string {
    return new Date().toISOString();
  }

  /** The end of the local working day `days` working days from today, in the cycle's zone (UTC ISO). */
  dueAfter(days: number): string {
    return dueAtAfter(localDateOf(this.now(), this.tz), days, this.tz, this.input.reminderPolicy.closedDays);
  }

  /** Records an event in the cycle's history, and logs it (never during replay; no addresses or links). */
  record(event: Omit<CycleEvent, 'at'> & { at?: string }): void {
    // An area's event can arrive after later events of the cycle (its owner's click completes in the
    // area's workflow, the cycle hears of it a moment later): it takes its place by time, so the
    // history reads in the order things happened.
    const entry = { at: event.at ?? this.now(), ...event };
    const events = this.state.events;
    let i = events.length;
    while (i > 0 && events[i - 1]!.at > entry.at) i -= 1;
    events.splice(i, 0, entry);
    this.changes += 1;
    // The decision is the event just placed (the last of the history up to it).
    recordDecisionMetrics(metricMeter, i === events.length - 1 ? events : events.slice(0, i + 1));
    const { action, stage, version, areaId } = event;
    log.info('cycle event', { year: this.year, action, stage, version, areaId, actorRole: event.actor.role, channel: event.actor.channel });
    this.syncListMemo();
  }

  /** The memo last written, as JSON: a change that the list view does not show writes nothing. */
  private lastListMemo = '';

  /**
   * Keeps the workflow's memo `cycleList` (domain/cycle-list-memo.ts, about 1 KB) equal to the
   * list view of the state, so that `/cycles` and `sdp-review list` read every running cycle from
   * one visibility listing instead of a state query each. Histories from before it replay without it.
   */
  syncListMemo(): void {
    if (!patched('cycle-list-memo')) return;
    const memo = cycleListMemo(this.state);
    const json = JSON.stringify(memo);
    if (json === this.lastListMemo) return;
    this.lastListMemo = json;
    upsertMemo({ [CYCLE_LIST_MEMO]: memo });
  }

  setStage(stage: Stage, dueAt?: string): void {
    this.state.stageDueAt = dueAt;
    if (this.state.stage === stage) return this.syncListMemo();
    this.state.stage = stage;
    upsertSearchAttributes([{ key: ReviewStageKey, value: stage }]);
    this.record({ actor: SYSTEM, action: 'stage-entered', stage });
    this.pendingArchive.push(this.archive(false));
  }

  /**
   * Writes the cycle's audit archive (activities/archive/): at each stage change, and `final` when
   * the cycle has ended. A failure after all retries is recorded, never fails the cycle. Guarded by
   * `patched` so that histories from before the archive replay unchanged.
   */
  async archive(final: boolean): Promise<void> {
    if (!patched('audit-archive')) return;
    try {
      await archiveCycle({ workflowId: this.cycleId, final });
    } catch (err) {
      this.record({ actor: SYSTEM, action: 'archive-failed', reason: (err as Error).message });
    }
  }

  /** Writes the final archive once every earlier write has ended, so none overwrites it. */
  async archiveFinal(): Promise<void> {
    await Promise.all(this.pendingArchive);
    await this.archive(true);
  }

  /**
   * Starts a send and goes on; the outcome is recorded as an event when it is known. A mail to
   * someone whose deputy is acting today goes to the deputy, saying for whom (the submission to
   * the SA Council secretariat never has a deputy). The calendar invitations and cancellations it
   * carries are numbered for the person who receives it (./calendar.ts).
   */
  notify(original: Notification): void {
    const standIn = original.kind === 'submission' ? undefined : actingDeputy(this.state.deputies, original.to.email, this.now());
    const n = this.invitations.number<Notification>(standIn ? { ...original, to: { ...standIn.deputy, onBehalfOf: { name: standIn.principal.name, email: standIn.principal.email } } } : original);
    const mail = { kind: n.kind, to: n.to.email };
    const sending = this.sendInOrder(n).then(
      (sent) => this.record({ actor: SYSTEM, action: 'mail-sent', mail: { ...mail, messageId: sent.messageId, alreadySent: sent.alreadySent } }),
      (err: unknown) => this.record({ actor: SYSTEM, action: 'mail-failed', mail: { ...mail, error: (err as Error).message } }),
    );
    this.pendingMail.push(sending);
  }

  /** Per recipient (address in lower case), the last mail carrying a calendar part: the next one is sent after it. */
  private readonly calendarMail = new Map<string, Promise<unknown>>();

  /**
   * Sends `n`; a mail with a calendar part (an invitation, a moved date, a cancellation) only once
   * the recipient's previous one has been sent or has failed for good. A calendar client applies
   * what arrives in arrival order, and a cancellation that overtook the invitation it withdraws (that
   * one still retried after a refusal, say by greylisting) would leave the event in the calendar.
   * Histories from before this sent every mail at once.
   */
  private sendInOrder(n: Notification): ReturnType<typeof sendNotification> {
    const calendar = hasDeadline(n) || cancellationsOf(n).length > 0;
    if (!calendar || !patched('calendar-mails-in-order')) return sendNotification(n);
    const key = n.to.email.toLowerCase();
    const before = this.calendarMail.get(key);
    const sent = before ? before.then(() => sendNotification(n)) : sendNotification(n);
    this.calendarMail.set(key, sent.catch(() => undefined));
    return sent;
  }

  /**
   * Tells every area owner (one mail each, listing their areas with the input on record) that
   * collection closed, the report was submitted, or the cycle was cancelled. The caller guards it
   * with `patched('owners-told')`. `withdraw`: the open deadlines whose events each owner's mail
   * cancels in their calendar (./calendar.ts `openDeadlines`, taken before the cycle ended).
   */
  tellOwners(event: 'collection-closed' | 'submitted' | 'cancelled', facts: { reason?: string; version?: number }, withdraw: readonly OpenDeadline[] = []): void {
    const at = this.now();
    for (const { to, areas } of areasByOwner(this.state.areas)) {
      const cancels = cancelsFor(withdraw, to);
      this.notify({
        kind: 'owners-update', cycleId: this.cycleId, year: this.year, timeZone: this.tz, to, event, at, ...facts,
        areas: areas.map((a) => ({ id: a.id, title: a.title, revision: a.revision, waived: a.status === 'waived' })),
        ...(cancels.length ? { cancels } : {}),
      });
    }
  }

  /** The area `id`; refuses `unknown-area` naming `field`. */
  area(id: string, field = 'areaId'): AreaState {
    const found = this.state.areas.find((a) => a.id === id);
    if (!found) refuse({ code: 'unknown-area', field, areaId: id, known: this.state.areas.map((a) => a.id) });
    return found;
  }

  areaRef(id: string): AreaRef {
    return { id, title: this.area(id).title };
  }

  currentDraft(): DraftRecord | undefined {
    return this.state.drafts[this.state.drafts.length - 1];
  }

  /** Refuses unless `actor` is the coordinator. */
  asCoordinator(actor: Actor): Actor {
    return this.requireActor(actor, 'coordinator', this.participants.coordinator.email, 'coordinator');
  }

  /** Refuses unless `actor` is the director of `side`, or the deputy acting for that director today. */
  asDirector(actor: Actor, side: 'eu' | 'al'): Actor {
    return this.directorActing(actor, side).by;
  }

  /** As `asDirector`, and for a deputy the director they act for (`onBehalfOf`). */
  directorActing(actor: Actor, side: 'eu' | 'al'): { by: Actor; onBehalfOf?: PersonRef } {
    const director = this.state.directors[side];
    const standIn = actingDeputy(this.state.deputies, director.email, this.now());
    if (standIn && actor.email === standIn.deputy.email && actor.email !== director.email) {
      if (actor.role !== 'director' && actor.role !== 'system') refuse({ code: 'wrong-role', expected: 'director', got: actor.role });
      return { by: actor, onBehalfOf: { name: director.name, email: director.email } };
    }
    return { by: this.requireActor(actor, 'director', director.email, side === 'eu' ? 'eu-director' : 'al-director') };
  }

  private requireActor(actor: Actor, role: 'coordinator' | 'director', permitted: string, as: 'coordinator' | 'eu-director' | 'al-director'): Actor {
    if (actor.email !== permitted.toLowerCase()) refuse({ code: 'not-permitted', email: actor.email, as, permitted });
    if (actor.role !== role && actor.role !== 'system') refuse({ code: 'wrong-role', expected: role, got: actor.role });
    return actor;
  }

  /** Refuses while a cancellation is pending, and outside `stages`. */
  requireStage(...stages: Stage[]): void {
    if (this.cancelRequest) refuse({ code: 'cycle-cancelling', year: this.year, reason: this.cancelRequest.reason });
    if (!stages.includes(this.state.stage)) refuse({ code: 'wrong-stage', year: this.year, stage: this.state.stage, allowed: stages });
  }

  /** Sends a directive to an area's workflow, once the kick-off has started it. */
  async sendDirective(areaId: string, directive: AreaDirective): Promise<void> {
    await condition(() => this.children.has(areaId));
    await this.children.get(areaId)!.signal(areaDirectiveSignal, directive);
  }

  throwIfCancelled(): void {
    if (this.cancelRequest) throw new CycleCancelled();
  }

  /** Tells each area's workflow that the cycle is over, and waits for them to end. */
  async finishChildren(): Promise<void> {
    await Promise.all([...this.children.values()].map((c) => c.signal(areaDirectiveSignal, { kind: 'finish' }).catch(() => undefined)));
    await Promise.all([...this.children.values()].map((c) => c.result().catch(() => undefined)));
  }
}
