/** The mails of the directors' sign-off: a director is asked to sign, and a director's request for changes is made known. */
import type { ChangesRequested, SignOffRequest } from '../../../domain/notifications';
import { PRODUCT, actionOrCli, formatLocalDateTime, render, type Block, type ComposedMail, type MailContext } from './layout';

/** To a director: approve draft vN, or request changes with a comment, by the due date. */
export function signOffRequestMail(n: SignOffRequest, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  const blocks: Block[] = [
    { p: `The coordinator has approved draft v${n.version} of the ${n.year} progress report on the ${PRODUCT} for your sign-off as ${n.director === 'eu' ? 'EU' : 'Albanian'} co-chair of the Security and Defence Dialogue.` },
    { files: n.files.filter((f) => f.format === 'docx' || f.format === 'html') },
    { p: `Please approve it, or request changes with a comment, by ${due(n.dueAt)}. Both directors must approve the same version before it goes to the SA Council.` },
  ];
  return {
    subject: `Sign-off requested: ${n.year} progress report, draft v${n.version}`,
    ...render(n.to, [...blocks, ...actionOrCli(ctx, 'Open the sign-off page', `sdp-review sign --year ${n.year} --director ${n.director} approve|request-changes --comment "…"`)], ctx),
  };
}

/** To the coordinator and the directors: a director requested changes; the coordinator's copy asks for the next decision, with its link. */
export function changesRequestedMail(n: ChangesRequested, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  return {
    subject: `Changes requested on draft v${n.version} of the ${n.year} progress report`,
    ...render(
      n.to,
      [
        { p: `${n.directorName} requested changes to draft v${n.version}:` },
        { p: n.decision.comment },
        { p: 'The draft is back with the coordinator, who reopens the areas concerned or approves a new version; the next version needs both directors\' approval again.' },
        ...(n.coordinatorDueAt
          ? [{ p: `Please decide by ${due(n.coordinatorDueAt)}.` } as Block, ...actionOrCli(ctx, 'Review the draft', `sdp-review draft reopen <area…> --year ${n.year} --comment "…"  or  sdp-review draft approve --year ${n.year}`)]
          : []),
      ],
      ctx,
    ),
  };
}
