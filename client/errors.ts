/**
 * Why an operation on a cycle failed, in one shape for the CLI, the web and the demo: the kind
 * (HTTP status and exit code follow from it), the refusal's code and facts when the workflow
 * refused, and the invalid fields.
 */
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
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

/**
 * The gRPC status codes (grpc.io/docs/guides/status-codes), by number: the client's errors carry
 * the number, and its meaning is fixed by the protocol.
 */
export const GRPC_STATUS = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

const STATUS_NAME = new Map<number, string>(Object.entries(GRPC_STATUS).map(([name, code]) => [code, name]));

/**
 * The gRPC status behind `err` (the error itself or one of its causes: the SDK wraps the service's
 * error in its own), as its number and name; undefined when no gRPC error is in the chain.
 */
export function grpcStatusOf(err: unknown): { code: number; name: string } | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e)) return { code: e.code, name: STATUS_NAME.get(e.code) ?? `status ${e.code}` };
  }
  return undefined;
}

/**
 * Statuses after which the same call may succeed a moment later, and is safe to send again when it
 * is a read or an Update under a fixed id (Temporal runs an update id once): the server was
 * unreachable or overloaded (UNAVAILABLE, RESOURCE_EXHAUSTED), a race on the server (ABORTED), or
 * the call was cancelled before its answer (CANCELLED: a connection reset, a channel closing under
 * load). DEADLINE_EXCEEDED is not: the caller's time is up.
 */
const TRANSIENT: ReadonlySet<number> = new Set([GRPC_STATUS.UNAVAILABLE, GRPC_STATUS.RESOURCE_EXHAUSTED, GRPC_STATUS.ABORTED, GRPC_STATUS.CANCELLED]);

/** True when `err` is a gRPC failure worth trying again within the caller's time (see TRANSIENT). */
export function isTransientTemporalFailure(err: unknown): boolean {
  const status = grpcStatusOf(err);
  return !!status && TRANSIENT.has(status.code);
}

/**
 * Like `toCycleError`, but never throws: undefined when `err` is not a failure of Temporal (a bug,
 * a store error). For the last-resort handlers of the web server and the CLI, so that a Temporal
 * failure that reached them unmapped still says "try later" instead of a crash.
 */
export function asCycleError(err: unknown, what: string): CycleError | undefined {
  try {
    return toCycleError(err, what);
  } catch {
    return undefined;
  }
}

/**
 * Turns a Temporal client failure into a CycleError; rethrows anything it does not recognise.
 * Every gRPC status it does not map to a kind of its own is `unavailable` ("try later"; for an
 * Update already sent, *not yet confirmed*), CANCELLED and DEADLINE_EXCEEDED included: a person
 * never gets an error page for Temporal being slow or busy. UNAUTHENTICATED and PERMISSION_DENIED
 * are `unavailable` too, with the TemporalUnavailableError that names the cause as `cause`.
 */
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
  // Any other gRPC status (CANCELLED "Call cancelled" under load, RESOURCE_EXHAUSTED, ABORTED,
  // INTERNAL, UNKNOWN…): Temporal did not give an answer, so nothing is known of the outcome.
  const status = grpcStatusOf(err);
  if (status) return Object.assign(new CycleError('unavailable', `${what}: Temporal did not answer (${status.name}: ${message}).`), { cause: err });
  throw err;
}
