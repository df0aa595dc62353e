/** The mails of the collecting stage: an area's input is requested (or requested again), its deadline moved, and all inputs are in. */
import { DateTime } from 'luxon';
import type { ContributionRequest, DeadlineMoved, InputsComplete } from '../../../domain/notifications';
import { LOCALE } from '../../../infra/i18n';
import { actionOrCli, areaTitle, formatLocalDateTime, render, type Block, type ComposedMail, type MailScope } from './layout';

/** To an area owner: submit the area's input by the due date, at kick-off or after the coordinator reopened it. */
export function contributionRequestMail(n: ContributionRequest, s: MailScope): ComposedMail {
  const { m } = s;
  const due = formatLocalDateTime(n.dueAt, n.timeZone, s.lang);
  const area = areaTitle(s, n.area.id, n.area.title);
  const paragraphs = `§${n.area.paragraphs.join(', §')}`;
  const subject = n.reopened
    ? m('collecting.reopened.subject', { area, year: n.year, dayMonth: DateTime.fromISO(n.dueAt).setZone(n.timeZone).setLocale(LOCALE[s.lang]).toFormat('d LLLL') })
    : m('collecting.request.subject', { area, year: n.year });
  const blocks: Block[] = n.reopened
    ? [
        { p: m('collecting.reopened.intro', { area, paragraphs, version: n.reopened.afterVersion, year: n.year }) },
        { p: n.reopened.comment },
        { p: m('collecting.reopened.reviseBy', { due }) },
      ]
    : [
        { p: m('collecting.request.started', { year: n.year, side: n.side, area, paragraphs }) },
        { p: m('collecting.request.submitBy', { due }) },
        { p: m('collecting.request.purpose') },
      ];
  const cli = `sdp-review submit ${n.area.id} --year ${n.year} --file <input.json>`;
  return { subject, ...render(n.to, [...blocks, ...actionOrCli(s, m('collecting.request.action'), cli)], s) };
}

/** To an area owner: the coordinator extended the area's deadline; the attached invitation moves it in their calendar. */
export function deadlineMovedMail(n: DeadlineMoved, s: MailScope): ComposedMail {
  const { m } = s;
  const area = areaTitle(s, n.area.id, n.area.title);
  const dayMonth = DateTime.fromISO(n.dueAt).setZone(n.timeZone).setLocale(LOCALE[s.lang]).toFormat('d LLLL');
  const blocks: Block[] = [
    { p: m('collecting.moved.body', { area, due: formatLocalDateTime(n.dueAt, n.timeZone, s.lang), previous: formatLocalDateTime(n.previousDueAt, n.timeZone, s.lang) }) },
    { p: m('collecting.moved.calendar') },
  ];
  const cli = `sdp-review submit ${n.area.id} --year ${n.year} --file <input.json>`;
  return { subject: m('collecting.moved.subject', { area, year: n.year, dayMonth }), ...render(n.to, [...blocks, ...actionOrCli(s, m('collecting.request.action'), cli)], s) };
}

/** To the coordinator: no area is outstanding, collection may be closed before its due date. */
export function inputsCompleteMail(n: InputsComplete, s: MailScope): ComposedMail {
  const { m } = s;
  const due = formatLocalDateTime(n.dueAt, n.timeZone, s.lang);
  return {
    subject: m('collecting.inputsComplete.subject', { year: n.year }),
    ...render(
      n.to,
      [
        { p: m('collecting.inputsComplete.body', { year: n.year, submitted: n.submitted, waived: n.waived, missing: n.missing, due }) },
        ...actionOrCli(s, m('collecting.inputsComplete.action'), `sdp-review close --year ${n.year}`),
      ],
      s,
    ),
  };
}
