/**
 * `sdp-review timeline` shows, by default, the mails the plan makes as the workflow sends them:
 * one per person per local day, naming the areas (issue 12: 540 item rows, and 15 separate
 * escalations to the directors on the same morning, before).
 */
import { describe, expect, it } from 'vitest';
import { timelineMails, timelineRows } from '../../cli/commands/timeline';
import { cycleInputFromSeeds } from '../../client/cycles';
import { initialState } from '../../domain/cycle';
import { reviewCycleId } from '../../domain/messages';
import { kickoffInstant } from '../../cli/options';
import { seeds } from '../helpers/cycle';

const year = 2027;
const kickoffAt = kickoffInstant('2027-03-01', seeds.timeline.timeZone);
const c = seeds.participants.coordinator;
const input = cycleInputFromSeeds({ year, kickoffAt, seeds, startedBy: { email: c.email, role: 'coordinator', channel: 'cli' } });
const state = initialState(input, reviewCycleId(year));

describe('timeline', () => {
  const mails = timelineMails(state, input.reminderPolicy, kickoffAt);
  const items = timelineRows(state, input.reminderPolicy, kickoffAt);

  it('has one mail per person per local day, together listing every planned item for every recipient', () => {
    const keys = mails.map((m) => `${m.to.email}|${m.localDate}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mails.reduce((n, m) => n + m.items.length, 0)).toBe(items.reduce((n, r) => n + r.to.length, 0));
  });

  it('escalates to each director once a day, naming every overdue area by its title', () => {
    for (const director of [seeds.participants.directors.eu, seeds.participants.directors.al]) {
      const escalations = mails.filter((m) => m.to.email === director.email && m.escalation);
      expect(escalations.length).toBeGreaterThan(0);
      const first = escalations[0]!;
      expect(first.items).toHaveLength(seeds.areas.length);
      for (const area of seeds.areas) expect(first.summary.join('\n')).toContain(area.title);
    }
  });
});
