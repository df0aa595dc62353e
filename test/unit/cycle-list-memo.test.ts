/**
 * The list view a cycle's workflow can keep in its memo (domain/cycle-list-memo.ts) gives the same
 * figures as the whole state, at any clock: /cycles can then be one visibility call.
 */
import { describe, expect, it } from 'vitest';
import { cycleInputFromSeeds } from '../../client/cycles';
import { initialState } from '../../domain/cycle';
import { CYCLE_LIST_MEMO, cycleListMemo, figuresOfListMemo, listMemoOf } from '../../domain/cycle-list-memo';
import { cycleFigures } from '../../domain/figures';
import { reviewCycleId } from '../../domain/messages';
import type { ReviewCycleState } from '../../domain/state';
import { coordinator, seeds } from '../helpers/cycle';

function cycle(year = 2027): ReviewCycleState {
  const input = cycleInputFromSeeds({ year, kickoffAt: `${year}-03-01T08:00:00.000Z`, seeds, startedBy: coordinator });
  return initialState(input, reviewCycleId(year));
}

const clocks = (s: ReviewCycleState) => [Date.parse(s.kickoffAt), Date.parse(s.inputsDueAt) - 1, Date.parse(s.inputsDueAt) + 86_400_000, Date.parse(s.submissionDueAt) + 1];

describe('the list view of a cycle', () => {
  it('gives the figures of the whole state, before and after each deadline', () => {
    const s = cycle();
    // Some areas in, one with a later due date, one waived: every kind of row.
    s.areas[0]!.status = 'submitted';
    s.areas[1]!.status = 'submitted';
    s.areas[2]!.dueAt = new Date(Date.parse(s.areas[2]!.dueAt) + 7 * 86_400_000).toISOString();
    s.areas[3]!.status = 'waived';
    const memo = cycleListMemo(s);
    for (const now of clocks(s)) expect(figuresOfListMemo(memo, now)).toEqual(cycleFigures(s, now));
  });

  it('is small: about a kilobyte for 15 areas', () => {
    expect(JSON.stringify(cycleListMemo(cycle())).length).toBeLessThan(2_000);
  });

  it('is read from a listing\'s memo only when it has this shape', () => {
    const memo = cycleListMemo(cycle());
    expect(listMemoOf({ [CYCLE_LIST_MEMO]: memo })).toEqual(memo);
    expect(listMemoOf({})).toBeUndefined();
    expect(listMemoOf(undefined)).toBeUndefined();
    expect(listMemoOf({ [CYCLE_LIST_MEMO]: { v: 2 } })).toBeUndefined();
  });
});
