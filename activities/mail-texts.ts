/**
 * The texts of every mail sdp-review sends, in one place (English; a translation would add a
 * sibling module). Each request mail says what is asked, by when (local time of the cycle), and
 * how to act: the action link, and the CLI command as a fallback.
 */
import escapeHtml from 'escape-html';
import { DateTime } from 'luxon';
import type { Notification, Recipient } from '../domain/notifications';
import type { ArtifactFile } from '../domain/schemas';

/** A composed mail: subject, plain text and HTML parts. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a mail needs besides the notification: its links, resolved by the activity. */
export interface MailContext {
  actionUrl?: string;
  fileUrl: (key: string) => string | undefined;
}

const PRODUCT = 'EU–Albania Security and Defence Partnership';

/** A local date-time as people read it, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)". */
export function formatLocalDateTime(instant: string, timeZone: string): string {
  return `${DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone})`;
}

/** A block of the mail: a paragraph, a list, or a call to action. */
type Block = { p: string } | { list: string[] } | { action: { label: string; url: string } } | { files: ArtifactFile[] };

function render(greeting: Recipient, blocks: Block[], ctx: MailContext): { text: string; html: string } {
  const text: string[] = [`Dear ${greeting.name},`, ''];
  const html: string[] = [`<p>Dear ${escapeHtml(greeting.name)},</p>`];
  for (const block of blocks) {
    if ('p' in block) {
      text.push(block.p, '');
      html.push(`<p>${escapeHtml(block.p)}</p>`);
    } else if ('list' in block) {
      text.push(...block.list.map((item) => `  - ${item}`), '');
      html.push(`<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
    } else if ('action' in block) {
      text.push(`${block.action.label}: ${block.action.url}`, '');
      html.push(
        `<p><a href="${escapeHtml(block.action.url)}" style="display:inline-block;padding:10px 16px;background:#003399;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(block.action.label)}</a></p>`,
      );
    } else {
      const lines = block.files.map((f) => ({ name: f.key.split('/').pop() ?? f.key, url: ctx.fileUrl(f.key) }));
      text.push(...lines.map((l) => `  - ${l.name}${l.url ? `: ${l.url}` : ''}`), '');
      html.push(`<ul>${lines.map((l) => `<li>${l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l.name)}</a>` : escapeHtml(l.name)}</li>`).join('')}</ul>`);
    }
  }
  const signature = `sdp-review — ${PRODUCT}, annual review cycle`;
  text.push('--', signature);
  html.push(`<hr><p style="color:#555;font-size:90%">${escapeHtml(signature)}</p>`);
  return { text: text.join('\n'), html: `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;line-height:1.5">${html.join('\n')}</body></html>` };
}

function actionOrCli(ctx: MailContext, label: string, cli: string): Block[] {
  return ctx.actionUrl
    ? [{ action: { label, url: ctx.actionUrl } }, { p: 'The link is personal: please do not forward it. Opening it changes nothing until you press the button on the page.' }]
    : [{ p: `To act, the secretariat can run: ${cli}` }];
}

/** Composes the mail for a notification. Pure: the same input gives the same mail. */
export function composeMail(n: Notification, ctx: MailContext): ComposedMail {
  const due = (at: string) => formatLocalDateTime(at, n.timeZone);
  switch (n.kind) {
    case 'contribution-request': {
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
    case 'draft-ready': {
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
    case 'sign-off-request': {
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
    case 'changes-requested':
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
    case 'submission':
      return {
        subject: `${n.year} progress report of the ${PRODUCT}, for the EU–Albania Stabilisation and Association Council`,
        ...render(
          n.to,
          [
            { p: `Please find attached the ${n.year} progress report on the ${PRODUCT}, prepared for the EU–Albania Stabilisation and Association Council.` },
            { p: `It was approved in draft v${n.signedVersion} by ${n.directors.eu.name} and ${n.directors.al.name}, co-chairs of the Security and Defence Dialogue. The attached manifest gives the SHA-256 of each file and the sign-off record.` },
            { files: n.files },
          ],
          ctx,
        ),
      };
    case 'action-confirmation':
      return { subject: `Recorded: ${n.summary}`, ...render(n.to, [{ p: n.summary }, { p: n.next }], ctx) };
    case 'reminder-digest': {
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
    case 'inputs-complete':
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
    case 'cycle-cancelled':
      return {
        subject: `The ${n.year} review cycle was cancelled`,
        ...render(n.to, [{ p: `${n.byName} cancelled the ${n.year} review cycle of the ${PRODUCT}.` }, { p: `Reason: ${n.reason}` }, { p: 'No further requests or reminders will be sent for it.' }], ctx),
      };
  }
}
