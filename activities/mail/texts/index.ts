/**
 * The texts of every mail sdp-review sends, one module per stage, in the recipient's language
 * (catalogues ../locales/{en,sq}.json). Each request mail says what is asked, by when (local time
 * of the cycle), and how to act: the action link, and the CLI command as a fallback.
 */
import type { Notification } from '../../../domain/notifications';
import { languageOf } from '../../../domain/schemas';
import { contributionRequestMail, deadlineMovedMail, inputsCompleteMail } from './collecting';
import { actionConfirmationMail, cycleCancelledMail, ownersUpdateMail } from './cycle';
import { draftReadyMail } from './drafting';
import { rolePassedMail } from './people';
import { scopeOf, type ComposedMail, type MailContext } from './layout';
import { reminderDigestMail } from './reminders';
import { changesRequestedMail, signOffRequestMail } from './sign-off';
import { submissionMail } from './submission';

export { formatLocalDateTime, type ComposedMail, type MailContext } from './layout';

/**
 * Composes the mail for a notification, in `ctx.lang` or else the recipient's language
 * (`languageOf(n.to)`: their own, else by side). Pure: the same input gives the same mail.
 */
export function composeMail(n: Notification, ctx: MailContext): ComposedMail {
  const s = scopeOf(ctx, ctx.lang ?? languageOf(n.to));
  switch (n.kind) {
    case 'contribution-request':
      return contributionRequestMail(n, s);
    case 'deadline-moved':
      return deadlineMovedMail(n, s);
    case 'role-passed':
      return rolePassedMail(n, s);
    case 'inputs-complete':
      return inputsCompleteMail(n, s);
    case 'draft-ready':
      return draftReadyMail(n, s);
    case 'sign-off-request':
      return signOffRequestMail(n, s);
    case 'changes-requested':
      return changesRequestedMail(n, s);
    case 'submission':
      return submissionMail(n, s);
    case 'reminder-digest':
      return reminderDigestMail(n, s);
    case 'action-confirmation':
      return actionConfirmationMail(n, s);
    case 'cycle-cancelled':
      return cycleCancelledMail(n, s);
    case 'owners-update':
      return ownersUpdateMail(n, s);
  }
}
