/**
 * `areaCollection`: the child workflow that collects the input of one area of cooperation for one
 * review cycle (Partnership §32: "the areas … will be reviewed regularly"). It holds the area's
 * contribution, validates each submission in a synchronous Update validator (state untouched on
 * bad input), applies the coordinator's directives (extend, waive, reopen, close) sent by the
 * cycle, and reports every change to the cycle by signal.
 */
import { condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import {
  areaChangedSignal,
  areaDirectiveSignal,
  areaStateQuery,
  submitContributionUpdate,
  yearOfCycleId,
  type AreaDirective,
  type AreaReport,
  SubmitContributionArgs,
} from '../domain/messages';
import { storedContributionProblems } from '../domain/contribution-ref';
import { INLINE_CONTRIBUTION_MAX_BYTES, contributionSchemaFor, type AreaOfCooperation, type AreaOwners } from '../domain/schemas';
import { type AreaState } from '../domain/state';
import { parseArgs, refuse, type SubmitContributionResult } from '../domain/outcomes';

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

/**
 * Revisions one area accepts in one cycle. Each is an Update and a report to the cycle in their
 * histories: the bound keeps both far below Temporal's limits (50 MB, 51 200 events) whatever
 * people do, with a clear refusal instead of a workflow terminated by the server.
 */
export const MAX_REVISIONS = 100;

export async function areaCollection(input: AreaCollectionInput): Promise<AreaState> {
  const { area, owners } = input;
  // Inputs sent inline (clients before inputs by reference) keep the limit that fits a payload.
  const inlineSchema = contributionSchemaFor(area, INLINE_CONTRIBUTION_MAX_BYTES);
  const year = yearOfCycleId(input.cycleId) ?? 0;
  const ref = { id: area.id, title: area.title };
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
  /** Deputies acting for this area's owners, as the cycle last sent them (UTC periods). */
  let deputies: Extract<AreaDirective, { kind: 'people' }>['deputies'] = [];
  /** The owner `email` stands in for now, if `email` is an acting deputy of one of this area's owners. */
  const standingInFor = (email: string, now: number) =>
    deputies.find((d) => d.email === email && Date.parse(d.startsAt) <= now && now <= Date.parse(d.endsAt) && [state.owners.eu.email, state.owners.al.email].includes(d.onBehalfOf));
  const parent = getExternalWorkflowHandle(input.cycleId);

  /** Sends the area's state to the cycle; `seq` lets the cycle drop a report that arrives late. */
  async function report(event?: AreaReport['event']): Promise<void> {
    seq += 1;
    const { id, status, closed, dueAt, revision, submittedAt, submittedBy, contribution, input: stored, waiver, reopened } = state;
    try {
      await parent.signal(areaChangedSignal, { id, status, closed, dueAt, revision, submittedAt, submittedBy, contribution, input: stored, waiver, reopened, event, seq });
    } catch {
      // The cycle has closed (completed or cancelled): nobody is left to tell.
    }
  }

  setHandler(areaStateQuery, () => state);

  setHandler(
    submitContributionUpdate,
    async (raw): Promise<SubmitContributionResult> => {
      const { actor, stored } = parseArgs(SubmitContributionArgs, raw);
      const now = new Date().toISOString();
      state.input = stored;
      state.contribution = stored ? undefined : parseArgs(inlineSchema, raw.contribution);
      state.revision += 1;
      state.status = 'submitted';
      state.submittedAt = now;
      state.submittedBy = actor;
      const deputyOf = standingInFor(actor.email, Date.parse(now));
      const principal = deputyOf && [state.owners.eu, state.owners.al].find((o) => o.email === deputyOf.onBehalfOf);
      const told = report({
        action: state.revision === 1 ? 'contribution-submitted' : 'contribution-revised', actor, at: now, revision: state.revision,
        ...(stored ? { input: { key: stored.key, sha256: stored.sha256 } } : {}),
        ...(principal ? { onBehalfOf: { name: principal.name, email: principal.email } } : {}),
      });
      // The input is recorded here, in the area's workflow: the owner's click completes now, and
      // the cycle hears of it a moment later (one workflow task instead of three). Histories from
      // before this waited for the cycle to hear of it.
      if (!patched('contribution-completes-on-record')) await told;
      return {
        stage: 'collecting', code: 'contribution-recorded', area: ref,
        revision: state.revision, submittedAt: now, late: Date.parse(now) > Date.parse(state.dueAt),
        ...(state.reopened ? { afterReopening: true } : {}),
      };
    },
    {
      validator: (raw) => {
        const { actor, stored } = parseArgs(SubmitContributionArgs, raw);
        // The owners as the cycle last said (a reassignment changes them), and their acting deputies.
        const allowed = [state.owners.eu.email, state.owners.al.email, input.coordinatorEmail].map((e) => e.toLowerCase());
        if (!allowed.includes(actor.email) && !standingInFor(actor.email, Date.now())) {
          refuse({ code: 'not-area-owner', email: actor.email, area: ref, owners: [state.owners.eu.name, state.owners.al.name] });
        }
        if (state.closed) {
          refuse({ code: 'area-not-accepting', area: ref, status: state.status, revision: state.revision, submittedAt: state.submittedAt });
        }
        if (state.revision >= MAX_REVISIONS) refuse({ code: 'too-many-revisions', area: ref, max: MAX_REVISIONS });
        if (!stored) {
          parseArgs(inlineSchema, raw.contribution);
          return;
        }
        const problems = storedContributionProblems(stored, area, year);
        if (problems.length > 0) refuse({ code: 'invalid-input', errors: problems });
      },
    },
  );

  setHandler(areaDirectiveSignal, (directive: AreaDirective) => {
    switch (directive.kind) {
      case 'people':
        state.owners = directive.owners;
        deputies = directive.deputies;
        return;
      case 'extend':
        if (state.closed) return;
        state.dueAt = directive.dueAt;
        void report({ action: 'deadline-extended', actor: directive.actor, at: directive.at, dueAt: directive.dueAt });
        return;
      case 'waive':
        if (state.closed) return;
        state.status = 'waived';
        state.closed = true;
        state.waiver = { reason: directive.reason, by: directive.actor, at: directive.at };
        void report({ action: 'area-waived', actor: directive.actor, at: directive.at, reason: directive.reason });
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
