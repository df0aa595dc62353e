/**
 * Reminder policy, calendar and planner (issue 4), with the daylight-saving case: a reminder each
 * day at 09:00 Europe/Brussels fires at 08:00Z on 2025-03-29 and 07:00Z on 2025-03-30, once each
 * day. Pure: no servers, no clock, no waiting.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addLocalDays, addWorkingDays, endOfLocalDay, formatLocal, isWorkingDay, localDateOf, localTimeAt, nextLocalTimeAfter } from '../../domain/calendar';
import { ReminderPolicy } from '../../domain/reminder-policy';
import { groupIntoDigests, nextReminderAt, planReminders, type PlannedReminder, type ReminderItem } from '../../domain/reminders';

const BXL = 'Europe/Brussels';
/** The calendar, the policy and the planner: what was one module, domain/reminders.ts. */
const modulePaths = ['calendar', 'reminder-policy', 'reminders'].map((m) => fileURLToPath(new URL(`../../domain/${m}.ts`, import.meta.url)));
const seedPath = fileURLToPath(new URL('../../seeds/reminder-policy.json', import.meta.url));
const seed = ReminderPolicy.parse(JSON.parse(readFileSync(seedPath, 'utf8')));

const coordinator = { name: 'Arta Koordinatore', email: 'coordinator@example.eu' };
const directors = [
  { name: 'Claire Directeur', email: 'director.eu@example.eu' },
  { name: 'Ëngjëll Çela', email: 'director.al@example.al' },
];
const ownerEu = { name: 'Jan Owner', email: 'jan.owner@example.eu' };
const ownerAl = { name: 'Besa Pronare', email: 'besa@example.al' };

function item(over: Partial<ReminderItem> = {}): ReminderItem {
  return {
    stage: 'collecting',
    key: 'area:cyber-issues',
    areaId: 'cyber-issues',
    title: 'Input for Cyber issues',
    dueAt: endOfLocalDay('2025-03-31', BXL),
    owners: [ownerEu, ownerAl],
    done: false,
    ...over,
  };
}

const plan = (items: ReminderItem[], from: string, until: string, policy = seed, timeZone = BXL) =>
  planReminders({ policy, timeZone, items, coordinator, directors, from, until });

/** A compact view: at, kind, label, recipients' e-mails. */
const view = (p: PlannedReminder[]) => p.map((r) => [r.at, r.kind, r.label, r.to.map((t) => t.email).join(',')]);

describe('reminder policy (seeds/reminder-policy.json)', () => {
  it('the seed validates and holds the defaults of issue 4 plus closed days', () => {
    const raw = JSON.parse(readFileSync(seedPath, 'utf8'));
    expect(ReminderPolicy.safeParse(raw).success).toBe(true);
    const defaults = ReminderPolicy.parse({});
    expect({ ...seed, closedDays: [] }).toEqual(defaults);
    expect(defaults.sendAt).toBe('09:00');
    for (const stage of ['collecting', 'drafting', 'sign-off'] as const) {
      expect(defaults.stages[stage]).toEqual({
        beforeDueDays: [7, 2, 0],
        escalations: [
          { afterWorkingDays: 1, to: 'coordinator' },
          { afterWorkingDays: 5, to: 'directors' },
        ],
        repeatOverdue: { firstAfterWorkingDays: 2, everyWorkingDays: 2 },
      });
    }
    expect(seed.closedDays).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2027-03-26', '2027-03-29', '2027-12-25']));
  });

  it('rejects bad policies with the path of the fault', () => {
    const bad = ReminderPolicy.safeParse({ sendAt: '9:00', closedDays: ['2026-02-30'], stages: { drafting: { escalations: [{ afterWorkingDays: 1, to: 'coordinator' }, { afterWorkingDays: 1, to: 'directors' }] } } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['sendAt', 'closedDays.0', 'stages.drafting.escalations.1.afterWorkingDays']));
    expect(ReminderPolicy.safeParse({ stages: { collecting: { beforeDueDays: [2, 2] } } }).error!.issues[0]!.path).toEqual(['stages', 'collecting', 'beforeDueDays', 1]);
  });
});

describe('C8: each day at 09:00 Europe/Brussels across daylight-saving changes', () => {
  /** Follows "sleep until the next 09:00" from `start` for `n` firings. */
  const daily = (start: string, n: number) => {
    const out: string[] = [];
    let t = start;
    for (let i = 0; i < n; i += 1) out.push((t = nextLocalTimeAfter(t, '09:00', BXL)));
    return out;
  };

  it('March: 08:00Z on the 29th, 07:00Z on the 30th, once each day', () => {
    const fired = daily('2025-03-28T12:00:00Z', 3);
    expect(fired).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    expect(fired.map((f) => localDateOf(f, BXL))).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    expect(fired.map((f) => formatLocal(f, BXL))).toEqual(['2025-03-29T09:00:00.000+01:00', '2025-03-30T09:00:00.000+02:00', '2025-03-31T09:00:00.000+02:00']);
    expect(localTimeAt('2025-03-29', '09:00', BXL)).toBe('2025-03-29T08:00:00.000Z');
    expect(localTimeAt('2025-03-30', '09:00', BXL)).toBe('2025-03-30T07:00:00.000Z');
    // A 24-hour sleep would fire at 10:00 local on the 30th.
    expect(new Date(Date.parse(fired[0]!) + 86_400_000).toISOString()).not.toBe(fired[1]);
  });

  it('October: 07:00Z on the 25th, 08:00Z on the 26th, once each day', () => {
    const fired = daily('2025-10-24T12:00:00Z', 3);
    expect(fired).toEqual(['2025-10-25T07:00:00.000Z', '2025-10-26T08:00:00.000Z', '2025-10-27T08:00:00.000Z']);
    expect(fired.map((f) => formatLocal(f, BXL))).toEqual(['2025-10-25T09:00:00.000+02:00', '2025-10-26T09:00:00.000+01:00', '2025-10-27T09:00:00.000+01:00']);
    // A 24-hour sleep would fire at 08:00 local on the 26th.
    expect(new Date(Date.parse(fired[0]!) + 86_400_000).toISOString()).not.toBe(fired[1]);
  });

  it('never fires twice on one local day, whatever instant it wakes at', () => {
    // Waking exactly at, just before, and just after the firing of each DST day.
    expect(nextLocalTimeAfter('2025-03-30T07:00:00.000Z', '09:00', BXL)).toBe('2025-03-31T07:00:00.000Z');
    expect(nextLocalTimeAfter('2025-03-30T06:59:59.999Z', '09:00', BXL)).toBe('2025-03-30T07:00:00.000Z');
    expect(nextLocalTimeAfter('2025-10-26T08:00:00.000Z', '09:00', BXL)).toBe('2025-10-27T08:00:00.000Z');
    expect(nextLocalTimeAfter('2025-10-26T07:30:00.000Z', '09:00', BXL)).toBe('2025-10-26T08:00:00.000Z');
    const month = daily('2025-03-15T00:00:00Z', 31).concat(daily('2025-10-15T00:00:00Z', 31));
    const days = month.map((f) => localDateOf(f, BXL));
    expect(new Set(days).size).toBe(days.length);
    expect(month.every((f) => formatLocal(f, BXL).slice(11, 23) === '09:00:00.000')).toBe(true);
  });

  it('the planner keeps 09:00 local on both sides of each change', () => {
    const march = plan([item()], '2025-03-01T00:00:00Z', '2025-03-31T21:59:59.999Z');
    expect(march.map((r) => [r.at, r.local])).toEqual([
      ['2025-03-24T08:00:00.000Z', '2025-03-24T09:00:00.000+01:00'],
      ['2025-03-28T08:00:00.000Z', '2025-03-28T09:00:00.000+01:00'],
      ['2025-03-31T07:00:00.000Z', '2025-03-31T09:00:00.000+02:00'],
    ]);
    const october = plan([item({ dueAt: endOfLocalDay('2025-10-27', BXL) })], '2025-10-01T00:00:00Z', '2025-10-28T23:00:00Z');
    expect(october.map((r) => [r.local, r.label])).toEqual([
      ['2025-10-20T09:00:00.000+02:00', '7 days before'],
      ['2025-10-24T09:00:00.000+02:00', '3 days before'],
      ['2025-10-27T09:00:00.000+01:00', 'due today'],
      ['2025-10-28T09:00:00.000+01:00', 'escalation to the coordinator'],
    ]);
  });
});

describe('calendar helpers', () => {
  it('endOfLocalDay is the end of the day in Brussels, winter and summer and on the change days', () => {
    expect(endOfLocalDay('2025-01-15', BXL)).toBe('2025-01-15T22:59:59.999Z');
    expect(endOfLocalDay('2025-07-15', BXL)).toBe('2025-07-15T21:59:59.999Z');
    expect(endOfLocalDay('2025-03-30', BXL)).toBe('2025-03-30T21:59:59.999Z');
    expect(endOfLocalDay('2025-10-26', BXL)).toBe('2025-10-26T22:59:59.999Z');
    expect(endOfLocalDay('2025-07-15', 'Pacific/Auckland')).toBe('2025-07-15T11:59:59.999Z');
    expect(endOfLocalDay('2025-07-15', 'UTC')).toBe('2025-07-15T23:59:59.999Z');
  });

  it('localDateOf reads the date in the zone, from ISO strings with Z or offset, or epoch ms', () => {
    expect(localDateOf('2025-03-31T22:30:00Z', BXL)).toBe('2025-04-01');
    expect(localDateOf('2025-03-31T21:59:59.999Z', BXL)).toBe('2025-03-31');
    expect(localDateOf('2025-04-01T00:30:00+02:00', 'UTC')).toBe('2025-03-31');
    expect(localDateOf(Date.UTC(2025, 0, 1, 23, 30), BXL)).toBe('2025-01-02');
  });

  it('addLocalDays is calendar arithmetic, across month, leap day and DST', () => {
    expect(addLocalDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addLocalDays('2025-03-29', 3)).toBe('2025-04-01');
    expect(addLocalDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addLocalDays('2025-10-26', 0)).toBe('2025-10-26');
  });

  it('working days skip weekends and closed days', () => {
    expect(addWorkingDays('2025-03-28', 1, [])).toBe('2025-03-31'); // Fri → Mon
    expect(addWorkingDays('2025-03-29', 1, [])).toBe('2025-03-31'); // Sat → Mon
    expect(addWorkingDays('2025-03-31', -1, [])).toBe('2025-03-28'); // Mon → Fri
    expect(addWorkingDays('2025-03-29', 0, [])).toBe('2025-03-29');
    // Thu 2 April 2026, then Good Friday (closed), the weekend, Easter Monday (closed): Tuesday.
    expect(addWorkingDays('2026-04-02', 1, seed.closedDays)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-07', -1, seed.closedDays)).toBe('2026-04-02');
    expect(addWorkingDays('2026-04-02', 3, seed.closedDays)).toBe('2026-04-09');
    expect(isWorkingDay('2026-04-03', seed.closedDays)).toBe(false);
    expect(isWorkingDay('2026-04-04', [])).toBe(false);
    expect(isWorkingDay('2026-04-03', [])).toBe(true);
  });

  it('localTimeAt: gap moves forward, overlap takes the later instant', () => {
    expect(localTimeAt('2025-03-30', '02:30', BXL)).toBe('2025-03-30T01:30:00.000Z'); // = 03:30+02:00
    expect(localTimeAt('2025-10-26', '02:30', BXL)).toBe('2025-10-26T01:30:00.000Z'); // = 02:30+01:00
  });

  it('formatLocal gives ISO 8601 with the offset of the zone', () => {
    expect(formatLocal('2025-03-30T07:00:00Z', BXL)).toBe('2025-03-30T09:00:00.000+02:00');
    expect(formatLocal('2025-01-30T08:00:00Z', BXL)).toBe('2025-01-30T09:00:00.000+01:00');
  });
});

describe('planReminders with the default policy', () => {
  it('one collecting item due Monday 2025-03-31 (across the March change): every mail of the first 10 working days after', () => {
    const due = '2025-03-31T21:59:59.999Z';
    expect(endOfLocalDay('2025-03-31', BXL)).toBe(due);
    const owners = 'jan.owner@example.eu,besa@example.al';
    const dirs = 'director.eu@example.eu,director.al@example.al';
    const planned = plan([item()], '2025-03-01T00:00:00Z', '2025-04-14T21:59:59.999Z');
    expect(view(planned)).toEqual([
      ['2025-03-24T08:00:00.000Z', 'reminder', '7 days before', owners], // Mon, CET
      ['2025-03-28T08:00:00.000Z', 'reminder', '3 days before', owners], // "2 days before" is Sat → Fri
      ['2025-03-31T07:00:00.000Z', 'reminder', 'due today', owners], // Mon, CEST
      ['2025-04-01T07:00:00.000Z', 'escalation', 'escalation to the coordinator', 'coordinator@example.eu'], // +1
      ['2025-04-02T07:00:00.000Z', 'reminder', 'overdue: 2 working days', owners], // +2
      ['2025-04-04T07:00:00.000Z', 'reminder', 'overdue: 4 working days', owners], // +4 (Fri)
      ['2025-04-07T07:00:00.000Z', 'escalation', 'escalation to the directors', dirs], // +5 (Mon)
      ['2025-04-08T07:00:00.000Z', 'reminder', 'overdue: 6 working days', owners], // +6
      ['2025-04-10T07:00:00.000Z', 'reminder', 'overdue: 8 working days', owners], // +8
      ['2025-04-14T07:00:00.000Z', 'reminder', 'overdue: 10 working days', owners], // +10 (Mon)
    ]);
    for (const r of planned) {
      expect(r).toMatchObject({ stage: 'collecting', key: 'area:cyber-issues', areaId: 'cyber-issues', dueAt: due, id: `area:cyber-issues|${r.kind}|${r.at}` });
      expect(r.local).toBe(formatLocal(r.at, BXL));
      expect(r.local.slice(11, 16)).toBe('09:00');
    }
    expect(nextReminderAt(planned, 'area:cyber-issues')).toBe('2025-03-24T08:00:00.000Z');
    expect(nextReminderAt(planned, 'area:other')).toBeUndefined();
  });

  it('from is exclusive and before-due reminders before it are skipped, not sent late; until is inclusive', () => {
    const planned = plan([item()], '2025-03-28T08:00:00.000Z', '2025-04-02T07:00:00.000Z');
    expect(planned.map((r) => r.label)).toEqual(['due today', 'escalation to the coordinator', 'overdue: 2 working days']);
    expect(nextReminderAt(planned, 'area:cyber-issues')).toBe('2025-03-31T07:00:00.000Z');
    expect(plan([item()], '2025-04-14T07:00:00.000Z', '2025-04-14T07:00:00.000Z')).toEqual([]);
    expect(() => plan([item()], '2025-04-14T07:00:00Z', '2025-04-13T07:00:00Z')).toThrow(/^until: /);
  });

  it('skips a closed day and a weekend after the due date, and moves before-due reminders off them', () => {
    // Due Thursday 2 April 2026; Good Friday and Easter Monday are closed.
    const planned = plan([item({ dueAt: endOfLocalDay('2026-04-02', BXL) })], '2026-03-01T00:00:00Z', '2026-04-10T00:00:00Z');
    expect(view(planned).map(([at, , label]) => [at, label])).toEqual([
      ['2026-03-26T08:00:00.000Z', '7 days before'],
      ['2026-03-31T07:00:00.000Z', '2 days before'],
      ['2026-04-02T07:00:00.000Z', 'due today'],
      ['2026-04-07T07:00:00.000Z', 'escalation to the coordinator'], // Tue: +1 after Fri (closed), weekend, Mon (closed)
      ['2026-04-08T07:00:00.000Z', 'overdue: 2 working days'],
    ]);
    // Due Tuesday 7 April 2026: "2 days before" is Easter Sunday; back over Saturday and Good Friday to Thursday.
    const moved = plan([item({ dueAt: endOfLocalDay('2026-04-07', BXL) })], '2026-03-01T00:00:00Z', '2026-04-07T21:00:00Z');
    expect(moved.map((r) => [r.local, r.label])).toEqual([
      ['2026-03-31T09:00:00.000+02:00', '7 days before'],
      ['2026-04-02T09:00:00.000+02:00', '5 days before'],
      ['2026-04-07T09:00:00.000+02:00', 'due today'],
    ]);
  });

  it('never plans two reminders for one item on one local day', () => {
    // Due Sunday 2025-04-06: "due today" and "2 days before" both move to Friday 4 April.
    const planned = plan([item({ dueAt: endOfLocalDay('2025-04-06', BXL) })], '2025-03-01T00:00:00Z', '2025-04-06T21:00:00Z');
    expect(planned.map((r) => [r.local, r.label])).toEqual([
      ['2025-03-28T09:00:00.000+01:00', '9 days before'],
      ['2025-04-04T09:00:00.000+02:00', '2 days before'],
    ]);
    const perDay = new Set(planned.map((r) => `${r.key}|${localDateOf(r.at, BXL)}`));
    expect(perDay.size).toBe(planned.length);
  });

  it('done items produce nothing', () => {
    expect(plan([item({ done: true })], '2025-03-01T00:00:00Z', '2025-06-01T00:00:00Z')).toEqual([]);
    const mixed = plan([item({ done: true }), item({ key: 'area:defence', areaId: 'defence' })], '2025-03-01T00:00:00Z', '2025-04-01T12:00:00Z');
    expect(new Set(mixed.map((r) => r.key))).toEqual(new Set(['area:defence']));
  });

  it('uses the policy of the item stage, and sendAt', () => {
    const policy = ReminderPolicy.parse({ sendAt: '08:30', stages: { 'sign-off': { beforeDueDays: [1], escalations: [], repeatOverdue: null } } });
    const signOff = item({ stage: 'sign-off', key: 'director:eu:v2', areaId: undefined, owners: [directors[0]!], dueAt: endOfLocalDay('2025-03-31', BXL) });
    const planned = plan([signOff], '2025-03-01T00:00:00Z', '2025-05-01T00:00:00Z', policy);
    expect(planned.map((r) => [r.local, r.label, r.to])).toEqual([['2025-03-28T08:30:00.000+01:00', '3 days before', [directors[0]]]]);
    expect(planned[0]).not.toHaveProperty('areaId');
  });

  it('sorts by at, then key', () => {
    const planned = plan([item({ key: 'area:z' }), item({ key: 'area:a' })], '2025-03-01T00:00:00Z', '2025-03-25T00:00:00Z');
    expect(planned.map((r) => r.key)).toEqual(['area:a', 'area:z']);
  });
});

describe('groupIntoDigests', () => {
  it('one owner of two overdue areas receives one mail a day listing both', () => {
    const items = [
      item({ key: 'area:cyber-issues', areaId: 'cyber-issues', owners: [ownerEu, ownerAl] }),
      item({ key: 'area:maritime-security', areaId: 'maritime-security', owners: [{ ...ownerEu, email: 'Jan.Owner@example.eu' }] }),
    ];
    const planned = plan(items, '2025-04-01T12:00:00Z', '2025-04-04T21:00:00Z');
    const digests = groupIntoDigests(planned, BXL);
    expect(digests.map((d) => [d.id, d.at, d.reminders.map((r) => r.key)])).toEqual([
      ['besa@example.al|2025-04-02', '2025-04-02T07:00:00.000Z', ['area:cyber-issues']],
      ['jan.owner@example.eu|2025-04-02', '2025-04-02T07:00:00.000Z', ['area:cyber-issues', 'area:maritime-security']],
      ['besa@example.al|2025-04-04', '2025-04-04T07:00:00.000Z', ['area:cyber-issues']],
      ['jan.owner@example.eu|2025-04-04', '2025-04-04T07:00:00.000Z', ['area:cyber-issues', 'area:maritime-security']],
    ]);
    expect(digests[1]!.recipient).toEqual(ownerEu);
    expect(digests[1]!.localDate).toBe('2025-04-02');
  });

  it('groups by local day in the zone, not the UTC day', () => {
    const r = (at: string, key: string): PlannedReminder => ({
      at, local: formatLocal(at, BXL), kind: 'reminder', stage: 'collecting', key, to: [ownerEu], dueAt: at, label: 'due today', id: `${key}|reminder|${at}`,
    });
    // 23:30Z on 31 March is 01:30 on 1 April in Brussels: same local day as 07:00Z on 1 April.
    const digests = groupIntoDigests([r('2025-04-01T07:00:00.000Z', 'a'), r('2025-03-31T23:30:00.000Z', 'b')], BXL);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ localDate: '2025-04-01', at: '2025-03-31T23:30:00.000Z' });
    expect(digests[0]!.reminders.map((x) => x.key)).toEqual(['b', 'a']);
  });
});

describe('errors name the argument', () => {
  const base = { policy: seed, timeZone: BXL, items: [item()], coordinator, directors, from: '2025-03-01T00:00:00Z', until: '2025-05-01T00:00:00Z' };
  it.each([
    ['timeZone', () => endOfLocalDay('2025-03-31', 'Mars/Olympus')],
    ['date', () => endOfLocalDay('2025-02-30', BXL)],
    ['date', () => endOfLocalDay('31/03/2025', BXL)],
    ['instant', () => localDateOf('2025-03-31T09:00:00', BXL)],
    ['instant', () => formatLocal('yesterday', BXL)],
    ['time', () => localTimeAt('2025-03-31', '9am', BXL)],
    ['timeZone', () => localTimeAt('2025-03-31', '09:00', '')],
    ['n', () => addLocalDays('2025-03-31', 1.5)],
    ['closedDays[1]', () => addWorkingDays('2025-03-31', 1, ['2025-04-01', '2025-13-01'])],
    ['timeZone', () => planReminders({ ...base, timeZone: 'Europe/Bruxelles' })],
    ['from', () => planReminders({ ...base, from: 'now' })],
    ['items[0].dueAt', () => planReminders({ ...base, items: [item({ dueAt: '2025-03-31' })] })],
    ['policy.closedDays.0', () => planReminders({ ...base, policy: { ...seed, closedDays: ['2025-02-29'] } })],
    ['timeZone', () => groupIntoDigests([], 'Nowhere/Else')],
  ])('%s', (name, fn) => {
    expect(fn).toThrow(RangeError);
    expect(fn).toThrow(new RegExp(`^${name.replace(/[[\].]/g, '\\$&')}: `));
  });
});

describe('determinism and time-zone independence', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    const m = {};
    for (const href of ${JSON.stringify(modulePaths.map((p) => pathToFileURL(p).href))}) Object.assign(m, await import(href));
    const policy = m.ReminderPolicy.parse(JSON.parse(readFileSync(${JSON.stringify(seedPath)}, 'utf8')));
    const tz = 'Europe/Brussels';
    const owners = [{ name: 'A', email: 'a@example.eu' }];
    const items = [
      { stage: 'collecting', key: 'area:a', title: 'A', dueAt: m.endOfLocalDay('2025-03-31', tz), owners, done: false },
      { stage: 'sign-off', key: 'director:eu:v1', title: 'B', dueAt: m.endOfLocalDay('2025-10-27', tz), owners, done: false },
    ];
    const planned = m.planReminders({ policy, timeZone: tz, items, coordinator: { name: 'C', email: 'c@example.eu' },
      directors: [{ name: 'D', email: 'd@example.eu' }], from: '2025-03-01T00:00:00Z', until: '2025-11-30T00:00:00Z' });
    console.log(JSON.stringify({
      processOffset: new Date(2025, 0, 1).getTimezoneOffset(),
      end: [m.endOfLocalDay('2025-01-15', tz), m.endOfLocalDay('2025-07-15', tz)],
      local: [m.localDateOf('2025-03-31T22:30:00Z', tz), m.localTimeAt('2025-03-30', '09:00', tz), m.nextLocalTimeAfter('2025-10-25T07:00:00Z', '09:00', tz)],
      planned, digests: m.groupIntoDigests(planned, tz),
    }));
  `;
  const run = (TZ: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ },
        encoding: 'utf8',
      }),
    );

  it('gives the same results in processes running with TZ=UTC, Pacific/Auckland and America/Los_Angeles', () => {
    const utc = run('UTC');
    const akl = run('Pacific/Auckland');
    const lax = run('America/Los_Angeles');
    // The children really did run in different zones…
    expect([utc.processOffset, akl.processOffset, lax.processOffset]).toEqual([0, -780, 480]);
    // …and agree on everything else.
    const strip = ({ processOffset: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(akl)).toEqual(strip(utc));
    expect(strip(lax)).toEqual(strip(utc));
    expect(utc.end).toEqual(['2025-01-15T22:59:59.999Z', '2025-07-15T21:59:59.999Z']);
    expect(utc.local).toEqual(['2025-04-01', '2025-03-30T07:00:00.000Z', '2025-10-26T08:00:00.000Z']);
    expect(utc.planned.length).toBeGreaterThan(100);
  }, 60_000);

  it('ignores luxon’s default zone too', () => {
    const before = plan([item()], '2025-03-01T00:00:00Z', '2025-05-01T00:00:00Z');
    const saved = Settings.defaultZone;
    try {
      Settings.defaultZone = 'Pacific/Auckland';
      expect(plan([item()], '2025-03-01T00:00:00Z', '2025-05-01T00:00:00Z')).toEqual(before);
      expect(endOfLocalDay('2025-03-31', BXL)).toBe('2025-03-31T21:59:59.999Z');
      expect(addWorkingDays('2025-03-28', 1, [])).toBe('2025-03-31');
    } finally {
      Settings.defaultZone = saved;
    }
  });

  it.each(modulePaths)('is workflow-safe: imports only zod, luxon and domain modules; no clock, randomness or Node (%s)', (modulePath) => {
    const src = readFileSync(modulePath, 'utf8');
    const imports = [...src.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(imports.every((i) => ['zod', 'luxon', './schemas', './text', './calendar', './reminder-policy', './notifications'].includes(i!))).toBe(true);
    const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/Date\.now|new Date\(|Math\.random|DateTime\.(now|local)\(|process\.|require\(|node:/);
  });
});

describe('a cycle left overdue for years', () => {
  it('stops overdue reminders a year of working days after the due date', async () => {
    const { planReminders, MAX_OVERDUE_WORKING_DAYS } = await import('../../domain/reminders');
    const { ReminderPolicy } = await import('../../domain/reminder-policy');
    const plan = planReminders({
      policy: ReminderPolicy.parse({}),
      timeZone: 'Europe/Brussels',
      items: Array.from({ length: 15 }, (_, i) => ({ stage: 'collecting' as const, key: `area:${i}`, title: 't', dueAt: '1990-01-31T22:59:59.999Z', owners: [{ name: 'A', email: `a${i}@example.eu` }], done: false })),
      coordinator: { name: 'C', email: 'c@example.eu' },
      directors: [{ name: 'D', email: 'd@example.eu' }],
      from: '2026-11-29T00:00:00Z',
      until: '2027-03-29T00:00:00Z',
    });
    // Without the bound, reminders every other working day would still fill this window.
    expect(plan).toEqual([]);
    expect(MAX_OVERDUE_WORKING_DAYS).toBe(260);
  });
});
