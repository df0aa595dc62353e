/** Builders for review cycles in tests, from the real seeds. */
import { workingDayOnOrAfter } from '../../domain/calendar';
import type { Actor, Person } from '../../domain/schemas';
import { loadSeeds, loadSampleInput } from '../../seeds';

export const seeds = loadSeeds();
export const { participants } = seeds;

/** An actor for a seeded person. */
export function actorOf(p: Person, role: Actor['role'], channel: Actor['channel'] = 'cli'): Actor {
  return { email: p.email, name: p.name, role, channel };
}

export const coordinator = actorOf(participants.coordinator, 'coordinator');
export const euDirector = actorOf(participants.directors.eu, 'director');
export const alDirector = actorOf(participants.directors.al, 'director');

/** The EU owner of an area, as an actor. */
export function ownerOf(areaId: string, side: 'eu' | 'al' = 'eu'): Actor {
  return actorOf(participants.areaOwners[areaId]![side], 'area-owner');
}

/** The sample input of an area. */
export function sampleFor(areaId: string) {
  return loadSampleInput(seeds.areas.find((a) => a.id === areaId)!);
}

/**
 * `date` (YYYY-MM-DD) when it is a working day under the seeds' reminder policy, else the first
 * working day after it: an extension must end on one (the workflow refuses weekends and closed days).
 */
export function workingDayFrom(date: string): string {
  return workingDayOnOrAfter(date, seeds.reminderPolicy.closedDays);
}
