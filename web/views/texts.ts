/**
 * The texts every page shares: the site's frame, the names of roles, stages and statuses, the
 * result and refusal pages, and what a closed step says. English; a translation would add a
 * sibling object of the same shape (see web/texts.ts, which joins these with each step's texts).
 * Dates are shown in the cycle's time zone, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)".
 */
import { DateTime } from 'luxon';
import type { AreaStatus, CommitmentStatus, DraftStatus, Role, Side, Stage } from '../../domain/schemas';
import type { LinkStep } from '../../links';

export const PARTNERSHIP = 'EU–Albania Security and Defence Partnership';

const utc = (instant: string | Date) => (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' }));

/** A local date-time as people read it, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)"; the input as is when it is not an instant. */
export function formatDateTime(instant: string | Date, timeZone = 'UTC'): string {
  const dt = utc(instant).setZone(timeZone);
  return dt.isValid ? `${dt.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone})` : String(instant);
}

/** A short local date-time for tables, e.g. "Mon 30 Mar 2026, 23:59" (the page names the zone once). */
export function formatShortDateTime(instant: string | Date, timeZone = 'UTC'): string {
  const dt = utc(instant).setZone(timeZone);
  return dt.isValid ? dt.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm') : String(instant);
}

/** The local calendar date (YYYY-MM-DD) of an instant in `timeZone`; a value that is already a date, as is. */
export function localDate(value: string, timeZone = 'UTC'): string {
  const dt = utc(value);
  return dt.isValid && value.length > 10 ? (dt.setZone(timeZone).toISODate() ?? value) : value;
}

/** An address shown on a page that anyone holding the link can see: `g•••@example.al`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

export const sideName = (side: Side) => (side === 'eu' ? 'EU' : 'Albanian');

export const commonTexts = {
  lang: 'en',
  product: 'sdp-review',
  productLine: `${PARTNERSHIP} — annual review`,
  skipToContent: 'Skip to the content',
  footer: 'sdp-review · the annual review cycle of the EU–Albania Security and Defence Partnership',
  nothingRecorded: 'Nothing was recorded.',
  errorPrefix: 'Error:',

  sideName,

  roleName: (role: Role): string => ({ 'area-owner': 'area owner', coordinator: 'coordinator', director: 'director', system: 'system' })[role],
  stepName: (step: LinkStep): string => ({ contribution: 'the input form of an area', collection: 'the closing of collection', 'draft-review': 'the review of a draft', 'sign-off': 'the sign-off of a draft' })[step],
  stageName: (stage: Stage): string =>
    ({ collecting: 'collecting inputs', drafting: 'drafting', 'sign-off': 'director sign-off', submission: 'submission', submitted: 'submitted', cancelled: 'cancelled' })[stage],
  commitmentStatus: { 'not-started': 'Not started', 'in-progress': 'In progress', achieved: 'Achieved', ongoing: 'Ongoing' } satisfies Record<CommitmentStatus, string>,
  deliverableStatus: { planned: 'Planned', 'in-progress': 'In progress', delivered: 'Delivered', cancelled: 'Cancelled' } as Record<string, string>,
  areaStatus: { 'awaiting-input': 'Awaiting input', submitted: 'Submitted', reopened: 'Reopened', waived: 'Waived', missing: 'Missing' } satisfies Record<AreaStatus, string>,
  draftStatus: {
    'in-review': 'with the coordinator for review',
    reopened: 'reopened: areas went back to their owners',
    'in-sign-off': 'with the directors for sign-off',
    'changes-requested': 'changes requested by a director',
    signed: 'signed by both directors',
    superseded: 'superseded by a later version',
  } satisfies Record<DraftStatus, string>,
  fileLabel: (format: string, name: string): string =>
    ({ docx: `Report for Word (.docx): ${name}`, html: `Report as a web page (.html): ${name}`, 'changes-html': `Changes since the previous version (.html): ${name}`, md: `Report as Markdown (.md): ${name}`, json: `Data (.json): ${name}` })[format] ?? name,

  /** Makes a validation message read as a sentence next to its field. */
  fieldMessage(message: string, value?: string): string {
    if (message === 'must not be empty') return 'This field is required.';
    if (/^must be one of/.test(message) && !value) return 'Choose one of the options.';
    const max = /^must be at most (\d+) characters$/.exec(message);
    if (max) return `Too long: at most ${max[1]} characters.`;
    if (/^must be a date/.test(message)) return 'Enter a date as YYYY-MM-DD.';
    return `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
  },

  home: {
    title: 'EU–Albania Security and Defence Partnership: annual review',
    intro:
      'Area owners, the coordinator and the directors act from the links in their mail: each link opens the page of one step, and the button on that page records the action. No account is needed.',
    outbox: 'Outbox: the mails sent by this local installation',
    dashboard: 'Dashboard: the review cycles, their areas, drafts and history (for the secretariat)',
  },

  result: {
    title: 'Recorded',
    recordedHeading: 'What was recorded',
    nextHeading: 'What happens next',
    at: (date: string) => `Recorded on ${date}.`,
    reference: (jti: string) => `Reference of your link: ${jti}`,
    again: 'You can close this page. The link in your mail opens the page again.',
    alreadyTitle: 'Already recorded',
    already: (name: string, date: string) => `This was already recorded on ${date}, from this link, for ${name}. Your second request changed nothing.`,
  },

  errors: {
    invalidTitle: 'This link is not valid',
    invalid: 'The link is incomplete or was changed. Open it again from your mail, making sure the whole address is used.',
    wrongPageTitle: 'This link is not for this page',
    wrongPage: (name: string, role: string, step: string, page: string) => `The link was issued to ${name} as ${role}, for ${step}; it cannot be used for ${page}.`,
    notAllowedTitle: 'This action is not allowed with this link',
    notAllowed: (action: string, allowed: string) => `The link allows: ${allowed}. It does not allow “${action}”.`,
    forbiddenTitle: 'You may not take this action',
    csrfTitle: 'The form could not be verified',
    csrf: 'The page was not opened from its link in this browser, or its form is out of date. Open the link from your mail again, then press the button on the page.',
    expiredTitle: 'This link has expired',
    expired: (date: string) => `It was valid until ${date}.`,
    freshOffer: (masked: string) => `You can ask for a fresh link. It is sent to the address this link was issued to (${masked}), never to another one.`,
    freshButton: 'Send me a fresh link',
    freshUnavailable: 'Ask the coordinator of the review cycle for a fresh link.',
    freshStepClosed: 'The step of this link is closed, so no fresh link is needed:',
    closedTitle: 'This step is closed',
    collectionClosedTitle: 'Collection is closed',
    alreadyDecidedTitle: 'A decision was already recorded',
    goneTitle: (year: number) => `The ${year} review cycle has finished`,
    submitted: (version: number, date: string, to: string) => `The report (draft v${version}) was submitted to ${to} on ${date}.`,
    cancelled: (date: string, name: string, reason: string) => `It was cancelled on ${date} by ${name}: ${reason}`,
    notFoundTitle: 'Page not found',
    notFound: 'There is no page at this address. Use the link from your mail.',
    cycleNotFound: 'There is no such review cycle on this server.',
    unavailableTitle: 'The review system is not answering',
    unavailable: 'Please try again in a few minutes. If it keeps happening, tell the coordinator of the review cycle.',
    tooManyTitle: 'Too many requests',
    tooMany: (seconds: number) => {
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return `Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`;
    },
    tooLargeTitle: 'The form is too large',
    tooLarge: 'Shorten the longest texts and submit again.',
    badRequestTitle: 'The request could not be read',
    badRequest: 'Open the link from your mail again and repeat the action.',
    internalTitle: 'Something went wrong',
    internal: 'The error was logged. Please try again; if it keeps happening, tell the coordinator of the review cycle.',
    fileInvalidTitle: 'This download link is not valid',
    fileInvalid: 'Use the download link from your mail or from the page of the draft, with its whole address.',
    fileExpiredTitle: 'This download link has expired',
    fileExpired: 'Open the page of the draft from your mail: it has fresh download links.',
  },

  /** What a link's page says when its step is closed (web/plumbing/step-check.ts). */
  stepClosed: {
    areaClosed: (title: string, status: string) => `«${title}» no longer accepts input (${status}).`,
    areaLastInput: (name: string, date: string, revision: number) => `The input on record is revision ${revision}, submitted by ${name} on ${date}.`,
    areaWaived: (name: string, date: string, reason: string) => `${name} waived it on ${date}: ${reason}`,
    collectionClosedBy: (name: string, date: string) => `${name} closed collection on ${date}.`,
    collectionClosedItself: (date: string) => `Collection closed by itself on ${date}, at its due date.`,
    collectionClosed: 'Collection is closed.',
    draftComing: 'Draft v1 is being assembled; it is mailed to the coordinator for review.',
    draftSuperseded: (version: number, current: number, status: string) => `Draft v${version} is no longer current; the current draft is v${current} (${status}).`,
    draftNotCurrentStage: (version: number, stage: string) => `Draft v${version} is not waiting for this step; the cycle is ${stage}.`,
    draftApproved: (version: number, name: string, date: string) => `${name} approved draft v${version} for sign-off on ${date}.`,
    draftReopened: (version: number, name: string, date: string, detail: string) => `${name} reopened areas after draft v${version} on ${date} (${detail}).`,
    draftStatus: (version: number, status: string) => `Draft v${version} is ${status}.`,
    decided: (name: string, version: number, decision: string, date: string) => `${name} ${decision === 'approve' ? 'approved' : 'requested changes to'} draft v${version} on ${date}.`,
    decidedHere: 'It was recorded from this link.',
    changesRequested: (name: string, version: number, date: string) => `${name} requested changes to draft v${version} on ${date}; the draft is back with the coordinator.`,
    bothApproved: (version: number) => `Both directors approved draft v${version}; the report is on its way to the SA Council secretariat.`,
  },
};

export type CommonTexts = typeof commonTexts;
