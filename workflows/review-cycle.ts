/**
 * `reviewCycle`: one review cycle of the EU–Albania Security and Defence Partnership, one per year
 * (workflow id `review-cycle-<year>`). Partnership §9 and §32: the areas of cooperation are
 * reviewed in the annual Security and Defence Dialogue (Directors' level) and the outcome is
 * discussed at the EU–Albania Stabilisation and Association Council.
 *
 * Stages: collecting → drafting → director sign-off → submission → submitted (or cancelled).
 * - Collecting: a child workflow per area (`areaCollection`) takes the owners' inputs.
 * - Drafting: an activity assembles draft version n; the coordinator approves it for sign-off or
 *   reopens chosen areas, which go back to collecting.
 * - Director sign-off: both directors approve the same version; a request for changes returns to
 *   drafting, and the next version needs both approvals again.
 * - Submission: the final report is mailed to the SA Council secretariat and recorded.
 */
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  ReviewStageKey,
  ReviewYearKey,
  approveDraftUpdate,
  areaChangedSignal,
  areaCollectionId,
  areaDirectiveSignal,
  cancelCycleUpdate,
  closeCollectionUpdate,
  extendDeadlineUpdate,
  overrideRatingUpdate,
  reopenAreasUpdate,
  signOffUpdate,
  stateQuery,
  waiveAreaUpdate,
  type AreaDirective,
  type AreaReport,
  type ReviewCycleResult,
  type UpdateOutcome,
} from '../domain/messages';
import type { Notification } from '../domain/notifications';
import { reportingPeriodFor, type RatingOverride, type ReportInput } from '../domain/report';
import { REMINDER_HORIZON_MS, ReviewCycleInput as ReviewCycleInputSchema, dueAtAfter, initialState, reminderItems, type ReviewCycleInput } from '../domain/cycle';
import { endOfLocalDay, groupIntoDigests, localDateOf, nextReminderAt, planReminders } from '../domain/reminders';
import {
  Actor,
  CalendarDate,
  PersonText,
  RequiredText,
  type AreaState,
  type CycleEvent,
  type DraftRecord,
  type ReviewCycleState,
  type Side,
  type Stage,
} from '../domain/schemas';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE } from '../domain/validation';
import { areaCollection } from './area-collection';

const { renderReport, recordSubmission } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// Mail is retried for a long time (an SMTP server may be down for hours) without holding up the
// stages: the workflow starts a send and goes on, and waits for outstanding sends only at the end.
const { sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 200 },
});

const SYSTEM: Actor = { email: 'system@sdp-review.invalid', name: 'sdp-review', role: 'system', channel: 'system' };

/** Thrown inside the stage machine when the coordinator cancels the cycle. */
class CycleCancelled extends Error {}

export async function reviewCycle(rawInput: ReviewCycleInput): Promise<ReviewCycleResult> {
  const parsedInput = ReviewCycleInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    // Clients validate before starting; this guards a start from elsewhere (e.g. the Temporal UI).
    throw ApplicationFailure.nonRetryable(`Invalid review cycle input: ${parsedInput.error.message}`, VALIDATION_FAILURE);
  }
  const input = parsedInput.data;
  const { year, participants, timeline } = input;
  const tz = timeline.timeZone;
  const cycleId = workflowInfo().workflowId;
  const kickoffDate = localDateOf(input.kickoffAt, tz);
  const dueAfter = (days: number) => dueAtAfter(localDateOf(nowIso(), tz), days, tz, input.reminderPolicy.closedDays);

  const state: ReviewCycleState = { ...initialState(input, cycleId), reminderPolicy: input.reminderPolicy };

  const children = new Map<string, ChildWorkflowHandle<typeof areaCollection>>();
  const ratingOverrides: Record<string, RatingOverride> = {};
  const lastSeq = new Map<string, number>();
  const pendingMail: Promise<unknown>[] = [];
  let closeRequested = false;
  let cancelRequest: { reason: string; actor: Actor } | undefined;
  let coordinatorAction: { kind: 'approve'; actor: Actor } | { kind: 'reopen'; areaIds: string[]; comment: string; actor: Actor } | undefined;
  let reopenRound = false;
  /** Collection rounds begun: 0 before the first, n + 1 after the n-th reopening. */
  let collectionRounds = 0;
  /** Set when the cycle has submitted or been cancelled: the reminder loop ends. */
  let finished = false;
  /** Areas whose extension is on its way to the area's workflow: one at a time per area. */
  const extending = new Set<string>();
  /** True while a draft waits for the coordinator's approval or reopening. */
  let awaitingCoordinator = false;

  // ---- helpers -------------------------------------------------------------------------------
  function nowIso(): string {
    return new Date().toISOString();
  }
  /** Bumped on every recorded event: the reminder loop re-plans when it changes. */
  let changes = 0;
  function record(event: Omit<CycleEvent, 'at'> & { at?: string }): void {
    state.events.push({ at: event.at ?? nowIso(), ...event });
    changes += 1;
  }
  function setStage(stage: Stage, dueAt?: string): void {
    state.stageDueAt = dueAt;
    if (state.stage === stage) return;
    state.stage = stage;
    upsertSearchAttributes([{ key: ReviewStageKey, value: stage }]);
    record({ actor: SYSTEM, action: 'stage-entered', detail: stage });
  }
  function notify(n: Notification): void {
    const sending = sendNotification(n).then(
      (sent) => record({ actor: SYSTEM, action: 'mail-sent', detail: `${n.kind} to ${n.to.email} (${sent.messageId})${sent.alreadySent ? ', already sent before' : ''}` }),
      (err: unknown) => record({ actor: SYSTEM, action: 'mail-failed', detail: `${n.kind} to ${n.to.email}: ${(err as Error).message}` }),
    );
    pendingMail.push(sending);
  }
  function area(id: string): AreaState {
    const found = state.areas.find((a) => a.id === id);
    if (!found) throw ApplicationFailure.create({ type: VALIDATION_FAILURE, message: `areaId: unknown area "${id}"; known: ${state.areas.map((a) => a.id).join(', ')}` });
    return found;
  }
  function currentDraft(): DraftRecord | undefined {
    return state.drafts[state.drafts.length - 1];
  }
  function reject(type: string, message: string): never {
    throw ApplicationFailure.create({ type, message });
  }
  function requireActor(actor: unknown, role: 'coordinator' | 'director', expectedEmail: string, label: string): Actor {
    const parsed = Actor.safeParse(actor);
    if (!parsed.success) reject(VALIDATION_FAILURE, `actor: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (parsed.data.email !== expectedEmail.toLowerCase()) reject(FORBIDDEN_FAILURE, `${parsed.data.email} may not act as ${label}; only ${expectedEmail} may.`);
    if (parsed.data.role !== role && parsed.data.role !== 'system') reject(FORBIDDEN_FAILURE, `actor.role must be ${role}, got ${parsed.data.role}`);
    return parsed.data;
  }
  const asCoordinator = (actor: unknown) => requireActor(actor, 'coordinator', participants.coordinator.email, 'the coordinator');
  function requireStage(...stages: Stage[]): void {
    if (cancelRequest) reject(CONFLICT_FAILURE, `The cycle ${year} is being cancelled: ${cancelRequest.reason}`);
    if (!stages.includes(state.stage)) {
      reject(CONFLICT_FAILURE, `The cycle ${year} is in stage "${state.stage}"; this action belongs to ${stages.map((s) => `"${s}"`).join(' or ')}.`);
    }
  }
  function requireText(value: unknown, field: string, max = 5_000): string {
    const parsed = RequiredText(max).safeParse(value);
    if (!parsed.success) reject(VALIDATION_FAILURE, `${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }
  /** A comment that may be empty, but not too long. */
  function optionalText(value: unknown, field: string, max = 5_000): string {
    const parsed = PersonText(max).safeParse(value ?? '');
    if (!parsed.success) reject(VALIDATION_FAILURE, `${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }
  async function sendDirective(areaId: string, directive: AreaDirective): Promise<void> {
    // An update can arrive while the children are still being started at kick-off.
    await condition(() => children.has(areaId));
    await children.get(areaId)!.signal(areaDirectiveSignal, directive);
  }
  function throwIfCancelled(): void {
    if (cancelRequest) throw new CycleCancelled();
  }

  // ---- queries, signals, updates ---------------------------------------------------------------
  setHandler(stateQuery, () => state);

  setHandler(areaChangedSignal, (report: AreaReport) => {
    if ((lastSeq.get(report.id) ?? 0) >= report.seq) return;
    lastSeq.set(report.id, report.seq);
    const target = state.areas.find((a) => a.id === report.id);
    if (!target) return;
    const { event, seq: _seq, ...fields } = report;
    Object.assign(target, fields);
    if (event) record({ ...event, areaId: report.id });
  });

  setHandler(
    extendDeadlineUpdate,
    async ({ areaId, dueDate, actor }): Promise<UpdateOutcome> => {
      const by = asCoordinator(actor);
      const dueAt = endOfLocalDay(dueDate, tz);
      const target = area(areaId);
      extending.add(areaId);
      await sendDirective(areaId, { kind: 'extend', dueAt, actor: by, at: nowIso() });
      // The area may have closed meanwhile (collection closed): then the extension did not apply.
      await condition(() => target.dueAt === dueAt || target.closed);
      extending.delete(areaId);
      if (target.dueAt !== dueAt) reject(CONFLICT_FAILURE, `"${target.title}" closed before the extension applied; it is ${target.status}.`);
      return { stage: state.stage, recorded: `The deadline for "${target.title}" is now ${dueDate} (end of day, ${tz}).`, next: 'Its owners can submit until then; reminders follow the new date.' };
    },
    {
      validator: ({ areaId, dueDate, actor }) => {
        asCoordinator(actor);
        requireStage('collecting');
        const target = area(areaId);
        if (!CalendarDate.safeParse(dueDate).success) reject(VALIDATION_FAILURE, `dueDate: must be a date YYYY-MM-DD, got "${dueDate}"`);
        if (target.closed) reject(CONFLICT_FAILURE, `"${target.title}" is ${target.status}; its deadline can no longer change.`);
        if (extending.has(areaId)) reject(CONFLICT_FAILURE, `An extension of "${target.title}" is being applied; try again in a moment.`);
        const newDueAt = Date.parse(endOfLocalDay(dueDate, tz));
        if (newDueAt <= Date.now()) reject(VALIDATION_FAILURE, `dueDate: ${dueDate} has already passed in ${tz}`);
        if (newDueAt <= Date.parse(target.dueAt)) reject(VALIDATION_FAILURE, `dueDate: ${dueDate} is not later than the current due date (${localDateOf(target.dueAt, tz)}); an extension moves it later`);
        if (newDueAt > Date.parse(state.submissionDueAt)) reject(VALIDATION_FAILURE, `dueDate: ${dueDate} is after the submission to the SA Council is due (${localDateOf(state.submissionDueAt, tz)})`);
      },
    },
  );

  setHandler(
    waiveAreaUpdate,
    async ({ areaId, reason, actor }): Promise<UpdateOutcome> => {
      const by = asCoordinator(actor);
      const target = area(areaId);
      await sendDirective(areaId, { kind: 'waive', reason: requireText(reason, 'reason', 2_000), actor: by, at: nowIso() });
      await condition(() => target.closed);
      if (target.status !== 'waived') reject(CONFLICT_FAILURE, `"${target.title}" closed before the waiver applied; it is ${target.status}.`);
      return { stage: state.stage, recorded: `"${target.title}" is waived for ${year}.`, next: 'The report will list it as waived, with the reason.' };
    },
    {
      validator: ({ areaId, reason, actor }) => {
        asCoordinator(actor);
        requireStage('collecting');
        const target = area(areaId);
        requireText(reason, 'reason', 2_000);
        if (target.closed) reject(CONFLICT_FAILURE, `"${target.title}" is already ${target.status}.`);
      },
    },
  );

  setHandler(
    closeCollectionUpdate,
    async ({ actor }): Promise<UpdateOutcome> => {
      const by = asCoordinator(actor);
      closeRequested = true;
      record({ actor: by, action: 'collection-closed' });
      return { stage: state.stage, recorded: 'Collection is closed.', next: 'The draft report is being assembled; you will receive it by mail.' };
    },
    {
      validator: ({ actor }) => {
        asCoordinator(actor);
        requireStage('collecting');
        if (closeRequested) reject(CONFLICT_FAILURE, 'Collection is already closing.');
      },
    },
  );

  setHandler(
    approveDraftUpdate,
    async ({ actor }): Promise<UpdateOutcome> => {
      coordinatorAction = { kind: 'approve', actor: asCoordinator(actor) };
      return { stage: state.stage, recorded: `Draft approved for the directors' sign-off.`, next: 'Both directors receive it by mail; each approves or requests changes.' };
    },
    {
      validator: ({ version, actor }) => {
        asCoordinator(actor);
        requireStage('drafting');
        const draft = currentDraft();
        if (!draft || !awaitingCoordinator || coordinatorAction) reject(CONFLICT_FAILURE, 'No draft is waiting for the coordinator.');
        if (version !== draft.version) reject(CONFLICT_FAILURE, `Draft v${version} is no longer current; the current draft is v${draft.version} (${draft.status}).`);
      },
    },
  );

  setHandler(
    reopenAreasUpdate,
    async ({ areaIds, comment, actor }): Promise<UpdateOutcome> => {
      const unique = [...new Set(areaIds)];
      coordinatorAction = { kind: 'reopen', areaIds: unique, comment: requireText(comment, 'comment'), actor: asCoordinator(actor) };
      const titles = unique.map((id) => area(id).title).join('; ');
      return { stage: state.stage, recorded: `Reopened: ${titles}.`, next: 'Their owners receive the comment by mail and revise; a new draft follows.' };
    },
    {
      validator: ({ version, areaIds, comment, actor }) => {
        asCoordinator(actor);
        requireStage('drafting');
        const draft = currentDraft();
        if (!draft || !awaitingCoordinator || coordinatorAction) reject(CONFLICT_FAILURE, 'No draft is waiting for the coordinator.');
        if (version !== draft.version) reject(CONFLICT_FAILURE, `Draft v${version} is no longer current; the current draft is v${draft.version} (${draft.status}).`);
        if (!Array.isArray(areaIds) || areaIds.length === 0) reject(VALIDATION_FAILURE, 'areaIds: name at least one area to reopen');
        for (const id of areaIds) {
          if (area(id).status === 'waived') reject(CONFLICT_FAILURE, `areaIds: "${id}" is waived and cannot be reopened`);
        }
        requireText(comment, 'comment');
      },
    },
  );

  setHandler(
    overrideRatingUpdate,
    async ({ areaId, rating, reason, actor }): Promise<UpdateOutcome> => {
      const by = asCoordinator(actor);
      const target = area(areaId);
      if (rating === null) {
        delete ratingOverrides[areaId];
        record({ actor: by, action: 'rating-override-removed', areaId });
        return { stage: state.stage, recorded: `The rating of "${target.title}" is derived from its commitments again.`, next: 'The next draft shows it.' };
      }
      ratingOverrides[areaId] = { rating, reason: requireText(reason, 'reason', 2_000), by, at: nowIso() };
      record({ actor: by, action: 'rating-overridden', areaId, detail: `${rating}: ${reason}` });
      return { stage: state.stage, recorded: `"${target.title}" is rated ${rating}.`, next: 'The next draft shows the rating and your reason.' };
    },
    {
      validator: ({ areaId, rating, reason, actor }) => {
        asCoordinator(actor);
        requireStage('collecting', 'drafting');
        area(areaId);
        if (rating !== null && !['green', 'amber', 'red'].includes(rating)) reject(VALIDATION_FAILURE, `rating: must be green, amber, red or null, got "${String(rating)}"`);
        if (rating !== null) requireText(reason, 'reason', 2_000);
      },
    },
  );

  setHandler(
    signOffUpdate,
    async ({ version, director, decision, comment, actor }): Promise<UpdateOutcome> => {
      const by = requireActor(actor, 'director', participants.directors[director].email, `the ${director.toUpperCase()} director`);
      const text = decision === 'request-changes' ? requireText(comment, 'comment') : optionalText(comment, 'comment');
      const entry = { version, director, decision, comment: text, by, at: nowIso() } as const;
      state.decisions.push(entry);
      record({ actor: by, action: decision === 'approve' ? 'draft-approved-by-director' : 'changes-requested-by-director', version, detail: text || undefined });
      const directorName = participants.directors[director].name;
      const other = director === 'eu' ? 'al' : 'eu';
      const otherApproved = state.decisions.some((d) => d.version === version && d.director === other && d.decision === 'approve');
      const outcome: UpdateOutcome =
        decision === 'request-changes'
          ? { stage: 'drafting', recorded: `${directorName} requested changes to draft v${version}.`, next: 'The draft returns to the coordinator; the next version needs both approvals again.' }
          : otherApproved
            ? { stage: 'submission', recorded: `${directorName} approved draft v${version}; both directors have now approved it.`, next: 'The final report goes to the SA Council secretariat.' }
            : { stage: 'sign-off', recorded: `${directorName} approved draft v${version}.`, next: `The other director, ${participants.directors[other].name}, still has to decide.` };
      notify({
        kind: 'action-confirmation', cycleId, year, timeZone: tz, to: participants.directors[director],
        actionKey: `signoff.v${version}.${director}`, summary: outcome.recorded, next: outcome.next,
      });
      return outcome;
    },
    {
      validator: ({ version, director, decision, comment, actor }) => {
        if (director !== 'eu' && director !== 'al') reject(VALIDATION_FAILURE, `director: must be eu or al, got "${String(director)}"`);
        requireActor(actor, 'director', participants.directors[director as Side].email, `the ${String(director).toUpperCase()} director`);
        if (decision !== 'approve' && decision !== 'request-changes') reject(VALIDATION_FAILURE, `decision: must be approve or request-changes, got "${String(decision)}"`);
        if (decision === 'request-changes') requireText(comment, 'comment');
        else optionalText(comment, 'comment');
        const prior = state.decisions.find((d) => d.version === version && d.director === director);
        if (prior) reject(CONFLICT_FAILURE, `${prior.by.name ?? prior.by.email} already decided on draft v${version} (${prior.decision}) at ${prior.at}.`);
        requireStage('sign-off');
        const draft = currentDraft();
        if (!draft || version !== draft.version) reject(CONFLICT_FAILURE, `Draft v${version} is not the draft in sign-off; the current draft is v${draft?.version ?? 0} (${draft?.status ?? 'none'}).`);
        if (state.decisions.some((d) => d.version === version && d.decision === 'request-changes')) {
          reject(CONFLICT_FAILURE, `Changes were already requested on draft v${version}; it is back with the coordinator.`);
        }
      },
    },
  );

  setHandler(
    cancelCycleUpdate,
    async ({ reason, actor }): Promise<UpdateOutcome> => {
      cancelRequest = { reason: requireText(reason, 'reason', 2_000), actor: asCoordinator(actor) };
      return { stage: 'cancelled', recorded: `The ${year} cycle is cancelled.`, next: 'No more requests or reminders are sent.' };
    },
    {
      validator: ({ reason, actor }) => {
        asCoordinator(actor);
        requireText(reason, 'reason', 2_000);
        if (cancelRequest) reject(CONFLICT_FAILURE, 'The cycle is already being cancelled.');
        requireStage('collecting', 'drafting', 'sign-off');
      },
    },
  );

  // ---- the stage machine -----------------------------------------------------------------------
  upsertSearchAttributes([
    { key: ReviewYearKey, value: year },
    { key: ReviewStageKey, value: 'collecting' },
  ]);
  record({ actor: input.startedBy, action: 'cycle-started', detail: `kick-off ${kickoffDate}, inputs due ${localDateOf(state.inputsDueAt, tz)}` });

  async function collect(): Promise<void> {
    // Close when the coordinator says so, or by itself once nothing is outstanding: on the first
    // round only after the due date (owners may revise until then), after a reopening at once.
    const outstanding = () => state.areas.some((a) => a.status === 'awaiting-input' || a.status === 'reopened');
    const ready = () => closeRequested || !!cancelRequest || (!outstanding() && (reopenRound || Date.now() >= Date.parse(state.inputsDueAt)));
    const round = collectionRounds++;
    // When nothing is outstanding any more before the due date, the coordinator is told once per
    // round and may close collection from the mail. Only the first round needs it: a reopen round
    // closes by itself as soon as nothing is outstanding. A side wait (no timer): the stage's own
    // waits below are unchanged, and `patched` keeps histories from before this mail replaying.
    let collected = false;
    if (!reopenRound) {
      void condition(() => collected || !outstanding()).then(() => {
        if (collected || closeRequested || cancelRequest || Date.now() >= Date.parse(state.inputsDueAt)) return;
        if (!patched('inputs-complete-mail')) return;
        const count = (status: AreaState['status']) => state.areas.filter((a) => a.status === status).length;
        notify({
          kind: 'inputs-complete', cycleId, year, timeZone: tz, to: participants.coordinator,
          submitted: count('submitted'), waived: count('waived'), missing: count('missing'), dueAt: state.inputsDueAt, round,
        });
      }, (err: unknown) => {
        if (!isCancellation(err)) throw err;
      });
    }
    while (!ready()) {
      const untilDue = Date.parse(state.inputsDueAt) - Date.now();
      await condition(ready, untilDue > 0 ? untilDue : undefined);
    }
    collected = true;
    throwIfCancelled();
    closeRequested = false;
    const at = nowIso();
    await Promise.all(state.areas.filter((a) => !a.closed).map((a) => sendDirective(a.id, { kind: 'close', at })));
    await condition(() => state.areas.every((a) => a.closed));
  }

  /**
   * Assembles the next draft version. `forReview`: the coordinator is asked to review it (false when
   * the coordinator already approved a new round after a request for changes).
   */
  async function assembleDraft({ forReview, changesRequested }: { forReview: boolean; changesRequested: boolean }): Promise<DraftRecord> {
    const version = state.drafts.length + 1;
    const previous = currentDraft();
    if (previous) previous.status = 'superseded';
    const rendered = await renderReport(reportInput(version, 'draft'));
    const draft: DraftRecord = { version, createdAt: nowIso(), status: 'in-review', files: rendered.files, changedAreas: rendered.changedAreas };
    state.drafts.push(draft);
    record({ actor: SYSTEM, action: 'draft-assembled', version, detail: rendered.changedAreas.length ? `changed: ${rendered.changedAreas.join(', ')}` : undefined });
    if (!forReview) return draft;
    const dueAt = dueAfter(timeline.draftReviewDays);
    setStage('drafting', dueAt);
    notify({
      kind: 'draft-ready', cycleId, year, timeZone: tz, to: participants.coordinator, version, files: draft.files,
      changedAreas: draft.changedAreas, dueAt,
      changesRequested: changesRequested ? state.decisions.filter((d) => d.version === version - 1 && d.decision === 'request-changes') : undefined,
    });
    return draft;
  }

  function reportInput(version: number, kind: 'draft' | 'final'): ReportInput {
    return {
      workflowId: cycleId, year, version, kind, generatedAt: nowIso(), timeZone: tz,
      reportingPeriod: reportingPeriodFor(kickoffDate),
      areas: state.areas, coordinator: participants.coordinator, directors: participants.directors,
      saCouncilSecretariat: participants.saCouncilSecretariat, ratingOverrides,
      decisions: kind === 'final' ? state.decisions.filter((d) => d.version === version) : state.decisions,
      signedDraftSha256: kind === 'final' ? currentDraft()?.files.find((f) => f.format === 'docx')?.sha256 : undefined,
    };
  }

  /** Drafting: waits for the coordinator. Returns the areas to reopen, or undefined when approved. */
  async function awaitCoordinator(): Promise<{ areaIds: string[]; comment: string; actor: Actor } | undefined> {
    coordinatorAction = undefined;
    awaitingCoordinator = true;
    await condition(() => !!coordinatorAction || !!cancelRequest);
    awaitingCoordinator = false;
    throwIfCancelled();
    const action = coordinatorAction!;
    const draft = currentDraft()!;
    if (action.kind === 'approve') {
      record({ actor: action.actor, action: 'draft-approved-for-sign-off', version: draft.version });
      return undefined;
    }
    draft.status = 'reopened';
    record({ actor: action.actor, action: 'areas-reopened', version: draft.version, detail: `${action.areaIds.join(', ')}: ${action.comment}` });
    return action;
  }

  async function reopen(action: { areaIds: string[]; comment: string; actor: Actor }): Promise<void> {
    const version = currentDraft()!.version;
    const dueAt = dueAfter(timeline.reopenDays);
    const at = nowIso();
    await Promise.all(action.areaIds.map((id) => sendDirective(id, { kind: 'reopen', comment: action.comment, dueAt, afterVersion: version, actor: action.actor, at })));
    await condition(() => action.areaIds.every((id) => area(id).status === 'reopened'));
    reopenRound = true;
    setStage('collecting', dueAt);
    for (const id of action.areaIds) {
      const target = area(id);
      for (const side of ['eu', 'al'] as const) {
        notify({
          kind: 'contribution-request', cycleId, year, timeZone: tz, to: target.owners[side], side, dueAt,
          area: { id, title: target.title, paragraphs: target.paragraphs }, reopened: { comment: action.comment, afterVersion: version },
        });
      }
    }
  }

  /** Director sign-off of the current draft: resolves true when both approved, false on a request for changes. */
  async function signOff(): Promise<boolean> {
    const draft = currentDraft()!;
    draft.status = 'in-sign-off';
    const dueAt = dueAfter(timeline.signOffDays);
    setStage('sign-off', dueAt);
    for (const director of ['eu', 'al'] as Side[]) {
      notify({ kind: 'sign-off-request', cycleId, year, timeZone: tz, to: participants.directors[director], version: draft.version, director, files: draft.files, dueAt });
    }
    const decisionsOn = () => state.decisions.filter((d) => d.version === draft.version);
    await condition(() => !!cancelRequest || decisionsOn().some((d) => d.decision === 'request-changes') || decisionsOn().filter((d) => d.decision === 'approve').length === 2);
    throwIfCancelled();
    const requested = decisionsOn().find((d) => d.decision === 'request-changes');
    if (!requested) {
      draft.status = 'signed';
      record({ actor: SYSTEM, action: 'draft-signed', version: draft.version });
      return true;
    }
    draft.status = 'changes-requested';
    const reviewDueAt = dueAfter(timeline.draftReviewDays);
    setStage('drafting', reviewDueAt);
    const directorName = participants.directors[requested.director].name;
    for (const to of [participants.coordinator, participants.directors.eu, participants.directors.al]) {
      const coordinatorDueAt = to === participants.coordinator ? reviewDueAt : undefined;
      notify({ kind: 'changes-requested', cycleId, year, timeZone: tz, to, version: draft.version, decision: requested, directorName, coordinatorDueAt });
    }
    return false;
  }

  async function submit(): Promise<ReviewCycleResult> {
    const signed = currentDraft()!;
    setStage('submission');
    const rendered = await renderReport(reportInput(signed.version, 'final'));
    const recipients = [participants.saCouncilSecretariat.email, participants.coordinator.email, participants.directors.eu.email, participants.directors.al.email];
    const sent = await sendNotification({
      kind: 'submission', cycleId, year, timeZone: tz,
      to: { name: participants.saCouncilSecretariat.name, email: participants.saCouncilSecretariat.email },
      cc: [participants.coordinator, participants.directors.eu, participants.directors.al],
      signedVersion: signed.version, files: rendered.files, directors: participants.directors,
    });
    const submission = { submittedAt: sent.sentAt, signedVersion: signed.version, recipients, messageId: sent.messageId, files: rendered.files };
    await recordSubmission({ year, submission });
    state.submission = submission;
    record({ actor: SYSTEM, action: 'report-submitted', version: signed.version, detail: `to ${participants.saCouncilSecretariat.email} (${sent.messageId})` });
    setStage('submitted');
    return { outcome: 'submitted', submission };
  }

  /**
   * Sends reminders and escalations while the cycle runs (issue 4): plans them from the state with
   * the cycle's policy, sleeps until the next one (a timer at that exact local 09:00, not a
   * 24-hour sleep: C8), re-plans whenever the state changes (a submission, an extension, a stage
   * change), and sends one digest per person per local day. A digest id is never sent twice, and
   * each mail has a stable Message-ID, so neither a replay nor a retried send duplicates it (C3).
   */
  async function reminderLoop(): Promise<void> {
    const sentDigests = new Set<string>();
    let cursor = nowIso();
    while (!finished) {
      const seen = changes;
      const plan = planReminders({
        policy: input.reminderPolicy, timeZone: tz, items: reminderItems(state),
        coordinator: participants.coordinator, directors: [participants.directors.eu, participants.directors.al],
        from: cursor, until: new Date(Date.now() + REMINDER_HORIZON_MS).toISOString(),
      });
      for (const a of state.areas) a.nextReminderAt = nextReminderAt(plan, `area:${a.id}`);
      const due = plan.filter((p) => Date.parse(p.at) <= Date.now());
      if (due.length > 0) {
        for (const digest of groupIntoDigests(due, tz)) {
          if (sentDigests.has(digest.id)) continue;
          sentDigests.add(digest.id);
          notify({
            kind: 'reminder-digest', cycleId, year, timeZone: tz, to: digest.recipient, localDate: digest.localDate,
            items: digest.reminders.map((r) => ({ kind: r.kind, stage: r.stage, key: r.key, title: reminderTitle(r.key), label: r.label, dueAt: r.dueAt, areaId: r.areaId })),
          });
          record({ actor: SYSTEM, action: 'reminder-sent', detail: `${digest.recipient.email}: ${digest.reminders.map((r) => `${reminderTitle(r.key)} (${r.label})`).join('; ')}` });
        }
        cursor = due[due.length - 1]!.at;
        continue;
      }
      // Nothing within the horizon: look again when the horizon has moved on.
      const next = plan[0];
      const wait = next ? Date.parse(next.at) - Date.now() : REMINDER_HORIZON_MS;
      await condition(() => finished || changes !== seen, wait);
    }
  }
  function reminderTitle(key: string): string {
    return reminderItems(state).find((i) => i.key === key)?.title ?? key;
  }

  async function finishChildren(): Promise<void> {
    await Promise.all([...children.values()].map((c) => c.signal(areaDirectiveSignal, { kind: 'finish' }).catch(() => undefined)));
    await Promise.all([...children.values()].map((c) => c.result().catch(() => undefined)));
  }

  try {
    for (const a of state.areas) {
      const handle = await startChild(areaCollection, {
        workflowId: areaCollectionId(year, a.id),
        args: [{ cycleId, area: input.areas.find((x) => x.id === a.id)!, owners: a.owners, coordinatorEmail: participants.coordinator.email, dueAt: a.dueAt }],
        parentClosePolicy: ParentClosePolicy.TERMINATE,
      });
      children.set(a.id, handle);
      for (const side of ['eu', 'al'] as const) {
        notify({ kind: 'contribution-request', cycleId, year, timeZone: tz, to: a.owners[side], side, dueAt: a.dueAt, area: { id: a.id, title: a.title, paragraphs: a.paragraphs } });
      }
    }

    const reminders = reminderLoop().catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    let result: ReviewCycleResult | undefined;
    let changesRequested = false;
    while (!result) {
      await collect();
      setStage('drafting');
      await assembleDraft({ forReview: true, changesRequested });
      changesRequested = false;
      for (;;) {
        const reopening = await awaitCoordinator();
        if (reopening) {
          await reopen(reopening);
          break;
        }
        if (currentDraft()!.status === 'changes-requested') await assembleDraft({ forReview: false, changesRequested: true });
        if (await signOff()) {
          result = await submit();
          break;
        }
        changesRequested = true;
      }
    }
    finished = true;
    await reminders;
    await finishChildren();
    await Promise.all(pendingMail);
    return result;
  } catch (err) {
    if (err instanceof CycleCancelled || isCancellation(err)) {
      const reason = cancelRequest?.reason ?? 'Cancelled through Temporal';
      const by = cancelRequest?.actor ?? SYSTEM;
      return await CancellationScope.nonCancellable(async () => {
        finished = true;
        state.cancelled = { reason, by, at: nowIso() };
        setStage('cancelled');
        record({ actor: by, action: 'cycle-cancelled', detail: reason });
        for (const to of [participants.coordinator, participants.directors.eu, participants.directors.al]) {
          notify({ kind: 'cycle-cancelled', cycleId, year, timeZone: tz, to, reason, byName: by.name ?? by.email });
        }
        await finishChildren();
        await Promise.all(pendingMail);
        return { outcome: 'cancelled', reason } as const;
      });
    }
    throw err;
  }
}
