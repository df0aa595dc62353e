/** The mail of the drafting stage: a draft is ready for the coordinator's review. */
import type { DraftReady } from '../../../domain/notifications';
import { actionOrCli, areaTitle, formatLocalDateTime, render, type Block, type ComposedMail, type MailScope } from './layout';

/** To the coordinator: draft vN is ready (what changed, any request for changes it answers); approve or reopen areas by the due date. */
export function draftReadyMail(n: DraftReady, s: MailScope): ComposedMail {
  const { m } = s;
  const due = formatLocalDateTime(n.dueAt, n.timeZone, s.lang);
  const blocks: Block[] = [
    { p: m('drafting.ready', { version: n.version, year: n.year }) },
    ...(n.changedAreas.length > 0 ? [{ p: m('drafting.changed', { areas: n.changedAreas.map((id) => areaTitle(s, id)).join('; ') }) } as Block] : []),
    ...(n.changesRequested?.length
      ? [
          { p: m('drafting.followsChanges') } as Block,
          { list: n.changesRequested.map((d) => m('drafting.changeLine', { name: d.by.name ?? d.by.email, side: d.director, comment: d.comment })) } as Block,
        ]
      : []),
    { files: n.files.filter((f) => f.format !== 'json') },
    { p: m('drafting.decideBy', { due }) },
  ];
  return {
    subject: m('drafting.subject', { version: n.version, year: n.year }),
    ...render(n.to, [...blocks, ...actionOrCli(s, m('drafting.action'), `sdp-review draft approve --year ${n.year}  or  sdp-review draft reopen <area…> --comment "…"`)], s),
  };
}
