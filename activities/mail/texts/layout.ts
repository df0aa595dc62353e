/**
 * The frame every mail shares: the greeting, the blocks of the body in plain text and HTML, the
 * call to action (or the CLI command when there is no web server), and the signature, in the
 * recipient's language (catalogues ../locales/{en,sq}.json).
 */
import escapeHtml from 'escape-html';
import type { Recipient } from '../../../domain/notifications';
import type { Language } from '../../../domain/schemas';
import type { ArtifactFile } from '../../../domain/state';
import { localDateTimeText } from '../../../infra/i18n';
import type { AreaNames } from '../../../seeds/area-names';
import { mailMessages, type Messages } from './messages';

/** A composed mail: subject, plain text and HTML parts. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a mail needs besides the notification: its links, resolved by the activity, and the areas' names. */
export interface MailContext {
  actionUrl?: string;
  fileUrl: (key: string) => string | undefined;
  /** The language of the mail; default the recipient's (`languageOf`, domain/schemas.ts). */
  lang?: Language;
  /**
   * The areas' titles in both languages by id (from the seeds), for mails that name areas the
   * notification gives by id only (reminders, changed areas) or in English only.
   */
  areaNames?: AreaNames;
}

/** The context a mail module works with: the context, its language and its messages. */
export interface MailScope extends MailContext {
  lang: Language;
  m: Messages;
}

/** The scope of a mail in `lang`. */
export function scopeOf(ctx: MailContext, lang: Language): MailScope {
  return { ...ctx, lang, m: mailMessages(lang) };
}

/** A local date-time as people read it, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)" or "30 mars 2026 (e hënë), ora 23:59 (Europe/Brussels)". */
export function formatLocalDateTime(instant: string, timeZone: string, lang: Language = 'en'): string {
  return mailMessages(lang)('layout.dateTime', { date: localDateTimeText(instant, timeZone, lang, 'long') ?? instant, timeZone });
}

/**
 * An area's title in the mail's language: the Albanian one from the seeds for Albanian readers;
 * `given` (the cycle's own English title) otherwise, or the seeds' English one, or the id.
 */
export function areaTitle(s: MailScope, areaId: string, given?: string): string {
  const names = s.areaNames?.(areaId);
  if (s.lang === 'sq' && names?.titleSq) return names.titleSq;
  return given ?? names?.title ?? areaId;
}

/** A block of the mail: a paragraph, a list, a call to action, or a list of file links. */
export type Block = { p: string } | { list: string[] } | { action: { label: string; url: string } } | { files: ArtifactFile[] };

/** The body of a mail to `greeting`: the greeting, the blocks, the signature; as plain text and as HTML. */
export function render(greeting: Recipient, blocks: Block[], s: MailScope): { text: string; html: string } {
  const hello = s.m('layout.greeting', { name: greeting.name });
  const text: string[] = [hello, ''];
  const html: string[] = [`<p>${escapeHtml(hello)}</p>`];
  if (greeting.onBehalfOf) {
    const deputy = s.m('layout.asDeputy', { name: greeting.onBehalfOf.name });
    text.push(deputy, '');
    html.push(`<p><em>${escapeHtml(deputy)}</em></p>`);
  }
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
      const lines = block.files.map((f) => ({ name: f.key.split('/').pop() ?? f.key, url: s.fileUrl(f.key) }));
      text.push(...lines.map((l) => `  - ${l.name}${l.url ? `: ${l.url}` : ''}`), '');
      html.push(`<ul>${lines.map((l) => `<li>${l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l.name)}</a>` : escapeHtml(l.name)}</li>`).join('')}</ul>`);
    }
  }
  const signature = s.m('layout.signature');
  text.push('--', signature);
  html.push(`<hr><p style="color:#555;font-size:90%">${escapeHtml(signature)}</p>`);
  return { text: text.join('\n'), html: `<!doctype html><html lang="${s.lang}"><body style="font-family:Arial,sans-serif;line-height:1.5">${html.join('\n')}</body></html>` };
}

/** The call to action: the personal link when the mail has one, else the CLI command the secretariat can run (the CLI speaks English). */
export function actionOrCli(s: MailScope, label: string, cli: string): Block[] {
  return s.actionUrl
    ? [{ action: { label, url: s.actionUrl } }, { p: s.m('layout.personalLink') }]
    : [{ p: s.m('layout.cliFallback', { command: cli }) }];
}
