/**
 * Deadlines as calendar invitations: the mails that ask for something by a due date (an area's
 * input, the coordinator's review of a draft, a director's sign-off) carry an .ics file with one
 * event on the due date, in the recipient's language, composed with ical-generator.
 *
 * An invitation replaces the earlier one for the same deadline in the recipient's calendar: its
 * UID is stable per (cycle, deadline, recipient), and its SEQUENCE grows with each new request for
 * that deadline (RFC 5546 §2.1.4), so the reopening of an area after draft v1 moves the area's
 * event rather than adding a second one, and draft v2's review replaces v1's. The deadline is
 * coarser than the mail's purpose (`purposeOf`): the kick-off's request and a reopening's are two
 * mails, but one input due, so one event.
 *
 * Due dates are the end of a local working day in the cycle's time zone (23:59:59.999 local), so
 * the event is an all-day event on that local date — the date taken in the cycle's zone, never
 * the UTC date (for a cycle west of UTC they differ). A due instant at another time of day gives
 * a half-hour event ending at it.
 */
import { createHash } from 'node:crypto';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { ContributionRequest, DraftReady, Notification, SignOffRequest } from '../../domain/notifications';
import { languageOf, type Language } from '../../domain/schemas';
import type { AreaNames } from '../../seeds/area-names';
import { areaTitle, formatLocalDateTime, scopeOf } from './texts/layout';

/** The notifications that set a deadline for their recipient. */
export type DeadlineNotification = ContributionRequest | DraftReady | SignOffRequest;

/** Whether `n` asks its recipient for something by a due date (and so carries an invitation). */
export function hasDeadline(n: Notification): n is DeadlineNotification {
  return n.kind === 'contribution-request' || n.kind === 'draft-ready' || n.kind === 'sign-off-request';
}

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

/**
 * The deadline a notification sets, as the calendar knows it: `key` names it within the cycle for
 * one recipient (part of the UID), `sequence` orders the requests for it, `fileStem` names the file.
 */
function deadlineOf(n: DeadlineNotification): { key: string; sequence: number; fileStem: string } {
  switch (n.kind) {
    case 'contribution-request':
      // Kick-off is 0; a reopening after draft vN is N, and reopenings only follow later drafts.
      return { key: `contribution.${n.area.id}`, sequence: n.reopened?.afterVersion ?? 0, fileStem: `input-${n.area.id}` };
    case 'draft-ready':
      return { key: 'draft-review', sequence: n.version - 1, fileStem: `draft-v${n.version}-review` };
    case 'sign-off-request':
      return { key: `sign-off.${n.director}`, sequence: n.version - 1, fileStem: `draft-v${n.version}-sign-off` };
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

/**
 * The invitation for the deadline of `n`, as an .ics attachment (METHOD:REQUEST, UTF-8, lines
 * folded at 75 octets between whole characters): one event on the due date in `n.timeZone`, the
 * title naming the area or the draft in the recipient's language, the action link in the
 * description. Pure but for DTSTAMP (`ctx.now`).
 *
 * @throws RangeError when `n.dueAt` is not an instant or `n.timeZone` not an IANA zone.
 */
export function deadlineInvitation(n: DeadlineNotification, ctx: InvitationContext): CalendarAttachment {
  const due = DateTime.fromISO(n.dueAt, { zone: 'utc' }).setZone(n.timeZone);
  if (!due.isValid) throw new RangeError(`deadline of ${n.kind}: ${JSON.stringify(n.dueAt)} in ${JSON.stringify(n.timeZone)} is not a local date-time (${due.invalidExplanation ?? due.invalidReason})`);
  const s = scopeOf({ fileUrl: () => undefined, areaNames: ctx.areaNames }, ctx.lang ?? languageOf(n.to));
  const { m } = s;
  const { key, sequence, fileStem } = deadlineOf(n);
  const summary =
    n.kind === 'contribution-request'
      ? m('calendar.contribution', { area: areaTitle(s, n.area.id, n.area.title), year: n.year })
      : n.kind === 'draft-ready'
        ? m('calendar.draftReview', { version: n.version, year: n.year })
        : m('calendar.signOff', { version: n.version, year: n.year });
  const description = [
    m('calendar.dueBy', { due: formatLocalDateTime(n.dueAt, n.timeZone, s.lang) }),
    ...(n.to.onBehalfOf ? [m('layout.asDeputy', { name: n.to.onBehalfOf.name })] : []),
    ...(ctx.actionUrl ? [m('calendar.link', { url: ctx.actionUrl }), m('layout.personalLink')] : []),
  ].join('\n\n');

  // End of the local day: an all-day event on that date; any other time: half an hour up to it.
  const endOfDay = due.hour === 23 && due.minute === 59;
  const timing = endOfDay
    ? { start: due.startOf('day'), end: due.startOf('day').plus({ days: 1 }), allDay: true }
    : { start: due.minus({ minutes: 30 }).toUTC(), end: due.toUTC(), allDay: false };

  const calendar = ical({
    method: ICalCalendarMethod.REQUEST,
    prodId: { company: 'EU-Albania SDP', product: 'sdp-review', language: s.lang.toUpperCase() },
  });
  calendar.createEvent({
    id: invitationUid(n.cycleId, key, n.to.email, ctx.organizer.address),
    sequence,
    stamp: ctx.now ?? new Date(),
    ...timing,
    summary,
    description,
    ...(ctx.actionUrl ? { url: ctx.actionUrl } : {}),
    organizer: { name: ctx.organizer.name, email: ctx.organizer.address },
    // RSVP=FALSE: a deadline is not a meeting; no reply is expected (the page is the answer).
    attendees: [{ name: n.to.name, email: n.to.email, rsvp: false, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION }],
    status: ICalEventStatus.CONFIRMED,
    // A deadline does not make the person busy that day.
    transparency: ICalEventTransparency.TRANSPARENT,
  });
  return {
    filename: `sdp-review-${n.year}-${fileStem}.ics`,
    content: new TextEncoder().encode(calendar.toString()),
    contentType: 'text/calendar; charset=utf-8; method=REQUEST',
  };
}
