/**
 * `areaCollection`: the child workflow that collects the input of one area of cooperation for one
 * review cycle (Partnership §32: "the areas … will be reviewed regularly"). It holds the area's
 * contribution, validates each submission in a synchronous Update validator (state untouched on
 * bad input), applies the coordinator's directives (extend, waive, reopen, close) sent by the
 * cycle, and reports every change to the cycle by signal.
 */
import { ApplicationFailure, condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import {
  areaChangedSignal,
  areaDirectiveSignal,
  areaStateQuery,
  submitContributionUpdate,
  type AreaDirective,
  type AreaReport,
  type SubmitContributionArgs,
} from '../domain/messages';
import { Actor, contributionSchemaFor, type AreaOfCooperation, type AreaOwners, type AreaState } from '../domain/schemas';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE, describeFieldErrors, fieldErrors } from '../domain/validation';

/** Input of `areaCollection`, given by the cycle when it starts the child. */
export interface AreaCollectionInput {
  /** Workflow id of the parent cycle, which receives `areaChanged` signals. */
  cycleId: string;
  area: AreaOfCooperation;
  owners: AreaOwners;
  /** E-mail of the coordinator, who may submit on the owners' behalf. */
  coordinatorEmail: string;
  /** ISO 8601 UTC. */
  dueAt: string;
}

export async function areaCollection(input: AreaCollectionInput): Promise<AreaState> {
  const { area, owners } = input;
  const schema = contributionSchemaFor(area);
  const state: AreaState = {
    id: area.id,
    title: area.title,
    paragraphs: area.paragraphs,
    crossCutting: area.crossCutting,
    commitments: area.commitments,
    owners,
    status: 'awaiting-input',
    closed: false,
    dueAt: input.dueAt,
    revision: 0,
  };
  let seq = 0;
  let finished = false;
  const parent = getExternalWorkflowHandle(input.cycleId);

  /** Sends the area's state to the cycle; `seq` lets the cycle drop a report that arrives late. */
  async function report(event?: AreaReport['event']): Promise<void> {
    seq += 1;
    const { id, status, closed, dueAt, revision, submittedAt, submittedBy, contribution, waiver, reopened } = state;
    try {
      await parent.signal(areaChangedSignal, { id, status, closed, dueAt, revision, submittedAt, submittedBy, contribution, waiver, reopened, event, seq });
    } catch {
      // The cycle has closed (completed or cancelled): nobody is left to tell.
    }
  }

  setHandler(areaStateQuery, () => state);

  setHandler(
    submitContributionUpdate,
    async ({ contribution, actor }: SubmitContributionArgs) => {
      const parsedActor = Actor.parse(actor);
      const parsed = schema.parse(contribution);
      const now = new Date().toISOString();
      state.contribution = parsed;
      state.revision += 1;
      state.status = 'submitted';
      state.submittedAt = now;
      state.submittedBy = parsedActor;
      await report({
        action: state.revision === 1 ? 'contribution-submitted' : 'contribution-revised',
        actor: parsedActor,
        at: now,
        detail: `revision ${state.revision}`,
      });
      const late = Date.parse(now) > Date.parse(state.dueAt);
      return {
        revision: state.revision,
        submittedAt: now,
        stage: 'collecting' as const,
        recorded: `Input for "${area.title}" recorded (revision ${state.revision})${late ? ', after the due date' : ''}.`,
        next: 'You may revise it until the coordinator closes collection; the coordinator then assembles the draft report.',
      };
    },
    {
      validator: ({ contribution, actor }: SubmitContributionArgs) => {
        const actorResult = Actor.safeParse(actor);
        if (!actorResult.success) {
          throw ApplicationFailure.create({ type: VALIDATION_FAILURE, message: describeFieldErrors(fieldErrors(actorResult.error, ['actor'])), details: [fieldErrors(actorResult.error, ['actor'])] });
        }
        const allowed = [owners.eu.email, owners.al.email, input.coordinatorEmail].map((e) => e.toLowerCase());
        if (!allowed.includes(actorResult.data.email)) {
          throw ApplicationFailure.create({
            type: FORBIDDEN_FAILURE,
            message: `${actorResult.data.email} is not an owner of "${area.title}"; its owners are ${owners.eu.name} and ${owners.al.name}.`,
          });
        }
        if (state.closed) {
          throw ApplicationFailure.create({
            type: CONFLICT_FAILURE,
            message: `"${area.title}" no longer accepts input: ${state.status === 'waived' ? 'it was waived' : 'collection is closed'}.`,
            details: [{ status: state.status, revision: state.revision, submittedAt: state.submittedAt }],
          });
        }
        const result = schema.safeParse(contribution);
        if (!result.success) {
          const errors = fieldErrors(result.error);
          throw ApplicationFailure.create({ type: VALIDATION_FAILURE, message: describeFieldErrors(errors), details: [errors] });
        }
      },
    },
  );

  setHandler(areaDirectiveSignal, (directive: AreaDirective) => {
    switch (directive.kind) {
      case 'extend':
        if (state.closed) return;
        state.dueAt = directive.dueAt;
        void report({ action: 'deadline-extended', actor: directive.actor, at: directive.at, detail: `due ${directive.dueAt}` });
        return;
      case 'waive':
        if (state.closed) return;
        state.status = 'waived';
        state.closed = true;
        state.waiver = { reason: directive.reason, by: directive.actor, at: directive.at };
        void report({ action: 'area-waived', actor: directive.actor, at: directive.at, detail: directive.reason });
        return;
      case 'close':
        if (state.closed) return;
        // A reopened area that was not revised keeps its earlier input, if it ever had one.
        if (state.status === 'reopened') state.status = state.revision > 0 ? 'submitted' : 'missing';
        if (state.status === 'awaiting-input') state.status = 'missing';
        state.closed = true;
        void report();
        return;
      case 'reopen':
        if (state.status === 'waived') return;
        state.status = 'reopened';
        state.closed = false;
        state.dueAt = directive.dueAt;
        state.reopened = { comment: directive.comment, by: directive.actor, at: directive.at, afterVersion: directive.afterVersion };
        void report();
        return;
      case 'finish':
        finished = true;
        return;
    }
  });

  await condition(() => finished);
  return state;
}
