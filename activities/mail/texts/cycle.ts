/** Mails about the cycle as a whole, whatever its stage: an action is confirmed, the cycle is cancelled. */
import type { ActionConfirmation, CycleCancelled } from '../../../domain/notifications';
import { PRODUCT, render, type ComposedMail, type MailContext } from './layout';

/**
 * What a confirmation says: what was recorded and what happens next. Confirmations scheduled by an
 * earlier version (before outcomes had codes) carry their own wording.
 */
function confirmationText(n: ActionConfirmation): { summary: string; next: string } {
  const o = n.outcome;
  if (!o) return { summary: n.summary ?? '', next: n.next ?? '' };
  if (o.decision === 'request-changes') {
    return { summary: `${o.directorName} requested changes to draft v${o.version}.`, next: 'The draft returns to the coordinator; the next version needs both approvals again.' };
  }
  if (o.bothApproved) {
    return { summary: `${o.directorName} approved draft v${o.version}; both directors have now approved it.`, next: 'The final report goes to the SA Council secretariat.' };
  }
  return { summary: `${o.directorName} approved draft v${o.version}.`, next: `The other director, ${o.otherDirectorName}, still has to decide.` };
}

/** To the person who acted: what was recorded and what happens next. */
export function actionConfirmationMail(n: ActionConfirmation, ctx: MailContext): ComposedMail {
  const { summary, next } = confirmationText(n);
  return { subject: `Recorded: ${summary}`, ...render(n.to, [{ p: summary }, ...(next ? [{ p: next }] : [])], ctx) };
}

/** To everyone taking part: the cycle was cancelled, by whom and why; nothing more will be sent. */
export function cycleCancelledMail(n: CycleCancelled, ctx: MailContext): ComposedMail {
  return {
    subject: `The ${n.year} review cycle was cancelled`,
    ...render(n.to, [{ p: `${n.byName} cancelled the ${n.year} review cycle of the ${PRODUCT}.` }, { p: `Reason: ${n.reason}` }, { p: 'No further requests or reminders will be sent for it.' }], ctx),
  };
}
