/**
 * Loads the seeds — the areas of cooperation derived from the Partnership text (titles and
 * wordings in English and Albanian), the participants (each with the language they read), the
 * timeline — and validates each with zod. A broken seed stops start-up with an error that
 * names the file and the field path (e.g. `seeds/participants.json: areaOwners.fimi.al.email: must be an e-mail address`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { AreasSeedFile, Participants, Timeline, contributionSchemaFor, type AreaOfCooperation, type Contribution } from '../domain/schemas';
import { fieldErrors } from '../domain/validation';
import { ReminderPolicy } from '../domain/reminder-policy';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from '../infra/paths';

/** The folder of the seeds shipped with the project. */
export const SEEDS_DIR = join(PROJECT_ROOT, 'seeds');

/** Thrown when a seed file is missing, is not JSON, or fails its schema. */
export class SeedError extends Error {
  override name = 'SeedError';
}

/** Reads `file` as JSON and parses it with `schema`; throws SeedError naming file and field paths. */
export function readSeedFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const shown = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new SeedError(`${shown}: ${(err as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new SeedError(`${shown}: ${fieldErrors(result.error).map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
  }
  return result.data;
}

/** The validated seeds. */
export interface Seeds {
  areas: AreaOfCooperation[];
  participants: Participants;
  timeline: Timeline;
  reminderPolicy: ReminderPolicy;
}

/**
 * Loads areas.json, participants.json, timeline.json and reminder-policy.json (optional: the
 * built-in defaults otherwise) from `dir` (default: the project's seeds).
 * Checks across files: every area has owners, on the right sides, and no owners name an unknown area.
 * Throws SeedError.
 */
export function loadSeeds(dir = SEEDS_DIR): Seeds {
  const areas = readSeedFile(join(dir, 'areas.json'), AreasSeedFile);
  const participants = readSeedFile(join(dir, 'participants.json'), Participants);
  const timeline = readSeedFile(join(dir, 'timeline.json'), Timeline);
  const policyFile = join(dir, 'reminder-policy.json');
  const reminderPolicy = existsSync(policyFile) ? readSeedFile(policyFile, ReminderPolicy) : ReminderPolicy.parse({});
  const file = relative(process.cwd(), join(dir, 'participants.json'));
  const ids = new Set(areas.map((a) => a.id));
  for (const area of areas) {
    const owners = participants.areaOwners[area.id];
    if (!owners) throw new SeedError(`${file}: areaOwners.${area.id}: missing (every area of areas.json needs an EU and an Albanian owner)`);
    for (const side of ['eu', 'al'] as const) {
      if (owners[side].side !== side) throw new SeedError(`${file}: areaOwners.${area.id}.${side}.side: must be "${side}"`);
    }
  }
  for (const id of Object.keys(participants.areaOwners)) {
    if (!ids.has(id)) throw new SeedError(`${file}: areaOwners.${id}: no such area in areas.json`);
  }
  for (const side of ['eu', 'al'] as const) {
    if (participants.directors[side].side !== side) throw new SeedError(`${file}: directors.${side}.side: must be "${side}"`);
  }
  return { areas, participants, timeline, reminderPolicy };
}

/** The sample input of one area (seeds/sample-inputs/<area id>.json), validated for that area. */
export function loadSampleInput(area: AreaOfCooperation, dir = SEEDS_DIR): Contribution {
  return readSeedFile(join(dir, 'sample-inputs', `${area.id}.json`), contributionSchemaFor(area));
}

/** Ids of the areas that have a sample input. */
export function sampleInputIds(dir = SEEDS_DIR): string[] {
  return readdirSync(join(dir, 'sample-inputs')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
}
