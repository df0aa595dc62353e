/** The mail of the submission: the signed report goes to the SA Council secretariat. */
import type { Submission } from '../../../domain/notifications';
import { PRODUCT, render, type ComposedMail, type MailContext } from './layout';

/** To the SA Council secretariat (coordinator and directors in copy): the final report, who signed it, its files. */
export function submissionMail(n: Submission, ctx: MailContext): ComposedMail {
  return {
    subject: `${n.year} progress report of the ${PRODUCT}, for the EU–Albania Stabilisation and Association Council`,
    ...render(
      n.to,
      [
        { p: `Please find attached the ${n.year} progress report on the ${PRODUCT}, prepared for the EU–Albania Stabilisation and Association Council.` },
        { p: `It was approved in draft v${n.signedVersion} by ${n.directors.eu.name} and ${n.directors.al.name}, co-chairs of the Security and Defence Dialogue. The attached manifest gives the SHA-256 of each file and the sign-off record.` },
        { files: n.files },
      ],
      ctx,
    ),
  };
}
