/**
 * How a failed command ends: the error printed on stderr, worded from its refusal when the
 * workflow refused, and the exit code people and scripts test:
 * 2 invalid input (a bad option or argument included), 3 forbidden, 4 conflict (closed step),
 * 5 finished cycle, 6 not found, 7 Temporal unavailable (unreachable, TLS, credentials or
 * namespace refused: the message names the cause), 8 not yet confirmed (a request was sent and
 * Temporal did not answer in time: it may still be recorded), 1 other (a confirmation answered no
 * included). A confirmation that cannot be asked (no terminal, no --yes) is invalid input: 2.
 */
import { pc } from '../infra/colour';
import { CycleError, asCycleError, type CycleErrorKind } from '../client/errors';
import { TemporalUnavailableError, refusedByTemporal } from '../infra/temporal-connection';
import { DeclinedError } from './confirm';
import { UnconfirmedError } from './requests';
import { connectionFailureWords, refusalWords, texts } from './texts';

/** The exit code of each kind of CycleError. */
export const EXIT: Record<CycleErrorKind, number> = { invalid: 2, forbidden: 3, conflict: 4, gone: 5, 'not-found': 6, unavailable: 7 };
/** Exit code of a usage error that commander reported (unknown option, bad argument). */
export const EXIT_USAGE = 2;
/** Exit code of any other failure, and of a confirmation answered no. */
export const EXIT_OTHER = 1;
/** Exit code of a request sent whose outcome Temporal did not confirm in time (it may be recorded). */
export const EXIT_UNCONFIRMED = 8;

/** True for the errors commander throws under `exitOverride` (it has printed them already). */
export function isCommanderError(err: unknown): err is { code: string; exitCode: number } {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('commander.');
}

/**
 * The connection failure behind `err`, if any: a TemporalUnavailableError (connecting), one kept
 * as the cause of a CycleError `unavailable`, or Temporal refusing the credentials or namespace on
 * a later call (gRPC UNAUTHENTICATED, PERMISSION_DENIED).
 */
function connectionFailureOf(err: unknown): TemporalUnavailableError | undefined {
  if (err instanceof TemporalUnavailableError) return err;
  if (err instanceof CycleError && err.cause instanceof TemporalUnavailableError) return err.cause;
  return err instanceof CycleError ? undefined : refusedByTemporal(err);
}

/**
 * Prints `err` on stderr and returns the exit code. `command` is the name of the command that
 * failed (`extend`, `sign`, …), for refusals worded per command.
 */
export function reportError(err: unknown, command?: string): number {
  // Commander has already printed its message (naming the option or argument); help and
  // --version exit 0, every other usage error is invalid input.
  if (isCommanderError(err)) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  if (err instanceof UnconfirmedError) {
    console.error(pc.yellow(`${texts.errorPrefix}${texts.requests.unconfirmed(err)}`));
    return EXIT_UNCONFIRMED;
  }
  if (err instanceof DeclinedError) {
    console.error(err.message);
    return EXIT_OTHER;
  }
  const unavailable = connectionFailureOf(err);
  if (unavailable) {
    console.error(pc.red(`${texts.errorPrefix}${connectionFailureWords(unavailable)}`));
    return EXIT.unavailable;
  }
  if (!(err instanceof CycleError)) {
    // A Temporal failure that reached here unmapped (any gRPC status, CANCELLED and
    // DEADLINE_EXCEEDED included) exits 7, "try later", rather than 1.
    const mapped = asCycleError(err, command ?? 'sdp-review');
    if (mapped) {
      console.error(pc.red(`${texts.errorPrefix}${mapped.message}`));
      return EXIT[mapped.kind];
    }
  }
  if (err instanceof CycleError) {
    if (err.fieldErrors.length > 0) {
      console.error(pc.red(`${texts.errorPrefix}${texts.invalidInputList}`));
      for (const f of err.fieldErrors) console.error(`  ${f.path || texts.wholeInput}: ${f.message}`);
    } else {
      console.error(pc.red(`${texts.errorPrefix}${err.refusal ? refusalWords(err.refusal, command) : err.message}`));
    }
    return EXIT[err.kind];
  }
  console.error(pc.red(`${texts.errorPrefix}${(err as Error).message}`));
  return EXIT_OTHER;
}
