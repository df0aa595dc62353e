/**
 * The consequences of the commands that ask for confirmation, worded for the terminal: the figures
 * come from domain/consequences.ts (the one source the web console shares), counted from the seeds
 * (start) or the cycle's state, as the workflow will act on them; the words from cli/texts.ts. A
 * consequence is undefined when the cycle is not in the stage the command belongs to: the workflow
 * refuses it and nothing happens, so there is nothing to confirm.
 */
import { cancelFigures, closeFigures, distinctPeople, reopenFigures } from '../domain/consequences';
import type { ReviewCycleState } from '../domain/state';
import type { Seeds } from '../seeds';
import { localTime, texts } from './texts';

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
    owners: distinctPeople(owners),
    requests: owners.length,
    startsAt: when.startsAt ? localTime(when.startsAt, tz) : undefined,
    timeZone: tz,
    backdatedTo: when.backdatedTo,
  });
}

/** `close`: the areas without input are reported missing, and their owners can no longer submit. */
export function closeConsequence(state: ReviewCycleState): string | undefined {
  const f = closeFigures(state);
  return f && texts.confirm.close(f);
}

/** `cancel`: a running cycle stops for good; the coordinator and both directors are mailed. */
export function cancelConsequence(state: ReviewCycleState): string | undefined {
  const f = cancelFigures(state);
  return f && texts.confirm.cancel(f);
}

/** `draft reopen`: both owners of each reopened area are mailed the comment and asked to revise. */
export function reopenConsequence(state: ReviewCycleState, areaIds: string[], version: number): string | undefined {
  const f = reopenFigures(state, areaIds, version);
  return f && texts.confirm.reopen({ version: f.version, titles: f.areas.map((a) => a.title), owners: f.owners });
}
