/**
 * Every text the web pages (and the fresh-link mail) show to people, in one place. English; a
 * translation would add a sibling object of the same `Texts` type and a way to choose it.
 * Dates are shown in the cycle's time zone, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)".
 */
import { DateTime } from 'luxon';
import type { AreaStatus, CommitmentStatus, DraftStatus, Role, Side, Stage } from '../domain/schemas';
import type { LinkStep } from './links';

const PARTNERSHIP = 'EU–Albania Security and Defence Partnership';

/** A local date-time as people read it, e.g. "Monday 30 March 2026, 23:59 (Europe/Brussels)". */
export function formatDateTime(instant: string | Date, timeZone = 'UTC'): string {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' })).setZone(timeZone);
  return dt.isValid ? `${dt.setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm')} (${timeZone})` : String(instant);
}

/** A short local date-time for tables, e.g. "Mon 30 Mar 2026, 23:59" (the page names the zone once). */
export function formatShortDateTime(instant: string | Date, timeZone = 'UTC'): string {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' })).setZone(timeZone);
  return dt.isValid ? dt.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm') : String(instant);
}

/** A short local date, e.g. "30 Mar 2026". */
export function formatShortDate(instant: string | Date, timeZone = 'UTC'): string {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' })).setZone(timeZone);
  return dt.isValid ? dt.setLocale('en-GB').toFormat('d LLL yyyy') : String(instant);
}

/** An address shown on a page that anyone holding the link can see: `g•••@example.al`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

const sideName = (side: Side) => (side === 'eu' ? 'EU' : 'Albanian');

export const en = {
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

  dashboard: {
    cyclesTitle: 'Review cycles',
    cyclesIntro: 'Every review cycle on this server, running and closed, as Temporal lists them. Figures come from each cycle\'s own state.',
    live: 'This page updates itself every few seconds; without JavaScript, reload it to see new figures.',
    updated: (time: string) => `Updated at ${time}.`,
    liveFailed: 'The latest figures could not be read; trying again in a few seconds.',
    noCycles: 'No review cycle yet. Start one with: npx sdp-review start',
    listFailed: 'Temporal did not list the cycles. Please reload the page in a minute.',
    columns: { year: 'Year', stage: 'Stage', submitted: 'Areas submitted', overdue: 'Overdue', nextDeadline: 'Next deadline', started: 'Started', closed: 'Closed' },
    areasOf: (n: number, total: number) => `${n} of ${total}`,
    running: 'running',
    workflowStatus: (status: string) =>
      ({ RUNNING: 'running', COMPLETED: 'closed', FAILED: 'failed', CANCELLED: 'cancelled in Temporal', TERMINATED: 'terminated', CONTINUED_AS_NEW: 'continued', TIMED_OUT: 'timed out' } as Record<string, string>)[status] ?? status.toLowerCase(),
    figuresUnavailable: 'not available',
    figuresUnavailableNote: (what: string) => `The cycle's own state could not be read (${what}); the row shows what Temporal's list gives.`,
    timesIn: (zone: string) => `Times are in ${zone}.`,
    timesInMixed: 'Times are in each cycle\'s time zone; start and close times in UTC when the cycle could not be read.',

    cycleTitle: (year: number) => `Review cycle ${year}`,
    backToCycles: 'All review cycles',
    temporalUi: 'This cycle\'s workflow in the Temporal UI',
    auditCsv: 'Event history (.csv, for spreadsheets)',
    auditJson: 'Event history (.json)',
    stateUnavailable: (message: string) => `The cycle's state could not be read: ${message}`,
    visibilityOnly: 'What Temporal\'s list says about it:',

    summaryHeading: 'Summary',
    figures: {
      stage: 'Stage',
      submitted: 'Areas submitted',
      overdue: 'Overdue',
      nextDeadline: 'Next deadline',
      kickoff: 'Kick-off',
      inputsDue: 'Inputs due',
      submissionDue: 'Submission due',
      started: 'Workflow started',
      closed: 'Workflow closed',
      submittedAt: 'Report submitted',
      cancelledAt: 'Cancelled',
    },
    overdueNone: 'none',
    overdueWhat: (n: number, stage: string) =>
      n === 0 ? 'none' : stage === 'collecting' ? (n === 1 ? '1 area' : `${n} areas`) : stage === 'drafting' ? 'the draft review' : stage === 'sign-off' ? (n === 1 ? '1 director\'s sign-off' : `${n} directors' sign-offs`) : String(n),
    deadlineWhat: (kind: 'area' | 'stage' | 'submission', stage: string, count?: number) =>
      kind === 'area' ? `input of ${count === 1 ? '1 area' : `${count ?? 0} areas`}` : kind === 'submission' ? 'submission to the SA Council' : `end of ${stage}`,
    noDeadline: 'none ahead',
    notYet: 'not yet',
    cancelledBy: (name: string, reason: string) => `by ${name}: ${reason}`,

    stagesHeading: 'Stages',
    stageState: { done: 'done', current: 'current stage', upcoming: 'to come' } as Record<'done' | 'current' | 'upcoming', string>,
    stageCancelled: 'cancelled during this stage',
    stageEntered: (date: string) => `since ${date}`,

    statusHeading: 'Areas at a glance',
    statusCategory: { submitted: 'Submitted', 'awaiting-input': 'Awaiting input', overdue: 'Overdue', reopened: 'Reopened', waived: 'Waived', missing: 'Missing' } as Record<string, string>,
    statusChartLabel: (parts: string) => `Areas by status: ${parts}.`,

    areasHeading: 'Areas of cooperation',
    areaColumns: { area: 'Area', status: 'Status', owners: 'Owners', due: 'Due', lastUpdate: 'Last update', nextReminder: 'Next reminder' },
    overdueBadge: 'Overdue',
    overdueBy: (days: number) => (days === 0 ? 'due date passed today' : days === 1 ? 'overdue by 1 day' : `overdue by ${days} days`),
    owner: (side: string, name: string) => `${side}: ${name}`,
    revision: (n: number) => `revision ${n}`,
    noUpdate: 'nothing yet',
    noReminder: 'none planned',

    timelineHeading: 'Timeline: planned and actual',
    timelineRows: { collecting: 'Collecting inputs', drafting: 'Drafting', 'sign-off': 'Director sign-off', submission: 'Submission' } as Record<string, string>,
    timelineLegend: {
      planned: 'Planned: kick-off to inputs due',
      due: 'Planned due date',
      actual: 'Actual time in the stage',
      late: 'In the stage after its due date',
      input: 'An input arrived',
      event: 'Draft assembled, decision or submission',
      now: 'Now',
    },
    timelineChartTitle: (year: number) => `Planned and actual dates of the ${year} cycle`,
    timelineChartDesc: (stage: string, inputsIn: number, total: number) => `The cycle is ${stage}. ${inputsIn} of ${total} areas have sent an input.`,
    timelineTable: { milestone: 'Stage', planned: 'Planned', actual: 'Actual' },
    plannedCollecting: (from: string, to: string) => `${from} to ${to}`,
    plannedDue: (date: string) => `due ${date}`,
    actualSpan: (from: string, to?: string) => (to ? `${from} to ${to}` : `since ${from}`),
    actualInputs: (n: number, total: number, last?: string) => `${n} of ${total} areas${last ? `; last input ${last}` : ''}`,
    inputsRow: 'Inputs received',
    kickoffRow: 'Kick-off',
    now: 'now',

    draftsHeading: 'Draft versions',
    noDrafts: 'No draft yet: drafts are assembled when collection closes.',
    draftTitle: (version: number) => `Draft v${version}`,
    draftMeta: (date: string, status: string) => `Assembled ${date}; ${status}.`,
    changedAreas: (from: number, to: number) => `Areas changed from v${from} to v${to}:`,
    noChangedAreas: (from: number, to: number) => `No area changed from v${from} to v${to}.`,
    changesPage: (from: number, to: number) => `Readable changes from v${from} to v${to} (.html)`,
    downloads: 'Downloads:',
    finalHeading: 'Submitted report',
    finalMeta: (date: string, version: number, to: string) => `Submitted ${date} (draft v${version} as signed) to ${to}.`,

    decisionsHeading: "Directors' decisions",
    noDecisions: 'No decision yet.',
    decisionColumns: { version: 'Draft', director: 'Director', decision: 'Decision', comment: 'Comment', when: 'When' },
    decision: (d: string) => (d === 'approve' ? 'Approved' : 'Requested changes'),
    noComment: 'no comment',

    eventsHeading: 'Event history',
    eventsIntro: (shown: number, total: number) => (shown < total ? `The latest ${shown} of ${total} events, newest first. The downloads have them all.` : `${total} events, newest first.`),
    eventColumns: { when: 'When', who: 'Who', what: 'What', channel: 'Through' },
    channel: { cli: 'command line', web: 'web link', schedule: 'schedule', system: 'system' } as Record<string, string>,
    action: (action: string): string =>
      ({
        'cycle-started': 'Cycle started',
        'stage-entered': 'Stage entered',
        'mail-sent': 'Mail sent',
        'mail-failed': 'Mail failed',
        'reminder-sent': 'Reminder sent',
        'contribution-submitted': 'Input submitted',
        'contribution-revised': 'Input revised',
        'deadline-extended': 'Deadline extended',
        'area-waived': 'Area waived',
        'collection-closed': 'Collection closed',
        'draft-assembled': 'Draft assembled',
        'draft-approved-for-sign-off': 'Draft approved for sign-off',
        'areas-reopened': 'Areas reopened',
        'draft-approved-by-director': 'Approved by a director',
        'changes-requested-by-director': 'Changes requested by a director',
        'draft-signed': 'Draft signed by both directors',
        'report-submitted': 'Report submitted',
        'rating-overridden': 'Rating overridden',
        'rating-override-removed': 'Rating override removed',
        'cycle-cancelled': 'Cycle cancelled',
      } as Record<string, string>)[action] ?? action,
    version: (v: number) => `draft v${v}`,

    fileLabel: (format: string, name: string) => ({ docx: `Word (.docx)`, html: `Web page (.html)`, md: `Markdown (.md)` } as Record<string, string>)[format] ?? name,
    unauthorizedTitle: 'Sign-in needed',
    unauthorized: 'The dashboard and the outbox need the credentials the secretariat set for this server (SDP_DASHBOARD_USER and SDP_DASHBOARD_PASSWORD). The links in your mails work without them.',
  },

  contribution: {
    title: (areaTitle: string) => `Input for «${areaTitle}»`,
    intro: (year: number, side: Side, name: string) => `${year} review cycle. You are the ${sideName(side)} owner of this area of cooperation (${name}). Either owner may submit; both may revise until collection closes.`,
    paragraphs: (ps: number[]) => `Partnership paragraphs: §${ps.join(', §')}`,
    due: (date: string) => `Due by ${date}.`,
    lastSubmission: (name: string, date: string, revision: number) => `Last submitted by ${name} on ${date} (revision ${revision}). The form shows that input: change what needs changing and submit again.`,
    nothingYet: 'Nothing has been submitted for this area yet.',
    reopened: (version: number, name: string) => `${name} reopened this area after draft v${version} of the report, with this comment:`,
    commitmentsHeading: 'Commitments',
    commitmentsHint: 'For each commitment of the Partnership in this area, choose its status this year and add a comment.',
    commitmentLegend: (paragraph: number, wording: string) => `§${paragraph} — ${wording}`,
    quoteSummary: 'Text of the Partnership',
    status: 'Status',
    comment: 'Comment',
    narrativeHeading: 'The year in this area',
    narrative: 'Narrative of the year',
    narrativeHint: 'What happened in this area in the reporting year. Required.',
    nextSteps: 'Next steps',
    nextStepsHint: 'What is planned next (optional).',
    deliverablesHeading: 'Deliverables',
    deliverablesHint: 'Concrete outputs: an exercise held, a training, an agreement signed. Leave a row empty to skip it.',
    deliverableLegend: (n: number) => `Deliverable ${n}`,
    deliverableTitle: 'Title',
    deliverableStatus: 'Status',
    deliverableDate: 'Date (optional)',
    deliverableDescription: 'Description (optional)',
    addRows: 'Add more deliverable rows',
    submit: 'Submit the input',
    submitHint: 'Nothing is recorded until you press this button.',
    errorSummary: 'The input was not recorded. Please correct the fields marked below; nothing you typed is lost.',
  },

  collection: {
    title: (year: number) => `Close collection: ${year} review`,
    intro: (name: string) => `You close the collection of inputs as the coordinator (${name}).`,
    allIn: (submitted: number, waived: number) => `All inputs are in: ${submitted} submitted, ${waived} waived.`,
    counts: (submitted: number, waived: number, awaiting: number) => `${submitted} submitted, ${waived} waived, ${awaiting} awaiting input.`,
    due: (date: string) => `Collection closes by itself on ${date}; until then, owners can still revise their input.`,
    areasHeading: 'Areas of cooperation',
    areaColumns: { area: 'Area', paragraphs: 'Paragraphs', status: 'Input', revision: 'Revision' },
    closeHeading: 'Close collection',
    closeText: 'No owner can submit or revise an input after this. Draft v1 of the report is assembled from the inputs on record and mailed to you for review.',
    closeAwaiting: (awaiting: number) => `${awaiting === 1 ? '1 area is' : `${awaiting} areas are`} still awaiting input; ${awaiting === 1 ? 'it' : 'they'} will be marked as missing in the draft.`,
    close: 'Close collection and assemble the draft',
  },

  review: {
    title: (version: number, year: number) => `Draft v${version} of the ${year} progress report`,
    intro: (name: string) => `You review this draft as the coordinator (${name}).`,
    assembled: (date: string) => `Assembled on ${date}.`,
    status: (label: string) => `Status: ${label}.`,
    due: (date: string) => `Please decide by ${date}.`,
    changed: (areas: string) => `Areas changed since the previous version: ${areas}.`,
    changesRequested: 'This draft came back from the directors with a request for changes. Approve it again for a new round of sign-off, or reopen the areas concerned.',
    downloads: 'Download the draft',
    areasHeading: 'Areas of cooperation',
    areaColumns: { area: 'Area', paragraphs: 'Paragraphs', status: 'Input', revision: 'Revision' },
    approveHeading: 'Approve for sign-off',
    approveText: 'Both directors receive the draft by mail, each to approve it or request changes.',
    approve: (version: number) => `Approve draft v${version} for sign-off`,
    reopenHeading: 'Reopen areas',
    reopenText: 'The owners of the chosen areas receive your comment by mail and revise their input; a new draft follows.',
    reopenLegend: 'Areas to reopen',
    reopenWaived: 'waived, cannot be reopened',
    comment: 'Comment to the owners',
    reopen: 'Reopen the chosen areas',
    chooseArea: 'Choose at least one area to reopen.',
    writeComment: 'Write a comment for the owners.',
    errorSummary: 'Nothing was recorded. Please correct the fields marked below.',
  },

  signOff: {
    title: (version: number, year: number) => `Sign-off: draft v${version} of the ${year} progress report`,
    intro: (side: Side, name: string) => `You sign off as the ${sideName(side)} co-chair of the Security and Defence Dialogue (${name}).`,
    summaryHeading: 'Summary of the draft',
    summary: (version: number, date: string, areas: number) => `Draft v${version}, assembled on ${date}, covering ${areas} areas of cooperation.`,
    due: (date: string) => `Please decide by ${date}.`,
    otherApproved: (name: string, date: string) => `${name}, the other co-chair, approved this version on ${date}.`,
    otherPending: (name: string) => `${name}, the other co-chair, has not decided yet.`,
    downloads: 'Download the draft',
    tableHeading: 'Status of the areas',
    tableColumns: { area: 'Area', input: 'Input', achieved: 'Achieved', ongoing: 'Ongoing', inProgress: 'In progress', notStarted: 'Not started' },
    decisionHeading: 'Your decision',
    comment: 'Comment',
    commentHint: 'Optional when you approve; required when you request changes.',
    approve: (version: number) => `Approve draft v${version}`,
    requestChanges: 'Request changes',
    writeComment: 'Write what should change.',
    errorSummary: 'Nothing was recorded. Please correct the fields marked below.',
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

  outcome: {
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

  fresh: {
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
  },

  outbox: {
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
  },
};

export type Texts = typeof en;
