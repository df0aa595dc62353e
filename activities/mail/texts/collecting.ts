/** The mails of the collecting stage: an area's input is requested (or requested again), and all inputs are in. */
import { DateTime } from 'luxon';
import type { ContributionRequest, InputsComplete } from '../../../domain/notifications';
import { PRODUCT, actionOrCli, formatLocalDateTime, render, type Block, type ComposedMail, type MailContext } from './layout';

/** To an area owner: submit the area's input by the due date, at kick-off or after the coordinator reopened it. */
export function contributionRequestMail(n: ContributionRequest, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  const paragraphs = `§${n.area.paragraphs.join(', §')}`;
  const subject = n.reopened
    ? `Reopened: your input for «${n.area.title}» — ${n.year} review, due ${DateTime.fromISO(n.dueAt).setZone(n.timeZone).toFormat('d LLLL')}`
    : `Input requested: «${n.area.title}» — ${n.year} review of the Security and Defence Partnership`;
  const blocks: Block[] = n.reopened
    ? [
        { p: `The coordinator has reopened the area «${n.area.title}» (${paragraphs}) after draft v${n.reopened.afterVersion} of the ${n.year} progress report, with this comment:` },
        { p: n.reopened.comment },
        { p: `Please revise the area's input by ${due(n.dueAt)}.` },
      ]
    : [
        { p: `The ${n.year} review cycle of the ${PRODUCT} has started. You are the ${n.side === 'eu' ? 'EU' : 'Albanian'} owner of the area of cooperation «${n.area.title}» (${paragraphs}).` },
        { p: `Please submit the area's input by ${due(n.dueAt)}: the status of each commitment (not started, in progress, achieved, ongoing) with a comment, a narrative of the year, next steps, and any deliverables. Either owner may submit; both may revise until collection closes.` },
        { p: 'The inputs are assembled into the progress report that the Security and Defence Dialogue reviews and the EU–Albania Stabilisation and Association Council discusses.' },
      ];
  return { subject, ...render(n.to, [...blocks, ...actionOrCli(ctx, 'Open the input form', `sdp-review submit ${n.area.id} --year ${n.year} --file <input.json>`)], ctx) };
}

/** To the coordinator: no area is outstanding, collection may be closed before its due date. */
export function inputsCompleteMail(n: InputsComplete, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  return {
    subject: `All inputs are in for the ${n.year} review: you can close collection`,
    ...render(
      n.to,
      [
        {
          p: `All inputs are in for the ${n.year} review: ${n.submitted} submitted, ${n.waived} waived${n.missing ? `, ${n.missing} missing` : ''}. You can close collection now, which assembles draft v1; owners can still revise until you do, or until ${due(n.dueAt)} when it closes by itself.`,
        },
        ...actionOrCli(ctx, 'Close collection', `sdp-review close --year ${n.year}`),
      ],
      ctx,
    ),
  };
}
