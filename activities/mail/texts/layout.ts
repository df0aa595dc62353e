/**
 * The frame every mail shares: the greeting, the blocks of the body in plain text and HTML, the
 * call to action (or the CLI command when there is no web server), and the signature. English; a
 * translation would add a sibling module.
 */
import escapeHtml from 'escape-html';
import { DateTime } from 'luxon';
import type { Recipient } from '../../../domain/notifications';
import type { ArtifactFile } from '../../../domain/state';

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

/** The partnership's full name, as the mails spell it. */
export const PRODUCT = 'EU–Albania Security and Defence Partnership';

/** A local date-time as people read it, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)". */
export function formatLocalDateTime(instant: string, timeZone: string): string {
  return `${DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone})`;
}

/** A block of the mail: a paragraph, a list, a call to action, or a list of file links. */
export type Block = { p: string } | { list: string[] } | { action: { label: string; url: string } } | { files: ArtifactFile[] };

/** The body of a mail to `greeting`: "Dear …", the blocks, the signature; as plain text and as HTML. */
export function render(greeting: Recipient, blocks: Block[], ctx: MailContext): { text: string; html: string } {
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

/** The call to action: the personal link when the mail has one, else the CLI command the secretariat can run. */
export function actionOrCli(ctx: MailContext, label: string, cli: string): Block[] {
  return ctx.actionUrl
    ? [{ action: { label, url: ctx.actionUrl } }, { p: 'The link is personal: please do not forward it. Opening it changes nothing until you press the button on the page.' }]
    : [{ p: `To act, the secretariat can run: ${cli}` }];
}
