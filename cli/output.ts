/**
 * How the CLI prints: tables for the terminal, and the two lines that answer an update. Colour and
 * table borders only on a TTY (and never with NO_COLOR, which picocolors honours), so piped output
 * stays plain text.
 */
import Table from 'cli-table3';
import { pc } from '../infra/colour';
import type { UpdateOutcome } from '../domain/outcomes';
import { outcomeWords } from './texts';

/** A table for the terminal: bold headers and grey borders on a TTY, plain text when piped. */
export function newTable(options: ConstructorParameters<typeof Table>[0]): InstanceType<typeof Table> {
  const tty = process.stdout.isTTY === true;
  return new Table({ ...options, style: { head: tty ? ['bold'] : [], border: tty ? ['grey'] : [] } });
}

/** An ISO 8601 UTC instant as `2026-03-30 08:00` (minutes, no zone), for UTC columns. */
export function utcMinutes(instant: string): string {
  return instant.slice(0, 16).replace('T', ' ');
}

/** Prints what an update recorded (green) and what happens next. */
export function printOutcome(outcome: UpdateOutcome): void {
  const words = outcomeWords(outcome);
  console.log(pc.green(words.recorded));
  console.log(words.next);
}
