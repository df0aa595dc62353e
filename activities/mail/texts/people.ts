/** The mails of people changing during a cycle: the previous holder of a role learns that it passed on. */
import type { RolePassed } from '../../../domain/notifications';
import { areaTitle, formatLocalDateTime, render, type ComposedMail, type MailScope } from './layout';

/**
 * To the previous holder of a role: the coordinator passed it to someone else, on which date;
 * nothing more is asked of them for it, and the attached cancellation (when they had a deadline
 * open) withdraws it from their calendar.
 */
export function rolePassedMail(n: RolePassed, s: MailScope): ComposedMail {
  const { m } = s;
  const facts = { name: n.nextName, year: n.year, side: n.role.side, date: formatLocalDateTime(n.at, n.timeZone, s.lang) };
  const area = n.role.kind === 'area-owner' ? areaTitle(s, n.role.areaId, n.area?.title) : undefined;
  return {
    subject: area === undefined ? m('people.passed.subjectDirector', facts) : m('people.passed.subjectOwner', { ...facts, area }),
    ...render(n.to, [
      { p: area === undefined ? m('people.passed.director', facts) : m('people.passed.owner', { ...facts, area }) },
      { p: m('people.passed.next') },
      ...(n.cancels?.length ? [{ p: m('people.passed.withdrawn') }] : []),
    ], s),
  };
}
