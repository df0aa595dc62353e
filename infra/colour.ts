/**
 * Terminal colour for the CLI and `npm start`, decided when text is printed rather than when a
 * module loads: colour only when stdout is a terminal (and TERM is not `dumb`), never with NO_COLOR,
 * always with FORCE_COLOR. picocolors' own default also colours whenever `CI` is set, which put
 * escape codes into piped and captured output on build machines; this decision leaves `CI` out.
 */
import { createColors } from 'picocolors';

type Colours = ReturnType<typeof createColors>;

/** Whether text written to stdout now should carry ANSI colour codes. */
export function colourWanted(env: NodeJS.ProcessEnv = process.env, stdout: { isTTY?: boolean } = process.stdout): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stdout.isTTY === true && env.TERM !== 'dumb';
}

const plain = createColors(false);
const coloured = createColors(true);

/** picocolors' formatters, each one plain or coloured by {@link colourWanted} at the moment it is called. */
export const pc: Pick<Colours, 'bold' | 'cyan' | 'dim' | 'green' | 'magenta' | 'red' | 'yellow'> = {
  bold: (s) => (colourWanted() ? coloured : plain).bold(s),
  cyan: (s) => (colourWanted() ? coloured : plain).cyan(s),
  dim: (s) => (colourWanted() ? coloured : plain).dim(s),
  green: (s) => (colourWanted() ? coloured : plain).green(s),
  magenta: (s) => (colourWanted() ? coloured : plain).magenta(s),
  red: (s) => (colourWanted() ? coloured : plain).red(s),
  yellow: (s) => (colourWanted() ? coloured : plain).yellow(s),
};
