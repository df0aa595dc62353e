/**
 * Confirmation of the commands that mail many people or lose inputs (`start`, `close`, `cancel`,
 * `draft reopen`): the consequences are stated in figures, and the command goes on only when a
 * person answers yes on the terminal, or `--yes` was given (scripts). Without a terminal and
 * without `--yes`, nothing is done and the command exits 2 (invalid input: the flag is missing).
 *
 * The question is asked with node:readline/promises rather than a prompt package: a single y/N
 * question needs no raw-mode key handling, and it adds no dependency to a CLI that also runs on
 * servers. It is asked on stderr, so a piped stdout (`close | tee log`) still gets asked.
 */
import { createInterface } from 'node:readline/promises';
import { Option } from 'commander';
import { CycleError } from '../client/errors';
import { texts } from './texts';

/** The person answered no (or closed the input): nothing was done. */
export class DeclinedError extends Error {
  override name = 'DeclinedError';
  constructor() {
    super(texts.confirm.declined);
  }
}

/** `--yes`: confirm without asking. */
export const yesOption = () => new Option('--yes', texts.confirm.yes);

/**
 * Where the question is asked. An object, so that tests replace its methods (vi.spyOn) instead
 * of driving a real terminal.
 */
export const terminal = {
  /** True when a person can answer: stdin and stderr are terminals. */
  interactive(): boolean {
    return process.stdin.isTTY === true && process.stderr.isTTY === true;
  },
  /** Asks `question` on stderr and resolves with the answer; '' on Ctrl-C or end of input. */
  async ask(question: string): Promise<string> {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const abort = new AbortController();
    // Ctrl-C in the question is read as a key, not a signal: it answers no rather than hanging.
    rl.on('SIGINT', () => abort.abort());
    rl.on('close', () => abort.abort());
    try {
      return await rl.question(question, { signal: abort.signal });
    } catch {
      return '';
    } finally {
      rl.close();
    }
  },
};

/**
 * Goes on when the action whose consequences `consequence` states is confirmed: at once with
 * `yes` (the consequence is printed on stdout, for the script's log); else by a person answering
 * y or yes on the terminal. Throws CycleError `invalid` (exit 2) without a terminal, saying to add
 * --yes, and DeclinedError (exit 1) when the person answers anything else.
 */
export async function confirmAction(consequence: string, yes: boolean | undefined): Promise<void> {
  if (yes) {
    console.log(consequence);
    return;
  }
  if (!terminal.interactive()) throw new CycleError('invalid', texts.confirm.needYes(consequence));
  const answer = await terminal.ask(texts.confirm.question(consequence));
  if (!/^\s*y(es)?\s*$/i.test(answer)) throw new DeclinedError();
}
