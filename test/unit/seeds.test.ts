/**
 * The seeds: 15 areas from the Partnership text with their Albanian wordings, valid participants
 * with their languages, and clear errors on a broken seed.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageOf } from '../../domain/schemas';
import { SEEDS_DIR, SeedError, loadSampleInput, loadSeeds, sampleInputIds } from '../../seeds';

const seeds = loadSeeds();
const text = readFileSync(join(SEEDS_DIR, 'partnership.txt'), 'utf8').replace(/\s+/g, ' ');

function brokenCopy(file: string, edit: (json: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdp-seeds-'));
  cpSync(SEEDS_DIR, dir, { recursive: true });
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  edit(json);
  writeFileSync(join(dir, file), JSON.stringify(json));
  return dir;
}

describe('seeds', () => {
  it('has the 15 areas: the General Framework and the 14 areas of §13–31, each paragraph once', () => {
    expect(seeds.areas).toHaveLength(15);
    expect(seeds.areas[0]!.id).toBe('general-framework');
    expect(seeds.areas[0]!.paragraphs).toEqual([10, 11]);
    const paragraphs = seeds.areas.slice(1).flatMap((a) => a.paragraphs).sort((a, b) => a - b);
    expect(paragraphs).toEqual(Array.from({ length: 19 }, (_, i) => 13 + i));
    expect(seeds.areas.at(-1)!.title).toBe('External aspects of economic security');
  });

  it('quotes every commitment verbatim from the Partnership, in its own paragraphs', () => {
    for (const area of seeds.areas) {
      for (const c of area.commitments) {
        expect(text).toContain(c.quote.replace(/\s+/g, ' '));
        expect(area.paragraphs).toContain(c.paragraph);
      }
    }
  });

  it('has owners on both sides for every area, and names with Albanian letters', () => {
    for (const area of seeds.areas) {
      expect(seeds.participants.areaOwners[area.id]!.eu.side).toBe('eu');
      expect(seeds.participants.areaOwners[area.id]!.al.side).toBe('al');
    }
    const names = Object.values(seeds.participants.areaOwners).flatMap((o) => [o.eu.name, o.al.name]);
    expect(names.some((n) => /[ëË]/.test(n)) && names.some((n) => /[çÇ]/.test(n))).toBe(true);
    expect(seeds.timeline.timeZone).toBe('Europe/Brussels');
  });

  it('has a valid sample input for every area', () => {
    expect(sampleInputIds().sort()).toEqual(seeds.areas.map((a) => a.id).sort());
    for (const area of seeds.areas) expect(loadSampleInput(area).commitments).toHaveLength(area.commitments.length);
  });

  it('stops with an error naming the file and the field path of a broken seed', () => {
    const dir = brokenCopy('participants.json', (p) => {
      p.areaOwners.fimi.al.email = 'not-an-address';
    });
    expect(() => loadSeeds(dir)).toThrow(SeedError);
    expect(() => loadSeeds(dir)).toThrow(/participants\.json: areaOwners\.fimi\.al\.email: must be an e-mail address/);

    const noOwners = brokenCopy('participants.json', (p) => {
      delete p.areaOwners['cyber-issues'];
    });
    expect(() => loadSeeds(noOwners)).toThrow(/areaOwners\.cyber-issues: missing/);

    const badArea = brokenCopy('areas.json', (a) => {
      a[3].commitments[1].paragraph = 99;
    });
    expect(() => loadSeeds(badArea)).toThrow(/areas\.json: 3\.commitments\.1\.paragraph/);

    const badZone = brokenCopy('timeline.json', (t) => {
      t.timeZone = 'Europe/Tirane-ish';
    });
    expect(() => loadSeeds(badZone)).toThrow(/timeline\.json: timeZone: must be an IANA time zone/);
  });

  it('gives every area and commitment an Albanian title and wording, and every person a language by side', () => {
    for (const area of seeds.areas) {
      expect(area.titleSq, area.id).toMatch(/\S/);
      expect(area.titleSq).not.toBe(area.title);
      for (const c of area.commitments) expect(c.wordingSq, c.id).toMatch(/\S/);
    }
    expect(seeds.areas.find((a) => a.id === 'cyber-issues')!.titleSq).toBe('Çështjet kibernetike');
    const { coordinator, directors, areaOwners } = seeds.participants;
    for (const person of [coordinator, directors.eu, directors.al, ...Object.values(areaOwners).flatMap((o) => [o.eu, o.al])]) {
      expect(person.language, person.name).toBe(person.side === 'al' ? 'sq' : 'en');
    }
  });

  it('refuses an area or commitment without its Albanian wording, an empty one, and an unknown language', () => {
    const noTitle = brokenCopy('areas.json', (a) => {
      delete a[4].titleSq;
    });
    expect(() => loadSeeds(noTitle)).toThrow(/areas\.json: 4\.titleSq: must give the Albanian title/);
    const emptyWording = brokenCopy('areas.json', (a) => {
      a[2].commitments[0].wordingSq = '  ';
    });
    expect(() => loadSeeds(emptyWording)).toThrow(/areas\.json: 2\.commitments\.0\.wordingSq: must not be empty/);
    const language = brokenCopy('participants.json', (p) => {
      p.directors.al.language = 'de';
    });
    expect(() => loadSeeds(language)).toThrow(/participants\.json: directors\.al\.language: must be en or sq/);
    const byDefault = brokenCopy('participants.json', (p) => {
      delete p.directors.al.language;
    });
    const albanian = loadSeeds(byDefault).participants.directors.al;
    expect(albanian.language).toBeUndefined();
    expect(languageOf(albanian)).toBe('sq'); // by side
    expect(languageOf({ side: 'eu' })).toBe('en');
    expect(languageOf({})).toBe('en'); // no side (the SA Council secretariat): English
  });
});
