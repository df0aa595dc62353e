/** The texts of the fresh-link request (POST /fresh-link) and of the mail that carries the new link, in one language (web/locales: `fresh.*`). */
import type { Messages } from '../../infra/i18n';

/** The texts over the messages `m`. */
export function freshLinkTexts(m: Messages) {
  return {
    sentTitle: m('fresh.sentTitle'),
    sent: (masked: string, date: string) => m('fresh.sent', { masked, date }),
    notExpiredTitle: m('fresh.notExpiredTitle'),
    notExpired: m('fresh.notExpired'),
    open: m('fresh.open'),
    limitTitle: m('fresh.limitTitle'),
    limit: (n: number) => m('fresh.limit', { n }),
    failedTitle: m('fresh.failedTitle'),
    failed: m('fresh.failed'),
    mailSubject: (what: string, year: number) => m('fresh.mailSubject', { what, year }),
    mailGreeting: (name: string) => m('fresh.mailGreeting', { name }),
    mailBody: (what: string) => m('fresh.mailBody', { what }),
    mailAction: m('fresh.mailAction'),
    mailValid: (date: string) => m('fresh.mailValid', { date }),
    mailIgnore: m('fresh.mailIgnore'),
    what: {
      contribution: (area: string) => m('fresh.what.contribution', { area }),
      collection: (year: number) => m('fresh.what.collection', { year }),
      'draft-review': (version: number) => m('fresh.what.draft-review', { version }),
      'sign-off': (version: number) => m('fresh.what.sign-off', { version }),
    },
  };
}
