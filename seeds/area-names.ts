/**
 * The areas' titles in English and Albanian, by id, read from the seeds for the mails and pages.
 * A notification, an outcome or a cycle started before areas had Albanian titles names an area by
 * id or by its English title only (workflow code does not change), so a surface that words it in
 * Albanian looks the title up here. Read once per folder; a seed that cannot be read gives no
 * names, and the surface falls back to the English title: a broken seed must not stop a mail.
 */
import { join } from 'node:path';
import { AreasSeed } from '../domain/schemas';
import { readSeedFile } from './index';

/** An area's names: its title in English and, when the seeds give it, in Albanian. */
export interface AreaName {
  title: string;
  titleSq?: string;
}

/** Looks an area up by id; undefined for an area the seeds do not have. */
export type AreaNames = (areaId: string) => AreaName | undefined;

const loaded = new Map<string, Map<string, AreaName>>();

/** The names of the areas in `<seedsDir>/areas.json` (cached per folder). */
export function seedAreaNames(seedsDir: string): AreaNames {
  return (areaId) => {
    let names = loaded.get(seedsDir);
    if (!names) {
      names = new Map();
      try {
        for (const a of readSeedFile(join(seedsDir, 'areas.json'), AreasSeed)) names.set(a.id, { title: a.title, ...(a.titleSq ? { titleSq: a.titleSq } : {}) });
      } catch {
        // No names: the mails use the English titles the notifications carry.
      }
      loaded.set(seedsDir, names);
    }
    return names.get(areaId);
  };
}
