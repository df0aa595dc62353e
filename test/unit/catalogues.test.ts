/**
 * The message catalogues of every surface a person reads (web pages, mails, the report's Albanian
 * summary): both languages have exactly the same keys, every message parses as ICU MessageFormat
 * with the same placeholders (names and kinds) in both languages, none is empty, the Albanian one
 * is not left in English, and every key the code names exists. Reads the JSON files and the
 * sources; the web's texts are built in both languages, which formats every constant message.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { flatten, type FlatCatalogue, type NestedCatalogue } from '../../infra/i18n';

const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (path: string) => flatten(JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as NestedCatalogue);

/** Each surface: its catalogues, the folders whose code formats its keys, and the prefixes its helpers add. */
const SURFACES = [
  { name: 'web', en: read('web/locales/en.json'), sq: read('web/locales/sq.json'), code: ['web'] },
  { name: 'mail', en: read('activities/mail/locales/en.json'), sq: read('activities/mail/locales/sq.json'), code: ['activities/mail'] },
];

/** Messages that read the same in both languages: placeholders only, codes, and the names of the languages themselves. */
const SAME_IN_BOTH = new Set([
  'common.dateTime', 'common.list', 'language.switchTo', 'language.switchHint', 'outcomes.refusal.invalid-input', 'outcomes.refusal.fieldError',
  'outbox.messageId', 'dashboard.owner', 'dashboard.statusChartPart', 'dashboard.plannedCollecting', 'dashboard.detail.reopened',
  'dashboard.detail.reminders', 'dashboard.ownerSide', 'contribution.commitmentLegend', 'collection.areaColumns.paragraphs', 'review.areaColumns.paragraphs',
  'layout.dateTime', 'dashboard.areasOf',
]);

/** The placeholders of a message, as `name:kind`, nested ones (inside plural and select branches) included. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) found.add(`${e.value}:argument`);
      else if (e.type === TYPE.number) found.add(`${e.value}:number`);
      else if (e.type === TYPE.date || e.type === TYPE.time) found.add(`${e.value}:date`);
      else if (e.type === TYPE.plural) {
        found.add(`${e.value}:plural`);
        for (const option of Object.values(e.options)) walk(option.value);
      } else if (e.type === TYPE.select) {
        found.add(`${e.value}:select`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The keys the code of `folders` names literally: `m('key')`, and `d('key')` of the dashboard (under `dashboard.`). */
function keysNamedIn(folders: string[]): string[] {
  const keys = new Set<string>();
  for (const file of folders.flatMap((f) => sources(join(ROOT, f)))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bm\(\s*'([a-zA-Z][\w.-]*)'/g)) keys.add(match[1]!);
    if (file.endsWith(join('dashboard', 'texts.ts'))) for (const match of text.matchAll(/\bd\(\s*'([a-zA-Z][\w.-]*)'/g)) keys.add(`dashboard.${match[1]!}`);
  }
  return [...keys].sort();
}

describe.each(SURFACES)('the $name catalogues', ({ en, sq, code }) => {
  it('have exactly the same keys', () => {
    expect(Object.keys(sq).sort()).toEqual(Object.keys(en).sort());
  });

  it('give every message the same placeholders in both languages, and none is empty', () => {
    const differ: string[] = [];
    for (const [key, message] of Object.entries(en)) {
      expect(message.trim(), `en: ${key}`).not.toBe('');
      expect((sq[key] ?? '').trim(), `sq: ${key}`).not.toBe('');
      if (JSON.stringify(placeholders(message)) !== JSON.stringify(placeholders(sq[key] ?? ''))) differ.push(key);
    }
    expect(differ).toEqual([]);
  });

  it('have no Albanian message left in English', () => {
    const untranslated = Object.keys(en).filter((key) => en[key] === sq[key] && !SAME_IN_BOTH.has(key) && /[a-z]{3}/i.test(en[key]!.replace(/\{[^}]*\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it('have every key that the code names', () => {
    const catalogue: FlatCatalogue = en;
    expect(keysNamedIn(code).filter((key) => !(key in catalogue))).toEqual([]);
  });
});

describe('the Albanian summary of the report', () => {
  it('has no empty message, and every message parses', () => {
    const sq = read('activities/report/locales/sq.json');
    expect(Object.keys(sq).length).toBeGreaterThan(20);
    for (const [key, message] of Object.entries(sq)) {
      expect(message.trim(), key).not.toBe('');
      expect(() => placeholders(message), key).not.toThrow();
    }
  });
});

describe('the texts built from the catalogues', () => {
  it('build in both languages (every constant message formats) with the same shape', async () => {
    const { en, sq } = await import('../../web/texts');
    const shape = (o: unknown): unknown =>
      o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'function' ? 'fn' : shape(v)])) : typeof o;
    expect(shape(sq)).toEqual(shape(en));
    expect(en.lang).toBe('en');
    expect(sq.lang).toBe('sq');
    expect(sq.contribution.submit).toBe('Dërgoni kontributin');
    expect(en.contribution.submit).toBe('Submit the input');
  });
});
