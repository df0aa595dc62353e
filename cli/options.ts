/**
 * Options and argument parsers shared by the commands. A parser throws commander's
 * InvalidArgumentError, so commander names the option in its message and the CLI exits 2.
 */
import { InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { CycleMarking } from '../domain/report-identity';
import { CalendarDate } from '../domain/schemas';
import { texts } from './texts';

const t = texts.options;

/** A review year, 2024–2100. */
export function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) throw new InvalidArgumentError(t.badYear);
  return year;
}

/** A draft version, 1 or more. */
export function parseVersion(value: string): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new InvalidArgumentError(t.badVersion);
  return version;
}

/** A real calendar date `YYYY-MM-DD`. */
export function parseDate(value: string): string {
  if (!CalendarDate.safeParse(value).success || !DateTime.fromISO(value).isValid) throw new InvalidArgumentError(t.badDate);
  return value;
}

/** A parser of whole numbers from `min` to `max` (digits only). */
export function parseIntIn(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(t.badWholeNumber(min, max));
    return n;
  };
}

/** A local time `HH:MM`, 24-hour. */
export function parseTime(value: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new InvalidArgumentError(t.badTime);
  return value;
}

/**
 * A cycle's distribution marking (`--marking`): what `CycleMarking` accepts, trimmed; `none` (in any
 * case) or an empty value is `''`, no marking, whatever the worker's setting says.
 */
export function parseMarking(value: string): string {
  if (value.trim().toLowerCase() === 'none') return '';
  const parsed = CycleMarking.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]!.message);
  return parsed.data;
}

/** `--year <year>`, this year by default. */
export const yearOption = () => new Option('--year <year>', t.year).argParser(parseYear).default(new Date().getFullYear(), t.yearDefault);
/** `--as <email>`: who acts; the person of the command's role in the cycle by default. */
export const asOption = () => new Option('--as <email>', t.as);
/** `--version <n>`: the draft version; the current one by default. */
export const versionOption = () => new Option('--version <n>', t.version).argParser(parseVersion);

/** The kick-off instant of a `--kickoff` date: 09:00 local in `timeZone`, as ISO 8601 UTC. */
export function kickoffInstant(date: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).set({ hour: 9 }).toUTC().toISO()!;
}
