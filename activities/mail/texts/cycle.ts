/** Mails about the cycle as a whole, whatever its stage: an action is confirmed, the cycle is cancelled. */
import type { ActionConfirmation, CalendarCancellation, CycleCancelled, OwnersUpdate } from '../../../domain/notifications';
import { areaTitle, formatLocalDateTime, render, type Block, type ComposedMail, type MailScope } from './layout';

/**
 * What a confirmation says: what was recorded and what happens next. Confirmations scheduled by an
 * earlier version (before outcomes had codes) carry their own wording, in English, as they were.
 */
function confirmationText(n: ActionConfirmation, s: MailScope): { summary: string; next: string } {
  const { m } = s;
  const o = n.outcome;
  if (!o) return { summary: n.summary ?? '', next: n.next ?? '' };
  const facts = { name: o.directorName, version: o.version, other: o.otherDirectorName };
  if (o.decision === 'request-changes') return { summary: m('cycle.confirmation.changesRequested', facts), next: m('cycle.confirmation.changesRequestedNext') };
  if (o.bothApproved) return { summary: m('cycle.confirmation.bothApproved', facts), next: m('cycle.confirmation.bothApprovedNext') };
  return { summary: m('cycle.confirmation.approved', facts), next: m('cycle.confirmation.approvedNext', facts) };
}

/** To the person who acted: what was recorded and what happens next. */
export function actionConfirmationMail(n: ActionConfirmation, s: MailScope): ComposedMail {
  const { summary, next } = confirmationText(n, s);
  return { subject: s.m('cycle.confirmation.subject', { summary }), ...render(n.to, [{ p: summary }, ...(next ? [{ p: next }] : [])], s) };
}

/** To everyone taking part: the cycle was cancelled, by whom and why; nothing more will be sent. */
export function cycleCancelledMail(n: CycleCancelled, s: MailScope): ComposedMail {
  const { m } = s;
  return {
    subject: m('cycle.cancelled.subject', { year: n.year }),
    ...render(n.to, [
      { p: m('cycle.cancelled.byWhom', { name: n.byName, year: n.year }) }, { p: m('cycle.cancelled.reason', { reason: n.reason }) }, { p: m('cycle.cancelled.nothingMore') },
      ...withdrawn(n.cancels, s),
    ], s),
  };
}

/** To an area owner: collection closed, the report went to the SA Council, or the cycle was cancelled; with their areas. */
export function ownersUpdateMail(n: OwnersUpdate, s: MailScope): ComposedMail {
  const { m } = s;
  const when = formatLocalDateTime(n.at, n.timeZone, s.lang);
  const areas = n.areas.map((a) =>
    m('cycle.owners.area', { area: areaTitle(s, a.id, a.title), state: a.waived ? 'waived' : a.revision > 0 ? 'input' : 'none', revision: a.revision }));
  const lead = m(`cycle.owners.${n.event}`, { year: n.year, date: when, version: n.version ?? 0, reason: n.reason ?? '' });
  return {
    // ICU selectors are identifiers: `collection-closed` is selected as `closed`.
    subject: m('cycle.owners.subject', { event: n.event === 'collection-closed' ? 'closed' : n.event, year: n.year }),
    ...render(n.to, [{ p: lead }, ...(areas.length ? [{ p: m('cycle.owners.yourAreas') }, { list: areas }] : []), { p: m(`cycle.owners.${n.event}Next`) }, ...withdrawn(n.cancels, s)], s),
  };
}

/** The line saying that the attached calendar cancellations withdraw the recipient's open deadlines; none without any. */
function withdrawn(cancels: CalendarCancellation[] | undefined, s: MailScope): Block[] {
  return cancels?.length ? [{ p: s.m('cycle.withdrawn', { count: cancels.length }) }] : [];
}
