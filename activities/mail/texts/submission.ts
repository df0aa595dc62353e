/** The mail of the submission: the signed report goes to the SA Council secretariat. */
import type { Submission } from '../../../domain/notifications';
import { render, type ComposedMail, type MailScope } from './layout';

/**
 * To the SA Council secretariat (coordinator and directors in copy): the final report, who signed
 * it, its files. One message for all its recipients, in the language of the one it is addressed
 * to: the secretariat's, English, the language of the SA Council.
 */
export function submissionMail(n: Submission, s: MailScope): ComposedMail {
  const { m } = s;
  return {
    subject: m('submission.subject', { year: n.year }),
    ...render(
      n.to,
      [
        { p: m('submission.attached', { year: n.year }) },
        { p: m('submission.approved', { version: n.signedVersion, eu: n.directors.eu.name, al: n.directors.al.name }) },
        { files: n.files },
      ],
      s,
    ),
  };
}
