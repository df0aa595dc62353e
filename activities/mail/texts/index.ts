/**
 * The texts of every mail sdp-review sends, one module per stage (English; a translation would
 * add sibling modules). Each request mail says what is asked, by when (local time of the cycle),
 * and how to act: the action link, and the CLI command as a fallback.
 */
import type { Notification } from '../../../domain/notifications';
import { contributionRequestMail, inputsCompleteMail } from './collecting';
import { actionConfirmationMail, cycleCancelledMail } from './cycle';
import { draftReadyMail } from './drafting';
import type { ComposedMail, MailContext } from './layout';
import { reminderDigestMail } from './reminders';
import { changesRequestedMail, signOffRequestMail } from './sign-off';
import { submissionMail } from './submission';

export { formatLocalDateTime, type ComposedMail, type MailContext } from './layout';

/** Composes the mail for a notification. Pure: the same input gives the same mail. */
export function composeMail(n: Notification, ctx: MailContext): ComposedMail {
  switch (n.kind) {
    case 'contribution-request':
      return contributionRequestMail(n, ctx);
    case 'inputs-complete':
      return inputsCompleteMail(n, ctx);
    case 'draft-ready':
      return draftReadyMail(n, ctx);
    case 'sign-off-request':
      return signOffRequestMail(n, ctx);
    case 'changes-requested':
      return changesRequestedMail(n, ctx);
    case 'submission':
      return submissionMail(n, ctx);
    case 'reminder-digest':
      return reminderDigestMail(n, ctx);
    case 'action-confirmation':
      return actionConfirmationMail(n, ctx);
    case 'cycle-cancelled':
      return cycleCancelledMail(n, ctx);
  }
}
