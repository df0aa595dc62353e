/**
 * The audit export (client/audit.ts, `sdp-review audit`): every event of a cycle, in order, with
 * its actor, as JSON and as Excel-ready CSV (RFC 4180, UTF-8 with BOM).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER, auditCsv, auditRows, type AuditRow } from '../../activities/archive/export';
import { getCycleState, startCycle, submitContribution, updateCycle } from '../../client/cycles';
import { waitForState } from '../../client/demo';
import { initialState, ReviewCycleInput } from '../../domain/cycle';
import { addLocalDays, localDateOf } from '../../domain/calendar';
import { approveDraftUpdate, closeCollectionUpdate, extendDeadlineUpdate, signOffUpdate, waiveAreaUpdate } from '../../domain/messages';
import type { Actor } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { alDirector, coordinator, euDirector, ownerOf, participants, sampleFor, seeds, workingDayFrom } from '../helpers/cycle';
import { startWorkerHarness, type WorkerHarness } from '../helpers/temporal';
import { cli } from '../helpers/cli';

/** An area owner acting through a mailed link, as the web server records them. */
const webOwner: Actor = {
  ...ownerOf('cyber-issues', 'al'),
  channel: 'web',
  linkId: 'Zm9vYmFyYmF6cXV4MTIz',
  clientAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
};

/** A small state with the shapes the export must handle (no Temporal needed). */
function sampleState(): ReviewCycleState {
  const input = ReviewCycleInput.parse({ year: 2030, kickoffAt: '2030-01-15T08:00:00.000Z', ...seeds, startedBy: coordinator });
  const state = initialState(input, 'review-cycle-2030');
  state.events = [
    { at: '2030-01-15T08:00:00.000Z', actor: coordinator, action: 'cycle-started', detail: 'kick-off 2030-01-15' },
    { at: '2030-07-01T12:30:00.000Z', actor: webOwner, action: 'contribution-submitted', areaId: 'cyber-issues', detail: 'revision 1' },
    { at: '2030-07-02T09:00:00.000Z', actor: coordinator, action: 'areas-reopened', version: 2, detail: 'cyber-issues: Shtoni datat, "ushtrimi" në Durrës; çfarë u arrit?\nSecond line' },
    { at: '2030-07-03T09:00:00.000Z', actor: alDirector, action: 'changes-requested-by-director', version: 2, detail: '=HYPERLINK("http://example.org","x")' },
  ];
  return state;
}

describe('auditRows (pure)', () => {
  it('gives each event its UTC and local time, actor, role, channel, area, version, detail and link facts', () => {
    const rows = auditRows(sampleState());
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      seq: 1,
      at: '2030-01-15T08:00:00.000Z',
      local: '2030-01-15T09:00:00.000+01:00',
      timeZone: 'Europe/Brussels',
      actor: { email: participants.coordinator.email, name: participants.coordinator.name },
      role: 'coordinator',
      channel: 'cli',
      action: 'cycle-started',
      detail: 'kick-off 2030-01-15',
    });
    // Summer time: UTC+2.
    expect(rows[1]).toMatchObject({
      local: '2030-07-01T14:30:00.000+02:00',
      role: 'area-owner',
      channel: 'web',
      areaId: 'cyber-issues',
      area: seeds.areas.find((a) => a.id === 'cyber-issues')!.title,
      linkId: webOwner.linkId,
      clientAddress: '203.0.113.7',
      userAgent: webOwner.userAgent,
    });
    expect(rows[2]).toMatchObject({ version: 2, actor: { email: participants.coordinator.email } });
  });

  it('writes RFC 4180 CSV in UTF-8 with a BOM that Excel and a CSV parser read back exactly', () => {
    const rows = auditRows(sampleState());
    const csv = auditCsv(rows);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('ë', 'utf8'))).toBe(true); // C3 AB, not Latin-1 EB
    expect(csv.startsWith(`\uFEFF${AUDIT_CSV_HEADER.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // A comma, quotes and a line break inside a field: quoted, quotes doubled.
    expect(csv).toContain('"cyber-issues: Shtoni datat, ""ushtrimi"" në Durrës; çfarë u arrit?\nSecond line"');
    // Text people typed cannot become a formula.
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"",""x"")"`);

    const records = parse(csv, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    expect(records.map((r) => r.action)).toEqual(rows.map((r) => r.action));
    expect(records[1]).toMatchObject({ seq: '2', time_utc: '2030-07-01T12:30:00.000Z', time_local: '2030-07-01T14:30:00.000+02:00', actor_email: webOwner.email, client_address: '203.0.113.7', user_agent: webOwner.userAgent, link_id: webOwner.linkId, area_id: 'cyber-issues' });
    expect(records[2]!.detail).toBe(rows[2]!.detail);
    expect(records[2]!.draft_version).toBe('2');
    expect(records[0]!.area_id).toBe('');
  });
});

describe('sdp-review audit on a cycle driven through its stages', () => {
  let env: TestWorkflowEnvironment;
  let harness: WorkerHarness;
  const year = 2037;

  beforeAll(async () => {
    harness = await startWorkerHarness();
    env = harness.env;
    process.env.TEMPORAL_ADDRESS = env.address;
  });

  afterAll(() => harness?.stop());

  it('contains every action, in order, with its actor', async () => {
    const people: { action: string; actor: Actor; areaId?: string; version?: number }[] = [];
    await startCycle(env.client, { year, seeds, startedBy: coordinator });
    people.push({ action: 'cycle-started', actor: coordinator });

    await submitContribution(env.client, { year, areaId: 'cyber-issues', contribution: sampleFor('cyber-issues'), actor: ownerOf('cyber-issues') });
    people.push({ action: 'contribution-submitted', actor: ownerOf('cyber-issues'), areaId: 'cyber-issues' });
    await submitContribution(env.client, { year, areaId: 'cyber-issues', contribution: sampleFor('cyber-issues'), actor: webOwner });
    people.push({ action: 'contribution-revised', actor: webOwner, areaId: 'cyber-issues' });
    const before = await getCycleState(env.client, year);
    const later = workingDayFrom(addLocalDays(localDateOf(before.inputsDueAt, before.timeZone), 7));
    await updateCycle(env.client, year, extendDeadlineUpdate, { areaId: 'fimi', dueDate: later, actor: coordinator });
    people.push({ action: 'deadline-extended', actor: coordinator, areaId: 'fimi' });
    await updateCycle(env.client, year, waiveAreaUpdate, { areaId: 'economic-security', reason: 'No exchange this year.', actor: coordinator });
    people.push({ action: 'area-waived', actor: coordinator, areaId: 'economic-security' });
    for (const area of seeds.areas) {
      if (['cyber-issues', 'economic-security'].includes(area.id)) continue;
      await submitContribution(env.client, { year, areaId: area.id, contribution: sampleFor(area.id), actor: ownerOf(area.id) });
      people.push({ action: 'contribution-submitted', actor: ownerOf(area.id), areaId: area.id });
    }
    await updateCycle(env.client, year, closeCollectionUpdate, { actor: coordinator });
    people.push({ action: 'collection-closed', actor: coordinator });
    await waitForState(env.client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1');
    await updateCycle(env.client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    people.push({ action: 'draft-approved-for-sign-off', actor: coordinator, version: 1 });
    await waitForState(env.client, year, (s) => s.stage === 'sign-off', 'sign-off');
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'approve', comment: 'Approved.', actor: euDirector });
    people.push({ action: 'draft-approved-by-director', actor: euDirector, version: 1 });
    await updateCycle(env.client, year, signOffUpdate, { version: 1, director: 'al', decision: 'request-changes', comment: 'Shtoni datat e ushtrimeve, ju lutem.', actor: alDirector });
    people.push({ action: 'changes-requested-by-director', actor: alDirector, version: 1 });
    const state = await waitForState(env.client, year, (s) => s.stage === 'drafting', 'drafting after the request');

    const json = await cli('audit', '--year', String(year), '--format', 'json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.out) as AuditRow[];
    // Everything the workflow recorded, in its order…
    // (mails still being sent may add events after the state was read: the state is a prefix of the audit)
    expect(rows.length).toBeGreaterThanOrEqual(state.events.length);
    expect(rows.slice(0, state.events.length).map((r) => r.action)).toEqual(state.events.map((e) => e.action));
    expect(rows.length).toBeGreaterThanOrEqual(people.length);
    for (const r of rows) expect(r).toEqual(expect.objectContaining({ at: expect.stringMatching(/Z$/), actor: expect.objectContaining({ email: expect.any(String) }), action: expect.any(String) }));
    // …and every person's action, in the order it was taken, with its actor.
    const byPeople = rows.filter((r) => r.role !== 'system');
    expect(byPeople.map((r) => [r.action, r.actor.email, r.channel, r.areaId, r.version])).toEqual(
      people.map((p) => [p.action, p.actor.email, p.actor.channel, p.areaId, p.version]),
    );
    const revised = byPeople.find((r) => r.action === 'contribution-revised')!;
    expect(revised).toMatchObject({ clientAddress: webOwner.clientAddress, userAgent: webOwner.userAgent, linkId: webOwner.linkId, actor: { name: webOwner.name } });
    expect(byPeople.at(-1)).toMatchObject({ role: 'director', detail: 'Shtoni datat e ushtrimeve, ju lutem.' });
    // The detail is worded from the event's typed fields, instants in the cycle's zone.
    expect(byPeople.find((r) => r.action === 'deadline-extended')!.detail).toBe(`due ${later} 23:59 (${state.timeZone})`);
    expect(byPeople.find((r) => r.action === 'area-waived')!.detail).toBe('No exchange this year.');
    expect(byPeople.find((r) => r.action === 'contribution-revised')!.detail).toBe('revision 2');
    // People acted one after the other, so their times ascend (system events such as mail-sent
    // may interleave a few milliseconds apart: rows keep the workflow's recorded order).
    expect(byPeople.map((r) => r.at)).toEqual([...byPeople.map((r) => r.at)].sort());
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));

    const file = join(mkdtempSync(join(tmpdir(), 'sdp-review-audit-')), 'audit.csv');
    const csv = await cli('audit', '--year', String(year), '--format', 'csv', '--out', file);
    expect(csv.code).toBe(0);
    const records = parse(readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
    const now = await getCycleState(env.client, year);
    expect(records.map((r) => r.action)).toEqual(now.events.slice(0, records.length).map((e) => e.action));
    expect(records.filter((r) => r.role !== 'system').map((r) => [r.action, r.actor_email])).toEqual(people.map((p) => [p.action, p.actor.email]));

    // The CLI words the workflow's refusals and outcomes (cli/texts.ts).
    const refused = await cli('close', '--year', String(year));
    expect(refused.code).toBe(4);
    expect(refused.err).toContain(`The cycle ${year} is in stage "drafting"; this action belongs to "collecting".`);
    // cancel states what stops and asks first; --yes confirms (the consequence is printed first).
    const cancelled = await cli('cancel', '--year', String(year), '--reason', 'Test over.', '--yes');
    expect(cancelled.code).toBe(0);
    expect(cancelled.out).toMatch(new RegExp(`^Cancel the ${year} cycle \\(stage drafting, .*\\)\\? No more requests or reminders are sent`));
    expect(cancelled.out.split('\n').slice(-2).join('\n')).toBe(`The ${year} cycle is cancelled.\nNo more requests or reminders are sent.`);
  });
});

