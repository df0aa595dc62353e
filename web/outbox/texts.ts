/** The texts of the outbox of the embedded SMTP capture (/outbox). */

export const outboxTexts = {
  title: 'Outbox',
  intro: 'The mails captured by the local SMTP server, newest first. None of them left this computer: this is the embedded default for running sdp-review locally.',
  empty: 'No mail yet.',
  columns: { received: 'Received', to: 'To', subject: 'Subject' },
  attachments: (n: number) => (n === 1 ? '1 attachment' : `${n} attachments`),
  back: 'Back to the outbox',
  from: 'From',
  to: 'To',
  cc: 'Cc',
  received: 'Received',
  messageId: 'Message-ID',
  attachmentsHeading: 'Attachments',
  textHeading: 'Text of the mail',
  htmlVersion: 'View the HTML version',
  raw: 'Download the raw message (.eml)',
  notFound: 'There is no captured mail with this id.',
};
