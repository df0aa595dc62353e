/** The mail of the drafting stage: a draft is ready for the coordinator's review. */
import type { DraftReady } from '../../../domain/notifications';
import { actionOrCli, formatLocalDateTime, render, type Block, type ComposedMail, type MailContext } from './layout';

/** To the coordinator: draft vN is ready (what changed, any request for changes it answers); approve or reopen areas by the due date. */
export function draftReadyMail(n: DraftReady, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  const blocks: Block[] = [
    { p: `Draft v${n.version} of the ${n.year} progress report is ready for your review.` },
    ...(n.changedAreas.length > 0 ? [{ p: `Areas changed since the previous version: ${n.changedAreas.join(', ')}.` } as Block] : []),
    ...(n.changesRequested?.length
      ? [{ p: 'It follows a request for changes:' } as Block, { list: n.changesRequested.map((d) => `${d.by.name ?? d.by.email} (${d.director.toUpperCase()} director): ${d.comment}`) } as Block]
      : []),
    { files: n.files.filter((f) => f.format !== 'json') },
    { p: `Please approve it for the directors' sign-off, or reopen the areas that need work, by ${due(n.dueAt)}.` },
  ];
  return {
    subject: `Draft v${n.version} of the ${n.year} progress report is ready for review`,
    ...render(n.to, [...blocks, ...actionOrCli(ctx, 'Review the draft', `sdp-review draft approve --year ${n.year}  or  sdp-review draft reopen <area…> --comment "…"`)], ctx),
  };
}
