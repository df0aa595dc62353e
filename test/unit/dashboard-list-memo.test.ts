/**
 * A row of /cycles drawn from the list view in the workflow's memo (no query) shows what the row
 * drawn from the whole state shows.
 */
import { describe, expect, it } from 'vitest';
import { cycleInputFromSeeds, type CycleSummary } from '../../client/cycles';
import { initialState } from '../../domain/cycle';
import { cycleListMemo } from '../../domain/cycle-list-memo';
import { reviewCycleId } from '../../domain/messages';
import { cyclesParts } from '../../web/dashboard/pages';
import { en } from '../../web/texts';
import { coordinator, seeds } from '../helpers/cycle';

describe('/cycles from the list view', () => {
  it('draws the same row as from the state, before and after the inputs are due', () => {
    const state = initialState(cycleInputFromSeeds({ year: 2027, kickoffAt: '2027-03-01T08:00:00.000Z', seeds, startedBy: coordinator }), reviewCycleId(2027));
    state.areas[0]!.status = 'submitted';
    const summary: CycleSummary = { workflowId: state.workflowId, year: 2027, stage: state.stage, status: 'RUNNING', startTime: state.kickoffAt };
    for (const now of [Date.parse(state.kickoffAt), Date.parse(state.inputsDueAt) + 86_400_000]) {
      const fromState = cyclesParts(en, { rows: [{ summary, state }], now, root: '' });
      const fromMemo = cyclesParts(en, { rows: [{ summary: { ...summary, list: cycleListMemo(state) } }], now, root: '' });
      expect(fromMemo[0]!.html.value).toBe(fromState[0]!.html.value);
      expect(fromMemo[0]!.html.value).toContain('1 of 15');
    }
  });
});
