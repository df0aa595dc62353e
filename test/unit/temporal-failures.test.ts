/**
 * Every Temporal failure a person can meet under load maps to "try later" (HTTP 503, CLI exit 7) or,
 * for an action already sent, to *not yet confirmed* (HTTP 202, CLI exit 8): each gRPC status
 * (CANCELLED "Call cancelled" and DEADLINE_EXCEEDED included), raw or wrapped by the SDK; transient
 * ones are retried within the call's deadline. No server: gRPC errors are built as grpc-js makes them.
 */
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CycleError, GRPC_STATUS, asCycleError, grpcStatusOf, isTransientTemporalFailure, toCycleError } from '../../client/errors';
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS, backoffMs, withRetry } from '../../client/retry';
import { updateOutcome } from '../../client/update-outcome';
import { EXIT, EXIT_UNCONFIRMED, reportError } from '../../cli/errors';
import { unconfirmedOr } from '../../cli/requests';
import { statusOf } from '../../web/plumbing/refusals';
import { TemporalUnavailableError } from '../../infra/temporal-connection';

/** An error as @grpc/grpc-js rejects a call with: `code`, `details`, `metadata`. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${Object.entries(GRPC_STATUS).find(([, c]) => c === code)?.[0]}: ${details}`), { code, details, metadata: { internalRepr: new Map(), options: {} } });
}

const ALL_CODES = Object.values(GRPC_STATUS);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toCycleError: gRPC statuses', () => {
  it.each([
    ['CANCELLED', grpcError(GRPC_STATUS.CANCELLED, 'Call cancelled')],
    ['DEADLINE_EXCEEDED', grpcError(GRPC_STATUS.DEADLINE_EXCEEDED, 'Deadline exceeded after 15.001s')],
    ['UNAVAILABLE', grpcError(GRPC_STATUS.UNAVAILABLE, 'No connection established')],
    ['RESOURCE_EXHAUSTED', grpcError(GRPC_STATUS.RESOURCE_EXHAUSTED, 'namespace rate limit exceeded')],
    ['ABORTED', grpcError(GRPC_STATUS.ABORTED, 'aborted')],
    ['INTERNAL', grpcError(GRPC_STATUS.INTERNAL, 'Received RST_STREAM with code 2')],
    ['UNKNOWN', grpcError(GRPC_STATUS.UNKNOWN, 'h2 protocol error: http2 error')],
  ])('%s is unavailable: the try-later page, exit 7', (_name, err) => {
    const mapped = toCycleError(err, 'review-cycle-2026');
    expect(mapped.kind).toBe('unavailable');
    expect(statusOf(mapped)).toBe(503);
    expect(EXIT[mapped.kind]).toBe(7);
  });

  it('maps every status, raw or wrapped in the SDK\'s ServiceError, to a CycleError (none escapes as a crash)', () => {
    for (const code of ALL_CODES) {
      const raw = grpcError(code, 'details');
      const wrapped = new ServiceError('Failed to query Workflow', { cause: raw });
      for (const err of [raw, wrapped]) {
        const mapped = toCycleError(err, 'review-cycle-2026');
        expect(mapped, `status ${code}`).toBeInstanceOf(CycleError);
        if (code !== GRPC_STATUS.NOT_FOUND) expect(mapped.kind, `status ${code}`).toBe('unavailable');
      }
    }
  });

  it('names the status found in the cause chain', () => {
    expect(grpcStatusOf(new ServiceError('Failed to query Workflow', { cause: grpcError(1, 'Call cancelled') }))).toEqual({ code: 1, name: 'CANCELLED' });
    expect(grpcStatusOf(new Error('plain'))).toBeUndefined();
    expect(toCycleError(grpcError(1, 'Call cancelled'), 'x').message).toMatch(/CANCELLED/);
  });

  it('an Update whose call was cancelled or timed out is unavailable, with its cause', () => {
    for (const cause of [grpcError(GRPC_STATUS.CANCELLED, 'Call cancelled'), grpcError(GRPC_STATUS.DEADLINE_EXCEEDED, 'Deadline exceeded')]) {
      const mapped = toCycleError(new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled', { cause }), 'u');
      expect(mapped.kind).toBe('unavailable');
      expect(mapped.cause).toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);
    }
  });

  it('credentials refused stay a connection failure that names its cause', () => {
    const mapped = toCycleError(grpcError(GRPC_STATUS.UNAUTHENTICATED, 'invalid API key'), 'x');
    expect(mapped.kind).toBe('unavailable');
    expect(mapped.cause).toBeInstanceOf(TemporalUnavailableError);
  });

  it('a failure that is not Temporal\'s is rethrown by toCycleError, undefined from asCycleError', () => {
    const bug = new TypeError('t.generated is not a function');
    expect(() => toCycleError(bug, 'x')).toThrow(bug);
    expect(asCycleError(bug, 'x')).toBeUndefined();
    expect(asCycleError(grpcError(1, 'Call cancelled'), 'x')?.kind).toBe('unavailable');
  });

  it('transient: UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED, CANCELLED; not DEADLINE_EXCEEDED, not a refusal', () => {
    const transient = ALL_CODES.filter((c) => isTransientTemporalFailure(grpcError(c, 'd')));
    expect(transient.sort((a, b) => a - b)).toEqual([GRPC_STATUS.CANCELLED, GRPC_STATUS.RESOURCE_EXHAUSTED, GRPC_STATUS.ABORTED, GRPC_STATUS.UNAVAILABLE]);
    expect(isTransientTemporalFailure(new Error('ECONNRESET'))).toBe(false);
  });
});

describe('the CLI: exit codes', () => {
  it('a raw gRPC failure that reached the top exits 7, not 1', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(reportError(grpcError(GRPC_STATUS.CANCELLED, 'Call cancelled'), 'status')).toBe(EXIT.unavailable);
    expect(reportError(new ServiceError('Failed to query Workflow', { cause: grpcError(GRPC_STATUS.DEADLINE_EXCEEDED, 'Deadline exceeded') }), 'status')).toBe(EXIT.unavailable);
    expect(reportError(new Error('something else'), 'status')).toBe(1);
  });

  it('an Update sent and cancelled is not yet confirmed: exit 8', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const code of [GRPC_STATUS.CANCELLED, GRPC_STATUS.DEADLINE_EXCEEDED, GRPC_STATUS.UNAVAILABLE, GRPC_STATUS.RESOURCE_EXHAUSTED]) {
      const err = unconfirmedOr(toCycleError(grpcError(code, 'd'), 'review-cycle-2026'), { command: 'close', year: 2026, requestId: 'abc' });
      expect(reportError(err, 'close'), `status ${code}`).toBe(EXIT_UNCONFIRMED);
    }
  });
});

/** A client whose calls answer with `answers` in turn (an Error is thrown), counting the attempts. */
function fakeClient(answers: unknown[]) {
  let calls = 0;
  const client = {
    withDeadline: async <R>(_deadline: number, fn: () => Promise<R>) => fn(),
    workflow: {
      getHandle: () => ({
        getUpdateHandle: () => ({
          result: async () => {
            const a = answers[Math.min(calls++, answers.length - 1)];
            if (a instanceof Error) throw a;
            return a;
          },
        }),
      }),
    },
  };
  return { client: client as unknown as Client, calls: () => calls };
}

describe('retries within the deadline', () => {
  it('backs off from 100 ms, doubling, to at most 2 s, with ±20 % jitter', () => {
    expect(backoffMs(0, 0.5)).toBe(FIRST_BACKOFF_MS);
    expect(backoffMs(1, 0.5)).toBe(2 * FIRST_BACKOFF_MS);
    expect(backoffMs(20, 0.5)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(0, 0)).toBeCloseTo(0.8 * FIRST_BACKOFF_MS);
    expect(backoffMs(0, 0.9999)).toBeLessThan(1.2 * FIRST_BACKOFF_MS);
  });

  it('tries a cancelled call again and returns its answer', async () => {
    const { client, calls } = fakeClient([grpcError(1, 'Call cancelled'), grpcError(14, 'unavailable'), 'ok']);
    const sleep = vi.fn(async () => {});
    await expect(withRetry(client, Date.now() + 10_000, () => client.workflow.getHandle('w').getUpdateHandle('u').result(), sleep)).resolves.toBe('ok');
    expect(calls()).toBe(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('does not retry a deadline, a refusal or a bug', async () => {
    for (const err of [grpcError(4, 'Deadline exceeded'), grpcError(16, 'bad key'), new TypeError('bug')]) {
      const { client, calls } = fakeClient([err, 'ok']);
      await expect(withRetry(client, Date.now() + 10_000, () => client.workflow.getHandle('w').getUpdateHandle('u').result(), async () => {})).rejects.toBe(err);
      expect(calls()).toBe(1);
    }
  });

  it('gives up when the next attempt would not fit before the deadline, with the last failure', async () => {
    const cancelled = grpcError(1, 'Call cancelled');
    const { client, calls } = fakeClient([cancelled]);
    await expect(withRetry(client, Date.now() + 300, () => client.workflow.getHandle('w').getUpdateHandle('u').result(), async () => {})).rejects.toBe(cancelled);
    expect(calls()).toBe(1);
  });
});

describe('the outcome of an Update sent earlier', () => {
  it('cancelled or timed out, wrapped or raw: not completed yet (unavailable), never "nothing recorded"', async () => {
    for (const err of [
      grpcError(GRPC_STATUS.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled', { cause: grpcError(GRPC_STATUS.CANCELLED, 'Call cancelled') }),
    ]) {
      const { client } = fakeClient([err]);
      const failure = await updateOutcome(client, 'review-cycle-2026', 'u1', 50).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CycleError);
      expect((failure as CycleError).kind).toBe('unavailable');
      expect((failure as CycleError).message).toMatch(/not completed yet/);
    }
  });

  it('a cancelled look is tried again within its time', async () => {
    const { client, calls } = fakeClient([grpcError(GRPC_STATUS.CANCELLED, 'Call cancelled'), { code: 'recorded' }]);
    await expect(updateOutcome(client, 'review-cycle-2026', 'u1', 3_000)).resolves.toEqual({ code: 'recorded' });
    expect(calls()).toBe(2);
  });

  it('no such Update: undefined (nothing was recorded)', async () => {
    const { client } = fakeClient([new WorkflowNotFoundError('update not found', 'review-cycle-2026', undefined)]);
    await expect(updateOutcome(client, 'review-cycle-2026', 'u1')).resolves.toBeUndefined();
  });
});
