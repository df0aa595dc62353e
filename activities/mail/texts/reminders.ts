/** The reminder digest: one mail a day to one person, listing everything the cycle waits for from them. */
import type { ReminderDigest } from '../../../domain/notifications';
import { formatLocalDateTime, render, type ComposedMail, type MailContext } from './layout';

/** The digest's subject says "Overdue" when any item was due before the digest's local day. */
export function reminderDigestMail(n: ReminderDigest, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  const overdue = n.items.some((i) => Date.parse(i.dueAt) < Date.parse(`${n.localDate}T00:00:00Z`));
  return {
    subject: `${overdue ? 'Overdue' : 'Reminder'}: ${n.items.length === 1 ? n.items[0]!.title : `${n.items.length} items`} — ${n.year} review of the Security and Defence Partnership`,
    ...render(
      n.to,
      [
        { p: `This is a reminder of what the ${n.year} review cycle is waiting for:` },
        { list: n.items.map((i) => `${i.title} — ${i.label}; due ${due(i.dueAt)}`) },
        { p: 'Each item has its own link in the mail that first asked for it; the coordinator can send a fresh one.' },
      ],
      ctx,
    ),
  };
}
