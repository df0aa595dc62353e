/** Due dates of a cycle: end of a local working day in the cycle's time zone. */
import { describe, expect, it } from 'vitest';
import { dueAtAfter } from '../../domain/cycle';
import { seeds } from '../helpers/cycle';

const closed = seeds.reminderPolicy.closedDays;

describe('dueAtAfter', () => {
  it('is the end of the local day when that day is a working day', () => {
    // Kick-off Monday 2 March 2026 + 28 days = Monday 30 March (CEST since the 29th).
    expect(dueAtAfter('2026-03-02', 28, 'Europe/Brussels', closed)).toBe('2026-03-30T21:59:59.999Z');
  });

  it('moves a weekend or a closed day on to the next working day', () => {
    // 29 November 2026 + 28 days = Sunday 27 December → Monday 28 December (CET).
    expect(dueAtAfter('2026-11-29', 28, 'Europe/Brussels', closed)).toBe('2026-12-28T22:59:59.999Z');
    // Friday 25 December is closed, then the weekend → Monday 28 December.
    expect(dueAtAfter('2026-12-18', 7, 'Europe/Brussels', closed)).toBe('2026-12-28T22:59:59.999Z');
    // Without closed days, Friday 25 December stands.
    expect(dueAtAfter('2026-12-18', 7, 'Europe/Brussels', [])).toBe('2026-12-25T22:59:59.999Z');
  });
});
