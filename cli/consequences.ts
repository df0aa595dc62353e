/**
 * The consequences of the commands that ask for confirmation, in figures: who is mailed, which
 * areas are reported missing, what is lost. Counted from the seeds (start) or the cycle's state,
 * as the workflow will act on them; worded by cli/texts.ts. A consequence is undefined when the
 * cycle is not in the stage the command belongs to: the workflow refuses it and nothing happens,
 * so there is nothing to confirm.
 */
import type { Person } from '../domain/schemas';
import type { AreaState, ReviewCycleState } from '../domain/state';
import type { Seeds } from '../seeds';
import { localTime, texts } from './texts';

/** The number of different people among `people` (by address, as the workflow compares them). */
function distinct(people: Person[]): number {
  return new Set(people.map((p) => p.email.toLowerCase())).size;
}

/** Whether an area's input counts at closure: submitted, or reopened after an earlier input (kept). */
function hasInput(a: AreaState): boolean {
  return a.status === 'submitted' || (a.status === 'reopened' && a.revision > 0);
}

/**
 * `start`: every area asks both its owners for input at kick-off. `startsAt` (ISO 8601 UTC) when
 * the start is scheduled; `backdatedTo` (YYYY-MM-DD) when the kick-off date has passed.
 */
export function startConsequence(year: number, seeds: Seeds, when: { startsAt?: string; backdatedTo?: string } = {}): string {
  const owners = seeds.areas.flatMap((a) => {
    const o = seeds.participants.areaOwners[a.id];
    return o ? [o.eu, o.al] : [];
  });
  const tz = seeds.timeline.timeZone;
  return texts.confirm.start({
    year,
    areas: seeds.areas.length,
    owners: distinct(owners),
    requests: owners.length,
    startsAt: when.startsAt ? localTime(when.startsAt, tz) : undefined,
    timeZone: tz,
    backdatedTo: when.backdatedTo,
  });
}

/** `close`: the areas without input are reported missing, and their owners can no longer submit. */
export function closeConsequence(state: ReviewCycleState): string | undefined {
  if (state.stage !== 'collecting') return undefined;
  const missing = state.areas.filter((a) => !a.closed && !hasInput(a));
  return texts.confirm.close({
    inputs: state.areas.filter(hasInput).length,
    total: state.areas.length,
    waived: state.areas.filter((a) => a.status === 'waived').length,
    missing: missing.length,
    owners: distinct(missing.flatMap((a) => [a.owners.eu, a.owners.al])),
  });
}

/** `cancel`: a running cycle stops for good; the coordinator and both directors are mailed. */
export function cancelConsequence(state: ReviewCycleState): string | undefined {
  if (state.stage === 'submitted' || state.stage === 'cancelled') return undefined;
  return texts.confirm.cancel({
    year: state.year,
    stage: state.stage,
    inputs: state.areas.filter(hasInput).length,
    total: state.areas.length,
    draft: state.drafts.at(-1)?.version,
    told: distinct([state.coordinator, state.directors.eu, state.directors.al]),
  });
}

/** `draft reopen`: both owners of each reopened area are mailed the comment and asked to revise. */
export function reopenConsequence(state: ReviewCycleState, areaIds: string[], version: number): string | undefined {
  if (state.stage !== 'drafting') return undefined;
  const areas = state.areas.filter((a) => areaIds.includes(a.id));
  if (areas.length === 0) return undefined;
  return texts.confirm.reopen({ version, titles: areas.map((a) => a.title), owners: distinct(areas.flatMap((a) => [a.owners.eu, a.owners.al])) });
}
