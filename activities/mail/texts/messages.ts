/** The mails' catalogues (../locales/{en,sq}.json), one formatter per language (infra/i18n.ts). */
import { createMessages, type Messages } from '../../../infra/i18n';
import type { Language } from '../../../domain/schemas';
import en from '../locales/en.json' with { type: 'json' };
import sq from '../locales/sq.json' with { type: 'json' };

export type { Messages };

/** The catalogues of the mails, by language (for the catalogue tests). */
export const MAIL_CATALOGUES = { en, sq } as const;

const formatters: Record<Language, Messages> = {
  en: createMessages('en', en, 'activities/mail/locales/en.json'),
  sq: createMessages('sq', sq, 'activities/mail/locales/sq.json'),
};

/** The mails' messages in `lang`. */
export function mailMessages(lang: Language): Messages {
  return formatters[lang];
}
