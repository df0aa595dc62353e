/**
 * Calendar invitations that follow the cycle's changes, on the real dev server with real mail
 * (workflows/review-cycle/calendar.ts, activities/mail/calendar.ts): the coordinator extends an
 * area's deadline (both owners get the moved event: same UID, higher SEQUENCE), reassigns the
 * area's Albanian owner (the old one gets METHOD:CANCEL for the event they had, the new one an
 * event of their own) and the EU director (told, nothing to withdraw while collecting), then
 * cancels the cycle (every open deadline is withdrawn; the coordinator, with none, gets none); a
 * director's request for changes withdraws the other director's sign-off of that version, and the
 * cancellation reaches them after the invitation, although that one was greylisted and sent again.
 * The history replays; SDP_RECORD_HISTORY=1 keeps it as a fixture.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycleState, startCycle, updateCycle } from '../../client/cycles';
import { addLocalDays, localDateOf } from '../../domain/calendar';
import { approveDraftUpdate, cancelCycleUpdate, closeCollectionUpdate, extendDeadlineUpdate, reassignUpdate, signOffUpdate, type ReviewCycleResult } from '../../domain/messages';
import { waitForState } from '../../client/demo';
import type { Person } from '../../domain/schemas';
import { coordinator, euDirector, workingDayFrom } from '../helpers/cycle';
import { invitationsOf, type AttachedIcs, type ParsedIcs } from '../helpers/ics';
import { smallSeeds } from '../helpers/stack';
import { startWorkerHarness, workflowBundle, type WorkerHarness } from '../helpers/temporal';

const seeds = smallSeeds(2);
const [first, second] = seeds.areas as [(typeof seeds.areas)[number], (typeof seeds.areas)[number]];
const owners = seeds.participants.areaOwners;
const { directors } = seeds.participants;
const tz = seeds.timeline.timeZone;

const newOwner: Person = { name: 'Ëndrina Çaushi', email: 'e.caushi@mod.gov.al', organisation: 'Ministria e Mbrojtjes', side: 'al' };
const newDirector: Person = { name: 'Marie Dubois', email: 'marie.dubois@eeas.europa.eu', organisation: 'EEAS', side: 'eu' };

let h: WorkerHarness;

/** The subject of the Albanian director's sign-off request of draft v1 in 2075, greylisted once by the capture. */
const GREYLISTED_SUBJECT = 'Kërkohet miratimi: raporti i progresit 2075, drafti v1';

beforeAll(async () => {
  h = await startWorkerHarness(undefined, { greylist: (m) => m.to.includes(directors.al.email) && m.subject === GREYLISTED_SUBJECT });
}, 120_000);

afterAll(() => h?.stop());

/** The invitations mailed to `email` in this cycle, each with the mail that carried it, in SEQUENCE order. */
async function calendarOf(email: string, year: number): Promise<(AttachedIcs & { subject: string; text: string; id: string })[]> {
  const mails = (await h.testDeps.capture.list()).filter((m) => m.envelope.to.includes(email) && `${m.subject}\n${m.text}`.includes(String(year)));
  const found = await Promise.all(mails.map(async (m) => (await invitationsOf(h.testDeps.capture, m)).map((ics) => ({ ...ics, subject: m.subject, text: m.text, id: m.id }))));
  return found.flat().sort((a, b) => Number(a.event.get('SEQUENCE')) - Number(b.event.get('SEQUENCE')));
}

/** METHOD, SEQUENCE, STATUS and DTSTART of each invitation, and whether they all share one UID. */
function summary(invitations: ParsedIcs[]): { events: string[]; uids: number } {
  return {
    events: invitations.map((i) => `${i.calendar.get('METHOD')} ${i.event.get('SEQUENCE')} ${i.event.get('STATUS')} ${i.event.get('DTSTART')}`),
    uids: new Set(invitations.map((i) => i.event.get('UID'))).size,
  };
}

const basic = (date: string) => date.replaceAll('-', '');

describe('calendar invitations follow extensions, reassignments and the cancellation', () => {
  it('extension moves the owners\' event; the replaced owner and the cancelled cycle withdraw it (same UID, SEQUENCE rising)', async () => {
    const year = 2074;
    const client = h.env.client;
    await startCycle(client, { year, seeds, startedBy: coordinator });
    const started = await getCycleState(client, year);
    const kickoffDue = localDateOf(started.areas.find((a) => a.id === first.id)!.dueAt, tz);
    const extendedDue = workingDayFrom(addLocalDays(kickoffDue, 7));

    // The kick-off's requests are out before anything changes.
    for (const side of ['eu', 'al'] as const) {
      await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(owners[first.id]![side].email) && m.text.includes(String(year)) && m.attachments.length > 0, 30_000);
    }
    expect(await updateCycle(client, year, extendDeadlineUpdate, { areaId: first.id, dueDate: extendedDue, actor: coordinator })).toMatchObject({ code: 'deadline-extended' });
    const role = { kind: 'area-owner' as const, areaId: first.id, side: 'al' as const };
    await updateCycle(client, year, reassignUpdate, { role, to: newOwner, reason: 'Transferuar në Drejtorinë e Politikave.', actor: coordinator });
    await updateCycle(client, year, reassignUpdate, { role: { kind: 'director', side: 'eu' }, to: newDirector, reason: 'New post.', actor: coordinator });
    await updateCycle(client, year, cancelCycleUpdate, { reason: 'Dialogu u shty për vitin tjetër.', actor: coordinator });
    const result = (await client.workflow.getHandle(`review-cycle-${year}`).result()) as ReviewCycleResult;
    expect(result.outcome).toBe('cancelled');

    // The history (extension, two reassignments, cancellation while collecting) replays; recorded
    // before these mails existed, it is the fixture that the patches keep replaying.
    const handle = client.workflow.getHandle(`review-cycle-${year}`);
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, handle.workflowId);
    if (process.env.SDP_RECORD_HISTORY === '1') {
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'histories', 'review-cycle-v8-calendar-changes.json'), `${historyToJSON(history)}\n`);
    }

    // The EU owner: the kick-off's event, moved by the extension, withdrawn by the cancellation.
    const eu = await calendarOf(owners[first.id]!.eu.email, year);
    expect(summary(eu)).toEqual({
      events: [`REQUEST 0 CONFIRMED ${basic(kickoffDue)}`, `REQUEST 1 CONFIRMED ${basic(extendedDue)}`, `CANCEL 2 CANCELLED ${basic(extendedDue)}`],
      uids: 1,
    });
    expect(eu[1]!.subject).toMatch(/^Deadline moved/);
    expect(eu[1]!.text).toContain(`your input for «${first.title}» is now due by`);
    expect(eu[1]!.raw.get('DTSTART')).toBe('DTSTART;VALUE=DATE');
    // Calendar clients act on a part that says what it is: a request, or a cancellation.
    expect((await h.testDeps.capture.raw(eu[1]!.id)).toString('latin1')).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect((await h.testDeps.capture.raw(eu[2]!.id)).toString('latin1')).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);

    // The replaced Albanian owner: moved too, then withdrawn by the reassignment's mail, in Albanian.
    const old = await calendarOf(owners[first.id]!.al.email, year);
    expect(summary(old)).toEqual({
      events: [`REQUEST 0 CONFIRMED ${basic(kickoffDue)}`, `REQUEST 1 CONFIRMED ${basic(extendedDue)}`, `CANCEL 2 CANCELLED ${basic(extendedDue)}`],
      uids: 1,
    });
    expect(old[1]!.subject).toMatch(/^Afati u shty/);
    expect(old[2]!.text).toContain('Ëndrina Çaushi');
    expect(old[2]!.event.get('SUMMARY')).toContain('«Korniza e përgjithshme');

    // The new owner: an event of their own, on the extended date, withdrawn with the cycle.
    const next = await calendarOf(newOwner.email, year);
    expect(summary(next)).toEqual({ events: [`REQUEST 0 CONFIRMED ${basic(extendedDue)}`, `CANCEL 1 CANCELLED ${basic(extendedDue)}`], uids: 1 });
    expect(next[0]!.event.get('UID')).not.toBe(old[0]!.event.get('UID'));

    // The other area's owners: the kick-off's event, withdrawn with the cycle.
    for (const side of ['eu', 'al'] as const) {
      const other = await calendarOf(owners[second.id]![side].email, year);
      expect(summary(other)).toEqual({ events: [`REQUEST 0 CONFIRMED ${basic(localDateOf(started.areas.find((a) => a.id === second.id)!.dueAt, tz))}`, 'CANCEL 1 CANCELLED ' + other[0]!.event.get('DTSTART')], uids: 1 });
    }

    // Nothing was due from the coordinator or the directors while collecting: their mails carry no calendar.
    const mailsTo = async (email: string) => (await h.testDeps.capture.list()).filter((m) => m.envelope.to.includes(email) && m.text.includes(String(year)));
    const passed = (await mailsTo(directors.eu.email)).find((m) => m.text.includes('Marie Dubois'));
    expect(passed, 'the replaced director is told').toBeDefined();
    expect(passed!.attachments).toEqual([]);
    for (const m of await mailsTo(seeds.participants.coordinator.email)) expect(m.attachments).toEqual([]);
  }, 120_000);

  it('a director\'s request for changes withdraws the other director\'s sign-off of that version (same UID, SEQUENCE above); the requester keeps no open event', async () => {
    const year = 2075;
    const client = h.env.client;
    await startCycle(client, { year, seeds, startedBy: coordinator });
    await updateCycle(client, year, closeCollectionUpdate, { actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts.length === 1, 'draft v1', { timeoutMs: 30_000 });
    await updateCycle(client, year, approveDraftUpdate, { version: 1, actor: coordinator });
    await waitForState(client, year, (s) => s.stage === 'sign-off', 'sign-off of v1', { timeoutMs: 30_000 });
    // The EU director decides on their request mail, while the Albanian director's is still to be
    // delivered: the capture greylists its first delivery (451), so it goes out again seconds later.
    await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(directors.eu.email) && m.subject.includes(String(year)) && /v1$/.test(m.subject) && m.attachments.length > 0, 30_000);
    await updateCycle(client, year, signOffUpdate, { version: 1, director: 'eu', decision: 'request-changes', comment: 'Please add the dates of the exercises.', actor: euDirector });
    await waitForState(client, year, (s) => s.stage === 'drafting' && s.drafts[0]!.status === 'changes-requested', 'v1 back with the coordinator');
    const told = await h.testDeps.capture.waitFor((m) => m.envelope.to.includes(directors.al.email) && m.text.includes('Please add the dates of the exercises.'), 30_000);
    expect(told.text).toContain('Miratimi juaj i draftit v1 nuk nevojitet më');

    const al = await calendarOf(directors.al.email, year);
    const due = al[0]!.event.get('DTSTART');
    expect(summary(al)).toEqual({ events: [`REQUEST 0 CONFIRMED ${due}`, `CANCEL 1 CANCELLED ${due}`], uids: 1 });
    expect(al[1]!.id).toBe(told.id);
    // The cancellation reached the calendar after the invitation it withdraws, not before it.
    const receivedAt = async (id: string) => (await h.testDeps.capture.get(id))!.receivedAt;
    expect(await receivedAt(al[0]!.id) < (await receivedAt(al[1]!.id))).toBe(true);
    // The director who asked decided: their event is done, and nothing is withdrawn from it.
    expect(summary(await calendarOf(directors.eu.email, year)).events).toEqual([`REQUEST 0 CONFIRMED ${due}`]);

    await updateCycle(client, year, cancelCycleUpdate, { reason: 'Test over.', actor: coordinator });
    await client.workflow.getHandle(`review-cycle-${year}`).result();
    const handle = client.workflow.getHandle(`review-cycle-${year}`);
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, handle.workflowId);
    if (process.env.SDP_RECORD_HISTORY === '1') {
      writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'histories', 'review-cycle-v10-calendar-in-order.json'), `${historyToJSON(history)}\n`);
    }
  }, 120_000);
});
