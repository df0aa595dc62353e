/**
 * Every text the web shows to people, in one object per language: the shared texts of web/views/
 * and the texts of each step, each kept next to its pages, worded in the catalogues
 * web/locales/{en,sq}.json (ICU messages, infra/i18n.ts). A page is shown in the language of its
 * reader (web/plumbing/language.ts); `en` and `sq` are the two objects, of the same `Texts` type.
 */
import type { Language } from '../domain/schemas';
import { createMessages } from '../infra/i18n';
import { seedAreaNames, type AreaNames } from '../seeds/area-names';
import { SEEDS_DIR } from '../seeds';
import { collectionTexts } from './collection/texts';
import { consoleTexts } from './console/texts';
import { contributionTexts } from './contribution/texts';
import { draftsTexts } from './contribution/drafts-texts';
import { attachmentsTexts } from './contribution/attachments-texts';
import { followUpTexts } from './contribution/follow-up-texts';
import { dashboardTexts } from './dashboard/texts';
import { progressTexts } from './dashboard/progress-texts';
import { draftReviewTexts } from './draft-review/texts';
import { freshLinkTexts } from './fresh-link/texts';
import enCatalogue from './locales/en.json' with { type: 'json' };
import sqCatalogue from './locales/sq.json' with { type: 'json' };
import { outboxTexts } from './outbox/texts';
import { signOffTexts } from './sign-off/texts';
import { outcomeTexts } from './views/outcome-texts';
import { roundCommentsTexts } from './views/round-comments';
import { commonTexts } from './views/texts';

/** The catalogues of the web, by language (for the catalogue tests). */
export const WEB_CATALOGUES = { en: enCatalogue, sq: sqCatalogue } as const;

/**
 * The texts of the web in `lang`. `areaNames` gives the Albanian titles of areas that a cycle
 * started before areas had them names in English only (default: the project's seeds).
 */
export function textsIn(lang: Language, areaNames: AreaNames = seedAreaNames(SEEDS_DIR)) {
  const m = createMessages(lang, WEB_CATALOGUES[lang], `web/locales/${lang}.json`);
  const common = commonTexts(m, areaNames);
  return {
    ...common,
    /** What the workflows answered (update outcomes, refusals), in words. */
    outcomes: outcomeTexts(m, common),
    contribution: contributionTexts(m),
    /** An owner's saved draft of an input, and the read-only view once the area is closed. */
    drafts: draftsTexts(m),
    /** The files attached to an input (web/contribution/attachments.ts). */
    attachments: attachmentsTexts(m),
    /** The follow-up of last cycle's next steps on the input form (web/contribution/follow-up.ts). */
    followUp: followUpTexts(m),
    collection: collectionTexts(m),
    review: draftReviewTexts(m),
    signOff: signOffTexts(m),
    /** The comments of the review where people decide (web/views/round-comments.ts). */
    comments: roundCommentsTexts(m),
    fresh: freshLinkTexts(m),
    outbox: outboxTexts(m),
    dashboard: dashboardTexts(m, common),
    /** The dashboard's progress view across cycles (web/dashboard/progress.ts). */
    progress: progressTexts(m),
    /** The secretariat's console (web/console/). */
    console: consoleTexts(m),
  };
}

export type Texts = ReturnType<typeof textsIn>;

/** The web's texts in English. */
export const en: Texts = textsIn('en');
/** The web's texts in Albanian. */
export const sq: Texts = textsIn('sq');

/** The texts of each language. */
export const TEXTS: Record<Language, Texts> = { en, sq };
