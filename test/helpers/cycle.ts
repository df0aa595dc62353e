/** Builders for review cycles in tests, from the real seeds. */
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
