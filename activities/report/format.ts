/**
 * How the report writes dates and contributors' prose in every format: instants are UTC inside the
 * system and local dates only here, at the document's edge; paragraphs, line breaks and tabs of
 * contributed text are kept.
 */
import { DateTime } from 'luxon';
import { cleanText } from '../../domain/text';

const LOCALE = 'en-GB';

/** An ISO 8601 instant as a local date in `timeZone`, e.g. "30 March 2026". Throws RangeError if invalid. */
export function localDate(instant: string, timeZone: string): string {
  const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).setLocale(LOCALE);
  if (!dt.isValid) throw new RangeError(`not an instant in a known time zone: "${instant}" in ${timeZone}`);
  return dt.toFormat('d MMMM yyyy');
}

/** An ISO 8601 instant as a local date and time with the zone's abbreviation, e.g. "30 March 2026, 14:05 CEST". */
export function localDateTime(instant: string, timeZone: string): string {
  const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).setLocale(LOCALE);
  if (!dt.isValid) throw new RangeError(`not an instant in a known time zone: "${instant}" in ${timeZone}`);
  return dt.toFormat('d MMMM yyyy, HH:mm ZZZZ');
}

/** A calendar date `YYYY-MM-DD` as people read it, e.g. "2 December 2025". Throws RangeError if invalid. */
export function calendarDate(date: string): string {
  const dt = DateTime.fromISO(date, { zone: 'utc' }).setLocale(LOCALE);
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date YYYY-MM-DD: "${date}"`);
  return dt.toFormat('d MMMM yyyy');
}

/**
 * Splits cleaned text into paragraphs (separated by a blank line) of lines (separated by a line
 * break); a tab stays inside its line. Leading and trailing blank lines are dropped.
 */
export function proseParagraphs(text: string): string[][] {
  return cleanText(text)
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => p.split('\n'));
}
