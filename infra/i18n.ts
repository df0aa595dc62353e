/**
 * Messages in the reader's language: the one way every surface (mails, pages, the report's
 * Albanian summary) turns a catalogue key and its values into a sentence, and dates into local
 * text. The CLI stays English and does not use it.
 *
 * Library: FormatJS (`@formatjs/intl`, over `intl-messageformat`): ICU MessageFormat with plural
 * and select, the CLDR plural rules of Node's own ICU (Albanian: one/other), one formatter per
 * language with its parsed messages cached. It is a single maintained package where ICU is the
 * native syntax (i18next needs two plugins for it), and its parser
 * (`@formatjs/icu-messageformat-parser`) lets a test compare the placeholders of two catalogues.
 *
 * Catalogues are JSON files, one per language per surface (`web/locales/sq.json`…), nested by
 * page or mail for reading; keys are the dotted paths (`contribution.title`). Tags are not parsed
 * (`ignoreTag`): a message is text, escaped where it is written into HTML, so `<input.json>` in a
 * message stays as written. A missing key or a missing value throws: a page never shows a key.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { DateTime } from 'luxon';
import type { Language } from '../domain/schemas';

export type { Language };

/** Every language a person can read sdp-review in. */
export const LANGUAGES: readonly Language[] = ['en', 'sq'];

/** The locale of each language for dates and plural rules (British English, as the Partnership is written). */
export const LOCALE: Record<Language, string> = { en: 'en-GB', sq: 'sq' };

/** A catalogue as its JSON file holds it: messages, nested in groups. */
export interface NestedCatalogue {
  [key: string]: string | NestedCatalogue;
}

/** A catalogue flattened to dotted keys: `{ 'contribution.title': 'Input for «{area}»' }`. */
export type FlatCatalogue = Record<string, string>;

/** Values of a message's placeholders. */
export type MessageValues = Record<string, string | number | Date | boolean>;

/** Formats the message `key` with `values` in one language. Throws on a missing key or value. */
export interface Messages {
  (key: string, values?: MessageValues): string;
  readonly lang: Language;
  readonly locale: string;
  /** Whether the catalogue has `key` (for optional wording, e.g. of a code from a newer version). */
  has(key: string): boolean;
  /** The keys directly under `prefix` (`dashboard.channel` → `cli`, `web`, …), in catalogue order. */
  keysOf(prefix: string): string[];
}

/** The dotted keys and messages of a nested catalogue; throws TypeError on a value that is not text. */
export function flatten(catalogue: NestedCatalogue, prefix = ''): FlatCatalogue {
  const out: FlatCatalogue = {};
  for (const [k, v] of Object.entries(catalogue)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (v && typeof v === 'object') Object.assign(out, flatten(v, key));
    else throw new TypeError(`catalogue ${key}: a message must be text`);
  }
  return out;
}

const cache = createIntlCache();

/**
 * The messages of `catalogue` in `lang`. `surface` names the catalogue in errors
 * (e.g. `web/locales/sq.json`).
 */
export function createMessages(lang: Language, catalogue: NestedCatalogue, surface: string): Messages {
  const messages = flatten(catalogue);
  const intl: IntlShape<string> = createIntl(
    {
      locale: LOCALE[lang],
      messages,
      onError: (err) => {
        throw new Error(`${surface}: ${err.message}`, { cause: err });
      },
    },
    cache,
  );
  const format = (key: string, values?: MessageValues): string => {
    if (!(key in messages)) throw new Error(`${surface}: no message "${key}"`);
    return intl.formatMessage({ id: key }, values, { ignoreTag: true }) as string;
  };
  const keysOf = (prefix: string) =>
    Object.keys(messages)
      .filter((k) => k.startsWith(`${prefix}.`) && !k.slice(prefix.length + 1).includes('.'))
      .map((k) => k.slice(prefix.length + 1));
  return Object.assign(format, { lang, locale: LOCALE[lang], has: (key: string) => key in messages, keysOf });
}

const utc = (instant: string | Date) => (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' }));

/**
 * The luxon patterns of each language: Albanian puts the weekday (lower case, with its article)
 * after the date, so that "deri më 30 mars 2026 (e hënë), ora 23:59" reads right, and says "ora"
 * before the time; British English "Monday 30 March 2026, 23:59".
 */
const PATTERNS: Record<Language, { long: string; short: string; date: string; dayMonth: string }> = {
  en: { long: 'cccc d LLLL yyyy, HH:mm', short: 'ccc d LLL yyyy, HH:mm', date: 'd LLLL yyyy', dayMonth: 'd LLLL' },
  sq: { long: "d LLLL yyyy (cccc), 'ora' HH:mm", short: 'ccc d LLL yyyy, HH:mm', date: 'd LLLL yyyy', dayMonth: 'd LLLL' },
};

/**
 * An instant (ISO 8601 or Date) as local text in `timeZone`, in `lang`:
 * - `long`: "Monday 30 March 2026, 23:59" / "30 mars 2026 (e hënë), ora 23:59";
 * - `short`: "Mon 30 Mar 2026, 23:59" / "hën 30 mar 2026, 23:59";
 * - `date`: "30 March 2026" / "30 mars 2026"; `dayMonth`: "30 March" / "30 mars".
 * Returns undefined when `instant` is not an instant or `timeZone` not a zone.
 */
export function localDateTimeText(instant: string | Date, timeZone: string, lang: Language, style: keyof (typeof PATTERNS)['en']): string | undefined {
  const dt = utc(instant).setZone(timeZone);
  return dt.isValid ? dt.setLocale(LOCALE[lang]).toFormat(PATTERNS[lang][style]) : undefined;
}

/** A calendar date `YYYY-MM-DD` as people read it in `lang` ("2 December 2025" / "2 dhjetor 2025"), or undefined. */
export function calendarDateText(date: string, lang: Language): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  return dt.isValid ? dt.setLocale(LOCALE[lang]).toFormat(PATTERNS[lang].date) : undefined;
}

/**
 * The language a browser asks for first among LANGUAGES (RFC 9110 §12.5.4, by q-value), or
 * undefined when it asks for neither.
 */
export function acceptedLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find((l): l is Language => (LANGUAGES as readonly string[]).includes(l ?? ''));
}
