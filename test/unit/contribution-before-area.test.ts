/**
 * A contribution sent while its cycle has not started the area's workflow yet (right after kick-off,
 * under load) waits for it within the call's deadline; "the cycle has no area" is said only when the
 * cycle's state says so, and a cycle that cannot answer in time gives "try later", never "no area"
 * or "no such review cycle". No server: a client whose calls answer as Temporal does.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { CycleError, GRPC_STATUS } from '../../client/errors';
import { submitContribution } from '../../client/cycles';
import { areaCollectionId, reviewCycleId } from '../../domain/messages';
import type { ContributionInput } from '../../domain/schemas';

const YEAR = 2031;
const AREA = 'cyber-issues';
const areaId = areaCollectionId(YEAR, AREA);
const cycleId = reviewCycleId(YEAR);

/** An error as @grpc/grpc-js rejects a call with. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code}: ${details}`), { code, details, metadata: { internalRepr: new Map(), options: {} } });
}

/**
 * A client for one running cycle: the area's workflow answers "not found" for its first
 * `missingFor` updates, then records; the cycle lists `pending` children, and its state query
 * answers with `areas` (or throws `stateError`). `describeError` replaces the cycle's description.
 */
function fakeClient(opts: { missingFor: number; areas?: string[]; stateError?: Error; describeError?: Error; pending?: string[] }) {
  const calls = { updates: 0, queries: 0 };
  const client = {
    withDeadline: async <R>(_deadline: number, fn: () => Promise<R>) => fn(),
    workflow: {
      getHandle: (id: string) => ({
        executeUpdate: async () => {
          expect(id).toBe(areaId);
          if (calls.updates++ < opts.missingFor) throw new WorkflowNotFoundError('workflow not found', id, undefined);
          return { stage: 'collecting', code: 'contribution-recorded', revision: 1 };
        },
        describe: async () => {
          expect(id).toBe(cycleId);
          if (opts.describeError) throw opts.describeError;
          return { status: { name: 'RUNNING' }, raw: { pendingChildren: (opts.pending ?? []).map((workflowId) => ({ workflowId })) } };
        },
        query: async () => {
          expect(id).toBe(cycleId);
          calls.queries++;
          if (opts.stateError) throw opts.stateError;
          return { areas: (opts.areas ?? []).map((a) => ({ id: a })) };
        },
      }),
    },
  };
  return { client: client as unknown as Client, calls };
}

const send = (client: Client) =>
  submitContribution(client, { year: YEAR, areaId: AREA, contribution: {} as ContributionInput, actor: { email: 'owner@example.eu', role: 'area-owner', channel: 'web' } });

describe('a contribution sent before the cycle started its area', () => {
  it('waits while the cycle has the area but has not started its workflow, then records it', async () => {
    const { client, calls } = fakeClient({ missingFor: 6, areas: [AREA] });
    await expect(send(client)).resolves.toMatchObject({ code: 'contribution-recorded' });
    // The state is asked once, not at every look.
    expect(calls.queries).toBe(1);
  });

  it('waits without asking the state while the area\'s workflow is being started', async () => {
    const { client, calls } = fakeClient({ missingFor: 6, pending: [areaId] });
    await expect(send(client)).resolves.toMatchObject({ code: 'contribution-recorded' });
    expect(calls.queries).toBe(0);
  });

  it('waits while the cycle cannot answer yet (its first task not done), asking again later', async () => {
    const { client, calls } = fakeClient({ missingFor: 10, stateError: grpcError(GRPC_STATUS.FAILED_PRECONDITION, 'workflow not ready') });
    await expect(send(client)).resolves.toMatchObject({ code: 'contribution-recorded' });
    expect(calls.queries).toBe(2);
  });

  it('"no area" only when the cycle\'s state has no such area', async () => {
    const { client } = fakeClient({ missingFor: 1_000, areas: ['general-framework'] });
    const err = await send(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CycleError);
    expect((err as CycleError).kind).toBe('not-found');
    expect((err as CycleError).message).toMatch(/has no area "cyber-issues"/);
  });

  it('a cycle that does not answer in time is "try later", not "no such review cycle"', async () => {
    const { client } = fakeClient({ missingFor: 1_000, describeError: grpcError(GRPC_STATUS.DEADLINE_EXCEEDED, 'Deadline exceeded after 15.000s') });
    const err = await send(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CycleError);
    expect((err as CycleError).kind).toBe('unavailable');
  });
});
