/**
 * The CLI's safe commands without a server: the consequences it asks to confirm, in figures
 * (cli/consequences.ts), how it asks (cli/confirm.ts), the update ids that make a retry
 * recognisable, and the mapping of an unanswered request to "not yet confirmed", exit 8
 * (cli/requests.ts, cli/errors.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cycleInputFromSeeds } from '../../client/cycles';
import { CycleError } from '../../client/errors';
import { confirmAction, DeclinedError, terminal } from '../../cli/confirm';
import { cancelConsequence, closeConsequence, reopenConsequence, startConsequence } from '../../cli/consequences';
import { EXIT_UNCONFIRMED, reportError } from '../../cli/errors';
import { cliUpdateId, parseRequestId, UnconfirmedError, unconfirmedOr } from '../../cli/requests';
import { initialState } from '../../domain/cycle';
import { reviewCycleId } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { TemporalUnavailableError } from '../../infra/temporal-connection';
import { cli } from '../helpers/cli';
import { coordinator, seeds } from '../helpers/cycle';

function cycle(year = 2027): ReviewCycleState {
  const input = cycleInputFromSeeds({ year, kickoffAt: `${year}-03-01T08:00:00.000Z`, seeds, startedBy: coordinator });
  return initialState(input, reviewCycleId(year));
}

afterEach(() => vi.restoreAllMocks());

describe('the consequences, in figures', () => {
  it('start: the owners and areas mailed, now or on the scheduled date', () => {
    expect(startConsequence(2027, seeds)).toBe('Start the 2027 cycle: 27 area owners in 15 areas will be mailed now (30 input requests).');
    expect(startConsequence(2027, seeds, { startsAt: '2027-03-01T08:00:00.000Z' })).toBe(
      'Start the 2027 cycle: 27 area owners in 15 areas will be mailed on 2027-03-01 09:00 (Europe/Brussels), and nobody before then (30 input requests).',
    );
    expect(startConsequence(2025, seeds, { backdatedTo: '2025-03-01' })).toContain('will be mailed now (30 input requests). The kick-off date 2025-03-01 has passed: the deadlines count from it.');
  });

  it('close: inputs in, areas reported missing and their owners', () => {
    const state = cycle();
    for (const a of state.areas.slice(0, 3)) Object.assign(a, { status: 'submitted', revision: 1 });
    Object.assign(state.areas[3]!, { status: 'waived', closed: true });
    const missing = state.areas.slice(4);
    const owners = new Set(missing.flatMap((a) => [a.owners.eu.email, a.owners.al.email])).size;
    expect(closeConsequence(state)).toBe(`Close collection with 3 of 15 inputs (1 waived)? 11 areas will be reported missing, and their ${owners} owners can no longer submit; the draft report is then assembled.`);
    for (const a of missing) Object.assign(a, { status: 'submitted', revision: 1 });
    expect(closeConsequence(state)).toBe('Close collection with 14 of 15 inputs (1 waived)? No area will be reported missing; the draft report is then assembled.');
    // Outside collection the workflow refuses the command: nothing to confirm.
    expect(closeConsequence({ ...state, stage: 'drafting' })).toBeUndefined();
  });

  it('cancel and draft reopen: what stops, who is mailed', () => {
    const state = cycle();
    Object.assign(state.areas[0]!, { status: 'submitted', revision: 1 });
    expect(cancelConsequence(state)).toBe(
      'Cancel the 2027 cycle (stage collecting, 1 of 15 inputs in)? No more requests or reminders are sent and no report is made; 30 people (the coordinator, the directors and the area owners) are told by mail. The year cannot have another cycle.',
    );
    expect(cancelConsequence({ ...state, stage: 'submitted' })).toBeUndefined();
    const drafting = { ...state, stage: 'drafting' as const };
    const [a, b] = [state.areas[0]!, state.areas[1]!];
    const owners = new Set([a.owners.eu.email, a.owners.al.email, b.owners.eu.email, b.owners.al.email]).size;
    expect(reopenConsequence(drafting, [a.id, b.id, 'no-such-area'], 1)).toBe(
      `Reopen 2 areas of draft v1 (${a.title}; ${b.title})? Their ${owners} owners will be mailed your comment and asked to revise; a new draft follows.`,
    );
    expect(reopenConsequence(state, [a.id], 1)).toBeUndefined();
  });
});

describe('asking for confirmation', () => {
  it('without a terminal and without --yes: refused as invalid input (exit 2), saying to add --yes', async () => {
    vi.spyOn(terminal, 'interactive').mockReturnValue(false);
    const ask = vi.spyOn(terminal, 'ask');
    const error = await confirmAction('Close collection with 3 of 15 inputs?', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CycleError);
    expect((error as CycleError).kind).toBe('invalid');
    expect((error as Error).message).toBe('Close collection with 3 of 15 inputs?\nNothing was done: there is no terminal to ask for confirmation on. Add --yes to confirm.');
    expect(ask).not.toHaveBeenCalled();
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(reportError(error)).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain('Add --yes to confirm.');
  });

  it('with --yes: goes on at once and prints the consequence', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const ask = vi.spyOn(terminal, 'ask');
    await confirmAction('Reopen 1 area?', true);
    expect(log).toHaveBeenCalledWith('Reopen 1 area?');
    expect(ask).not.toHaveBeenCalled();
  });

  it('on a terminal: y or yes goes on; anything else is declined (exit 1, nothing done)', async () => {
    vi.spyOn(terminal, 'interactive').mockReturnValue(true);
    const ask = vi.spyOn(terminal, 'ask');
    for (const answer of ['y', 'Yes', ' YES ']) {
      ask.mockResolvedValueOnce(answer);
      await expect(confirmAction('Go?', undefined)).resolves.toBeUndefined();
    }
    expect(ask).toHaveBeenLastCalledWith('Go? [y/N] ');
    for (const answer of ['', 'n', 'no', 'yep']) {
      ask.mockResolvedValueOnce(answer);
      await expect(confirmAction('Go?', undefined)).rejects.toBeInstanceOf(DeclinedError);
    }
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(reportError(new DeclinedError())).toBe(1);
  });
});

describe('requests: update ids and unanswered requests', () => {
  it('names a request by command, cycle, arguments and request id', () => {
    const id = cliUpdateId('draft reopen', 2027, { areaIds: ['fimi'], comment: 'Dates?' }, 'k3Jx9');
    expect(id).toMatch(/^cli:draft-reopen:2027:[0-9a-f]{12}:k3Jx9$/);
    expect(cliUpdateId('draft reopen', 2027, { areaIds: ['fimi'], comment: 'Dates?' }, 'k3Jx9')).toBe(id);
    expect(cliUpdateId('draft reopen', 2027, { areaIds: ['fimi'], comment: 'Other.' }, 'k3Jx9')).not.toBe(id);
    expect(cliUpdateId('draft reopen', 2028, { areaIds: ['fimi'], comment: 'Dates?' }, 'k3Jx9')).not.toBe(id);
    expect(cliUpdateId('draft reopen', 2027, { areaIds: ['fimi'], comment: 'Dates?' }, 'other')).not.toBe(id);
    expect(parseRequestId('close-2027.a_1')).toBe('close-2027.a_1');
    expect(() => parseRequestId('two words')).toThrow(/letters, digits/);
  });

  it('a request Temporal did not answer in time is not yet confirmed: exit 8, how to check and retry', () => {
    const timeout = new CycleError('unavailable', 'review-cycle-2027: Temporal did not answer in time (context deadline exceeded).');
    const mapped = unconfirmedOr(timeout, { command: 'close', year: 2027, requestId: 'k3Jx9' });
    expect(mapped).toBeInstanceOf(UnconfirmedError);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(reportError(mapped, 'close')).toBe(EXIT_UNCONFIRMED);
    expect(EXIT_UNCONFIRMED).toBe(8);
    const printed = err.mock.calls.flat().join('\n');
    expect(printed).toContain('close was sent to the 2027 cycle, but Temporal did not confirm it in time');
    expect(printed).toContain('NOT YET CONFIRMED');
    expect(printed).toContain('sdp-review status --year 2027');
    expect(printed).toContain('--request-id k3Jx9');
    expect(printed).not.toMatch(/nothing was (recorded|done)/i);
  });

  it('refusals, finished cycles and refused credentials stay what they are: nothing was recorded', () => {
    const request = { command: 'close', year: 2027, requestId: 'x' };
    for (const err of [
      new CycleError('conflict', 'closed'),
      new CycleError('gone', 'finished'),
      Object.assign(new CycleError('unavailable', 'refused'), { cause: new TemporalUnavailableError('unauthenticated', 'bad key', { address: 'a:1', addressFrom: 'override', namespace: 'n' }) }),
      new Error('other'),
    ]) {
      expect(unconfirmedOr(err, request)).toBe(err);
    }
  });
});

describe('sdp-review start, before it connects to Temporal', () => {
  it('without a terminal and without --yes: states who would be mailed, starts nothing, exits 2', async () => {
    const { code, out, err } = await cli('start', '--year', '2027');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Start the 2027 cycle: 27 area owners in 15 areas will be mailed now (30 input requests).');
    expect(err).toContain('Add --yes to confirm.');
  });

  it('refuses a kick-off more than two years away before asking anyone, and a malformed request id', async () => {
    const far = await cli('start', '--year', '2030', '--kickoff', `${new Date().getFullYear() + 3}-01-15`, '--yes');
    expect(far.code).toBe(2);
    expect(far.err).toMatch(/kickoffAt: must be within two years of today/);
    expect(far.out).toBe('');
    // Commander prints usage errors on stderr itself, naming the option.
    const badId = await cli('close', '--year', '2027', '--request-id', 'not ok', '--yes');
    expect(badId.code).toBe(2);
    expect(badId.err).toContain("option '--request-id <id>' argument 'not ok' is invalid");
  });
});
