/**
 * Calendar files that follow changes (activities/mail/calendar.ts) and the cycle's numbering of
 * them (workflows/review-cycle/calendar.ts), without servers: each .ics is read back line by line
 * (METHOD, UID, SEQUENCE, STATUS, DTSTART as an all-day date in the cycle's zone); the numbering
 * rises across requests, moves and cancellations of one deadline, for one recipient, and starts
 * above what cycles from before it sent.
 */
import { describe, expect, it } from 'vitest';
import { calendarAttachments, deadlineCancellation, deadlineInvitation, invitationUid, type CalendarAttachment } from '../../activities/mail/calendar';
import { endOfLocalDay } from '../../domain/calendar';
import type { ContributionRequest, DeadlineMoved, DraftReady, Notification, OwnersUpdate, RolePassed, SignOffRequest } from '../../domain/notifications';
import type { Person } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';
import { InvitationSequences, cancelsFor, openDeadlines } from '../../workflows/review-cycle/calendar';
import { parseIcs } from '../helpers/ics';

const organizer = { name: 'Sekretariati i SDP – Tiranë', address: 'sdp@example.eu' };
const ctx = { organizer, now: new Date('2026-03-02T08:00:00Z') };
// West of UTC: the end of the local day is the next UTC day, so a UTC date would be wrong.
const base = { cycleId: 'review-cycle-2026', year: 2026, timeZone: 'America/New_York' } as const;
const owner: Person = { name: 'Lindita Çaushi', email: 'Lindita.Caushi@example.al', organisation: 'Ministria për Evropën dhe Punët e Jashtme', side: 'al', language: 'sq' };
const area = { id: 'cyber-issues', title: 'Cyber issues', paragraphs: [22] };
const due = endOfLocalDay('2026-03-30', base.timeZone);
const later = endOfLocalDay('2026-04-06', base.timeZone);

const request: ContributionRequest = { ...base, kind: 'contribution-request', to: owner, side: 'al', area, dueAt: due };
const moved: DeadlineMoved = { ...base, kind: 'deadline-moved', to: owner, side: 'al', area, round: 0, dueAt: later, previousDueAt: due };

function read(file: CalendarAttachment) {
  return { ...parseIcs(new TextDecoder('utf-8', { fatal: true }).decode(file.content)), filename: file.filename, contentType: file.contentType };
}

/** METHOD, SEQUENCE, STATUS and DTSTART (with its parameters) of a file. */
function line(file: CalendarAttachment): string {
  const ics = read(file);
  return `${ics.calendar.get('METHOD')} ${ics.event.get('SEQUENCE')} ${ics.event.get('STATUS')} ${ics.raw.get('DTSTART')}:${ics.event.get('DTSTART')}`;
}

describe('calendar files for changed deadlines', () => {
  it('a moved deadline is the same event (same UID) on its new local date, with the SEQUENCE the workflow gave', () => {
    const first = read(deadlineInvitation({ ...request, sequence: 0 }, ctx));
    const next = read(deadlineInvitation({ ...moved, sequence: 4 }, ctx));
    expect(line(deadlineInvitation({ ...moved, sequence: 4 }, ctx))).toBe('REQUEST 4 CONFIRMED DTSTART;VALUE=DATE:20260406');
    expect(next.event.get('DTEND')).toBe('20260407');
    expect(next.event.get('UID')).toBe(first.event.get('UID'));
    expect(next.event.get('UID')).toBe(invitationUid(base.cycleId, 'contribution.cyber-issues', 'lindita.caushi@example.al', organizer.address));
    expect(next.filename).toBe(first.filename);
    expect(next.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(next.event.get('SUMMARY')).toBe('Afati i kontributit: «Cyber issues» — rishikimi 2026 i Partneritetit për Sigurinë dhe Mbrojtjen');
    expect(next.event.get('DESCRIPTION')).toContain('6 prill 2026');
  });

  it('without a number from the workflow (notifications from before it), each file gets the least one: requests as they always had, a move one above', () => {
    expect(line(deadlineInvitation(request, ctx))).toMatch(/^REQUEST 0 /);
    expect(line(deadlineInvitation({ ...request, reopened: { comment: 'x', afterVersion: 2 } }, ctx))).toMatch(/^REQUEST 2 /);
    expect(line(deadlineInvitation(moved, ctx))).toMatch(/^REQUEST 1 /);
    expect(line(deadlineInvitation({ ...moved, round: 2 }, ctx))).toMatch(/^REQUEST 3 /);
    const review: DraftReady = { ...base, kind: 'draft-ready', to: owner, version: 3, files: [], changedAreas: [], dueAt: due };
    expect(line(deadlineInvitation(review, ctx))).toMatch(/^REQUEST 2 /);
  });

  it('a role passed on withdraws the event: METHOD:CANCEL, STATUS:CANCELLED, the UID of the invitation it had, a higher SEQUENCE', () => {
    const passed: RolePassed = {
      ...base, kind: 'role-passed', to: owner, role: { kind: 'area-owner', areaId: area.id, side: 'al' }, area, nextName: 'Ëndrina Çaushi', at: '2026-03-10T10:00:00Z', reassignment: 1,
      cancels: [{ deadline: { kind: 'contribution', area, round: 0 }, dueAt: later, sequence: 5 }],
    };
    const [file, ...more] = calendarAttachments(passed, ctx);
    expect(more).toEqual([]);
    expect(line(file!)).toBe('CANCEL 5 CANCELLED DTSTART;VALUE=DATE:20260406');
    const ics = read(file!);
    expect(ics.event.get('UID')).toBe(read(deadlineInvitation(request, ctx)).event.get('UID'));
    expect(ics.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(ics.filename).toBe('sdp-review-2026-input-cyber-issues-cancelled.ics');
    expect(ics.event.get('ATTENDEE')!.toLowerCase()).toBe('mailto:lindita.caushi@example.al');
    expect(ics.event.get('DESCRIPTION')).toBe('Ky afat nuk ju përket më: hiqet nga kalendari juaj.');
    expect(ics.event.has('URL')).toBe(false);
    // No number from the workflow: one above the request of the round.
    expect(line(deadlineCancellation({ deadline: { kind: 'contribution', area, round: 1 }, dueAt: later }, passed, ctx))).toMatch(/^CANCEL 2 CANCELLED /);
  });

  it('a cancelled cycle withdraws each open deadline in a file of its own (one UID per iTIP object); a sign-off in English', () => {
    const director: Person = { name: 'Henrik Lindqvist', email: 'henrik.lindqvist@example.eu', organisation: 'EEAS', side: 'eu', language: 'en' };
    const update: OwnersUpdate = {
      ...base, kind: 'owners-update', to: owner, event: 'cancelled', at: '2026-03-10T10:00:00Z', reason: 'x', areas: [],
      cancels: [
        { deadline: { kind: 'contribution', area, round: 0 }, dueAt: due, sequence: 1 },
        { deadline: { kind: 'contribution', area: { id: 'fimi', title: 'FIMI' }, round: 0 }, dueAt: later, sequence: 2 },
      ],
    };
    const files = calendarAttachments(update, ctx);
    expect(files.map(line)).toEqual(['CANCEL 1 CANCELLED DTSTART;VALUE=DATE:20260330', 'CANCEL 2 CANCELLED DTSTART;VALUE=DATE:20260406']);
    expect(new Set(files.map((f) => read(f).event.get('UID'))).size).toBe(2);
    expect(files.map((f) => read(f).calendar.get('METHOD'))).toEqual(['CANCEL', 'CANCEL']);

    const signOff: SignOffRequest = { ...base, kind: 'sign-off-request', to: director, version: 2, director: 'eu', files: [], dueAt: due };
    const cancelled: Notification = { ...base, kind: 'cycle-cancelled', to: director, reason: 'x', byName: 'y', cancels: [{ deadline: { kind: 'sign-off', version: 2, director: 'eu' }, dueAt: due, sequence: 2 }] };
    const [withdrawn] = calendarAttachments(cancelled, ctx);
    expect(read(withdrawn!).event.get('UID')).toBe(read(deadlineInvitation(signOff, ctx)).event.get('UID'));
    expect(read(withdrawn!).event.get('SUMMARY')).toBe('Sign-off due: draft v2 of the 2026 progress report');
    expect(read(withdrawn!).filename).toBe('sdp-review-2026-draft-v2-sign-off-cancelled.ics');
    expect(calendarAttachments({ ...cancelled, cancels: undefined }, ctx)).toEqual([]);
  });
});

describe('the cycle numbers SEQUENCE per deadline and recipient', () => {
  it('rises across the kick-off, a move, a reopening and a cancellation; each owner has their own count', () => {
    const seq = new InvitationSequences();
    const other: Person = { name: 'Anna Bianchi', email: 'anna.bianchi@example.eu', organisation: 'EEAS', side: 'eu' };
    expect(seq.number(request).sequence).toBe(0);
    expect(seq.number({ ...request, to: other, side: 'eu' }).sequence).toBe(0);
    expect(seq.number(moved).sequence).toBe(1);
    expect(seq.number({ ...moved, dueAt: endOfLocalDay('2026-04-08', base.timeZone) }).sequence).toBe(2);
    // The reopening after draft v1 would be 1 on its own: it must land above the moves.
    expect(seq.number({ ...request, reopened: { comment: 'x', afterVersion: 1 } }).sequence).toBe(3);
    expect(seq.number({ ...request, to: other, side: 'eu', reopened: { comment: 'x', afterVersion: 1 } }).sequence).toBe(1);
    // A reopening after draft v5 keeps its own, higher, least number.
    expect(seq.number({ ...request, reopened: { comment: 'x', afterVersion: 5 } }).sequence).toBe(5);
    const cancelled = seq.number<Notification>({ ...base, kind: 'cycle-cancelled', to: { ...owner, email: 'LINDITA.CAUSHI@example.al' }, reason: 'x', byName: 'y', cancels: [{ deadline: { kind: 'contribution', area, round: 5 }, dueAt: due }] });
    expect(cancelled.kind === 'cycle-cancelled' && cancelled.cancels?.[0]?.sequence).toBe(6);
    // Mails without calendar files pass unchanged.
    const plain: Notification = { ...base, kind: 'cycle-cancelled', to: owner, reason: 'x', byName: 'y' };
    expect(seq.number(plain)).toBe(plain);
  });

  it('in a cycle from before the numbering (nothing recorded), a change lands one above the request in force', () => {
    const seq = new InvitationSequences();
    expect(seq.number({ ...moved, round: 2 }).sequence).toBe(3);
    const review = seq.number<Notification>({ ...base, kind: 'cycle-cancelled', to: owner, reason: 'x', byName: 'y', cancels: [{ deadline: { kind: 'draft-review', version: 3 }, dueAt: due }] });
    expect(review.kind === 'cycle-cancelled' && review.cancels?.[0]?.sequence).toBe(3);
    // The request of draft v4's review, sent after that cancellation, would be 3 on its own.
    expect(seq.number<DraftReady>({ ...base, kind: 'draft-ready', to: owner, version: 4, files: [], changedAreas: [], dueAt: due }).sequence).toBe(4);
  });

  it('open deadlines: areas taking inputs, the draft waiting for the coordinator, a director who has not decided', () => {
    const person = (email: string): Person => ({ name: email, email, organisation: 'EEAS', side: 'eu' });
    const areaState = (id: string, closed: boolean, afterVersion?: number) => ({
      id, title: id, closed, dueAt: due, owners: { eu: person(`${id}.eu@x.eu`), al: person(`${id}.al@x.al`) },
      ...(afterVersion ? { reopened: { afterVersion } } : {}),
    });
    const state = {
      stage: 'sign-off', stageDueAt: later, coordinator: person('c@x.eu'), directors: { eu: person('eu@x.eu'), al: person('al@x.al') },
      areas: [areaState('a', true), areaState('b', false, 2)],
      drafts: [{ version: 3, status: 'in-sign-off' }],
      decisions: [{ version: 3, director: 'eu', decision: 'approve' }],
    } as unknown as ReviewCycleState;
    const open = openDeadlines(state);
    expect(open.map((d) => [d.to.email, d.deadline])).toEqual([
      ['al@x.al', { kind: 'sign-off', version: 3, director: 'al' }],
      ['b.eu@x.eu', { kind: 'contribution', area: { id: 'b', title: 'b' }, round: 2 }],
      ['b.al@x.al', { kind: 'contribution', area: { id: 'b', title: 'b' }, round: 2 }],
    ]);
    expect(cancelsFor(open, { email: 'AL@x.al' })).toEqual([{ deadline: { kind: 'sign-off', version: 3, director: 'al' }, dueAt: later }]);
    const review = openDeadlines({ ...state, stage: 'drafting', drafts: [{ version: 4, status: 'in-review' }], areas: [] } as unknown as ReviewCycleState);
    expect(review).toEqual([{ to: person('c@x.eu'), deadline: { kind: 'draft-review', version: 4 }, dueAt: later }]);
  });
});
