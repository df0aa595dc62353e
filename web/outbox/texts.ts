/** The texts of the outbox of the embedded SMTP capture (/outbox), in one language (web/locales: `outbox.*`). */
import type { Messages } from '../../infra/i18n';

/** The outbox's texts over the messages `m`. */
export function outboxTexts(m: Messages) {
  return {
    title: m('outbox.title'),
    intro: m('outbox.intro'),
    empty: m('outbox.empty'),
    columns: { received: m('outbox.columns.received'), to: m('outbox.columns.to'), subject: m('outbox.columns.subject') },
    attachments: (n: number) => m('outbox.attachments', { n }),
    noSubject: m('outbox.noSubject'),
    back: m('outbox.back'),
    from: m('outbox.from'),
    to: m('outbox.to'),
    cc: m('outbox.cc'),
    received: m('outbox.received'),
    messageId: m('outbox.messageId'),
    attachmentsHeading: m('outbox.attachmentsHeading'),
    attachmentSize: (type: string, size: number) => m('outbox.attachmentSize', { type, size }),
    textHeading: m('outbox.textHeading'),
    htmlVersion: m('outbox.htmlVersion'),
    raw: m('outbox.raw'),
    notFound: m('outbox.notFound'),
  };
}
