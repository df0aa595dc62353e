/**
 * Deadlines as calendar invitations: the mails that ask for something by a due date (an area's
 * input, the coordinator's review of a draft, a director's sign-off) carry an .ics file with one
 * event on the due date, in the recipient's language, composed with ical-generator; the mails that
 * change such a deadline carry the change.
 *
 * - a request: METHOD:REQUEST (`deadlineInvitation`);
 * - the coordinator extends an area's deadline (`deadline-moved`): METHOD:REQUEST again, the same
 *   event on its new date;
 * - a role passes to someone else (`role-passed`), or the cycle is cancelled (`cycle-cancelled`,
 *   `owners-update`): METHOD:CANCEL with STATUS:CANCELLED for each deadline the recipient had
 *   open (`deadlineCancellation`), one file per deadline, since an iTIP object speaks of one UID.
 *
 * An invitation replaces the earlier one for the same deadline in the recipient's calendar: its
 * UID is stable per (cycle, deadline, recipient), and its SEQUENCE is higher (RFC 5546 §2.1.4), so
 * the reopening of an area after draft v1 moves the area's event rather than adding a second one,
 * draft v2's review replaces v1's, and an extension or a cancellation acts on the event already
 * there. The deadline is coarser than the mail's purpose (`purposeOf`): the kick-off's request
 * and a reopening's are two mails, but one input due, so one event (`deadlineKey`).
 *
 * SEQUENCE is numbered by the workflow, which alone sees every change in order: per deadline and
 * recipient, one above the last it gave, and never below the deadline's least number
 * (`leastSequence`: 0 at kick-off, N after the reopening that followed draft vN, version − 1 for a
 * draft's review or sign-off, one more for a move or a cancellation). Cycles from before that
 * numbering sent the least numbers, so their events are replaced correctly by what they send now
 * (workflows/review-cycle/calendar.ts says how). A notification scheduled without a number (by
 * those cycles) gets the least one here.
 *
 * Due dates are the end of a local working day in the cycle's time zone (23:59:59.999 local), so
 * the event is an all-day event on that local date — the date taken in the cycle's zone, never
 * the UTC date (for a cycle west of UTC they differ). A due instant at another time of day gives
 * a half-hour event ending at it.
 */
import { createHash } from 'node:crypto';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import {
  cancellationsOf,
  deadlineKey,
  deadlineOf,
  hasDeadline,
  leastSequence,
  type CalendarCancellation,
  type DeadlineNotification,
  type DeadlineRef,
  type Notification,
  type Recipient,
} from '../../domain/notifications';
import { languageOf, type Language } from '../../domain/schemas';
import type { AreaNames } from '../../seeds/area-names';
import { areaTitle, formatLocalDateTime, scopeOf } from './texts/layout';

export { hasDeadline, type DeadlineNotification } from '../../domain/notifications';

/** What an invitation needs besides the notification. */
export interface InvitationContext {
  /** The personal link of the mail (the page of the step), put in the event's description and URL. */
  actionUrl?: string;
  /** The mail's sender: the invitation's ORGANIZER, and the right-hand side of its UID. */
  organizer: { name: string; address: string };
  /** The areas' titles in both languages (from the seeds), as the mail names them. */
  areaNames?: AreaNames;
  /** The language of the invitation; default the recipient's, as for the mail. */
  lang?: Language;
  /** DTSTAMP, when the invitation is made (default now). */
  now?: Date;
}

/** An .ics file as the mailer attaches it. */
export interface CalendarAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

/** The name of a deadline's file: `input-<area>`, `draft-v<N>-review`, `draft-v<N>-sign-off`. */
function fileStemOf(d: DeadlineRef): string {
  switch (d.kind) {
    case 'contribution':
      return `input-${d.area.id}`;
    case 'draft-review':
      return `draft-v${d.version}-review`;
    case 'sign-off':
      return `draft-v${d.version}-sign-off`;
  }
}

/**
 * The UID of the invitation for deadline `key` of `cycleId` to `recipientEmail` (compared
 * case-insensitively): 32 hex digits of SHA-256 over the three, `@` the organizer's mail domain.
 * The same deadline for the same person always has the same UID.
 */
export function invitationUid(cycleId: string, key: string, recipientEmail: string, organizerAddress: string): string {
  const digest = createHash('sha256').update(JSON.stringify(['calendar', cycleId, key, recipientEmail.trim().toLowerCase()])).digest('hex').slice(0, 32);
  const domain = organizerAddress.slice(organizerAddress.lastIndexOf('@') + 1) || 'sdp-review';
  return `${digest}@${domain}`;
}

/** What every event of a recipient's calendar file is made of. */
interface EventFacts {
  cycleId: string;
  year: number;
  timeZone: string;
  to: Recipient;
  deadline: DeadlineRef;
  /** ISO 8601 UTC. */
  dueAt: string;
  sequence: number;
}

/**
 * One calendar file with one event for `f.deadline`: METHOD:REQUEST (STATUS:CONFIRMED, the action
 * link in the description) or METHOD:CANCEL (STATUS:CANCELLED). UTF-8, lines folded at 75 octets
 * between whole characters.
 */
function calendarFile(method: 'REQUEST' | 'CANCEL', f: EventFacts, ctx: InvitationContext): CalendarAttachment {
  const due = DateTime.fromISO(f.dueAt, { zone: 'utc' }).setZone(f.timeZone);
  if (!due.isValid) throw new RangeError(`deadline ${deadlineKey(f.deadline)}: ${JSON.stringify(f.dueAt)} in ${JSON.stringify(f.timeZone)} is not a local date-time (${due.invalidExplanation ?? due.invalidReason})`);
  const s = scopeOf({ fileUrl: () => undefined, areaNames: ctx.areaNames }, ctx.lang ?? languageOf(f.to));
  const { m } = s;
  const d = f.deadline;
  const summary =
    d.kind === 'contribution'
      ? m('calendar.contribution', { area: areaTitle(s, d.area.id, d.area.title), year: f.year })
      : d.kind === 'draft-review'
        ? m('calendar.draftReview', { version: d.version, year: f.year })
        : m('calendar.signOff', { version: d.version, year: f.year });
  const cancel = method === 'CANCEL';
  const link = !cancel && ctx.actionUrl ? ctx.actionUrl : undefined;
  const description = [
    cancel ? m('calendar.withdrawn') : m('calendar.dueBy', { due: formatLocalDateTime(f.dueAt, f.timeZone, s.lang) }),
    ...(f.to.onBehalfOf ? [m('layout.asDeputy', { name: f.to.onBehalfOf.name })] : []),
    ...(link ? [m('calendar.link', { url: link }), m('layout.personalLink')] : []),
  ].join('\n\n');

  // End of the local day: an all-day event on that date; any other time: half an hour up to it.
  const endOfDay = due.hour === 23 && due.minute === 59;
  const timing = endOfDay
    ? { start: due.startOf('day'), end: due.startOf('day').plus({ days: 1 }), allDay: true }
    : { start: due.minus({ minutes: 30 }).toUTC(), end: due.toUTC(), allDay: false };

  const calendar = ical({
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'EU-Albania SDP', product: 'sdp-review', language: s.lang.toUpperCase() },
  });
  calendar.createEvent({
    id: invitationUid(f.cycleId, deadlineKey(d), f.to.email, ctx.organizer.address),
    sequence: f.sequence,
    stamp: ctx.now ?? new Date(),
    ...timing,
    summary,
    description,
    ...(link ? { url: link } : {}),
    organizer: { name: ctx.organizer.name, email: ctx.organizer.address },
    // RSVP=FALSE: a deadline is not a meeting; no reply is expected (the page is the answer).
    attendees: [{ name: f.to.name, email: f.to.email, rsvp: false, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION }],
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // A deadline does not make the person busy that day.
    transparency: ICalEventTransparency.TRANSPARENT,
  });
  return {
    filename: `sdp-review-${f.year}-${fileStemOf(d)}${cancel ? '-cancelled' : ''}.ics`,
    content: new TextEncoder().encode(calendar.toString()),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
  };
}

/**
 * The invitation for the deadline of `n`, as an .ics attachment (METHOD:REQUEST): one event on
 * the due date in `n.timeZone`, the title naming the area or the draft in the recipient's
 * language, the action link in the description; SEQUENCE `n.sequence` (numbered by the workflow),
 * else the deadline's least one. Pure but for DTSTAMP (`ctx.now`).
 *
 * @throws RangeError when `n.dueAt` is not an instant or `n.timeZone` not an IANA zone.
 */
export function deadlineInvitation(n: DeadlineNotification, ctx: InvitationContext): CalendarAttachment {
  const deadline = deadlineOf(n);
  const sequence = n.sequence ?? leastSequence(deadline, n.kind === 'deadline-moved');
  return calendarFile('REQUEST', { cycleId: n.cycleId, year: n.year, timeZone: n.timeZone, to: n.to, deadline, dueAt: n.dueAt, sequence }, ctx);
}

/**
 * The cancellation of `c`'s deadline in the calendar of `n.to`, as an .ics attachment
 * (METHOD:CANCEL, STATUS:CANCELLED, the UID of the invitation it withdraws, SEQUENCE `c.sequence`
 * or else the deadline's least one for a change). Pure but for DTSTAMP (`ctx.now`).
 *
 * @throws RangeError as `deadlineInvitation`.
 */
export function deadlineCancellation(c: CalendarCancellation, n: Pick<Notification, 'cycleId' | 'year' | 'timeZone' | 'to'>, ctx: InvitationContext): CalendarAttachment {
  const sequence = c.sequence ?? leastSequence(c.deadline, true);
  return calendarFile('CANCEL', { cycleId: n.cycleId, year: n.year, timeZone: n.timeZone, to: n.to, deadline: c.deadline, dueAt: c.dueAt, sequence }, ctx);
}

/**
 * The calendar files a notification's mail carries: the invitation of a request or a moved
 * deadline, the cancellations of a mail that withdraws deadlines (a role passed on, a cancelled
 * cycle); none for the others. Throws as `deadlineInvitation`.
 */
export function calendarAttachments(n: Notification, ctx: InvitationContext): CalendarAttachment[] {
  if (hasDeadline(n)) return [deadlineInvitation(n, ctx)];
  return cancellationsOf(n).map((c) => deadlineCancellation(c, n, ctx));
}
