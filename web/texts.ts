/**
 * Every text the web shows to people, in one object: the shared texts of web/views/ and the texts
 * of each step, each kept next to its pages. English; a translation would add a sibling object of
 * the same `Texts` type and a way to choose it (`WebServerDeps.texts`).
 */
import { collectionTexts } from './collection/texts';
import { contributionTexts } from './contribution/texts';
import { dashboardTexts } from './dashboard/texts';
import { draftReviewTexts } from './draft-review/texts';
import { freshLinkTexts } from './fresh-link/texts';
import { outboxTexts } from './outbox/texts';
import { signOffTexts } from './sign-off/texts';
import { outcomeTexts } from './views/outcome-texts';
import { commonTexts } from './views/texts';

export const en = {
  ...commonTexts,
  /** What the workflows answered (update outcomes, refusals), in words. */
  outcomes: outcomeTexts,
  contribution: contributionTexts,
  collection: collectionTexts,
  review: draftReviewTexts,
  signOff: signOffTexts,
  fresh: freshLinkTexts,
  outbox: outboxTexts,
  dashboard: dashboardTexts,
};

export type Texts = typeof en;
