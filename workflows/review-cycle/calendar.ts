/**
 * The cycle's side of the calendar invitations (activities/mail/calendar.ts builds the .ics):
 * which deadline each person has open now, and the SEQUENCE of every invitation and cancellation.
 *
 * SEQUENCE: an invitation replaces the one before it for the same UID — (cycle, deadline,
 * recipient) — only when its SEQUENCE is higher (RFC 5546 §2.1.4). The cycle keeps the last
 * SEQUENCE it gave each (deadline, recipient) and numbers every new one at least one above it,
 * and never below the deadline's least SEQUENCE (`leastSequence`, domain/notifications.ts): the
 * round or draft version less one for a request (0 at kick-off, N after the reopening that
 * followed draft vN), one more for a change (a moved date, a cancellation). The numbers are
 * decided in workflow code, in the order the mails are started, so a replay gives the same ones
 * and the activity's retries send the same file.
 *
 * Cycles that ran before this numbering sent the least SEQUENCE of each request and kept no
 * record: an invitation it numbers then starts from the least one, so a request carries the
 * number it always did, and a change lands above the request in force (its round or version is
 * in the state). Invitations scheduled before (no `sequence`) get the same least numbers from the
 * activity.
 */
import { cancellationsOf, deadlineKey, hasDeadline, deadlineOf, leastSequence, roundOf, type CalendarCancellation, type DeadlineRef, type Notification } from '../../domain/notifications';
import type { RoleRef } from '../../domain/people';
import type { Person, Side } from '../../domain/schemas';
import type { ReviewCycleState } from '../../domain/state';

/** The SEQUENCE numbers the cycle has given, by deadline and recipient; see the module's comment. */
export class InvitationSequences {
  /** `<deadline key> <address>` → the last SEQUENCE given. */
  private readonly last = new Map<string, number>();

  /** The next SEQUENCE for `deadline` to `email`: `leastSequence(deadline, change)` or more, above any given before. Records it. */
  next(deadline: DeadlineRef, email: string, change: boolean): number {
    const key = `${deadlineKey(deadline)} ${email.trim().toLowerCase()}`;
    const least = leastSequence(deadline, change);
    const before = this.last.get(key);
    const sequence = before === undefined ? least : Math.max(least, before + 1);
    this.last.set(key, sequence);
    return sequence;
  }

  /**
   * `n` with the SEQUENCE of each invitation and cancellation it carries, numbered for its
   * recipient (`n.to`, once a deputy has replaced the person away: the event is in the deputy's calendar).
   */
  number<N extends Notification>(n: N): N {
    if (hasDeadline(n)) return { ...n, sequence: this.next(deadlineOf(n), n.to.email, n.kind === 'deadline-moved') };
    const cancels = cancellationsOf(n);
    return cancels.length ? { ...n, cancels: cancels.map((c) => ({ ...c, sequence: this.next(c.deadline, n.to.email, true) })) } : n;
  }
}

/** A deadline someone has open, with the due instant (ISO 8601 UTC) their event shows. */
export interface OpenDeadline extends CalendarCancellation {
  to: Person;
}

/**
 * The deadline the holder of `role` (or the coordinator) has open in `state`, the one their last
 * invitation put in their calendar: an area's input while the area takes inputs; the review of
 * the draft that waits for the coordinator; a director's sign-off of the draft in sign-off until
 * they have decided. Undefined when nothing is due from them. Pure.
 */
export function openDeadlineOf(state: ReviewCycleState, role: RoleRef | { kind: 'coordinator' }): CalendarCancellation | undefined {
  const draft = state.drafts.at(-1);
  switch (role.kind) {
    case 'area-owner': {
      const a = state.areas.find((x) => x.id === role.areaId);
      if (!a || a.closed) return undefined;
      return { deadline: { kind: 'contribution', area: { id: a.id, title: a.title }, round: roundOf(a) }, dueAt: a.dueAt };
    }
    case 'coordinator':
      if (state.stage !== 'drafting' || draft?.status !== 'in-review' || !state.stageDueAt) return undefined;
      return { deadline: { kind: 'draft-review', version: draft.version }, dueAt: state.stageDueAt };
    case 'director':
      if (state.stage !== 'sign-off' || draft?.status !== 'in-sign-off' || !state.stageDueAt) return undefined;
      if (state.decisions.some((d) => d.version === draft.version && d.director === role.side)) return undefined;
      return { deadline: { kind: 'sign-off', version: draft.version, director: role.side }, dueAt: state.stageDueAt };
  }
}

/** Every deadline open in `state`, with the person who holds it (`openDeadlineOf` for each role). Pure. */
export function openDeadlines(state: ReviewCycleState): OpenDeadline[] {
  const open: OpenDeadline[] = [];
  const add = (to: Person, d: CalendarCancellation | undefined) => {
    if (d) open.push({ ...d, to });
  };
  add(state.coordinator, openDeadlineOf(state, { kind: 'coordinator' }));
  for (const side of ['eu', 'al'] as Side[]) add(state.directors[side], openDeadlineOf(state, { kind: 'director', side }));
  for (const a of state.areas) {
    for (const side of ['eu', 'al'] as Side[]) add(a.owners[side], openDeadlineOf(state, { kind: 'area-owner', areaId: a.id, side }));
  }
  return open;
}

/** The deadlines of `open` held by `person` (addresses compared case-insensitively), as the cancellations of their mail. */
export function cancelsFor(open: readonly OpenDeadline[], person: { email: string }): CalendarCancellation[] {
  const email = person.email.toLowerCase();
  return open.filter((d) => d.to.email.toLowerCase() === email).map(({ deadline, dueAt }) => ({ deadline, dueAt }));
}
