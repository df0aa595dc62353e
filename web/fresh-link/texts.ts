/** The texts of the fresh-link request (POST /fresh-link) and of the mail that carries the new link. */
import { PARTNERSHIP } from '../views/texts';

export const freshLinkTexts = {
  sentTitle: 'A fresh link is on its way',
  sent: (masked: string, date: string) => `A new link was mailed to ${masked}. It is valid until ${date}. The expired link stays expired.`,
  notExpiredTitle: 'This link still works',
  notExpired: 'No fresh link is needed:',
  open: 'Open the page',
  limitTitle: 'Enough fresh links were sent',
  limit: (n: number) => `${n} fresh links were already sent for this link. Look for them in your mailbox, or ask the coordinator of the review cycle.`,
  failedTitle: 'The fresh link could not be sent',
  failed: 'The mail server did not take the mail. Please try again in a few minutes.',
  mailSubject: (what: string, year: number) => `New link: ${what} — ${year} review of the ${PARTNERSHIP}`,
  mailGreeting: (name: string) => `Dear ${name},`,
  mailBody: (what: string) => `You asked for a fresh link to ${what}, because the link you had has expired.`,
  mailAction: 'Open the page',
  mailValid: (date: string) => `This link is valid until ${date}. It is personal: please do not forward it. Opening it changes nothing until you press the button on the page.`,
  mailIgnore: 'If you did not ask for it, you can ignore this mail: the link was sent only to this address.',
  what: {
    contribution: (areaTitle: string) => `the input form of «${areaTitle}»`,
    collection: (year: number) => `the closing of collection for the ${year} review`,
    'draft-review': (version: number) => `the review of draft v${version}`,
    'sign-off': (version: number) => `the sign-off of draft v${version}`,
  },
};
