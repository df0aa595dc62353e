/**
 * The consequences of the coordinator's actions, in figures: who is mailed, which areas are
 * reported missing, what stops. Counted from the cycle's state as the workflow will act on it, so
 * that a person confirms what will happen before it does. One source for every surface: the CLI
 * (cli/consequences.ts) and the web console (web/console/) word these figures in their own texts.
 *
 * A function answers undefined when the cycle is not in the stage the action belongs to: the
 * workflow would refuse it and nothing would happen, so there is nothing to confirm.
 */
import { deputyPeriod, holderOf, type RoleRef } from './people';
import type { Person, Rag, Stage } from './schemas';
import type { AreaState, ReviewCycleState, StuckStep } from './state';

/** The number of different people among `people` (by address, as the workflow compares them). */
export function distinctPeople(people: readonly Pick<Person, 'email'>[]): number {
  return new Set(people.map((p) => p.email.toLowerCase())).size;
}

/** Whether an area's input counts at closure: submitted, or reopened after an earlier input (kept). */
export function hasInput(a: AreaState): boolean {
  return a.status === 'submitted' || (a.status === 'reopened' && a.revision > 0);
}

/** Whether an area still waits for an input from its owners (open, and nothing in for this round). */
export function isOutstanding(a: AreaState): boolean {
  return !a.closed && (a.status === 'awaiting-input' || a.status === 'reopened');
}

const ownersOf = (areas: readonly AreaState[]) => areas.flatMap((a) => [a.owners.eu, a.owners.al]);

/** `close`: inputs in of all areas, the waived, and the areas reported missing with their owners. */
export interface CloseFigures {
  inputs: number;
  total: number;
  waived: number;
  /** Areas with no input that closure reports missing. */
  missing: number;
  /** Their owners (distinct people), who can no longer submit. */
  owners: number;
}

/** Closing collection: the areas without input are reported missing, and their owners can no longer submit. */
export function closeFigures(state: ReviewCycleState): CloseFigures | undefined {
  if (state.stage !== 'collecting') return undefined;
  const missing = state.areas.filter((a) => !a.closed && !hasInput(a));
  return {
    inputs: state.areas.filter(hasInput).length,
    total: state.areas.length,
    waived: state.areas.filter((a) => a.status === 'waived').length,
    missing: missing.length,
    owners: distinctPeople(ownersOf(missing)),
  };
}

/** `cancel`: what stops (stage, inputs, the latest draft) and how many people are told. */
export interface CancelFigures {
  year: number;
  stage: Stage;
  inputs: number;
  total: number;
  /** The latest draft's version, if any. */
  draft?: number;
  /** The coordinator, the directors and every area's owners (distinct people), mailed the cancellation. */
  told: number;
}

/** Cancelling a running cycle: it stops for good; the coordinator, both directors and the area owners (one mail each) are mailed. */
export function cancelFigures(state: ReviewCycleState): CancelFigures | undefined {
  if (state.stage === 'submitted' || state.stage === 'cancelled') return undefined;
  return {
    year: state.year,
    stage: state.stage,
    inputs: state.areas.filter(hasInput).length,
    total: state.areas.length,
    draft: state.drafts.at(-1)?.version,
    told: distinctPeople([state.coordinator, state.directors.eu, state.directors.al, ...ownersOf(state.areas)]),
  };
}

/** `reopen`: the areas of draft `version` sent back, and their owners (distinct), who are mailed. */
export interface ReopenFigures {
  version: number;
  areas: AreaState[];
  owners: number;
}

/** Reopening areas of the draft in review: both owners of each area are mailed the comment. Unknown ids are left out. */
export function reopenFigures(state: ReviewCycleState, areaIds: readonly string[], version: number): ReopenFigures | undefined {
  if (state.stage !== 'drafting') return undefined;
  const areas = state.areas.filter((a) => areaIds.includes(a.id));
  if (areas.length === 0) return undefined;
  return { version, areas, owners: distinctPeople(ownersOf(areas)) };
}

/** `remind`: the outstanding areas reminded and the people mailed (one mail each). */
export interface RemindFigures {
  areas: AreaState[];
  people: number;
}

/**
 * Reminding now: the outstanding areas among `areaIds` (all of them when none are named) and their
 * owners, one mail per person. `areas` is empty when nothing is outstanding (the workflow refuses).
 */
export function remindFigures(state: ReviewCycleState, areaIds?: readonly string[]): RemindFigures | undefined {
  if (state.stage !== 'collecting') return undefined;
  const areas = state.areas.filter((a) => isOutstanding(a) && (!areaIds?.length || areaIds.includes(a.id)));
  return { areas, people: distinctPeople(ownersOf(areas)) };
}

/** `extend`: the area, its current due instant (UTC) and the owners who may submit until the new date. */
export interface ExtendFigures {
  area: AreaState;
  currentDueAt: string;
  owners: number;
}

/** Extending an area's deadline: its owners can submit until the new date. */
export function extendFigures(state: ReviewCycleState, areaId: string): ExtendFigures | undefined {
  if (state.stage !== 'collecting') return undefined;
  const area = state.areas.find((a) => a.id === areaId);
  if (!area) return undefined;
  return { area, currentDueAt: area.dueAt, owners: distinctPeople(ownersOf([area])) };
}

/** `waive`: the area, the input it has (revision), its owners who can no longer submit, and the areas still awaiting after it. */
export interface WaiveFigures {
  area: AreaState;
  revision: number;
  owners: number;
  /** Areas still awaiting input once this one is waived. */
  stillAwaiting: number;
}

/** Waiving an area: it takes no more input, and the report lists it as waived. */
export function waiveFigures(state: ReviewCycleState, areaId: string): WaiveFigures | undefined {
  if (state.stage !== 'collecting') return undefined;
  const area = state.areas.find((a) => a.id === areaId);
  if (!area) return undefined;
  return {
    area,
    revision: area.revision,
    owners: distinctPeople(ownersOf([area])),
    stillAwaiting: state.areas.filter((a) => a.id !== areaId && isOutstanding(a)).length,
  };
}

/** `override`: the area, the override it has now (from the history), and the draft the new rating first shows in. */
export interface OverrideFigures {
  area: AreaState;
  current?: Rag;
  /** The version of the next draft, which shows the rating. */
  nextDraft: number;
}

/** The rating override an area has now, from the history (the latest override or removal wins). */
export function currentOverride(state: ReviewCycleState, areaId: string): Rag | undefined {
  const last = state.events.filter((e) => e.areaId === areaId && (e.action === 'rating-overridden' || e.action === 'rating-override-removed')).at(-1);
  return last?.action === 'rating-overridden' ? last.rating : undefined;
}

/** Overriding (or removing the override of) an area's rating: the next draft shows it. */
export function overrideFigures(state: ReviewCycleState, areaId: string): OverrideFigures | undefined {
  if (state.stage !== 'collecting' && state.stage !== 'drafting') return undefined;
  const area = state.areas.find((a) => a.id === areaId);
  if (!area) return undefined;
  return { area, current: currentOverride(state, areaId), nextDraft: state.drafts.length + 1 };
}

/** `reassign`: who holds the role now, and for how many open areas the new holder receives requests. */
export interface ReassignFigures {
  from: Person;
  /** The area, for an area owner's role. */
  area?: AreaState;
  /** Whether the role has a step open now (an area awaiting input, a draft awaiting the director), so fresh links are mailed at once. */
  openStep: boolean;
}

/** Passing a role to another person: the present holder, and whether the new one is mailed a step at once. */
export function reassignFigures(state: ReviewCycleState, role: RoleRef): ReassignFigures | undefined {
  if (state.stage === 'submitted' || state.stage === 'cancelled') return undefined;
  const area = role.kind === 'area-owner' ? state.areas.find((a) => a.id === role.areaId) : undefined;
  const from = holderOf(role, (id) => state.areas.find((a) => a.id === id)?.owners, state.directors);
  if (!from) return undefined;
  const openStep = role.kind === 'area-owner' ? !!area && !area.closed : state.stage === 'sign-off';
  return { from, ...(area ? { area } : {}), openStep };
}

/** `deputy`: the person away, and the period in days (both included), or the end of a deputy. */
export interface DeputyFigures {
  principal: Person;
  /** Local days the deputy acts, both ends included (absent when a deputy is ended). */
  days?: number;
  /** The deputy acting now, whom an end stops. */
  acting?: Person;
}

/** The current people of the cycle: the coordinator, the directors and each area's owners. */
export function cyclePeople(state: ReviewCycleState): Person[] {
  const all = [state.coordinator, state.directors.eu, state.directors.al, ...ownersOf(state.areas)];
  const seen = new Set<string>();
  return all.filter((p) => !seen.has(p.email.toLowerCase()) && !!seen.add(p.email.toLowerCase()));
}

/** Naming a deputy for `period` (local dates `from`…`until`), or ending one (`period` undefined); `now` is an ISO 8601 instant. */
export function deputyFigures(state: ReviewCycleState, principalEmail: string, period: { from: string; until: string } | undefined, now: string): DeputyFigures | undefined {
  if (state.stage === 'submitted' || state.stage === 'cancelled') return undefined;
  const e = principalEmail.toLowerCase();
  const principal = [state.directors.eu, state.directors.al, ...ownersOf(state.areas)].find((p) => p.email.toLowerCase() === e);
  if (!principal) return undefined;
  const at = Date.parse(now);
  const acting = [...(state.deputies ?? [])].reverse().find((d) => d.principal.email === e && Date.parse(d.endsAt) >= at)?.deputy;
  if (!period) return { principal, ...(acting ? { acting } : {}) };
  const { startsAt, endsAt } = deputyPeriod(period.from, period.until, state.timeZone);
  const days = Math.max(0, Math.round((Date.parse(endsAt) + 1 - Date.parse(startsAt)) / 86_400_000));
  return { principal, days, ...(acting ? { acting } : {}) };
}

/** `resume`: what is stuck, since when, and why. */
export interface ResumeFigures {
  since: string;
  version: number;
  step: StuckStep;
  reason: string;
}

/** Resuming a stuck cycle: it tries the stuck step again now. */
export function resumeFigures(state: ReviewCycleState): ResumeFigures | undefined {
  if (!state.stuck) return undefined;
  return { since: state.stuck.since, version: state.stuck.version, step: state.stuck.step ?? 'draft', reason: state.stuck.reason };
}
