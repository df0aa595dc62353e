/** The mails of the directors' sign-off: a director is asked to sign, and a director's request for changes is made known. */
import type { ChangesRequested, SignOffRequest } from '../../../domain/notifications';
import { actionOrCli, formatLocalDateTime, render, type Block, type ComposedMail, type MailScope } from './layout';

/**
 * To a director: approve draft vN, or request changes with a comment, by the due date. The report
 * is in English; an Albanian reader is pointed to its Albanian summary, listed with the files.
 */
export function signOffRequestMail(n: SignOffRequest, s: MailScope): ComposedMail {
  const { m } = s;
  const due = formatLocalDateTime(n.dueAt, n.timeZone, s.lang);
  const shown = s.lang === 'sq' ? ['docx', 'pdf', 'html', 'summary-docx', 'summary-html'] : ['docx', 'pdf', 'html'];
  const blocks: Block[] = [
    { p: m('signOff.request.intro', { version: n.version, year: n.year, side: n.director }) },
    ...(s.lang === 'sq' ? [{ p: m('signOff.request.summaryNote') } as Block] : []),
    { files: n.files.filter((f) => shown.includes(f.format)) },
    { p: m('signOff.request.decideBy', { due }) },
  ];
  return {
    subject: m('signOff.request.subject', { year: n.year, version: n.version }),
    ...render(n.to, [...blocks, ...actionOrCli(s, m('signOff.request.action'), `sdp-review sign --year ${n.year} --director ${n.director} approve|request-changes --comment "…"`)], s),
  };
}

/**
 * To the coordinator and the other director: a director requested changes; the coordinator's copy
 * asks for the next decision, with its link; the other director's copy withdraws their sign-off
 * from their calendar when they had not decided (the .ics cancellation is attached by the activity).
 */
export function changesRequestedMail(n: ChangesRequested, s: MailScope): ComposedMail {
  const { m } = s;
  return {
    subject: m('signOff.changesRequested.subject', { version: n.version, year: n.year }),
    ...render(
      n.to,
      [
        { p: m('signOff.changesRequested.intro', { name: n.directorName, version: n.version }) },
        { p: n.decision.comment },
        { p: m('signOff.changesRequested.next') },
        ...(n.cancels?.length ? [{ p: m('signOff.changesRequested.withdrawn', { version: n.version }) } as Block] : []),
        ...(n.coordinatorDueAt
          ? [
              { p: m('signOff.changesRequested.decideBy', { due: formatLocalDateTime(n.coordinatorDueAt, n.timeZone, s.lang) }) } as Block,
              ...actionOrCli(s, m('signOff.changesRequested.action'), `sdp-review draft reopen <area…> --year ${n.year} --comment "…"  or  sdp-review draft approve --year ${n.year}`),
            ]
          : []),
      ],
      s,
    ),
  };
}
