/**
 * Why an operation on a cycle failed, in one shape for the CLI, the web and the demo: the kind
 * (HTTP status and exit code follow from it), the refusal's code and facts when the workflow
 * refused, and the invalid fields.
 */
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { refusalOf, type Refusal } from '../domain/outcomes';
import { CONFLICT_FAILURE, FORBIDDEN_FAILURE, VALIDATION_FAILURE, type FieldError } from '../domain/validation';
import { TemporalUnavailableError, refusedByTemporal } from '../infra/temporal-connection';

/**
 * Why an operation failed:
 * - `invalid`: bad input (field errors attached) — HTTP 400;
 * - `forbidden`: the actor may not do this — 403;
 * - `conflict`: the step is closed or already decided — 409;
 * - `gone`: the cycle has finished — 410;
 * - `not-found`: no such cycle — 404;
 * - `unavailable`: Temporal did not answer in time, or refused our credentials or namespace — 503.
 */
export type CycleErrorKind = 'invalid' | 'forbidden' | 'conflict' | 'gone' | 'not-found' | 'unavailable';

/**
 * A failed operation on a cycle. `refusal` is set when the workflow refused the action: its code
 * and facts, which each surface words in its own text module; `message` is then the refusal's code
 * and data, for logs. `fieldErrors` name the invalid fields (from the refusal, or from a check made
 * before calling Temporal).
 */
export class CycleError extends Error {
  override name = 'CycleError';
  constructor(
    readonly kind: CycleErrorKind,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly refusal?: Refusal,
  ) {
    super(message);
  }
}

/** Turns a Temporal client failure into a CycleError; rethrows anything it does not recognise. */
export function toCycleError(err: unknown, what: string): CycleError {
  if (err instanceof CycleError) return err;
  // The CLI words a connection failure from its reason: the CycleError keeps it as its cause.
  if (err instanceof TemporalUnavailableError) return Object.assign(new CycleError('unavailable', err.message), { cause: err });
  const refused = refusedByTemporal(err);
  if (refused) return Object.assign(new CycleError('unavailable', `${what}: ${refused.message}`), { cause: refused });
  if (err instanceof WorkflowNotFoundError) return new CycleError('not-found', `${what}: no such review cycle.`);
  // The call's deadline passed or it was cancelled (DEADLINE_EXCEEDED, CANCELLED) while the Update
  // waited for a worker: it may still be applied, which the Update id can tell later (update-outcome.ts).
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return Object.assign(new CycleError('unavailable', `${what}: Temporal did not answer in time (${err.message}).`), { cause: err });
  if (err instanceof WorkflowUpdateFailedError || err instanceof ApplicationFailure) {
    const failure = err instanceof ApplicationFailure ? err : err.cause;
    if (failure instanceof ApplicationFailure) {
      const kind: CycleErrorKind =
        failure.type === VALIDATION_FAILURE ? 'invalid' : failure.type === FORBIDDEN_FAILURE ? 'forbidden' : failure.type === CONFLICT_FAILURE ? 'conflict' : 'invalid';
      const refusal = refusalOf(failure.details);
      // Failures from before refusals had codes carried the field errors as details[0].
      const legacy = Array.isArray(failure.details?.[0]) ? (failure.details[0] as FieldError[]) : [];
      const errors = refusal?.code === 'invalid-input' ? refusal.errors : legacy;
      return new CycleError(kind, failure.message, errors, refusal);
    }
  }
  const cause = (err as { cause?: Error })?.cause?.message;
  const message = `${(err as Error)?.message ?? String(err)}${cause ? `: ${cause}` : ''}`;
  if (/workflow execution already completed|already completed/i.test(message)) {
    return new CycleError('gone', `${what}: the review cycle has already finished.`);
  }
  if (/deadline|timed? ?out|unavailable|ECONNREFUSED|14 UNAVAILABLE|4 DEADLINE_EXCEEDED/i.test(message)) {
    return new CycleError('unavailable', `${what}: Temporal did not answer in time (${message}).`);
  }
  // The cycle exists but cannot answer now: its workflow task is failing (e.g. a worker bug), or
  // its state is too large to return. A person gets "try later", never a crash or a 500.
  if (/FAILED_PRECONDITION|Workflow Task in failed state|exceeds limit|QueryNotRegistered|query.*not.*registered/i.test(message)) {
    return new CycleError('unavailable', `${what}: the review cycle cannot answer right now (${message}).`);
  }
  throw err;
}
