/**
 * The reminder digest: one mail a day to one person, listing everything the cycle waits for from
 * them. The workflow gives each item's title and label in English words; the digest words them
 * again in the reader's language from the item's facts (its stage, key, area and due date), and
 * keeps the workflow's words for a label it does not recognise.
 */
import { BY_HAND_REMINDER_LABEL, type ReminderDigest } from '../../../domain/notifications';
import { localDateTimeText } from '../../../infra/i18n';
import { areaTitle, formatLocalDateTime, render, type ComposedMail, type MailScope } from './layout';

type Item = ReminderDigest['items'][number];

/** What an item asks, from its facts: the input of an area, the review or the sign-off of draft vN. */
function whatOf(i: Item, s: MailScope): string {
  const { m } = s;
  const version = Number(/v(\d+)$/.exec(i.key)?.[1] ?? i.version ?? 0);
  if (i.stage === 'collecting' && i.areaId) {
    const given = /«(.*)»/.exec(i.title)?.[1];
    const area = areaTitle(s, i.areaId, given);
    return m(/\(reopened\)$/.test(i.title) ? 'reminders.what.inputReopened' : 'reminders.what.input', { area });
  }
  if (i.stage === 'drafting' && version) return m('reminders.what.draftReview', { version });
  if (i.stage === 'sign-off' && version) return m('reminders.what.signOff', { version });
  return i.title;
}

/** The label of a reminder (`7 days before`, `due today`, `overdue: 2 working days`, an escalation) in the reader's language. */
function labelOf(label: string, s: MailScope): string {
  const { m } = s;
  if (label === 'due today') return m('reminders.label.dueToday');
  if (label === BY_HAND_REMINDER_LABEL) return m('reminders.label.byHand');
  if (label === 'escalation to the coordinator') return m('reminders.label.escalationCoordinator');
  if (label === 'escalation to the directors') return m('reminders.label.escalationDirectors');
  const before = /^(\d+) days? before$/.exec(label);
  if (before) return m('reminders.label.daysBefore', { n: Number(before[1]) });
  const overdue = /^overdue: (\d+) working days?$/.exec(label);
  if (overdue) return m('reminders.label.overdue', { n: Number(overdue[1]) });
  return label;
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The digest's subject says "Overdue" when any item was due before the digest's local day. */
export function reminderDigestMail(n: ReminderDigest, s: MailScope): ComposedMail {
  const { m } = s;
  const overdue = n.items.some((i) => Date.parse(i.dueAt) < Date.parse(`${n.localDate}T00:00:00Z`));
  const kind = overdue ? 'overdue' : 'reminder';
  const first = n.items[0]!;
  const subject =
    n.items.length === 1
      ? m('reminders.subjectOne', { kind, what: whatOf(first, s), due: localDateTimeText(first.dueAt, n.timeZone, s.lang, 'dayMonth') ?? first.dueAt, year: n.year })
      : m('reminders.subjectMany', { kind, count: n.items.length, year: n.year });
  return {
    subject,
    ...render(
      n.to,
      [
        { p: m('reminders.intro', { year: n.year }) },
        { list: n.items.map((i) => m('reminders.item', { what: capitalised(whatOf(i, s)), label: labelOf(i.label, s), due: formatLocalDateTime(i.dueAt, n.timeZone, s.lang) })) },
        { p: m('reminders.outro') },
      ],
      s,
    ),
  };
}
