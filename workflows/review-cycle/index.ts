/**
 * `reviewCycle`: one review cycle of the EU–Albania Security and Defence Partnership, one per year
 * (workflow id `review-cycle-<year>`). Partnership §9 and §32: the areas of cooperation are
 * reviewed in the annual Security and Defence Dialogue (Directors' level) and the outcome is
 * discussed at the EU–Albania Stabilisation and Association Council.
 *
 * Stages, each in its own module: collecting → drafting → director sign-off → submission →
 * submitted (or cancelled). The state and its guards are the `ReviewCycle` class (cycle.ts); this
 * function registers every handler before its first `await`, then runs the stage loop.
 */
import { ApplicationFailure, CancellationScope, isCancellation, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { ReviewCycleInput as ReviewCycleInputSchema, initialSearchAttributes, type ReviewCycleInput } from '../../domain/cycle';
import { CancelCycleArgs, ResumeCycleArgs, cancelCycleUpdate, resumeCycleUpdate, stateQuery, viewQuery, type ReviewCycleResult } from '../../domain/messages';
import { linkView } from '../../domain/link-view';
import { parseArgs, refuse, type UpdateOutcome } from '../../domain/outcomes';
import { VALIDATION_FAILURE } from '../../domain/validation';
import { collect, registerCollecting, startAreas } from './collecting';
import { cancelsFor, openDeadlines } from './calendar';
import { CycleCancelled, ReviewCycle, SYSTEM } from './cycle';
import { assembleDraft, awaitCoordinator, registerDrafting, reopen } from './drafting';
import { registerRemindNow, reminderLoop } from './reminders';
import { registerSignOff, signOff } from './sign-off';
import { registerPeople } from './people';
import { submit } from './submission';

export async function reviewCycle(rawInput: ReviewCycleInput): Promise<ReviewCycleResult> {
  const parsedInput = ReviewCycleInputSchema.safeParse(rawInput);
  if (!parsedInput.success) {
    // Clients validate before starting; this guards a start from elsewhere (e.g. the Temporal UI).
    throw ApplicationFailure.nonRetryable(`Invalid review cycle input: ${parsedInput.error.message}`, VALIDATION_FAILURE);
  }
  const cycle = new ReviewCycle(parsedInput.data);
  const { state, participants, cycleId, year, tz } = cycle;

  setHandler(stateQuery, () => state);
  // A query changes nothing in the history: adding it needs no patch. A scope that is not an
  // object (a call from elsewhere) reads as the whole cycle's view.
  setHandler(viewQuery, (scope) => linkView(state, typeof scope?.areaId === 'string' ? { areaId: scope.areaId } : {}));
  registerCollecting(cycle);
  registerDrafting(cycle);
  registerSignOff(cycle);
  registerPeople(cycle);
  registerRemindNow(cycle);
  setHandler(
    cancelCycleUpdate,
    async (raw): Promise<UpdateOutcome> => {
      const { reason, actor } = parseArgs(CancelCycleArgs, raw);
      cycle.cancelRequest = { reason, actor: cycle.asCoordinator(actor) };
      return { stage: 'cancelled', code: 'cycle-cancelled', year };
    },
    {
      validator: (raw) => {
        cycle.asCoordinator(parseArgs(CancelCycleArgs, raw).actor);
        if (cycle.cancelRequest) refuse({ code: 'cancel-pending' });
        cycle.requireStage('collecting', 'drafting', 'sign-off');
      },
    },
  );

  setHandler(
    resumeCycleUpdate,
    async (raw): Promise<UpdateOutcome> => {
      cycle.asCoordinator(parseArgs(ResumeCycleArgs, raw).actor);
      cycle.resumeRequested = true;
      return { stage: state.stage, code: 'resume-requested', version: state.stuck?.version ?? 0, step: state.stuck?.step ?? 'draft' };
    },
    {
      validator: (raw) => {
        cycle.asCoordinator(parseArgs(ResumeCycleArgs, raw).actor);
        if (!state.stuck) refuse({ code: 'not-stuck', year });
      },
    },
  );

  upsertSearchAttributes(initialSearchAttributes(year));
  cycle.record({ actor: parsedInput.data.startedBy, action: 'cycle-started', kickoffDate: cycle.kickoffDate, dueAt: state.inputsDueAt });

  try {
    await startAreas(cycle);
    const reminders = reminderLoop(cycle).catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    let result: ReviewCycleResult | undefined;
    let changesRequested = false;
    while (!result) {
      await collect(cycle);
      cycle.setStage('drafting');
      await assembleDraft(cycle, { forReview: true, changesRequested });
      changesRequested = false;
      for (;;) {
        const reopening = await awaitCoordinator(cycle);
        if (reopening) {
          await reopen(cycle, reopening);
          break;
        }
        if (cycle.currentDraft()!.status === 'changes-requested') await assembleDraft(cycle, { forReview: false, changesRequested: true });
        if (await signOff(cycle)) {
          result = await submit(cycle);
          break;
        }
        changesRequested = true;
      }
    }
    cycle.finished = true;
    await reminders;
    await cycle.finishChildren();
    await Promise.all(cycle.pendingMail);
    await cycle.archiveFinal();
    return result;
  } catch (err) {
    if (!(err instanceof CycleCancelled || isCancellation(err))) throw err;
    const reason = cycle.cancelRequest?.reason ?? 'Cancelled through Temporal';
    const by = cycle.cancelRequest?.actor ?? SYSTEM;
    return await CancellationScope.nonCancellable(async () => {
      // What was due when the cycle stopped, read before its stage becomes `cancelled`.
      const open = openDeadlines(state);
      cycle.finished = true;
      state.cancelled = { reason, by, at: cycle.now() };
      cycle.setStage('cancelled');
      cycle.record({ actor: by, action: 'cycle-cancelled', reason });
      // The mails withdraw each open deadline from its holder's calendar. Histories from before
      // these cancellations replay without them (they change only the mails' contents).
      const withdrawn = patched('cancellation-withdraws-invitations') ? open : [];
      for (const to of [participants.coordinator, participants.directors.eu, participants.directors.al]) {
        const cancels = cancelsFor(withdrawn.filter((d) => d.deadline.kind !== 'contribution'), to);
        cycle.notify({ kind: 'cycle-cancelled', cycleId, year, timeZone: tz, to, reason, byName: by.name ?? by.email, ...(cancels.length ? { cancels } : {}) });
      }
      // Histories from before these mails replay without them.
      if (patched('owners-told')) cycle.tellOwners('cancelled', { reason }, withdrawn.filter((d) => d.deadline.kind === 'contribution'));
      await cycle.finishChildren();
      await Promise.all(cycle.pendingMail);
      await cycle.archiveFinal();
      return { outcome: 'cancelled', reason } as const;
    });
  }
}
